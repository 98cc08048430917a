import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openGoalpost, silentLogger, systemClock } from '../src/index.js';
import { packageRoot } from '../src/paths.js';
import {
  eventBody,
  FORM,
  JSON_TYPE,
  signSlackRequest,
  slashCommandBody,
} from '../test/fakes/slack-signing.js';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack-web-api.js';
import { buildOutcomeLog } from './dataset.js';
import { type Figure, figure } from './stats.js';

const SECRET = 'bench-signing-secret-1234';

let sent = 0;

/**
 * Requests Slack would send: slash commands (each with a response_url of its own, as Slack gives
 * every command) and reaction events (each with an event id of its own), signed.
 */
function requests(
  slack: FakeSlack,
  n: number,
  refs: readonly string[],
): Array<{ body: string; type: string }> {
  return Array.from({ length: n }, (_, i) => {
    const id = sent++;
    return i % 3 === 2
      ? {
          type: JSON_TYPE,
          body: eventBody({
            eventId: `EvBench${id}`,
            event: {
              type: 'reaction_added',
              user: 'UADMIN',
              reaction: 'white_check_mark',
              item: { type: 'message', channel: 'C1', ts: '1.0' },
              event_ts: '1',
            },
          }),
        }
      : {
          type: FORM,
          body: slashCommandBody({
            userId: 'UADMIN',
            channelId: 'C1',
            text: i % 3 === 0 ? `approve ${refs[i % refs.length]}` : 'tasks',
            responseUrl: slack.responseUrl(`ack-${id}`),
          }),
        };
  });
}

/**
 * The load generator's connections to each app: kept alive, at most 50 (the highest concurrency),
 * as a load generator keeps one connection per request in flight. Node's fetch opened connections
 * past that under a burst (a hundred for fifty in flight), and a request waiting on one of them
 * counted its opening as the app's ack time.
 */
const agents = new Map<string, Agent>();

/** POSTs `r` to `url` on its app's connections; resolves when the answer (the ack) has been read. */
function post(url: string, r: { body: string; type: string }): Promise<void> {
  let agent = agents.get(url);
  if (agent === undefined) {
    agent = new Agent({ keepAlive: true, maxSockets: 50 });
    agents.set(url, agent);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': r.type,
          'content-length': Buffer.byteLength(r.body),
          ...signSlackRequest(SECRET, r.body),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`the app answered ${res.statusCode}`)),
        );
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(r.body);
  });
}

/** Sends `list` with `concurrency` in flight; each sample is the time to the HTTP answer (the ack). */
async function fire(
  url: string,
  list: Array<{ body: string; type: string }>,
  concurrency: number,
): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const r = list[next++];
      if (!r) return;
      const start = performance.now();
      // A keep-alive connection the app closed just as it was reused is retried once, as a client would.
      for (let attempt = 1; ; attempt++) {
        try {
          await post(url, r);
          break;
        } catch (error) {
          if (attempt >= 2) throw error;
        }
      }
      samples.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

/** A server in its own process, as in production: the load generator never shares its event loop. */
interface Served {
  url: string;
  close(): Promise<void>;
}

/** Spawns `args` with `env` and resolves once its stdout names the URL it serves (`pattern`). */
function serve(args: string[], env: Record<string, string>, pattern: RegExp, path: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m?.[1] && !out.includes('\u0000')) {
        out += '\u0000';
        resolve({
          url: `${m[1]}${path}`,
          close: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before serving: ${out}${err}`)));
  });
}

/** A Bolt app that only acks (bench/bare-bolt.ts): the floor any Slack app on this machine starts from. */
const bareBolt = (apiUrl: string): Promise<Served> =>
  serve(
    [join(packageRoot(), 'dist/bench/bare-bolt.js')],
    { SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl },
    /listening on (http:\/\/\S+)/,
    '/slack/events',
  );

/** Goalpost exactly as `npm start` runs it with Slack configured: digests on its job worker. */
const goalpost = (dbPath: string, apiUrl: string): Promise<Served> =>
  serve(
    [join(packageRoot(), 'dist/src/main.js')],
    {
      GOALPOST_DB: dbPath,
      GOALPOST_WORKSPACE: TEAM,
      GOALPOST_ADMINS: 'slack:UADMIN',
      GOALPOST_CONSOLE: 'off',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
    },
    /HTTP API on (http:\/\/\S+)/,
    '/slack/events',
  );

/** Proposes a batch in the workspace at `dbPath`, so approvals have tasks to decide. */
function proposeBatch(dbPath: string): string[] {
  const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger, admins: ['slack:UADMIN'] });
  const refs = opened.app.engine
    .generate(opened.app.context(TEAM_ADMIN), { maxTasks: 5 })
    .tasks.map((t) => t.ref ?? 'T-1');
  opened.close();
  return refs;
}

/** The team the ack bench's workspace belongs to, and its admin. */
export const TEAM = 'T0GOALPOST';
const TEAM_ADMIN = {
  workspaceId: TEAM,
  actor: 'slack:UADMIN',
  source: 'slack' as const,
  role: 'admin' as const,
};

/**
 * How many outcomes the learn during heavy work folds, how many digests run beside it, and how
 * long acks are measured at most while waiting for them all to finish.
 */
export const HEAVY = { outcomes: 1_000_000, digests: 10, limitMs: 600_000 } as const;

/**
 * The team whose workspace (in the same database file) holds the outcome log the heavy learn folds:
 * a workspace of its own, so the digests plan over the 10,000 projects they are meant to, not over
 * a million extra closed tasks.
 */
const LOG_TEAM = 'T0OUTCOMES';

/**
 * Copies the bench's outcome log (bench/dataset.ts `buildOutcomeLog`: `outcomes` done/failed tasks
 * with their events and outcomes) into the workspace of LOG_TEAM in the database at `dbPath`, so
 * the bot's own `/goalpost learn` has a million outcomes to fold in the file it serves.
 */
function addOutcomeLog(dbPath: string, outcomes: number): void {
  const logPath = buildOutcomeLog(dirname(dbPath), outcomes, LOG_TEAM);
  const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
  opened.app.context({ ...TEAM_ADMIN, workspaceId: LOG_TEAM });
  opened.close();
  const db = new Database(dbPath);
  db.prepare('ATTACH DATABASE ? AS log').run(logPath);
  db.transaction(() => {
    const first = Number(
      db.prepare("SELECT min(id) FROM log.tasks WHERE memory_key LIKE 'log:%'").pluck().get(),
    );
    const shift = Number(db.prepare('SELECT coalesce(max(id), 0) FROM main.tasks').pluck().get()) + 1 - first;
    db.prepare(
      `INSERT INTO main.tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, assignee,
         memory_key, created_at, updated_at)
       SELECT id + @shift, workspace_id, seq, title, category, priority, status, fingerprint, assignee,
         memory_key, created_at, updated_at
       FROM log.tasks WHERE id >= @first`,
    ).run({ shift, first });
    db.prepare(
      `INSERT INTO main.task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
       SELECT workspace_id, task_id + @shift, type, from_status, to_status, actor, source, note, data, created_at
       FROM log.task_events WHERE task_id >= @first ORDER BY id`,
    ).run({ shift, first });
    db.prepare(
      `INSERT INTO main.task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
       SELECT task_id + @shift, workspace_id, category, assignee, success, minutes, note, recorded_at
       FROM log.task_outcomes WHERE task_id >= @first`,
    ).run({ shift, first });
  })();
  db.prepare('DETACH DATABASE log').run();
  db.close();
  rmSync(logPath, { force: true });
}

export interface AckFigures {
  /** A bare Bolt app that only acks, in the same run: the floor. */
  bare: Record<1 | 50, Figure>;
  goalpost: Record<1 | 50, Figure>;
  /** Concurrency 50 while HEAVY.digests `/goalpost digest`s and a `/goalpost learn` run. */
  duringHeavy: Figure;
  /** Digests completed while `duringHeavy` was measured. */
  digests: number;
  /** Outcomes the learn folded while `duringHeavy` was measured (0: it had not answered). */
  learned: number;
}

/** At least this many acks per figure, so its p99 is a p99 (five samples above it). */
const SAMPLES = 600;

/**
 * Ack latency of signed slash commands and reaction events over loopback, at concurrency 1 and
 * 50, for Goalpost (over the workspace at `dbPath`) and for a bare Bolt app; then Goalpost's again
 * while ten `/goalpost digest`s of that workspace and a `/goalpost learn` over a million outcomes
 * (in a second workspace of the same file, added first) run in the bot.
 */
export async function ackLatency(dbPath: string): Promise<AckFigures> {
  addOutcomeLog(dbPath, HEAVY.outcomes);
  // The person sending every request is a member of the workspace, as on Slack: users.info tells
  // their time zone.
  const slack = await startFakeSlack({ users: { UADMIN: { name: 'admin', tz: 'UTC' } } });
  const refs = proposeBatch(dbPath);
  const bare = await bareBolt(slack.apiUrl);
  const real = await goalpost(dbPath, slack.apiUrl);
  const list = (n: number) => requests(slack, n, refs);
  // Each app is warmed at concurrency 50 just before it is measured there, so that neither app's
  // figure counts the load generator opening connections (idle ones close after five seconds).
  const measure = async (url: string): Promise<Record<1 | 50, Figure>> => {
    await fire(url, list(50), 5);
    const at1 = figure(await fire(url, list(SAMPLES), 1));
    await fire(url, list(100), 50);
    return { 1: at1, 50: figure(await fire(url, list(SAMPLES), 50)) };
  };
  const out: AckFigures = {
    bare: await measure(bare.url),
    goalpost: await measure(real.url),
    duringHeavy: { median: 0, p99: 0, n: 0 },
    digests: 0,
    learned: 0,
  };
  const heavy = startHeavyWork(real.url, slack);
  const samples: number[] = [];
  // Measured until the heavy work is over (or HEAVY.limitMs passed: `digests` and `learned` say what finished).
  const until = performance.now() + HEAVY.limitMs;
  while (samples.length < SAMPLES || (!heavy.done() && performance.now() < until)) {
    samples.push(...(await fire(real.url, list(100), 50)));
  }
  out.duringHeavy = figure(samples);
  out.digests = heavy.digests();
  out.learned = heavy.learned();
  await real.close();
  await bare.close();
  await slack.close();
  return out;
}

/**
 * Asks the bot, at once, for HEAVY.digests digests of the whole workspace and a learn over the log,
 * as people in a channel would; reports when every digest has reached Slack and the learn answered.
 */
function startHeavyWork(url: string, slack: FakeSlack) {
  const send = (text: string, responseName: string, teamId = TEAM) => {
    const body = slashCommandBody({
      teamId,
      userId: 'UADMIN',
      channelId: 'C1',
      text,
      responseUrl: slack.responseUrl(responseName),
    });
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': FORM, ...signSlackRequest(SECRET, body) },
      body,
    }).then((r) => r.arrayBuffer());
  };
  const digests = () =>
    slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('digest for')).length;
  const learned = () => {
    const answer = slack.responses.find((r) => r.name === 'learn');
    const m = answer ? /([\d,]+) outcomes?/.exec(JSON.stringify(answer.body)) : null;
    return m?.[1] ? Number(m[1].replace(/,/g, '')) : answer ? -1 : 0;
  };
  void send('learn', 'learn', LOG_TEAM);
  for (let i = 0; i < HEAVY.digests; i++) void send('digest --max-tasks 5', `digest-${i}`);
  return { digests, learned, done: () => digests() >= HEAVY.digests && learned() !== 0 };
}

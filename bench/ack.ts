import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openGoalpost, silentLogger, systemClock } from '../src/index.js';
import { packageRoot } from '../src/paths.js';
import {
  eventBody,
  FORM,
  JSON_TYPE,
  signSlackRequest,
  slashCommandBody,
} from '../test/fakes/slack-signing.js';
import { startFakeSlack } from '../test/fakes/slack-web-api.js';
import { type Figure, figure } from './stats.js';

const SECRET = 'bench-signing-secret-1234';

/** A request Slack would send: a slash command or a reaction event, signed. */
function requests(
  responseUrl: string,
  n: number,
  refs: readonly string[],
): Array<{ body: string; type: string }> {
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 2
      ? {
          type: JSON_TYPE,
          body: eventBody({
            eventId: `EvBench${i}`,
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
            responseUrl,
          }),
        },
  );
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
      // A keep-alive socket the server closed just as it was reused is retried once, as a client would.
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': r.type, ...signSlackRequest(SECRET, r.body) },
            body: r.body,
          });
          await res.arrayBuffer();
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

export interface AckFigures {
  bare: Record<1 | 50, Figure>;
  goalpost: Record<1 | 50, Figure>;
  duringHeavy: Figure;
  /** Digests completed while `duringHeavy` was measured. */
  digests: number;
}

/**
 * Ack latency of signed slash commands and reaction events over loopback, at concurrency 1 and
 * 50, for Goalpost (over the workspace at `dbPath`) and for a bare Bolt app; then Goalpost's again
 * while people keep asking it for a digest of that workspace (`/goalpost digest`, one after another).
 */
export async function ackLatency(dbPath: string): Promise<AckFigures> {
  const slack = await startFakeSlack();
  const refs = proposeBatch(dbPath);
  const bare = await bareBolt(slack.apiUrl);
  const real = await goalpost(dbPath, slack.apiUrl);
  const list = requests(slack.responseUrl('bench'), 600, refs);
  await fire(bare.url, list.slice(0, 50), 5);
  await fire(real.url, list.slice(0, 50), 5);
  const out: AckFigures = {
    bare: {
      1: figure(await fire(bare.url, list.slice(0, 200), 1)),
      50: figure(await fire(bare.url, list, 50)),
    },
    goalpost: {
      1: figure(await fire(real.url, list.slice(0, 200), 1)),
      50: figure(await fire(real.url, list, 50)),
    },
    duringHeavy: { median: 0, p99: 0, n: 0 },
    digests: 0,
  };
  // Digests back to back: each waits for the previous one's header to reach Slack.
  let busy = true;
  const digest = slashCommandBody({
    userId: 'UADMIN',
    channelId: 'C1',
    text: 'digest --max-tasks 5',
    responseUrl: slack.responseUrl('digest'),
  });
  const headers = () =>
    slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('digest for')).length;
  const loop = async () => {
    while (busy) {
      const before = headers();
      await fetch(real.url, {
        method: 'POST',
        headers: { 'content-type': FORM, ...signSlackRequest(SECRET, digest) },
        body: digest,
      });
      await slack.waitFor(() => headers() > before, 120_000);
      out.digests += 1;
    }
  };
  const running = loop();
  await new Promise((r) => setTimeout(r, 200)); // the first digest is under way
  const samples: number[] = [];
  while (samples.length < 900 && (out.digests < 2 || samples.length < 300)) {
    samples.push(...(await fire(real.url, list.slice(0, 300), 50)));
  }
  out.duringHeavy = figure(samples);
  busy = false;
  await running;
  await real.close();
  await bare.close();
  await slack.close();
  return out;
}

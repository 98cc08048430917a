import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.js';
import { createMetricsWebhookHandler } from '../../adapters/http/metrics-webhook.js';
import {
  type DigestHeaderView,
  digestReply,
  type OpenedGoalpost,
  openGoalpost,
  signWebhook,
  silentLogger,
} from '../../src/index.js';
import { type LogLine, recordingLogger } from '../helpers/discord-bot.js';
import { FIXTURE_NOW, manualClock, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const NOW_S = Date.parse(FIXTURE_NOW) / 1000;

interface Push {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

/** A refused push's error, in the API's shape. */
const errorOf = (r: Push) =>
  r.body.error as { code: string; message: string; field?: string; requestId?: string };

describe('POST /metrics/webhook/<source>: metrics pushed by other systems, signed', () => {
  const tempDir = useTempDir();
  let dbPath: string;
  let goalpost: ReturnType<typeof cliFor>;
  let opened: OpenedGoalpost;
  let server: HttpServer;
  let base: string;
  let secret: string;
  let clock = manualClock();
  let logs: LogLine[] = [];

  /** Adds a source with the CLI, as an admin would, and returns the secret it printed once. */
  async function addSource(name: string, ...flags: string[]): Promise<string> {
    const r = await goalpost('metric', 'source', 'add', name, ...flags);
    expect(r.stderr).toBe('');
    const printed = /secret: (whsec_\S+)/.exec(r.stdout)?.[1];
    if (!printed) throw new Error(`no secret in ${r.stdout}`);
    return printed;
  }

  async function push(
    source: string,
    body: unknown,
    options: { secret?: string; t?: number; signature?: string | null; contentType?: string } = {},
  ): Promise<Push> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const signature =
      options.signature === undefined
        ? signWebhook(options.secret ?? secret, options.t ?? clock.now().getTime() / 1000, text)
        : options.signature;
    const res = await fetch(`${base}/metrics/webhook/${source}`, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        ...(signature === null ? {} : { 'x-goalpost-signature': signature }),
      },
      body: text,
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, unknown>,
    };
  }

  const signups = () => opened.app.goals.list(OPERATOR).find((g) => g.goal.metric === 'signups');
  const points = () =>
    opened.store.db
      .prepare('SELECT metric, value, observed_at, push_source FROM metric_observations ORDER BY id')
      .all();

  beforeEach(async () => {
    clock = manualClock();
    logs = [];
    const quick = openQuickStart(tempDir(), clock);
    quick.app.goals.add(OPERATOR, { metric: 'signups', target: 500, by: '2027-03-31', baseline: 100 });
    dbPath = quick.dbPath;
    quick.close();
    goalpost = cliFor(dbPath, FIXTURE_NOW);
    secret = await addSource('analytics', '--every', '1d');
    opened = openGoalpost({ dbPath, clock, logger: silentLogger });
    server = createHttpServer({ app: opened.app, logger: silentLogger, clock });
    server.mount(
      '/metrics/webhook',
      createMetricsWebhookHandler({ app: opened.app, clock, logger: recordingLogger(logs) }),
    );
    base = (await server.listen(0, '127.0.0.1')).url;
  });
  afterEach(async () => {
    await server.close();
    opened.close();
  });

  it('records a signed batch, and the goal reads it as its current value', async () => {
    const r = await push('analytics', [
      { name: 'signups', value: 180, at: '2026-11-19', context: { campaign: 'launch' } },
      { name: 'signups', value: 210, at: '2026-11-20T09:00:00Z' },
      { name: 'activation_rate', value: 0.41, at: '2026-11-20T09:00:00Z' },
    ]);
    expect(r).toEqual({
      status: 200,
      retryAfter: null,
      body: {
        ok: true,
        source: 'analytics',
        points: 3,
        added: 3,
        updated: 0,
        unchanged: 0,
        untracked: ['activation_rate'],
      },
    });
    expect(signups()).toMatchObject({ current: 210, currentAt: '2026-11-20T09:00:00.000Z' });
    const listed = await goalpost('metric', 'source', 'list', '--json');
    expect(listed.json()).toMatchObject([
      {
        name: 'analytics',
        lastPushAt: '2026-11-21T09:00:00.000Z',
        silent: false,
        series: [
          { metric: 'activation_rate', points: 1 },
          { metric: 'signups', points: 2 },
        ],
      },
    ]);
  });

  it('keeps one point per metric, time and source: a repeated push changes nothing, a corrected one rewrites it', async () => {
    const batch = { points: [{ name: 'signups', value: 180, at: '2026-11-19' }] };
    await push('analytics', batch);
    const again = await push('analytics', batch);
    expect(again.body).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    const corrected = await push('analytics', {
      points: [{ name: 'signups', value: 185, at: '2026-11-19T00:00:00Z' }],
    });
    expect(corrected.body).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    expect(points()).toEqual([
      { metric: 'signups', value: 185, observed_at: '2026-11-19T00:00:00.000Z', push_source: 'analytics' },
    ]);
    // A push taken already, received again with its signature (a retry, or one captured and
    // replayed after the correction), writes nothing again: the point keeps 185.
    const replayed = await push('analytics', batch);
    expect(replayed.body).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 1,
      repeated: 'this signed push was taken already: nothing was written again',
    });
    expect(points()).toEqual([
      { metric: 'signups', value: 185, observed_at: '2026-11-19T00:00:00.000Z', push_source: 'analytics' },
    ]);
    // The same metric and time from another source is another point.
    const ci = await addSource('ci');
    await push('ci', [{ name: 'signups', value: 190, at: '2026-11-19' }], { secret: ci });
    expect(points()).toHaveLength(2);
  });

  it("takes a date alone as today in the workspace's time zone, and refuses the day after", async () => {
    // The bot of a team in Tokyo (GOALPOST_TIME_ZONE), at 08:30 there: still yesterday in UTC.
    await server.close();
    opened.close();
    clock.advance(14.5 * 3_600_000); // 2026-11-21T23:30:00Z
    opened = openGoalpost({ dbPath, clock, logger: silentLogger, defaultTimeZone: 'Asia/Tokyo' });
    server = createHttpServer({ app: opened.app, logger: silentLogger, clock });
    server.mount(
      '/metrics/webhook',
      createMetricsWebhookHandler({ app: opened.app, clock, logger: silentLogger }),
    );
    base = (await server.listen(0, '127.0.0.1')).url;

    const today = await push('analytics', [{ name: 'signups', value: 230, at: '2026-11-22' }]);
    expect(today.status).toBe(200);
    expect(signups()?.current).toBe(230);
    const tomorrow = await push('analytics', [{ name: 'signups', value: 240, at: '2026-11-23' }]);
    expect(tomorrow.status).toBe(400);
    expect(errorOf(tomorrow).message).toBe(
      'points.0.at: 2026-11-23 is in the future (today is 2026-11-22 in Asia/Tokyo); nothing was written',
    );
  });

  it('refuses a batch with one bad point whole, naming it, and writes nothing', async () => {
    const bad = [
      { name: 'signups', value: 200, at: '2026-11-20' },
      { name: 'signups', value: '12', at: '2026-11-20' },
    ];
    const r = await push('analytics', bad);
    expect(r.status).toBe(400);
    // As the API answers a refusal, so a sender's script reads both alike.
    expect(r.body).toEqual({
      error: {
        code: 'E_VALIDATION',
        message: 'points.1.value: a number like 42 (got "12"); nothing was written',
        field: 'points.1.value',
      },
    });
    const cases: Array<[unknown, string]> = [
      [[{ name: 'signups', value: 1 }], 'points.0.at'],
      [[{ name: 'signups', value: 1, at: '2026-11-20', when: 'x' }], 'points.0.when: not a field here'],
      [[{ name: 'Sign ups', value: 1, at: '2026-11-20' }], 'points.0.name'],
      [[{ name: 'mrr', value: 900, at: '2026-11-20' }], 'mrr is monthly revenue'],
      [[{ name: 'signups', value: 1, at: '2026-11-23' }], 'is in the future'],
      [
        [{ name: 'signups', value: 1, at: '1969-12-31T23:59:59Z' }],
        'points.0.at: 1969-12-31T23:59:59Z is out of range (a time in the years 1970 to 9999, UTC)',
      ],
      [
        [{ name: 'signups', value: 1, at: '0000-01-01T00:00:00+01:00' }],
        'points.0.at: 0000-01-01T00:00:00+01:00 is out of range (a time in the years 1970 to 9999, UTC)',
      ],
      [[{ name: 'signups', value: 1, at: '2026-11-20', context: { Campaign: 'x' } }], 'context'],
      [
        [{ name: 'signups', value: 1, at: '2026-11-20', context: { campaign: 'launch\u001b[2J' } }],
        'points.0.context.campaign: one line without control characters or tabs',
      ],
      [[{ name: 'signups', value: 1, at: '2026-02-30' }], 'points.0.at'],
      [[{ name: 'signups', value: 1, at: '2026-02-29T10:00:00Z' }], 'points.0.at'],
      [[{ name: 'signups', value: 1e308, at: '2026-11-20' }], 'at most 10^15 either way'],
      [[], 'at least one point'],
      [
        [
          { name: 'signups', value: 1, at: '2026-11-20' },
          { name: 'signups', value: 2, at: '2026-11-20T00:00:00Z' },
        ],
        'already in this push as point 0 with another value (1)',
      ],
    ];
    for (const [body, message] of cases) {
      const refused = await push('analytics', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(refused).code).toBe('E_VALIDATION');
      expect(errorOf(refused).message).toContain(message);
      // The field is the point's, as the message names it (`points.0.at`), not a bare `at`.
      expect(errorOf(refused).field).toBe(/^(points[.\w]*):/.exec(errorOf(refused).message)?.[1]);
    }
    // Read, 1e309 is Infinity, which a refusal quoted as JSON writes it: `(got null)`.
    const huge = await push('analytics', '[{"name":"signups","value":1e309,"at":"2026-11-20"}]');
    expect(huge).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'E_VALIDATION',
          message: 'points.0.value: a number too large to read (got 1e309); nothing was written',
          field: 'points.0.value',
        },
      },
    });
    // Half a surrogate pair is no character: stored, it was bytes no UTF-8 reader takes.
    const lone = await push(
      'analytics',
      '[{"name":"signups","value":5,"at":"2026-11-20","context":{"plan":"pro \\ud800"}}]',
    );
    expect(lone).toMatchObject({
      status: 400,
      body: { error: { code: 'E_VALIDATION', field: 'points.0.context.plan' } },
    });
    expect(errorOf(lone).message).toMatch(/^points\.0\.context\.plan: holds half of a UTF-16 surrogate pair/);
    const notJson = await push('analytics', '{"points": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ code: 'E_VALIDATION', field: 'body' });
    expect(errorOf(notJson).message).toContain('the body is not JSON');
    // An ambiguous push, or one with a field it does not know, is not acted on.
    const point = '{"name":"signups","value":5,"at":"2026-11-20"}';
    const twice = await push('analytics', `{"points":[${point}],"points":[]}`);
    expect(twice).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'E_VALIDATION',
          message: 'points: given twice; give it once; nothing was written',
          field: 'points',
        },
      },
    });
    const extra = await push('analytics', { points: [JSON.parse(point)], x: 1 });
    expect(extra.status).toBe(400);
    expect(errorOf(extra)).toMatchObject({ code: 'E_VALIDATION', field: 'x' });
    expect(errorOf(extra).message).toContain('x: not a field here');
    expect(points()).toEqual([]);
    expect(opened.app.metricSources.list(OPERATOR)[0]?.lastPushAt).toBeNull();
  });

  it('answers a failure of its own with the id it is logged under, and no internals', async () => {
    opened.db.close();
    const r = await push('analytics', [{ name: 'signups', value: 1, at: '2026-11-20' }]);
    expect(r.status).toBe(500);
    expect(errorOf(r).code).toBe('E_INTERNAL');
    const said = /^Something went wrong on our side \(error ([0-9a-f]{8})\); it has been logged$/.exec(
      errorOf(r).message,
    );
    expect(said, errorOf(r).message).not.toBeNull();
    // As the API's: the id in a field of its own, and the log under the same name.
    expect(errorOf(r).requestId).toBe(said?.[1]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'metric push failed',
        obj: expect.objectContaining({ requestId: said?.[1] }),
      }),
    );
  });

  it('answers a push while another process holds the write lock as the API does: 503, Retry-After, said once', async () => {
    opened.db.pragma('busy_timeout = 0');
    const holder = new Database(dbPath);
    try {
      holder.exec('BEGIN EXCLUSIVE');
      holder.exec('UPDATE workspaces SET name = name');
      const r = await push('analytics', [{ name: 'signups', value: 210, at: '2026-11-20' }]);
      expect(r).toEqual({
        status: 503,
        retryAfter: '1',
        body: {
          error: {
            code: 'E_DB_BUSY',
            message:
              'the database is busy: another process held its lock too long; nothing was written, try again',
          },
        },
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(points()).toEqual([]);
  });

  // A review found every webhook answering `{"error": "…"}` where the API answers
  // `{"error": {"code", "message"}}`: a script that pushes and calls the API read two shapes.
  it('answers a wrong method and a push over the limit with the API’s codes, writing nothing', async () => {
    const get = await fetch(`${base}/metrics/webhook/analytics`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toEqual({
      error: { code: 'E_METHOD_NOT_ALLOWED', message: 'push metrics with POST' },
    });
    const large = await push('analytics', `[${' '.repeat(1024 * 1024)}]`);
    expect(large).toMatchObject({
      status: 413,
      body: { error: { code: 'E_TOO_LARGE', message: 'a push is at most 1048576 bytes' } },
    });
    expect(points()).toEqual([]);
  });

  // A review's push sent as text/plain (or a form, curl's --data alone) was taken: the API answers 415.
  it('asks for a push sent as anything but JSON to be sent as JSON, writing nothing', async () => {
    const batch = [{ name: 'signups', value: 999, at: '2026-11-20' }];
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await push('analytics', batch, { contentType });
      expect(r, contentType).toMatchObject({
        status: 415,
        body: {
          error: {
            code: 'E_UNSUPPORTED_MEDIA_TYPE',
            message: `send the push as JSON with Content-Type: application/json (got ${contentType}); nothing was written`,
          },
        },
      });
    }
    expect((await push('analytics', batch, { contentType: 'application/json; charset=utf-8' })).status).toBe(
      200,
    );
  });

  it('refuses a push without a valid, fresh signature, or to a source that is not there', async () => {
    const batch = [{ name: 'signups', value: 999, at: '2026-11-20' }];
    const unsigned = await push('analytics', batch, { signature: null });
    expect(unsigned.status).toBe(401);
    expect(errorOf(unsigned).code).toBe('E_UNAUTHORIZED');
    expect(errorOf(unsigned).message).toContain('missing X-Goalpost-Signature');
    const forged = await push('analytics', batch, { secret: 'whsec_notTheSourcesSecret' });
    expect(forged.status).toBe(401);
    const replayed = await push('analytics', batch, { t: NOW_S - 600 });
    expect(replayed.status).toBe(401);
    expect(errorOf(replayed).code).toBe('E_UNAUTHORIZED');
    expect(errorOf(replayed).message).toContain('does not verify for source "analytics"');
    const unknown = await push('marketing', batch);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('E_NOT_FOUND');
    expect(errorOf(unknown).message).toContain('goalpost metric source add marketing');
    await goalpost('metric', 'source', 'remove', 'analytics');
    expect((await push('analytics', batch)).status).toBe(404);
    expect(points()).toEqual([]);
  });

  it('tells two workspaces’ sources of one name apart by their secrets', async () => {
    const other = cliFor(dbPath, FIXTURE_NOW, { GOALPOST_WORKSPACE: 'acme' });
    const r = await other('metric', 'source', 'add', 'analytics');
    const acme = /secret: (whsec_\S+)/.exec(r.stdout)?.[1] ?? '';
    await push('analytics', [{ name: 'signups', value: 7, at: '2026-11-20' }], { secret: acme });
    await push('analytics', [{ name: 'signups', value: 210, at: '2026-11-20' }]);
    expect(
      opened.store.db
        .prepare('SELECT workspace_id, value FROM metric_observations ORDER BY workspace_id')
        .all(),
    ).toEqual([
      { workspace_id: 'acme', value: 7 },
      { workspace_id: 'default', value: 210 },
    ]);
  });

  it('lists a source that stopped pushing as silent once two of its intervals pass', async () => {
    await push('analytics', [{ name: 'signups', value: 210, at: '2026-11-20' }]);
    clock.advance(47 * 3_600_000);
    expect(opened.app.metricSources.silent(OPERATOR)).toEqual([]);
    clock.advance(2 * 3_600_000);
    expect(opened.app.metricSources.silent(OPERATOR).map((s) => s.name)).toEqual(['analytics']);
  });

  it('shows in the digest where a goal’s figure comes from, and warns once its source goes quiet', async () => {
    await push('analytics', [{ name: 'signups', value: 210, at: '2026-11-20' }]);
    clock.advance(3 * 60_000);
    const header = () =>
      digestReply(opened.app, OPERATOR, { date: '2026-11-21' }).messages[0] as DigestHeaderView;
    const fresh = header();
    expect(fresh.goalsAtRisk.find((g) => g.label.startsWith('signups'))?.freshness).toBe(
      'signups from analytics, updated 3 min ago',
    );
    expect(fresh.warnings).toEqual([]);
    clock.advance(3 * 86_400_000);
    const quiet = header();
    expect(quiet.goalsAtRisk.find((g) => g.label.startsWith('signups'))?.freshness).toBe(
      'signups from analytics, updated 3 days ago',
    );
    expect(quiet.warnings).toEqual([
      'Metric source analytics last pushed 3 days ago (expected every 1d): signups may be stale',
    ]);
  });
});

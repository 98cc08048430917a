import { createHmac, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookDeliverer,
  isPrivateAddress,
  silentLogger,
  verifyWebhookSignature,
} from '../../src/index.js';
import { manualClock, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
/** Whether this machine's own name resolves to a private address (it does in containers, via /etc/hosts). */
const nameIsPrivate = await lookup(hostname(), { all: true }).then(
  (all) => all.length > 0 && all.every((a) => isPrivateAddress(a.address)),
  () => false,
);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback answering with `statuses` in turn (the last one repeats). */
async function receiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

/**
 * A receiver on loopback that takes requests and answers none until `release()` (then 200, and to
 * every later one at once), as one that hangs until the deliverer's timeout.
 */
async function hangingReceiver() {
  const waiting: Array<() => void> = [];
  let released = false;
  const ids: string[] = [];
  const server = createServer((req, res) => {
    ids.push(String(req.headers['x-goalpost-delivery']));
    req.resume();
    if (released) res.writeHead(200).end();
    else waiting.push(() => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = () => {
    released = true;
    for (const answer of waiting.splice(0)) answer();
  };
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        release();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    release,
    waiting: () => waiting.length,
    took: () => ids.length,
    /** The `X-Goalpost-Delivery` of each request taken, in order. */
    ids: () => [...ids],
  };
}

/** Resolves with what `hook` received once it has `n` requests; rejects after `ms`. */
async function receivedBy(hook: { received: Received[] }, n: number, ms: number): Promise<Received[]> {
  const until = Date.now() + ms;
  while (hook.received.length < n) {
    if (Date.now() > until)
      throw new Error(`the receiver had ${hook.received.length} of ${n} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return hook.received;
}

/**
 * What `read` gives once `done` holds of it, or after `ms` whatever it gives then (for the assertion
 * to show): a receiver takes a request before the deliverer has its answer and records it.
 */
async function settled<T>(read: () => T, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let value = read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = read();
  }
  return value;
}

function setup(
  options: { maxAttempts?: number; timeoutMs?: number; batchSize?: number; baseDelayMs?: number } = {},
) {
  const clock = manualClock();
  // The receivers here listen on 127.0.0.1: a private address, allowed as an operator would.
  const opened = openQuickStart(tempDir(), clock, { allowPrivateWebhooks: true });
  cleanups.push(() => opened.close());
  const deliverer = createWebhookDeliverer({
    store: opened.store,
    clock,
    logger: silentLogger,
    allowPrivate: true,
    ...options,
  });
  return { ...opened, clock, deliverer };
}

describe('webhooks', () => {
  it('sends a signed batch.generated that verifies with the secret', async () => {
    const { app, clock, deliverer } = setup();
    const hook = await receiver();
    const { secret } = app.webhooks.add(OPERATOR, { url: hook.url });
    app.engine.generate(OPERATOR, { maxTasks: 2 });
    expect(await deliverer.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });

    const [request] = hook.received;
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Goalpost-Webhooks',
      'x-goalpost-event': 'batch.generated',
    });
    const signature = String(request?.headers['x-goalpost-signature']);
    const t = Math.floor(clock.now().getTime() / 1000);
    const expected = createHmac('sha256', secret).update(`${t}.${request?.body}`).digest('hex');
    expect(signature).toBe(`t=${t},v1=${expected}`);
    expect(verifyWebhookSignature(secret, signature, request?.body ?? '', t)).toBe(true);
    expect(verifyWebhookSignature(`${secret}x`, signature, request?.body ?? '', t)).toBe(false);

    // The README's recipe, as a receiver copies it: true for the delivery, false (never a throw)
    // for a wrong secret or a forged header.
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const recipe = /\*\*Verifying\*\*[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const verify = new Function(
      'header',
      'secret',
      'rawBody',
      'createHmac',
      'timingSafeEqual',
      // The receiver's clock, at the delivery's time.
      'Date',
      `${recipe.replace(/^import .*\n/m, '')}\nreturn ok;`,
    ) as (
      h: string,
      s: string,
      b: string,
      c: typeof createHmac,
      e: typeof timingSafeEqual,
      d: { now: () => number },
    ) => boolean;
    const check = (header: string, key = secret) =>
      verify(header, key, request?.body ?? '', createHmac, timingSafeEqual, { now: () => t * 1000 });
    expect(check(signature)).toBe(true);
    expect(check(signature, `${secret}x`)).toBe(false);
    expect(check(`t=${t}`)).toBe(false);
    expect(check(`t=${t},v1=${'é'.repeat(64)}`)).toBe(false);
    expect(check(`t=${t},v1=${expected.slice(0, 10)}`)).toBe(false);

    const body = JSON.parse(request?.body ?? '{}');
    expect(body).toMatchObject({
      event: 'batch.generated',
      workspace: 'default',
      id: request?.headers['x-goalpost-delivery'],
    });
    expect(body.data.tasks.map((x: { ref: string }) => x.ref)).toEqual(['T-1', 'T-2']);
    expect(Object.keys(body.data.tasks[0]).sort()).toEqual([
      'assignee',
      'category',
      'priority',
      'ref',
      'title',
    ]);
  });

  it("tells a batch.generated's receiver which proposals awaiting a decision it valued again", async () => {
    const { app, deliverer } = setup();
    app.engine.generate(OPERATOR, { maxTasks: 2 });
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'batch.generated' });
    // A second paid product shares the revenue gap with the first's open work.
    app.projects.add(OPERATOR, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    app.projects.addFeature(OPERATOR, 'Quiz Packs', { title: 'Paid quiz packs', status: 'planned' });
    const result = app.engine.generate(OPERATOR, { maxTasks: 1 });
    expect(result.revalued.map((c) => c.ref)).toContain('T-1');
    expect(await deliverer.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const body = JSON.parse(hook.received[0]?.body ?? '{}');
    expect(body.data.revalued).toEqual(result.revalued);
    const t1 = app.tasks.show(OPERATOR, 'T-1').task;
    expect(body.data.revalued.find((c: { ref: string }) => c.ref === 'T-1')).toMatchObject({
      now: { title: t1.title, priority: t1.priority, revenueImpact: t1.revenueImpact, score: t1.score },
    });
  });

  it("tells a batch.generated's receiver which open tasks it put on its scale of priority", async () => {
    const { app, deliverer } = setup();
    app.engine.generate(OPERATOR, { maxTasks: 2 });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: 'T-2', action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'done' });
    const was = app.tasks.show(OPERATOR, 'T-2').task.priority;
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'batch.generated' });
    // T-1 set the top of the first batch's scale; done, it sets nothing.
    const result = app.engine.generate(OPERATOR, { maxTasks: 2 });
    const now = app.tasks.show(OPERATOR, 'T-2').task.priority;
    expect(result.rescaled).toEqual([
      {
        ref: 'T-2',
        title: app.tasks.show(OPERATOR, 'T-2').task.title,
        status: 'approved',
        was,
        priority: now,
        line: expect.stringMatching(new RegExp(`^Priority now ${now} \\(P${was} before\\)`)),
      },
    ]);
    expect(await deliverer.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(JSON.parse(hook.received[0]?.body ?? '{}').data.rescaled).toEqual(result.rescaled);
  });

  it("tells a batch.generated's receiver which proposals it withdrew as their reason went", async () => {
    const { app, deliverer } = setup();
    // A paid product with nothing in its backlog: a playbook task answers its share of the gap.
    app.projects.add(OPERATOR, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    const first = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const play = first.tasks.find((t) => t.projectName === 'Quiz Packs' && t.playbookKey !== null);
    expect(play).toBeDefined();
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'batch.generated' });
    // Its own feature is typed in: it answers the gap now.
    app.projects.addFeature(OPERATOR, 'Quiz Packs', { title: 'Paid quiz packs', status: 'planned' });
    const result = app.engine.generate(OPERATOR, { maxTasks: 10 });
    expect(result.withdrawn).toContainEqual({
      ref: play?.ref,
      title: play?.title,
      why: "other work answers Quiz Packs' share of the revenue gap now",
    });
    expect(await deliverer.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const body = JSON.parse(hook.received[0]?.body ?? '{}');
    expect(body.data.withdrawn).toEqual(result.withdrawn);
  });

  it('retries a receiver that answered 500, then delivers the same delivery', async () => {
    const { app, clock, deliverer } = setup();
    app.engine.generate(OPERATOR, { maxTasks: 2 });
    const hook = await receiver([500, 200]);
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'task.decided' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
    expect(await deliverer.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await deliverer.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    clock.advance(30_000);
    expect(await deliverer.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const ids = hook.received.map((r) => r.headers['x-goalpost-delivery']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(JSON.parse(hook.received[1]?.body ?? '{}').data).toMatchObject({
      ref: 'T-1',
      decision: 'approved',
      actor: 'cli:operator',
      source: 'cli',
    });
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries).toEqual({ pending: 0, delivered: 1, failed: 0 });
  });

  it('never sends a delivery id again after a webhook is removed and added back', async () => {
    const { app, deliverer } = setup();
    app.engine.generate(OPERATOR, { maxTasks: 2 });
    const hook = await receiver();
    const first = app.webhooks.add(OPERATOR, { url: hook.url, events: 'task.decided' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
    expect((await deliverer.deliverDue()).delivered).toBe(1);
    // Removed (its deliveries go with it), then added again for the same receiver.
    app.webhooks.remove(OPERATOR, first.id);
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'task.decided' });
    app.decisions.decide(OPERATOR, { ref: 'T-2', action: 'approve' });
    expect((await deliverer.deliverDue()).delivered).toBe(1);

    // A receiver deduplicating on the header, as the README advises, takes both events.
    const ids = hook.received.map((r) => r.headers['x-goalpost-delivery']);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
    expect(hook.received.map((r) => JSON.parse(r.body).data.ref)).toEqual(['T-1', 'T-2']);
    for (const r of hook.received) {
      expect(r.headers['x-goalpost-delivery']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(JSON.parse(r.body).id).toBe(r.headers['x-goalpost-delivery']);
    }
  });

  it("sends another webhook's deliveries while one receiver hangs with many due", async () => {
    // A receiver that hangs until the (minute-long) timeout, with more deliveries due than are
    // sent at once.
    const { app, deliverer } = setup({ timeoutMs: 60_000, batchSize: 6 });
    const stuck = await hangingReceiver();
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: stuck.url });
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'outcome.recorded' });
    const { tasks } = app.engine.generate(OPERATOR, { maxTasks: 25 });
    expect(tasks.length).toBeGreaterThan(6);
    for (const t of tasks) app.decisions.decide(OPERATOR, { ref: t.ref, action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'done', assignee: 'dev_worker1', minutes: 30 });

    const pass = deliverer.deliverDue();
    const [request] = await receivedBy(hook, 1, 3_000);
    expect(JSON.parse(request?.body ?? '{}').data).toMatchObject({ ref: 'T-1', success: true });
    expect(stuck.waiting()).toBeGreaterThan(0);
    const other = await settled(
      () => app.webhooks.list(OPERATOR).find((w) => w.url === hook.url),
      (w) => w?.deliveries.delivered === 1,
      3_000,
    );
    expect(other?.deliveries).toEqual({ pending: 0, delivered: 1, failed: 0 });

    stuck.release();
    // The hanging receiver's own deliveries are all sent in the same pass, once it answers.
    const counts = await pass;
    expect(counts).toEqual({ delivered: tasks.length + 3, retried: 0, failed: 0 });
    expect(stuck.took()).toBe(tasks.length + 2);
  });

  it('sends a new delivery to another webhook at once while one receiver hangs', async () => {
    const { app, store, clock } = setup();
    const deliverer = createWebhookDeliverer({
      store,
      clock,
      logger: silentLogger,
      allowPrivate: true,
      timeoutMs: 60_000,
    });
    cleanups.push(() => deliverer.stop());
    const stuck = await hangingReceiver();
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: stuck.url, events: 'batch.generated' });
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'task.decided' });
    deliverer.start();
    app.engine.generate(OPERATOR, { maxTasks: 1 });
    deliverer.nudge();
    while (stuck.took() === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    // A decision made while the batch's delivery hangs, the API nudging the deliverer after it.
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
    deliverer.nudge();
    const [request] = await receivedBy(hook, 1, 3_000);
    expect(JSON.parse(request?.body ?? '{}').data).toMatchObject({ ref: 'T-1', decision: 'approved' });
    expect(stuck.waiting()).toBe(1);
    stuck.release();
  });

  it('shares the places over the webhooks with deliveries due, however many receivers hang', async () => {
    // Five receivers that hang until the (minute-long) timeout, each with more due than its 4
    // lanes: with 20 places, they could take every one.
    const { app, deliverer } = setup({ timeoutMs: 60_000 });
    const stuck = await Promise.all([1, 2, 3, 4, 5].map(() => hangingReceiver()));
    const hook = await receiver();
    for (const s of stuck) app.webhooks.add(OPERATOR, { url: s.url });
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'outcome.recorded' });
    const { tasks } = app.engine.generate(OPERATOR, { maxTasks: 6 });
    for (const t of tasks) app.decisions.decide(OPERATOR, { ref: t.ref, action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'done', assignee: 'dev_worker1', minutes: 30 });
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries.pending).toBeGreaterThan(4);

    // The healthy receiver's one delivery, written last, is sent in the same pass.
    const pass = deliverer.deliverDue();
    const [request] = await receivedBy(hook, 1, 3_000);
    expect(JSON.parse(request?.body ?? '{}').data).toMatchObject({ ref: 'T-1', success: true });
    for (const s of stuck) expect(s.waiting()).toBeGreaterThan(0);
    for (const s of stuck) s.release();
    expect((await pass).retried).toBe(0);
  });

  it("sends a healthy webhook's new delivery at once while hanging receivers hold every place", async () => {
    const { app, store, clock } = setup();
    const deliverer = createWebhookDeliverer({
      store,
      clock,
      logger: silentLogger,
      allowPrivate: true,
      timeoutMs: 60_000,
    });
    cleanups.push(() => deliverer.stop());
    const stuck = await Promise.all([1, 2, 3, 4, 5].map(() => hangingReceiver()));
    const hook = await receiver();
    for (const s of stuck) app.webhooks.add(OPERATOR, { url: s.url });
    app.webhooks.add(OPERATOR, { url: hook.url, events: 'outcome.recorded' });
    const { tasks } = app.engine.generate(OPERATOR, { maxTasks: 6 });
    for (const t of tasks) app.decisions.decide(OPERATOR, { ref: t.ref, action: 'approve' });
    deliverer.start();
    // 4 in flight to each of the five: the 20 places, all taken.
    const total = () => stuck.reduce((n, s) => n + s.took(), 0);
    while (total() < 20) await new Promise((resolve) => setTimeout(resolve, 10));

    // An outcome recorded while they hang, the API nudging the deliverer after it.
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'done', assignee: 'dev_worker1', minutes: 30 });
    deliverer.nudge();
    const [request] = await receivedBy(hook, 1, 3_000);
    expect(JSON.parse(request?.body ?? '{}').data).toMatchObject({ ref: 'T-1', success: true });
    expect(stuck.map((s) => s.waiting())).toEqual([4, 4, 4, 4, 4]);
    for (const s of stuck) s.release();
  });

  it('sends each due delivery once in a pass, however long a hanging receiver makes it last', async () => {
    // Retries come due a millisecond after their attempt, and the clock runs on while the pass
    // waits for the receiver's timeouts, so they are due before the pass ends.
    const { app, clock, deliverer } = setup({ timeoutMs: 200, baseDelayMs: 1, maxAttempts: 3 });
    const stuck = await hangingReceiver();
    app.webhooks.add(OPERATOR, { url: stuck.url, events: 'task.decided' });
    const { tasks } = app.engine.generate(OPERATOR, { maxTasks: 12 });
    expect(tasks.length).toBeGreaterThan(4);
    for (const t of tasks) app.decisions.decide(OPERATOR, { ref: t.ref, action: 'approve' });
    const ticking = setInterval(() => clock.advance(1_000), 20);
    cleanups.push(() => clearInterval(ticking));

    // As `goalpost webhook deliver` runs it: the counts are per delivery, each tried once.
    const counts = await deliverer.deliverDue();
    expect(counts).toEqual({ delivered: 0, retried: tasks.length, failed: 0 });
    expect(stuck.took()).toBe(tasks.length);
    expect(new Set(stuck.ids()).size).toBe(tasks.length);
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries).toEqual({
      pending: tasks.length,
      delivered: 0,
      failed: 0,
    });
  });

  it('stops within the timeout while a receiver hangs, sending nothing more', async () => {
    const { app, store, clock } = setup();
    const deliverer = createWebhookDeliverer({
      store,
      clock,
      logger: silentLogger,
      allowPrivate: true,
      timeoutMs: 1_000,
    });
    cleanups.push(() => deliverer.stop());
    const stuck = await hangingReceiver();
    app.webhooks.add(OPERATOR, { url: stuck.url });
    const { tasks } = app.engine.generate(OPERATOR, { maxTasks: 12 });
    for (const t of tasks) app.decisions.decide(OPERATOR, { ref: t.ref, action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'done', assignee: 'dev_worker1', minutes: 30 });
    // The batch, each approval and T-1's: more than two rounds of 4.
    const due = app.webhooks.list(OPERATOR)[0]?.deliveries.pending ?? 0;
    expect(due).toBeGreaterThan(8);
    deliverer.start();
    while (stuck.took() < 4) await new Promise((resolve) => setTimeout(resolve, 10));

    // As SIGTERM does: only the 4 in flight are waited for, each until its own timeout.
    const asked = Date.now();
    await deliverer.stop();
    expect(Date.now() - asked).toBeLessThan(2_000);
    expect(stuck.took()).toBe(4);
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries.pending).toBe(due);
  });

  it('stops at once while a receiver hangs, and sends the delivery it aborted at the next start', async () => {
    const { app, store, clock } = setup();
    // A minute-long timeout: the stop must not wait for it.
    const options = { store, clock, logger: silentLogger, allowPrivate: true, timeoutMs: 60_000 };
    const deliverer = createWebhookDeliverer(options);
    cleanups.push(() => deliverer.stop());
    const stuck = await hangingReceiver();
    app.webhooks.add(OPERATOR, { url: stuck.url, events: 'batch.generated' });
    app.engine.generate(OPERATOR, { maxTasks: 1 });
    deliverer.start();
    while (stuck.took() === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    // As SIGTERM does, with the receiver holding the request.
    await deliverer.stop();
    expect(stuck.waiting()).toBe(1);
    const [hook] = app.webhooks.list(OPERATOR);
    expect(hook?.deliveries).toEqual({ pending: 1, delivered: 0, failed: 0 });
    expect(hook?.lastError).toBeNull();
    const row = store.db.prepare('SELECT attempts, next_attempt_at AS due FROM webhook_deliveries').get();
    expect(row).toEqual({ attempts: 0, due: clock.now().toISOString() });

    // The next start (or `webhook deliver`) sends the same delivery again, at once.
    stuck.release();
    const again = createWebhookDeliverer(options);
    expect(await again.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const [first, second] = stuck.ids();
    expect(second).toBe(first);
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries).toEqual({ pending: 0, delivered: 1, failed: 0 });
  }, 10_000);

  it('gives up after the last attempt and says why', async () => {
    const { app, clock, deliverer } = setup({ maxAttempts: 2 });
    app.engine.generate(OPERATOR, { maxTasks: 1 });
    const hook = await receiver([503]);
    app.webhooks.add(OPERATOR, { url: hook.url, events: ['outcome.recorded'] });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'done', assignee: 'dev_worker1', minutes: 40 });
    expect((await deliverer.deliverDue()).retried).toBe(1);
    clock.advance(30_000);
    expect((await deliverer.deliverDue()).failed).toBe(1);
    expect(JSON.parse(hook.received[0]?.body ?? '{}').data).toMatchObject({
      ref: 'T-1',
      success: true,
      assignee: 'dev_worker1',
      minutes: 40,
    });
    const [listed] = app.webhooks.list(OPERATOR);
    expect(listed?.deliveries).toEqual({ pending: 0, delivered: 0, failed: 1 });
    expect(listed?.lastError).toBe('HTTP 503');
  });

  it('keeps an unreachable URL away from the caller and retries it later', async () => {
    const { app, deliverer } = setup();
    const gone = await receiver();
    cleanups.pop()?.(); // close the receiver now: its port refuses connections
    app.webhooks.add(OPERATOR, { url: gone.url });
    const batch = app.engine.generate(OPERATOR, { maxTasks: 1 });
    expect(batch.queued).toBe(1);
    expect(await deliverer.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(app.webhooks.list(OPERATOR)[0]?.lastError).toBe(
      'no answer from the receiver (could not connect, or it timed out)',
    );
  });

  it('writes the delivery in the same transaction as the change', async () => {
    const { app, store } = setup();
    app.engine.generate(OPERATOR, { maxTasks: 1 });
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: hook.url, events: ['task.decided'] });
    expect(() =>
      store.transaction(() => {
        app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
        throw new Error('something later in the transaction failed');
      }),
    ).toThrow('something later');
    expect(app.tasks.show(OPERATOR, 'T-1').task.status).toBe('proposed');
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries.pending).toBe(0);
    app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'reject', note: 'not now' });
    expect(() => app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'start' })).toThrow(/cannot start/);
    expect(app.webhooks.list(OPERATOR)[0]?.deliveries.pending).toBe(1);
  });

  it('delivers on its own once started, and stops cleanly', async () => {
    const { app, store, clock } = setup();
    const hook = await receiver();
    app.webhooks.add(OPERATOR, { url: hook.url });
    const timers: Array<() => void> = [];
    const deliverer = createWebhookDeliverer({
      store,
      clock,
      logger: silentLogger,
      allowPrivate: true,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
    });
    deliverer.start();
    app.engine.generate(OPERATOR, { maxTasks: 1 });
    timers.shift()?.();
    await receivedBy(hook, 1, 3_000);
    await deliverer.stop();
    expect(hook.received.map((r) => r.headers['x-goalpost-event'])).toEqual(['batch.generated']);
  });

  it('refuses credentials in the URL and local or private targets, in every spelling', () => {
    const opened = openQuickStart(tempDir());
    cleanups.push(() => opened.close());
    const add = (url: string) => () => opened.app.webhooks.add(OPERATOR, { url });
    expect(add('https://bob:hunter2@hooks.example.com/in')).toThrow(/no user name or password in the URL/);
    for (const url of [
      'http://localhost:8080/in',
      'http://localhost./in',
      'http://api.localhost/in',
      'http://127.0.0.1/in',
      'http://2130706433/in',
      'http://0x7f000001/in',
      'http://0177.0.0.1/in',
      'http://0.0.0.0/in',
      'http://[::1]/in',
      'http://[::ffff:127.0.0.1]/in',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/in',
      'http://192.168.1.10/in',
      'http://[fd00::1]/in',
    ]) {
      expect(add(url), url).toThrow(/local or private address.*GOALPOST_WEBHOOK_ALLOW_PRIVATE=on/);
    }
    expect(opened.app.webhooks.list(OPERATOR)).toEqual([]);
    expect(add('https://hooks.example.com/goalpost')).not.toThrow();
  });

  it('refuses at delivery a target that became private, and a name that resolves to a private address', async () => {
    const { app, store, clock } = setup();
    const hook = await receiver();
    const byName = hook.url.replace('127.0.0.1', hostname());
    app.webhooks.add(OPERATOR, { url: hook.url });
    if (nameIsPrivate) app.webhooks.add(OPERATOR, { url: byName });
    app.engine.generate(OPERATOR, { maxTasks: 1 });
    // The operator turned private receivers off after these were added.
    const strict = createWebhookDeliverer({ store, clock, logger: silentLogger });
    const counts = await strict.deliverDue();
    expect(counts.delivered).toBe(0);
    expect(hook.received).toEqual([]);
    const errors = app.webhooks.list(OPERATOR).map((w) => [w.url, w.lastError]);
    expect(errors).toContainEqual([
      hook.url,
      expect.stringMatching(/^refused: 127\.0\.0\.1 is a local or private address/),
    ]);
    if (nameIsPrivate) {
      expect(errors).toContainEqual([
        byName,
        expect.stringMatching(/^refused: .* resolves to a private address/),
      ]);
    }
  });
});

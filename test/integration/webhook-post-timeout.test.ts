import { createServer, type Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookPost } from '../../src/webhooks/post-webhook.js';

// The collector, asked for by hand: what only a collection shows (a timer nothing holds) is shown
// every run, not when the heap happens to fill.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A receiver that takes the request and never answers; its URL. */
async function hangingReceiver(): Promise<string> {
  const server = createServer((req) => req.resume());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  server.closeAllConnections?.();
  return `http://127.0.0.1:${address.port}/hook`;
}

describe('a webhook POST to a receiver that never answers', () => {
  it('gives up at its timeout, even when a collection runs while it waits, with or without a stop signal', async () => {
    const url = await hangingReceiver();
    const post = createWebhookPost({ allowPrivate: true });
    const request = { body: '{}', headers: {}, timeoutMs: 300 };
    // `webhook deliver` passes no stop signal; the bot's deliverer passes one it aborts on SIGTERM.
    const alone = post(url, request);
    const stoppable = post(url, { ...request, signal: new AbortController().signal });
    const settled = Promise.allSettled([alone, stoppable]);
    const collecting = setInterval(collect, 50);
    try {
      const outcomes = await settled;
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      for (const o of outcomes)
        expect((o as PromiseRejectedResult).reason).toMatchObject({ name: 'AbortError' });
    } finally {
      clearInterval(collecting);
    }
  }, 8_000);

  it('ends at once when its stop signal aborts', async () => {
    const url = await hangingReceiver();
    const stop = new AbortController();
    const sent = createWebhookPost({ allowPrivate: true })(url, {
      body: '{}',
      headers: {},
      timeoutMs: 60_000,
      signal: stop.signal,
    });
    setTimeout(() => stop.abort(), 100);
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  }, 8_000);
});

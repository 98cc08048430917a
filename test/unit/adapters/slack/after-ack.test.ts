import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAfterAck } from '../../../../adapters/slack/after-ack.js';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A loopback connection: what the client writes arrives as the server's `data` events. */
async function loopback(): Promise<{ client: Socket; server: Socket }> {
  const listener = createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const accepted = once(listener, 'connection');
  const client = connect((listener.address() as AddressInfo).port, '127.0.0.1');
  const [server] = (await accepted) as [Socket];
  await once(client, 'connect');
  closers.push(() => {
    client.destroy();
    server.destroy();
    listener.close();
  });
  return { client, server };
}

describe('the queue after an ack', () => {
  it('lets waiting work through in the order it came', async () => {
    const afterAck = createAfterAck();
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => afterAck().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('handles a request that arrived while one item worked before letting the next one through', async () => {
    const { client, server } = await loopback();
    const afterAck = createAfterAck();
    const order: string[] = [];
    server.on('data', () => order.push('new request'));
    const first = afterAck().then(() => {
      order.push('first reply');
      client.write('a new request');
      // Synchronous work (a database write, rendering) while the request reaches the socket.
      const until = Date.now() + 30;
      while (Date.now() < until);
    });
    const second = afterAck().then(() => order.push('second reply'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first reply', 'new request', 'second reply']);
  });
});

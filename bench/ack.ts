import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, HTTPReceiver } from '@slack/bolt';
import { createHttpServer } from '../adapters/http/create-http-server.js';
import { createSlackAdapter } from '../adapters/slack/create-slack-adapter.js';
import { createChatBot, fixedClock, type Goalpost, openGoalpost, silentLogger } from '../src/index.js';
import {
  eventBody,
  FORM,
  JSON_TYPE,
  signSlackRequest,
  slashCommandBody,
} from '../test/fakes/slack-signing.js';
import { startFakeSlack } from '../test/fakes/slack-web-api.js';
import { NOW } from './dataset.js';
import { type Figure, figure } from './stats.js';

const SECRET = 'bench-signing-secret-1234';

/** A request Slack would send: a slash command or a reaction event, signed. */
function requests(responseUrl: string, n: number): Array<{ body: string; type: string }> {
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
            text: i % 3 === 0 ? `approve T-${1 + (i % 5)}` : 'tasks',
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

/** A Bolt app that only acks: the floor any Slack app on this machine starts from. */
async function bareBolt(apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
  const app = new App({ receiver, token: 'xoxb-bench', clientOptions: { slackApiUrl: apiUrl } });
  app.command('/goalpost', async ({ ack }) => ack());
  app.event('reaction_added', async () => {});
  const server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Goalpost: the real HTTP server with the real Slack adapter, over a demo workspace with a digest. */
async function goalpostApp(
  dir: string,
  apiUrl: string,
): Promise<{ url: string; app: Goalpost; close(): Promise<void> }> {
  const clock = fixedClock(NOW);
  const opened = openGoalpost({
    dbPath: join(dir, 'ack.db'),
    clock,
    logger: silentLogger,
    admins: ['slack:UADMIN'],
  });
  const ctx = { workspaceId: 'T0GOALPOST', actor: 'slack:UADMIN', source: 'slack' as const };
  opened.app.demo.load(ctx);
  opened.app.engine.generate(ctx, {});
  const bot = createChatBot({ app: opened.app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
  const adapter = createSlackAdapter({
    app: opened.app,
    bot,
    logger: silentLogger,
    postIntervalMs: 0,
    config: {
      mode: 'http',
      botToken: 'xoxb-bench',
      signingSecret: SECRET,
      appToken: undefined,
      oauth: null,
      apiUrl,
    },
  });
  const http = createHttpServer({ app: opened.app, logger: silentLogger, clock });
  if (adapter.requestListener) http.mount('/slack', adapter.requestListener);
  const { url } = await http.listen(0, '127.0.0.1');
  return {
    url: `${url}/slack/events`,
    app: opened.app,
    close: async () => {
      await http.close();
      opened.close();
    },
  };
}

export interface AckFigures {
  bare: Record<1 | 50, Figure>;
  goalpost: Record<1 | 50, Figure>;
  duringHeavy: Figure;
}

/**
 * Ack latency of signed slash commands and reaction events over loopback, at concurrency 1 and
 * 50, for Goalpost and for a bare Bolt app; then Goalpost's again while `heavy` runs repeatedly.
 */
export async function ackLatency(dir: string, heavy: () => void): Promise<AckFigures> {
  const slack = await startFakeSlack();
  const bare = await bareBolt(slack.apiUrl);
  const real = await goalpostApp(dir, slack.apiUrl);
  const list = requests(slack.responseUrl('bench'), 600);
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
  };
  let busy = true;
  const loop = async () => {
    while (busy) {
      heavy();
      await new Promise((r) => setImmediate(r));
    }
  };
  const running = loop();
  out.duringHeavy = figure(await fire(real.url, list.slice(0, 300), 50));
  busy = false;
  await running;
  await real.close();
  await bare.close();
  await slack.close();
  return out;
}

import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { ChatBot } from '../../src/chat.js';
import type { ChartView, Goalpost, Logger, SlackConfig } from '../../src/index.js';
import { renderCharts } from '../charts/render-charts.js';
import { boltLogger } from './bolt-logger.js';
import { sqliteInstallationStore } from './installation-store.js';
import { registerSlackListeners } from './slack-listeners.js';
import { createSlackPort, type SlackPort } from './slack-port.js';

/** The bot scopes Goalpost asks for; manifest.yml lists the same (a test checks). */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:join',
  'reactions:read',
  'users:read',
  'files:write',
] as const;

export interface SlackAdapterOptions {
  app: Goalpost;
  bot: ChatBot;
  config: SlackConfig;
  logger: Logger;
  /** Least time between posts to one channel (Slack allows about one a second). */
  postIntervalMs?: number;
  /** How the Web API client retries (tests use a fast policy; production Slack's default). */
  retryConfig?: webApi.RetryOptions;
  /** Draws a report's charts as PNGs (default: renderCharts, on a thread of its own). */
  drawCharts?: (charts: readonly ChartView[]) => Promise<Uint8Array[]>;
}

export interface SlackAdapter {
  /** Where scheduled digests for Slack channels go. */
  port: SlackPort;
  /** HTTP mode: the request handler to mount at `/slack` on Goalpost's server; null in Socket Mode. */
  requestListener: RequestListener | null;
  /** Socket Mode connects here; HTTP mode has nothing to start. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Slack adapter: a real Bolt app whose HTTP receiver is mounted on Goalpost's one port
 * (`/slack/events`, and `/slack/install` + `/slack/oauth_redirect` with OAuth), or whose Socket
 * Mode receiver connects out. It translates slash commands, buttons, the reject modal,
 * reactions and App Home into calls on the chat bot, and renders the Replies as Block Kit.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, logger } = options;
  const log = boltLogger(logger);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  const installationStore = config.oauth ? sqliteInstallationStore(options.app) : undefined;
  const oauth = config.oauth
    ? {
        clientId: config.oauth.clientId,
        clientSecret: config.oauth.clientSecret,
        stateSecret: config.oauth.stateSecret,
        scopes: [...SLACK_BOT_SCOPES],
        installationStore,
        installerOptions: {
          installPath: '/slack/install',
          redirectUriPath: '/slack/oauth_redirect',
          clientOptions,
          directInstall: true,
        },
      }
    : {};
  const receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken ?? '', logger: log, ...oauth })
      : new HTTPReceiver({
          signingSecret: config.signingSecret ?? '',
          endpoints: '/slack/events',
          logger: log,
          processBeforeResponse: false,
          ...oauth,
        });
  const bolt = new App({
    receiver,
    logger: log,
    // Bolt's default keeps conversation state in memory and, for every event in a conversation it
    // holds nothing of (all of them: Goalpost keeps its state in SQLite), makes and throws an
    // Error with its stack: about 20 us of the bot's one thread per event.
    convoStore: false,
    clientOptions,
    ...(config.oauth ? {} : { token: config.botToken }),
  });

  /** Each workspace's client, with the token it was made for. */
  const clients = new Map<string, { token: string; client: webApi.WebClient }>();
  /**
   * The client acting in a workspace with its installation's current bot token. The installation
   * is read on every call (one SQLite row): an uninstall revokes the old token, and a reinstall
   * stores a new one, which the next post, edit or scheduled digest must use, as Bolt's own
   * listener client does. A client is kept only while its token is still the installation's.
   */
  async function clientFor(teamId: string): Promise<webApi.WebClient> {
    const token = await botTokenOf(teamId);
    const cached = clients.get(teamId);
    if (cached?.token === token) return cached.client;
    const client = new webApi.WebClient(token, { ...clientOptions, logger: log });
    clients.set(teamId, { token, client });
    return client;
  }

  /** The bot token Goalpost acts with in a workspace: SLACK_BOT_TOKEN, or the OAuth installation's. */
  async function botTokenOf(teamId: string): Promise<string> {
    let token = config.botToken;
    if (config.oauth && installationStore) {
      const installation = await installationStore.fetchInstallation({
        teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      token = installation.bot?.token;
    }
    if (!token) throw new Error(`no Slack bot token for workspace ${teamId}`);
    return token;
  }

  const port = createSlackPort({
    clientFor,
    postIntervalMs: options.postIntervalMs ?? 1000,
    drawCharts: options.drawCharts ?? renderCharts,
    logger,
  });
  registerSlackListeners(bolt, { app: options.app, bot: options.bot, port, logger });

  return {
    port,
    requestListener: receiver instanceof HTTPReceiver ? withFreshTimestamp(receiver.requestListener) : null,
    async start() {
      if (config.mode === 'socket') await bolt.start();
    },
    async stop() {
      if (config.mode === 'socket') await bolt.stop();
    },
  };
}

/** How far a request's timestamp may be from now, either way (Slack's own rule is 5 minutes). */
const MAX_SKEW_SECONDS = 300;

/**
 * Bolt refuses stale signed requests but accepts any from the future; a captured request dated
 * ahead could then be replayed for longer. Refuse those (and unsigned ones) before Bolt sees them.
 */
function withFreshTimestamp(listener: RequestListener): RequestListener {
  return (req, res) => {
    if (req.url?.startsWith('/slack/events')) {
      const ts = Number(req.headers['x-slack-request-timestamp']);
      if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > MAX_SKEW_SECONDS) {
        res
          .writeHead(401, { 'content-type': 'text/plain' })
          .end('stale, future or missing request timestamp');
        return;
      }
    }
    listener(req, res);
  };
}

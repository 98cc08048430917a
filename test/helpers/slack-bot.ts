import { join } from 'node:path';
import { type Installation, webApi } from '@slack/bolt';
import { afterEach } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/create-slack-adapter.js';
import { sqliteInstallationStore } from '../../adapters/slack/installation-store.js';
import { type ChatBot, createChatBot } from '../../src/chat.js';
import {
  type Clock,
  fixedClock,
  type Goalpost,
  type Logger,
  openGoalpost,
  type SlackConfig,
  silentLogger,
} from '../../src/index.js';
import type { Store } from '../../src/store/create-store.js';
import { FORM, JSON_TYPE, postSigned, SLACK_TEST_IDS } from '../fakes/slack-signing.js';
import {
  type FakeReaction,
  type FakeSlack,
  type FakeSlackOptions,
  startFakeSlack,
} from '../fakes/slack-web-api.js';
import { type LogLine, recordingLogger } from './discord-bot.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2e1c';
export const TEAM = SLACK_TEST_IDS.teamId;

export interface SlackBot {
  app: Goalpost;
  store: Store;
  bot: ChatBot;
  slack: FakeSlack;
  adapter: SlackAdapter;
  /** What the adapter logged, but debug lines (the Web API client's, with every request body). */
  logs: LogLine[];
  /** `http://127.0.0.1:PORT/slack/events` on Goalpost's own server. */
  eventsUrl: string;
  dbPath: string;
  post(body: string, type: 'form' | 'json', headers?: Record<string, string>): Promise<Response>;
  /**
   * Someone reacts (or un-reacts) on a message: Slack's event, sent to Goalpost signed, when Slack
   * would send one; null when it would not (the bot is not in the channel).
   */
  react(reaction: FakeReaction): Promise<Response | null>;
  stop(): Promise<void>;
}

/** How the bot gets its token: SLACK_BOT_TOKEN by default. */
export interface SlackBotSetup {
  /**
   * OAuth mode instead: the workspace installed the app (through `/slack/install`) and got this
   * bot token, kept in Goalpost's installation store.
   */
  oauthToken?: string;
}

/**
 * Goalpost's real HTTP server with the real Bolt app mounted at /slack, talking to a fake Slack
 * Web API on 127.0.0.1. UADMIN is an admin (GOALPOST_ADMINS), UAPPROVER an approver, UMEMBER a
 * member; the EDU demo is loaded into the Slack team's workspace. `now` is a time, or a clock the
 * test moves.
 */
export async function startSlackBot(
  dir: string,
  now: string | Clock = '2026-11-23T09:00:00Z',
  fake: Omit<FakeSlackOptions, 'users'> = {},
  setup: SlackBotSetup = {},
): Promise<SlackBot> {
  const slack = await startFakeSlack({
    ...fake,
    users: {
      UADMIN: { tz: 'Europe/Berlin', name: 'ana' },
      UAPPROVER: { tz: 'America/New_York', name: 'bo' },
      UAPPROVER2: { tz: 'Asia/Kolkata', name: 'di' },
      UMEMBER: { tz: 'Europe/Berlin', name: 'cy' },
    },
  });
  const dbPath = join(dir, 'slack.db');
  const clock = typeof now === 'string' ? fixedClock(now) : now;
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger, admins: ['slack:UADMIN'] });
  const { app } = opened;
  const admin = app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
  app.demo.load(admin);
  app.members.grant(admin, { user: 'slack:UAPPROVER', role: 'approver' });
  app.members.grant(admin, { user: 'slack:UAPPROVER2', role: 'approver' });
  const bot = createChatBot({ app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
  if (setup.oauthToken) await installApp(app, setup.oauthToken);
  const config: SlackConfig = {
    mode: 'http',
    botToken: setup.oauthToken ? undefined : 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    oauth: setup.oauthToken
      ? { clientId: '1234.5678', clientSecret: 'client-secret', stateSecret: 'a-long-random-state-secret' }
      : null,
    apiUrl: slack.apiUrl,
  };
  const logs: LogLine[] = [];
  const recording = recordingLogger(logs);
  const logger: Logger = { ...recording, debug: () => {}, child: () => logger };
  const adapter = createSlackAdapter({
    app,
    bot,
    config,
    logger,
    postIntervalMs: 5,
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
  });
  const http = createHttpServer({ app, logger: silentLogger, clock });
  if (adapter.requestListener) http.mount('/slack', adapter.requestListener);
  const { url } = await http.listen(0, '127.0.0.1');
  const eventsUrl = `${url}/slack/events`;
  const post = (body: string, type: 'form' | 'json', headers: Record<string, string> = {}) =>
    postSigned(eventsUrl, SIGNING_SECRET, body, type === 'form' ? FORM : JSON_TYPE, headers);
  return {
    app,
    store: opened.store,
    bot,
    slack,
    adapter,
    logs,
    eventsUrl,
    dbPath,
    post,
    async react(reaction) {
      const body = slack.reactionEvent(reaction);
      return body === null ? null : post(body, 'json');
    },
    async stop() {
      await http.close();
      await slack.close();
      opened.close();
    },
  };
}

/**
 * The test workspace installs Goalpost's app through OAuth (again, after an uninstall): Bolt
 * stores the installation, with its new bot token, in Goalpost's SQLite file.
 */
export async function installApp(app: Goalpost, botToken: string): Promise<void> {
  await sqliteInstallationStore(app).storeInstallation({
    team: { id: TEAM, name: 'Acme' },
    enterprise: undefined,
    user: { id: 'UADMIN', token: undefined, scopes: undefined },
    bot: { id: SLACK_TEST_IDS.botId, userId: SLACK_TEST_IDS.botUserId, token: botToken, scopes: [] },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A0GOALPOST',
    authVersion: 'v2',
  } as unknown as Installation<'v2', false>);
}

/**
 * Registers the cleanup hook and returns `start`: a bot over a fresh folder's database (with
 * `startSlackBot`'s clock and fake options), stopped after each test.
 */
export function useSlackBot(tempDir: () => string) {
  let running: SlackBot | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });
  return async (...rest: Parameters<typeof startSlackBot> extends [string, ...infer R] ? R : never) => {
    running = await startSlackBot(tempDir(), ...rest);
    return running;
  };
}

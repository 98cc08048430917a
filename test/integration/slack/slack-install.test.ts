import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../adapters/http/create-http-server.js';
import { createSlackAdapter, SLACK_BOT_SCOPES } from '../../../adapters/slack/create-slack-adapter.js';
import { sqliteInstallationStore } from '../../../adapters/slack/installation-store.js';
import { createChatBot } from '../../../src/chat.js';
import { ConfigError, fixedClock, loadConfig, openGoalpost, silentLogger } from '../../../src/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

const installation = (team: string, user: string, token: string) =>
  ({
    team: { id: team, name: 'Acme' },
    enterprise: undefined,
    user: { id: user, token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UBOT', token, scopes: ['commands', 'chat:write'] },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A1',
    authVersion: 'v2',
  }) as unknown as Installation<'v2', false>;

describe('Slack OAuth installations', () => {
  it('keeps each workspace’s installation in SQLite and makes the installer its first admin', async () => {
    const dbPath = join(tempDir(), 'g.db');
    const first = openGoalpost({ dbPath, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
    const store = sqliteInstallationStore(first.app);
    await store.storeInstallation(installation('T1', 'U1', 'xoxb-one'));
    await store.storeInstallation(installation('T2', 'U2', 'xoxb-two'));
    // A reinstall by someone else leaves the first admin as it was.
    await store.storeInstallation(installation('T1', 'U3', 'xoxb-one-again'));
    first.close();

    const again = openGoalpost({ dbPath, clock: fixedClock('2026-11-21T10:00:00Z'), logger: silentLogger });
    const reopened = sqliteInstallationStore(again.app);
    const t1 = await reopened.fetchInstallation({
      teamId: 'T1',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(t1.bot?.token).toBe('xoxb-one-again');
    const t2 = await reopened.fetchInstallation({
      teamId: 'T2',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(t2.bot?.token).toBe('xoxb-two');
    const ctx = (ws: string) => again.app.context({ workspaceId: ws, actor: 'x', source: 'slack' });
    expect(again.app.members.roleOf(ctx('T1'), 'slack:U1')).toBe('admin');
    expect(again.app.members.roleOf(ctx('T1'), 'slack:U3')).toBe('member');
    expect(again.app.members.roleOf(ctx('T2'), 'slack:U2')).toBe('admin');
    await expect(
      reopened.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/not installed in T9/);
    again.close();
  });
});

describe('Slack configuration', () => {
  const load = (env: Record<string, string>) => loadConfig(env, '/tmp');

  it('picks HTTP mode with a signing secret, Socket Mode with an app token, OAuth with client id, secret and state secret', () => {
    expect(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12' }).slack).toMatchObject({
      mode: 'http',
      oauth: null,
    });
    expect(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode).toBe('socket');
    const oauth = load({
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
      SLACK_SIGNING_SECRET: 'abcdefgh12',
    });
    expect(oauth.slack?.oauth?.clientId).toBe('1234.5678');
    expect(oauth.chat.tokens).toBe(true);
    expect(load({}).slack).toBeNull();
  });

  it('refuses settings that cannot work, listing each', () => {
    expect(() => load({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_SIGNING_SECRET: needed to verify Slack requests/,
    );
    expect(() => load({ SLACK_SIGNING_SECRET: 'abcdefgh12' })).toThrow(/SLACK_BOT_TOKEN: set it/);
    expect(() => load({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 'abcdefgh12' })).toThrow(
      /SLACK_BOT_TOKEN: a bot token starting xoxb-/,
    );
    expect(() => load({ SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: 'abcdefgh12' })).toThrow(
      /OAuth needs all three/,
    );
    expect(() =>
      load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12', SLACK_API_URL: 'ftp://x' }),
    ).toThrow(ConfigError);
  });
});

describe('Slack OAuth install route', () => {
  it('sends an installer to Slack’s consent page with the app’s scopes, on Goalpost’s port', async () => {
    const clock = fixedClock('2026-11-21T09:00:00Z');
    const opened = openGoalpost({ dbPath: join(tempDir(), 'g.db'), clock, logger: silentLogger });
    const config = loadConfig(
      {
        SLACK_CLIENT_ID: '1234.5678',
        SLACK_CLIENT_SECRET: 'client-secret',
        SLACK_STATE_SECRET: 'a-long-random-state-secret',
        SLACK_SIGNING_SECRET: 'abcdefgh12',
      },
      '/tmp',
    );
    if (!config.slack) throw new Error('no Slack config');
    const bot = createChatBot({ app: opened.app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
    const adapter = createSlackAdapter({ app: opened.app, bot, config: config.slack, logger: silentLogger });
    const http = createHttpServer({ app: opened.app, logger: silentLogger, clock });
    if (adapter.requestListener) http.mount('/slack', adapter.requestListener);
    const { url } = await http.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${url}/slack/install`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
      expect(location.searchParams.get('client_id')).toBe('1234.5678');
      expect(location.searchParams.get('scope')?.split(',').sort()).toEqual([...SLACK_BOT_SCOPES].sort());
      expect(location.searchParams.get('state')).toBeTruthy();
    } finally {
      await http.close();
      opened.close();
    }
  });
});

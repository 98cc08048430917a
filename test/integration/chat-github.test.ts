import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubChat } from '../../adapters/github/github-chat.js';
import { createChatBot } from '../../src/chat.js';
import { fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { textOf } from '../helpers/chat.js';
import { useTempDir } from '../helpers/temp-dir.js';

const TOKEN = 'github_pat_11AAAAAAA0chatChatChatTokenForTests';
const NOW = '2026-11-21T09:00:00Z';

describe('/goalpost github in chat', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let opened: OpenedGoalpost;

  beforeEach(async () => {
    github = await startFakeGitHub({ tokens: { [TOKEN]: { repos: ['acme/edu-apps'] } } });
    github.addRepo('acme/edu-apps');
    github.addIssues('acme/edu-apps', [
      { title: 'Parent dashboard' },
      { title: 'Crash on login', labels: ['bug'] },
    ]);
    opened = openGoalpost({
      dbPath: join(tempDir(), 'chat.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    const admin = opened.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    opened.app.members.bootstrapAdmin(admin, 'console:ana');
    opened.app.members.grant(admin, { user: 'console:bo', role: 'approver' });
    opened.app.demo.load(admin);
  });
  afterEach(async () => {
    opened.close();
    await github.close();
  });

  const botWith = (connector: boolean) => {
    const access = { token: TOKEN, apiUrl: github.url, logger: silentLogger };
    const bot = createChatBot({
      app: opened.app,
      clock: fixedClock(NOW),
      logger: silentLogger,
      defaultTimeZone: 'UTC',
      ...(connector ? { github: createGitHubChat(opened.app, access) } : {}),
    });
    return (user: string, text: string) =>
      bot.handle({ workspaceId: 'default', platform: 'console', userId: user, channelId: 'console', text });
  };

  it('connects a repository for an admin, tells the channel, and lists it', async () => {
    const say = botWith(true);
    const connected = await say('ana', '/goalpost github connect acme/edu-apps --project "Basic EDU Apps"');
    expect(connected.visibility).toBe('channel');
    expect(textOf(connected)).toContain(
      "Connected acme/edu-apps to Basic EDU Apps: its open issues are that project's backlog now.",
    );
    expect(textOf(connected)).toContain('2 issues read; 2 added');
    expect(textOf(await say('cy', '/goalpost github'))).toContain('acme/edu-apps');
    const synced = await say('bo', '/goalpost github sync');
    expect(textOf(synced)).toContain('acme/edu-apps → Basic EDU Apps:');
  });

  it('keeps task export as it was when connected again, and turns it off with --no-export-tasks', async () => {
    github.addToken(TOKEN, { repos: ['acme/edu-apps'], write: true });
    const say = botWith(true);
    const connect = '/goalpost github connect acme/edu-apps --project "Basic EDU Apps"';
    expect(textOf(await say('ana', `${connect} --export-tasks`))).toContain('Task export is on');
    expect(textOf(await say('ana', `${connect} --bug-labels defect`))).toContain('Task export is on');
    const both = await say('ana', `${connect} --export-tasks --no-export-tasks`);
    expect(textOf(both)).toContain(
      '--export-tasks and --no-export-tasks say opposite things: give one of them\nusage: /goalpost github connect <owner/repo>',
    );
    expect(textOf(await say('ana', `${connect} --no-export-tasks`))).toContain('Task export is off');
    expect(
      opened.app.github.repos(
        opened.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' }),
      )[0]?.exportTasks,
    ).toBe(false);
  });

  it('refuses a member, and says how to set GitHub up on a bot without it, writing nothing', async () => {
    const say = botWith(true);
    const member = await say('cy', '/goalpost github connect acme/edu-apps --project "Basic EDU Apps"');
    expect(textOf(member)).toMatch(/admin/);
    expect(github.calls).toEqual([]);
    const bare = botWith(false);
    const notSetUp = await bare('ana', '/goalpost github connect acme/edu-apps --project "Basic EDU Apps"');
    expect(notSetUp.visibility).toBe('ephemeral');
    expect(textOf(notSetUp)).toContain('GitHub is not set up on this bot');
    expect(textOf(await bare('ana', '/goalpost github'))).toContain('No repository is connected');
  });

  it('gives the usage line for bad input, and GitHub’s refusal in words', async () => {
    const say = botWith(true);
    expect(textOf(await say('ana', '/goalpost github connect acme/edu-apps'))).toContain('--project');
    const hidden = await say('ana', '/goalpost github connect acme/secret --project "Basic EDU Apps"');
    expect(textOf(hidden)).toContain('GitHub has no repository acme/secret');
  });
});

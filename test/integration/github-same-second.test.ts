import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import type { FakeGitHub } from '../fakes/github-api.js';
import { deliverGitHubEvent, issuesPayload } from '../fakes/github-webhooks.js';
import { githubForCli } from '../helpers/github-cli.js';
import { serveGitHubWebhook } from '../helpers/github-webhook-server.js';
import { FIXTURE_NOW } from '../helpers/goalpost-fixture.js';
import type { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = 'acme/edu-apps';
const SECRET = 'whsec-for-tests-0123456789';
/** GitHub's `updated_at` has whole seconds: every change below happens within this one. */
const SECOND = '2026-11-21T10:00:00Z';

/**
 * Two changes to an issue within one second (a triage bot labelling an issue as it is opened,
 * `gh issue edit` and `gh issue close` run together) come as two copies with the same
 * `updated_at`, by webhook and by sync alike.
 */
describe('GitHub changes within one second', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let dbPath: string;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    ({ github, dbPath, goalpost } = await githubForCli(tempDir(), [REPO]));
    github.addRepo(REPO);
    github.addIssues(REPO, [{ title: 'Parent dashboard', labels: ['enhancement'] }]);
    expect((await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps')).code).toBe(0);
    // #2 is opened at SECOND.
    github.clock.set(SECOND);
    github.addIssue(REPO, { title: 'Checkout crashes', labels: [] });
  });
  afterEach(() => github.close());

  /** Delivers `payloads` in turn to the bot's webhook, as GitHub does; their answers. */
  const deliver = async (...payloads: ReturnType<typeof issuesPayload>[]) => {
    const opened = openGoalpost({ dbPath, clock: fixedClock(FIXTURE_NOW), logger: silentLogger });
    const { server, url } = await serveGitHubWebhook(opened.app, SECRET);
    try {
      const answers = [];
      for (const payload of payloads)
        answers.push(await deliverGitHubEvent(url, { event: 'issues', secret: SECRET, payload }));
      return answers;
    } finally {
      await server.close();
      opened.close();
    }
  };

  const copy = (
    action: 'opened' | 'labeled' | 'closed',
    issue: { labels?: string[]; state?: 'open' | 'closed'; updatedAt?: string },
  ) =>
    issuesPayload(action, {
      repo: REPO,
      issue: { number: 2, title: 'Checkout crashes', labels: [], updatedAt: SECOND, ...issue },
    });

  const shown = async (cli = goalpost) =>
    (await cli('project', 'show', 'Basic EDU Apps', '--json')).json<{
      features: Array<{ title: string; status: string }>;
      bugs: Array<{ title: string; severity: string; status: string }>;
    }>();

  it('takes a label added in the second the issue was opened, at once', async () => {
    github.updateIssue(REPO, 2, { labels: ['bug', 'P0'] });
    const answers = await deliver(copy('opened', {}), copy('labeled', { labels: ['bug', 'P0'] }));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const now = await shown();
    expect(now.bugs.find((b) => b.title === 'Checkout crashes')).toMatchObject({
      severity: 'critical',
      status: 'open',
    });
    expect(now.features.map((f) => f.title)).not.toContain('Checkout crashes');
  });

  it('closes an issue closed in the second of its last change at the next sync, and proposes nothing from it', async () => {
    github.updateIssue(REPO, 2, { state: 'closed', stateReason: 'completed' });
    await deliver(copy('opened', {}), copy('closed', { state: 'closed' }));
    // Two deliveries of one second may come in either order: which state stands, the sync reads.
    expect((await shown()).features.find((f) => f.title === 'Checkout crashes')?.status).toBe('planned');
    github.clock.set('2026-11-21T10:15:00Z');
    expect((await goalpost('github', 'sync')).code).toBe(0);
    expect((await shown()).features.find((f) => f.title === 'Checkout crashes')?.status).toBe('done');
    const generated = await goalpost('generate', '--max-tasks', '10');
    expect(generated.code).toBe(0);
    expect(generated.stdout).not.toContain("'Checkout crashes'");
  });

  it('has the sync bring in a change of that second the webhook never delivered', async () => {
    github.updateIssue(REPO, 2, { labels: ['bug', 'P0'] });
    // The `labeled` delivery is lost: only `opened` arrives.
    await deliver(copy('opened', {}));
    expect((await shown()).features.map((f) => f.title)).toContain('Checkout crashes');
    github.clock.set('2026-11-21T10:15:00Z');
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    const now = await shown();
    expect(now.bugs.find((b) => b.title === 'Checkout crashes')?.severity).toBe('critical');
    expect(now.features.map((f) => f.title)).not.toContain('Checkout crashes');
    // Read again, GitHub's copy is as applied: nothing more changes.
    const again = await goalpost('github', 'sync');
    expect(again.stdout).toContain('0 added, 0 updated, 0 closed');
  });

  it('has the sync put right two copies of one second delivered out of order', async () => {
    github.updateIssue(REPO, 2, { state: 'closed', stateReason: 'completed' });
    await deliver(copy('closed', { state: 'closed' }), copy('opened', {}));
    github.clock.set('2026-11-21T10:15:00Z');
    expect((await goalpost('github', 'sync')).code).toBe(0);
    // Seen closed first, it was never backlog; the late `opened` of that second would open it, which
    // is left to the sync, and the sync reads GitHub's copy, closed.
    expect((await shown()).features.map((f) => f.title)).not.toContain('Checkout crashes');
    expect((await goalpost('generate', '--max-tasks', '10')).stdout).not.toContain("'Checkout crashes'");
  });

  it('leaves an approved task open when its issue is closed and reopened in one second, delivered out of order', async () => {
    github.updateIssue(REPO, 2, { labels: ['bug', 'P0'] });
    await deliver(copy('opened', {}), copy('labeled', { labels: ['bug', 'P0'] }));
    await goalpost('generate', '--max-tasks', '10');
    const tasks = (await goalpost('tasks', '--json')).json<Array<{ ref: string; title: string }>>();
    const fix = tasks.find((t) => t.title.includes("'Checkout crashes'"));
    expect(fix).toBeDefined();
    expect((await goalpost('approve', fix?.ref ?? '')).code).toBe(0);
    // Closed and reopened at once on GitHub (open now); `reopened` delivered before `closed`.
    const later = '2026-11-21T10:05:00Z';
    github.clock.set(later);
    github.updateIssue(REPO, 2, { state: 'closed', stateReason: 'completed' });
    github.updateIssue(REPO, 2, { state: 'open' });
    const labels = ['bug', 'P0'];
    await deliver(
      issuesPayload('reopened', {
        repo: REPO,
        issue: { number: 2, title: 'Checkout crashes', labels, updatedAt: later, state: 'open' },
      }),
      copy('closed', { labels, state: 'closed', updatedAt: later }),
    );
    github.clock.set('2026-11-21T10:15:00Z');
    expect((await goalpost('github', 'sync')).code).toBe(0);
    const status = async () =>
      (await goalpost('task', 'show', fix?.ref ?? '', '--json')).json<{ task: { status: string } }>().task
        .status;
    expect(await status()).toBe('approved');
    expect((await shown()).bugs.find((b) => b.title === 'Checkout crashes')?.status).toBe('open');
  });

  it('still skips an older copy delivered after a newer one', async () => {
    github.clock.set('2026-11-21T10:05:00Z');
    github.updateIssue(REPO, 2, { labels: ['bug', 'P0'] });
    const answers = await deliver(
      copy('opened', {}),
      copy('labeled', { labels: ['bug', 'P0'], updatedAt: '2026-11-21T10:05:00Z' }),
      // GitHub delivers the first copy again, late.
      copy('opened', {}),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(JSON.parse(answers[2]?.body ?? '{}').applied[0].backlog).toMatchObject({ unchanged: 1, added: 0 });
    const now = await shown();
    expect(now.bugs.find((b) => b.title === 'Checkout crashes')?.severity).toBe('critical');
    expect(now.features.map((f) => f.title)).not.toContain('Checkout crashes');
  });
});

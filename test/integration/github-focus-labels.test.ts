import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/create-http-server.js';
import type { Goalpost, OpenedGoalpost } from '../../src/index.js';
import type { FakeGitHub } from '../fakes/github-api.js';
import { deliverGitHubEvent, issuesPayload } from '../fakes/github-webhooks.js';
import { githubForCli } from '../helpers/github-cli.js';
import { connectRepo, serveGitHubWebhook } from '../helpers/github-webhook-server.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import type { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SECRET = 'whsec-for-tests-0123456789';
const REPO = 'acme/edu-apps';
const PROJECT = 'Basic EDU Apps';

// A team lead's vision puts billing first and onboarding second, and Basic EDU Apps works on both.
// The team labels its GitHub issues with the area they are about: a billing bug whose title names
// neither area was scored as onboarding work (the least of the product's areas), as if its
// `billing` label were not there, and its card never said billing.
const AREAS = 'billing,onboarding,payment_integration,automation,self_healing';
/** A billing bug whose title names no area. */
const BUG = 'Totals off by a cent on the March statement';

/** The alignment line of the task made from `words`' item, from a plan's reasoning. */
const alignmentIn = (tasks: Array<{ title: string; reasoning: string[] }>, words: string) =>
  tasks.find((t) => t.title.includes(words))?.reasoning.find((l) => l.startsWith('Alignment'));

describe('focus-area labels on GitHub issues, synced from a fake GitHub', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let goalpost: ReturnType<typeof cliFor>;
  let dbPath: string;

  beforeEach(async () => {
    ({ github, dbPath, goalpost } = await githubForCli(tempDir(), [REPO], (app) => {
      app.vision.set(OPERATOR, 'focus_areas', AREAS);
      app.projects.update(OPERATOR, PROJECT, { focus: ['onboarding', 'billing'] });
    }));
    github.addRepo(REPO, { private: true });
    github.addIssues(REPO, [
      { title: BUG, labels: ['bug', 'P1', 'Area: Billing'] },
      { title: 'Class roster import', labels: ['enhancement', 'area/billing'] },
      { title: 'Quiz timer resets on reload', labels: ['bug', 'P1'] },
    ]);
    expect((await goalpost('github', 'connect', REPO, '--project', PROJECT)).code).toBe(0);
  });
  afterEach(() => github.close());

  const plan = async () =>
    (await goalpost('generate', '--dry-run', '--max-tasks', '20', '--json')).json<{
      tasks: Array<{ title: string; reasoning: string[]; focusArea: string | null; alignment: number }>;
    }>().tasks;

  it('scores an issue labelled with a focus area as work on it, says so, and follows its labels', async () => {
    const tasks = await plan();
    const bug = tasks.find((t) => t.title.includes(BUG));
    const quiz = tasks.find((t) => t.title.includes('Quiz timer'));
    expect(bug?.focusArea).toBe('billing');
    expect(alignmentIn(tasks, BUG)).toMatch(
      /^Alignment [\d.]+: labelled 'Area: Billing' on GitHub: billing is focus area 1 of 5;/,
    );
    // The same bug unlabelled counts as the least of the product's areas.
    expect(alignmentIn(tasks, 'Quiz timer')).toMatch(
      /so it counts as the least of them: onboarding, focus area 2 of 5/,
    );
    expect(bug?.alignment).toBeGreaterThan(quiz?.alignment ?? Number.POSITIVE_INFINITY);
    // A feature too, labelled in the `area/…` form.
    expect(alignmentIn(tasks, 'Class roster import')).toMatch(
      /^Alignment [\d.]+: labelled 'area\/billing' on GitHub: billing is focus area 1 of 5;/,
    );

    // The label moves from one bug to the other on GitHub: the next sync follows.
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 1, { labels: ['bug', 'P1'] });
    github.updateIssue(REPO, 3, { labels: ['bug', 'P1', 'billing'] });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain('0 added, 2 updated');
    const after = await plan();
    expect(alignmentIn(after, BUG)).toMatch(
      /so it counts as the least of them: onboarding, focus area 2 of 5/,
    );
    expect(alignmentIn(after, 'Quiz timer')).toMatch(
      /^Alignment [\d.]+: labelled 'billing' on GitHub: billing is focus area 1 of 5;/,
    );
  });

  it('reads the area labels of issues synced before it kept them, on the next sync', async () => {
    // As a Goalpost before 0069 left it: no area labels kept, nothing to read again (what later
    // migrations made undone too; 0070 rebuilds a table, so it applies again as it stands).
    const db = new Database(dbPath);
    db.exec(`ALTER TABLE github_issues DROP COLUMN area_labels; UPDATE github_repos SET reread = 0;
      DROP TABLE stripe_first_sales; DELETE FROM schema_migrations WHERE version >= 69;`);
    db.close();
    expect(alignmentIn(await plan(), BUG)).toMatch(/so it counts as the least of them: onboarding/);
    // Nothing changed on GitHub since, yet the sync reads the open issues again for their labels.
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(alignmentIn(await plan(), BUG)).toMatch(
      /^Alignment [\d.]+: labelled 'Area: Billing' on GitHub: billing is focus area 1 of 5;/,
    );
  });
});

describe('focus-area labels on GitHub issues, delivered by webhook', () => {
  const tempDir = useTempDir();
  let opened: OpenedGoalpost;
  let app: Goalpost;
  let server: HttpServer;
  let url: string;

  beforeEach(async () => {
    opened = openQuickStart(tempDir());
    app = opened.app;
    app.vision.set(OPERATOR, 'focus_areas', AREAS);
    app.projects.update(OPERATOR, PROJECT, { focus: ['onboarding', 'billing'] });
    connectRepo(app, REPO);
    ({ server, url } = await serveGitHubWebhook(app, SECRET));
  });
  afterEach(async () => {
    await server.close();
    opened.close();
  });

  const deliver = async (action: 'opened' | 'labeled' | 'unlabeled', labels: string[], at: string) => {
    const payload = issuesPayload(action, {
      repo: REPO,
      issue: { number: 7, title: BUG, labels, updatedAt: at },
      ...(action === 'opened' ? {} : { label: 'billing' }),
    });
    expect((await deliverGitHubEvent(url, { event: 'issues', payload, secret: SECRET })).status).toBe(200);
  };
  const alignment = () =>
    alignmentIn(app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 }).tasks as never, BUG);

  it('scores the issue under the area once labelled, and as before once the label is taken off', async () => {
    await deliver('opened', ['bug', 'P1'], '2026-11-21T08:00:00Z');
    expect(alignment()).toMatch(/so it counts as the least of them: onboarding, focus area 2 of 5/);
    await deliver('labeled', ['bug', 'P1', 'billing'], '2026-11-21T08:05:00Z');
    expect(alignment()).toMatch(
      /^Alignment [\d.]+: labelled 'billing' on GitHub: billing is focus area 1 of 5;/,
    );
    await deliver('unlabeled', ['bug', 'P1'], '2026-11-21T08:10:00Z');
    expect(alignment()).toMatch(/so it counts as the least of them: onboarding, focus area 2 of 5/);
  });
});

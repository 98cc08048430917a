import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const TOKEN = 'github_pat_11AAAAAAA0readOnlyTokenForTests';
const WRITER = 'github_pat_11AAAAAAA0writesIssuesTokenTest';
const REPO = 'acme/edu-apps';

describe('goalpost github connect and sync, against a fake GitHub', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let goalpost: ReturnType<typeof cliFor>;
  let dbPath: string;

  beforeEach(async () => {
    github = await startFakeGitHub({ tokens: { [TOKEN]: { repos: [REPO] } }, now: '2026-11-20T09:00:00Z' });
    github.addRepo(REPO, { private: true });
    github.addIssues(REPO, [
      { title: 'Parent dashboard', labels: ['enhancement'] },
      { title: 'Quiz timer resets on reload', labels: ['bug', 'P1'] },
      { title: 'Add Stripe checkout', pullRequest: true },
      { title: 'Shipped long ago', state: 'closed', stateReason: 'completed' },
    ]);
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
    goalpost = cliFor(dbPath, FIXTURE_NOW, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url });
  });
  afterEach(() => github.close());

  /** The CLI with a token that may write the repository's issues (task export). */
  const asWriter = () => {
    github.addToken(WRITER, { repos: [REPO], write: true });
    return cliFor(dbPath, FIXTURE_NOW, { GITHUB_TOKEN: WRITER, GITHUB_API_URL: github.url });
  };

  /**
   * Connects the repository, proposes a batch, and approves the task made from the issue `title`
   * names: that task.
   */
  const approvedFrom = async (title: string) => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    await goalpost('generate', '--max-tasks', '10');
    const tasks = (await goalpost('tasks', '--json')).json<Array<{ ref: string; title: string }>>();
    const task = tasks.find((t) => t.title.includes(`'${title}'`));
    if (task === undefined) throw new Error(`nothing proposed from '${title}'`);
    await goalpost('approve', task.ref);
    return task;
  };

  const features = async () =>
    (await goalpost('project', 'show', 'Basic EDU Apps', '--json')).json<{
      features: Array<{ title: string; status: string; upkeep: boolean; source: { ref: string } | null }>;
      bugs: Array<{ title: string; severity: string; status: string }>;
    }>();

  it('says which proposed tasks a sync withdrew, apart from those closed with their issues', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    await goalpost('generate', '--max-tasks', '10');
    const tasks = (await goalpost('tasks', '--json')).json<Array<{ ref: string; title: string }>>();
    const fix = tasks.find((t) => t.title.includes("'Quiz timer resets on reload'"));
    expect(fix).toBeDefined();
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 2, { labels: ['bug', 'low'] });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(`; ${fix?.ref} withdrawn as its issue changed (its log says how).`);
    expect(synced.stdout).not.toContain('closed with its issue');
  });

  it('credits work a merged pull request closed to its author, with no webhook, once', async () => {
    await goalpost('assignee', 'add', 'ana', '--github', 'ana-codes');
    await goalpost('assignee', 'add', 'ben', '--github', 'ben-dev');
    const fix = await approvedFrom('Quiz timer resets on reload');
    await goalpost('assign', fix.ref, 'ben');
    // Ana fixed it instead: her pull request closes the issue, as GitHub closes one a merge names.
    github.clock.set('2026-11-21T10:00:00Z');
    github.addIssue(REPO, {
      title: 'Keep the quiz timer across reloads',
      body: 'Closes #2',
      user: 'ana-codes',
      state: 'closed',
      pullRequest: { mergedAt: '2026-11-21T10:00:00Z' },
    });
    github.updateIssue(REPO, 2, { state: 'closed', stateReason: 'completed', closedBy: 'ana-codes' });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(`; ${fix.ref} done by PR #5 (@ana-codes)`);
    expect(synced.stdout).not.toContain(`${fix.ref} closed with its issue`);
    const shown = (await goalpost('task', 'show', fix.ref, '--json')).json<{
      task: { status: string };
      events: Array<{ type: string; note: string | null; data: { assignee?: string } }>;
    }>();
    expect(shown.task.status).toBe('done');
    const done = shown.events.filter((e) => e.type === 'done');
    expect(done).toHaveLength(1);
    expect(done[0]?.data.assignee).toBe('ana');
    expect(done[0]?.note).toBe(`PR #5 by @ana-codes merged: https://github.com/${REPO}/pull/5`);
    // Routing learns it as hers, not ben's.
    const table = (await goalpost('learn')).stdout;
    expect(table).toMatch(/bugfix +ana +\d+% +1 +0 /);
    expect(table).not.toMatch(/bugfix\s+ben\b/);
    // Read again (a comment on the merged pull request moves it up the listing): nothing twice.
    github.clock.set('2026-11-21T10:30:00Z');
    github.updateIssue(REPO, 5, { body: 'Closes #2 (thanks!)' });
    const again = await goalpost('github', 'sync');
    expect(again.stdout).not.toContain('done by PR');
    expect(
      (await goalpost('task', 'show', fix.ref, '--json')).json<{ events: Array<{ type: string }> }>().events,
    ).toHaveLength(shown.events.length);
  });

  it('takes no pull request merged before a task was proposed for its work', async () => {
    await goalpost('assignee', 'add', 'ana', '--github', 'ana-codes');
    // The evening before Goalpost is connected, a pull request naming #2 is merged into a branch
    // other than the default, so GitHub leaves #2 open.
    github.clock.set('2026-11-20T18:00:00Z');
    github.addIssue(REPO, {
      title: 'Quiz timer: a first attempt',
      body: 'Closes #2',
      user: 'ana-codes',
      state: 'closed',
      pullRequest: { mergedAt: '2026-11-20T18:00:00Z' },
    });
    const fix = await approvedFrom('Quiz timer resets on reload');
    const synced = await goalpost('github', 'sync');
    expect(synced.stdout).not.toContain('done by PR');
    const shown = (await goalpost('task', 'show', fix.ref, '--json')).json<{
      task: { status: string };
      events: Array<{ type: string; note: string | null }>;
    }>();
    expect(shown.task.status).toBe('approved');
    expect(shown.events.at(-1)?.note).toBe(
      `PR #5 was merged on 2026-11-20, before ${fix.ref} was proposed: https://github.com/${REPO}/pull/5`,
    );
  });

  it('says, when a task made from an open issue is done, that the issue is to be closed on GitHub', async () => {
    const dashboard = await approvedFrom('Parent dashboard');
    const done = await goalpost('done', dashboard.ref);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(
      `  Its issue ${REPO}#1 is still open on GitHub: close it there and its item closes too (until then its project counts the work as open), https://github.com/${REPO}/issues/1`,
    );
    // Closed there, the feature is done at the next sync, and nothing is said of it again.
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 1, { state: 'closed', stateReason: 'completed' });
    await goalpost('github', 'sync');
    expect((await features()).features.find((f) => f.title === 'Parent dashboard')?.status).toBe('done');
  });

  it('links the repository and turns its open issues (not its pull requests) into the project’s backlog', async () => {
    const r = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Connected ${REPO} to Basic EDU Apps`);
    expect(r.stdout).toContain('2 issues read; 2 added, 0 updated, 0 closed, 0 unchanged');
    const shown = await features();
    expect(shown.features).toContainEqual(
      expect.objectContaining({
        title: 'Parent dashboard',
        status: 'planned',
        source: expect.objectContaining({ ref: `${REPO}#1` }),
      }),
    );
    expect(shown.bugs).toContainEqual(
      expect.objectContaining({ title: 'Quiz timer resets on reload', severity: 'high' }),
    );
    // The lists say which items come from GitHub, and from which issue.
    expect((await goalpost('bug', 'list')).stdout).toMatch(
      /high +open +Basic EDU Apps +acme\/edu-apps#2 +Quiz timer resets on reload/,
    );
    expect(JSON.stringify(shown)).not.toContain('Add Stripe checkout');
    expect(JSON.stringify(shown)).not.toContain('Shipped long ago');
  });

  it('reads an estimate from an issue’s labels, and a plan divides its value by it', async () => {
    github.addIssues(REPO, [
      { title: 'Class roster import', labels: ['enhancement', 'estimate: 2d'] },
      { title: 'Lesson search', labels: ['3 points', '24h'] },
    ]);
    expect((await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps')).code).toBe(0);
    const shown = async () =>
      (await features()).features as unknown as Array<{
        id: number;
        title: string;
        estimateHours: number | null;
      }>;
    const estimates = async () => Object.fromEntries((await shown()).map((f) => [f.title, f.estimateHours]));
    const idOf = async (title: string) => String((await shown()).find((f) => f.title === title)?.id);
    // Two days of eight hours; points, and a duration with no 'estimate', are not an estimate.
    expect(await estimates()).toMatchObject({
      'Class roster import': 16,
      'Lesson search': null,
      'Parent dashboard': null,
    });
    let at = Date.parse('2026-11-21T08:00:00Z');
    const edit = (number: number, patch: Parameters<FakeGitHub['updateIssue']>[2]) => {
      at += 60_000;
      github.clock.set(new Date(at).toISOString());
      github.updateIssue(REPO, number, patch);
    };
    // An estimate the team typed stays through edits that leave the labels as they were.
    expect((await goalpost('feature', 'estimate', await idOf('Parent dashboard'), '5h')).code).toBe(0);
    expect((await goalpost('feature', 'estimate', await idOf('Class roster import'), '12h')).code).toBe(0);
    edit(1, { title: 'Parent dashboard v2' });
    edit(5, { title: 'Class roster import (CSV)' });
    expect((await goalpost('github', 'sync')).stdout).toContain('2 updated');
    expect(await estimates()).toMatchObject({ 'Parent dashboard v2': 5, 'Class roster import (CSV)': 12 });
    // Labels that change it set it; taken off, they take back the estimate they gave.
    edit(5, { labels: ['enhancement', 'estimate: 90m'] });
    await goalpost('github', 'sync');
    expect((await estimates())['Class roster import (CSV)']).toBe(1.5);
    const plan = (await goalpost('generate', '--dry-run', '--max-tasks', '20')).stdout;
    expect(plan).toMatch(/Build 'Class roster import \(CSV\)'[\s\S]*?Effort 1\.5 h: the team's estimate/);
    edit(5, { labels: ['enhancement'] });
    await goalpost('github', 'sync');
    expect((await estimates())['Class roster import (CSV)']).toBeNull();
  });

  it('keeps the goal and estimate the team gave an issue’s item when the issue is relabelled', async () => {
    expect((await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps')).code).toBe(0);
    expect(
      (await goalpost('goal', 'add', 'active_teachers', '--target', '300', '--by', '2027-03-31')).code,
    ).toBe(0);
    const show = async () =>
      (await goalpost('project', 'show', 'Basic EDU Apps', '--json')).json<{
        features: Array<{ id: number; title: string; goalId: number | null; estimateHours: number | null }>;
        bugs: Array<{ id: number; title: string; goalId: number | null; estimateHours: number | null }>;
      }>();
    const dashboard = (await show()).features.find((f) => f.title === 'Parent dashboard');
    expect((await goalpost('feature', 'goal', String(dashboard?.id), 'active_teachers')).code).toBe(0);
    expect((await goalpost('feature', 'estimate', String(dashboard?.id), '5h')).code).toBe(0);
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 1, { labels: ['bug', 'P1'] });
    expect((await goalpost('github', 'sync')).code).toBe(0);
    const after = await show();
    expect(after.features.some((f) => f.title === 'Parent dashboard')).toBe(false);
    expect(after.bugs.find((b) => b.title === 'Parent dashboard')).toMatchObject({
      goalId: expect.any(Number),
      estimateHours: 5,
    });
  });

  it('reads the estimates of issues synced before it read labels for them, on the next sync', async () => {
    github.addIssues(REPO, [{ title: 'Class roster import', labels: ['estimate: 2d'] }]);
    expect((await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps')).code).toBe(0);
    // As a database synced by an older Goalpost stands after migration 0040.
    const raw = new Database(dbPath);
    raw.exec(
      'UPDATE features SET estimate_hours = NULL; UPDATE github_issues SET label_estimate_hours = NULL; UPDATE github_repos SET reread = 1 WHERE synced_at IS NOT NULL',
    );
    raw.close();
    expect((await goalpost('github', 'sync')).code).toBe(0);
    expect((await features()).features).toContainEqual(
      expect.objectContaining({ title: 'Class roster import', estimateHours: 16 }),
    );
  });

  it('asks only for what changed, and an unchanged repository costs two 304s and no rate limit', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    // The first sync after connecting reads every issue changed since (closed ones too) and keeps
    // the answer's ETag; from then on an unchanged repository answers 304.
    expect((await goalpost('github', 'sync')).stdout).toContain('0 added, 0 updated, 0 closed, 3 unchanged');
    const before = github.rateLimit(TOKEN).remaining;
    const r = await goalpost('github', 'sync');
    expect(r.stdout).toContain('nothing changed on GitHub since the last sync');
    const [last] = github.callsTo('GET', /\/issues$/).slice(-1);
    expect(last).toMatchObject({
      status: 304,
      query: expect.objectContaining({ state: 'all', since: expect.any(String) }),
    });
    expect(last?.headers['if-none-match']).toMatch(/^W\/"/);
    const [milestones] = github.callsTo('GET', /\/milestones$/).slice(-1);
    expect(milestones?.status).toBe(304);
    expect(github.rateLimit(TOKEN).remaining).toBe(before);

    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 2, { state: 'closed', stateReason: 'completed' });
    github.updateIssue(REPO, 1, { title: 'Parent dashboard with grades' });
    const again = await goalpost('github', 'sync', '--json');
    expect(again.json<Array<{ counts: object }>>()[0]?.counts).toMatchObject({ updated: 1, closed: 1 });
    const shown = await features();
    expect(shown.bugs).toContainEqual(
      expect.objectContaining({ title: 'Quiz timer resets on reload', status: 'fixed' }),
    );
    expect(shown.features).toContainEqual(expect.objectContaining({ title: 'Parent dashboard with grades' }));
  });

  it('takes an issue deleted or transferred on GitHub out of the backlog by the next day, with no webhook', async () => {
    github.addRepo('acme/mobile');
    const both = 'github_pat_11AAAAAAA0readsBothReposForTests';
    github.addToken(both, { repos: [REPO, 'acme/mobile'] });
    const env = { GITHUB_TOKEN: both, GITHUB_API_URL: github.url };
    const today = cliFor(dbPath, FIXTURE_NOW, env);
    await today('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    github.addIssue(REPO, { title: 'Offline quiz mode', labels: ['enhancement'] });
    await today('github', 'sync');
    await today('generate', '--max-tasks', '10');
    const proposed = (await today('tasks', '--json')).json<Array<{ ref: string; title: string }>>();
    const dashboard = proposed.find((t) => t.title.includes('Parent dashboard'));
    const quiz = proposed.find((t) => t.title.includes('Quiz timer'));
    expect(dashboard && quiz).toBeDefined();
    await today('approve', dashboard?.ref ?? '');

    // #1 moves to a repository this token reads; #2 is deleted; #5 moves where it may not read.
    github.addRepo('acme/private-archive', { private: true });
    github.clock.set('2026-11-21T10:00:00Z');
    github.transferIssue(REPO, 1, 'acme/mobile');
    github.deleteIssue(REPO, 2);
    github.transferIssue(REPO, 5, 'acme/private-archive');
    // The same day: no issue changed since the cursor, so nothing is seen, and nothing is asked.
    const sameDay = await today('github', 'sync');
    expect(sameDay.stdout).not.toContain('no longer on GitHub');
    expect(github.callsTo('GET', /\/issues\/\d+$/)).toHaveLength(0);

    const tomorrow = cliFor(dbPath, '2026-11-22T09:05:00Z', env);
    const synced = await tomorrow('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(
      'no longer on GitHub, so out of the backlog: #1 transferred to acme/mobile, #2 deleted, #5 transferred',
    );
    const shown = await features();
    expect(shown.features.map((f) => f.title)).not.toContain('Parent dashboard');
    expect(shown.features.map((f) => f.title)).not.toContain('Offline quiz mode');
    // A deleted bug stays in the list as won't fix, as the webhook's `deleted` leaves it.
    expect(shown.bugs).toContainEqual(
      expect.objectContaining({ title: 'Quiz timer resets on reload', status: 'wontfix' }),
    );
    const approved = (await tomorrow('task', 'show', dashboard?.ref ?? '', '--json')).json<{
      task: { status: string };
      events: Array<{ note: string | null }>;
    }>();
    expect(approved.task.status).toBe('cancelled');
    expect(approved.events.map((e) => e.note)).toContain(
      `${REPO}#1 was transferred to another repository on GitHub`,
    );
    const fix = (await tomorrow('task', 'show', quiz?.ref ?? '', '--json')).json<{
      task: { status: string };
      events: Array<{ note: string | null }>;
    }>();
    expect(fix.task.status).toBe('cancelled');
    expect(fix.events.map((e) => e.note)).toContain(`${REPO}#2 was deleted on GitHub`);
    const plan = await tomorrow('generate', '--dry-run', '--json');
    expect(plan.stdout).not.toMatch(/Parent dashboard|Quiz timer|Offline quiz mode/);
    // Checked today: a second sync the same day asks nothing more.
    const asked = github.callsTo('GET', /\/issues\/\d+$/).length;
    await tomorrow('github', 'sync');
    expect(github.callsTo('GET', /\/issues\/\d+$/)).toHaveLength(asked);
  });

  // A review: an issue moved between two repositories of the same project had its task under way
  // cancelled and its feature proposed again, from the copy the other repository's sync added.
  it('keeps the item and its work when an issue moves to another repository of the same project', async () => {
    const api = 'acme/edu-api';
    github.addRepo(api, { private: true });
    const both = 'github_pat_11AAAAAAA0readsBothReposForTests';
    github.addToken(both, { repos: [REPO, api] });
    const env = { GITHUB_TOKEN: both, GITHUB_API_URL: github.url };
    const today = cliFor(dbPath, FIXTURE_NOW, env);
    await today('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    await today('github', 'connect', api, '--project', 'Basic EDU Apps');
    await today('generate', '--max-tasks', '10');
    const proposed = (await today('tasks', '--json')).json<Array<{ ref: string; title: string }>>();
    const dashboard = proposed.find((t) => t.title.includes('Parent dashboard'));
    expect(dashboard).toBeDefined();
    for (const step of ['approve', 'start']) await today(step, dashboard?.ref ?? '');
    github.clock.set('2026-11-21T10:00:00Z');
    const moved = github.transferIssue(REPO, 1, api);
    // The other repository's sync sees a new issue first: a copy of the item, for now.
    await today('github', 'sync');
    const tomorrow = cliFor(dbPath, '2026-11-22T09:05:00Z', env);
    const synced = await tomorrow('github', 'sync');
    expect(synced.stdout).toContain(
      `transferred to a repository of the same project, kept with its tasks: #1 to ${api}#${moved.number}`,
    );
    const shown = (await tomorrow('task', 'show', dashboard?.ref ?? '', '--json')).json<{
      task: { status: string };
    }>();
    expect(shown.task.status).toBe('in_progress');
    const titles = (await features()).features.map((f) => f.title);
    expect(titles.filter((t) => t === 'Parent dashboard')).toHaveLength(1);
    const item = (await features()).features.find((f) => f.title === 'Parent dashboard');
    expect(item?.source?.ref).toBe(`${api}#${moved.number}`);
    // Not proposed again: the task under way is that work.
    const dry = (await tomorrow('generate', '--dry-run', '--json')).json<{
      tasks: Array<{ title: string }>;
    }>();
    expect(dry.tasks.map((t) => t.title)).not.toContain("Build 'Parent dashboard' for Basic EDU Apps");
  });

  it('connected again with other labels, reads the open issues again with them', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    const r = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--bug-labels',
      'enhancement,bug',
      '--severity-labels',
      'enhancement=low',
    );
    expect(r.stdout).toContain('was connected already');
    const shown = await features();
    expect(shown.features.map((f) => f.title)).not.toContain('Parent dashboard');
    expect(shown.bugs).toContainEqual(
      expect.objectContaining({ title: 'Parent dashboard', severity: 'low' }),
    );
    // No severity label of the new list: the middle of the scale.
    expect(shown.bugs).toContainEqual(
      expect.objectContaining({ title: 'Quiz timer resets on reload', severity: 'medium' }),
    );
  });

  it('connected again with other labels, keeps what closed since the last sync closed', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect((await goalpost('github', 'sync')).code).toBe(0);
    // Closed on GitHub after the last sync; another issue touched after that.
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 2, { state: 'closed', stateReason: 'completed' });
    github.clock.set('2026-11-21T09:00:00Z');
    github.updateIssue(REPO, 1, { title: 'Parent dashboard with grades' });
    const r = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--upkeep-labels',
      'enhancement',
    );
    expect(r.code).toBe(0);
    // The re-read asked for what changed since the cursor (the closure) and for every open issue.
    const reads = github.callsTo('GET', /\/issues$/).slice(-2);
    expect(reads.map((c) => c.query.state)).toEqual(['all', 'open']);
    expect((await goalpost('github', 'sync')).code).toBe(0);
    const shown = await features();
    expect(shown.bugs).toContainEqual(
      expect.objectContaining({ title: 'Quiz timer resets on reload', status: 'fixed' }),
    );
    expect(shown.features).toContainEqual(
      expect.objectContaining({ title: 'Parent dashboard with grades', upkeep: true }),
    );
  });

  it('follows every page GitHub links to', async () => {
    github.addIssues(
      REPO,
      Array.from({ length: 230 }, (_, i) => ({ title: `Idea ${i + 1}` })),
    );
    const r = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--json');
    expect(r.json<{ sync: { fetched: number } }>().sync.fetched).toBe(232);
    expect(github.callsTo('GET', /\/issues$/).length).toBeGreaterThanOrEqual(3);
    expect((await features()).features.filter((f) => f.title.startsWith('Idea '))).toHaveLength(230);
  });

  it('waits out a spent rate limit for the reset GitHub names, then goes on', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 1, { title: 'Parent dashboard v2' });
    github.setRateLimit(TOKEN, { remaining: 0, resetInSeconds: 1 });
    const r = await goalpost('github', 'sync');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 updated');
    expect(github.calls.some((c) => c.status === 403)).toBe(true);
  });

  it('waits out a secondary rate limit (retry-after), then goes on', async () => {
    github.secondaryLimit({ retryAfterSeconds: 1 });
    const r = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 added');
  });

  it('writes nothing when a page fails part-way, and the next sync takes it all', async () => {
    github.addIssues(
      REPO,
      Array.from({ length: 150 }, (_, i) => ({ title: `Idea ${i + 1}` })),
    );
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    github.clock.set('2026-11-21T08:00:00Z');
    // 150 changed issues: two pages.
    for (let n = 1; n <= 150; n++) github.updateIssue(REPO, n + 4, { title: `Changed ${n}` });
    github.updateIssue(REPO, 1, { title: 'Parent dashboard v2' });
    // The first page comes whole; the second (GitHub links it by repository id) is cut mid-answer.
    github.failNext({ path: /^\/repositories\/\d+\/issues$/, destroy: true });
    const broken = await goalpost('github', 'sync');
    expect(broken.code).toBe(69);
    expect(broken.stderr).toContain("could not reach GitHub to read issues (GitHub's answer was cut short");
    expect((await features()).features.map((f) => f.title)).not.toContain('Parent dashboard v2');
    const fixed = await goalpost('github', 'sync');
    expect(fixed.code).toBe(0);
    expect((await features()).features.map((f) => f.title)).toEqual(
      expect.arrayContaining(['Parent dashboard v2', 'Changed 1', 'Changed 3', 'Changed 120']),
    );
  });

  it('exports an approved task to an issue once, and closing the issue closes the task', async () => {
    const writer = asWriter();
    await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--export-tasks');
    // A task of the linked project not made from an issue (the quick start's typed critical bug), approved.
    await writer('generate', '--max-tasks', '5');
    const tasks = (await writer('tasks', '--json')).json<
      Array<{ ref: string; title: string; projectName: string | null; item: { source?: unknown } | null }>
    >();
    const task = tasks.find((t) => t.projectName === 'Basic EDU Apps' && t.item?.source === undefined);
    expect(task).toBeDefined();
    await writer('approve', task?.ref ?? '');
    const synced = await writer('github', 'sync');
    expect(synced.code).toBe(0);
    const made = [...github.repo(REPO).issues.values()].find((i) => i.title === task?.title);
    expect(made?.labels).toEqual(['goalpost']);
    expect(synced.stdout).toContain(`${task?.ref} → ${REPO}#${made?.number}`);
    const shown = await writer('task', 'show', task?.ref ?? '');
    expect(shown.stdout).toContain(
      `Issue:      ${REPO}#${made?.number} https://github.com/${REPO}/issues/${made?.number}`,
    );
    // Again: no second issue, and the task's own issue never becomes backlog.
    await writer('github', 'sync');
    expect([...github.repo(REPO).issues.values()].filter((i) => i.title === task?.title)).toHaveLength(1);
    expect((await features()).features.map((f) => f.title)).not.toContain(task?.title);
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, made?.number ?? 0, { state: 'closed', stateReason: 'completed' });
    expect((await writer('github', 'sync')).stdout).toContain(`${task?.ref} closed with its issue`);
    expect(
      (await writer('task', 'show', task?.ref ?? '', '--json')).json<{ task: { status: string } }>().task
        .status,
    ).toBe('done');
  });

  it('says which permission task export needs when the token may only read, writing nothing', async () => {
    const refused = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--export-tasks',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `GITHUB_TOKEN may only read ${REPO}: task export needs Issues: Read and write (or connect it without --export-tasks); nothing was changed`,
    );
    expect((await goalpost('github', 'list')).stdout).not.toContain(REPO);
    expect((await goalpost('project', 'show', 'Basic EDU Apps')).stdout).not.toContain('Parent dashboard');
  });

  it('keeps task export as it was when connected again, until --no-export-tasks turns it off', async () => {
    const writer = asWriter();
    const linkOf = async () =>
      (await writer('github', 'list', '--json')).json<
        Array<{ exportTasks: boolean; bugLabels: string[]; severityLabels: Record<string, string> }>
      >()[0];
    const exportOf = async () => (await linkOf())?.exportTasks;
    const on = await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--export-tasks');
    expect(on.stdout).toContain(`Task export is on: each approved task without an issue gets one in ${REPO}`);
    const relabelled = await writer(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--bug-labels',
      'defect',
    );
    expect(relabelled.code).toBe(0);
    expect(relabelled.stdout).toContain('Task export is on');
    expect(await exportOf()).toBe(true);
    const off = await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--no-export-tasks');
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('Task export is off (--export-tasks turns it on).');
    expect(await exportOf()).toBe(false);
    // Turning export off, as the refusals advise, keeps the labels given before.
    expect(await linkOf()).toMatchObject({ bugLabels: ['defect'] });
    // Off stays off too.
    await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(await exportOf()).toBe(false);
  });

  it('refuses to keep task export on with a token that may only read, until it is turned off', async () => {
    const writer = asWriter();
    await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--export-tasks');
    // The read-only token connects it again for other labels: export, still on, could not write.
    const refused = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--bug-labels',
      'defect',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `GITHUB_TOKEN may only read ${REPO}: task export, on for it, needs Issues: Read and write (or connect it with --no-export-tasks); nothing was changed`,
    );
    expect(
      (await goalpost('project', 'show', 'Basic EDU Apps', '--json')).json<{
        bugs: Array<{ title: string }>;
      }>().bugs,
    ).toContainEqual(expect.objectContaining({ title: 'Quiz timer resets on reload' }));
    const off = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--bug-labels',
      'defect',
      '--no-export-tasks',
    );
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('Task export is off');
  });

  it('says what a sync saved when the token loses the right to write issues before a task is exported', async () => {
    const writer = asWriter();
    await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--export-tasks');
    await writer('generate', '--max-tasks', '5');
    const tasks = (await writer('tasks', '--json')).json<
      Array<{ ref: string; projectName: string | null; item: { source?: unknown } | null }>
    >();
    const task = tasks.find((t) => t.projectName === 'Basic EDU Apps' && t.item?.source === undefined);
    await writer('approve', task?.ref ?? '');
    // The token's Issues permission is turned down to read; a new issue came meanwhile.
    github.addToken(WRITER, { repos: [REPO], write: false });
    github.clock.set('2026-11-21T08:00:00Z');
    github.addIssues(REPO, [{ title: 'Offline mode', labels: ['enhancement'] }]);
    const refused = await writer('github', 'sync');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('task export needs Issues: Read and write');
    expect(refused.stderr).toContain(
      `the issues' changes were saved, ${task?.ref} and the tasks after it were not exported`,
    );
    expect((await writer('project', 'show', 'Basic EDU Apps')).stdout).toContain('Offline mode');
  });

  it('refuses a token GitHub refuses, a repository it hides, and a missing token, writing nothing', async () => {
    const badToken = cliFor(dbPath, FIXTURE_NOW, {
      GITHUB_TOKEN: 'github_pat_11AAAAAAA0revokedRevokedRevoked',
      GITHUB_API_URL: github.url,
    });
    const refused = await badToken('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('GitHub refused GITHUB_TOKEN (bad credentials');

    const hidden = await goalpost('github', 'connect', 'acme/secret-plans', '--project', 'Basic EDU Apps');
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toContain(
      'GitHub has no repository acme/secret-plans, or GITHUB_TOKEN cannot see it',
    );

    const noToken = cliFor(dbPath, FIXTURE_NOW, { GITHUB_API_URL: github.url });
    const missing = await noToken('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('GITHUB_TOKEN is not set');

    expect((await goalpost('github', 'list')).stdout).toContain('No repository is connected');
  });

  it('refuses bad input before asking GitHub anything', async () => {
    const bad = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--severity-labels',
      'P0:critical',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"P0:critical" is not label=severity');
    const twice = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Basic EDU Apps',
      '--severity-labels',
      'P0=critical,sev1=high,p0=low',
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('severity labels: "P0" is given two severities, critical and low');
    const noProject = await goalpost('github', 'connect', REPO, '--project', 'Nope');
    expect(noProject.stderr).toContain('unknown project "Nope"');
    const notARepo = await goalpost('github', 'connect', 'edu-apps', '--project', 'Basic EDU Apps');
    expect(notARepo.stderr).toContain('"edu-apps" is not owner/name');
    expect(github.calls).toEqual([]);
    expect((await goalpost('github', 'list')).stdout).toContain('No repository is connected');
  });

  it('refuses a URL on another host than GitHub, naming it, and takes one on the host it reads', async () => {
    for (const url of [`https://gitlab.com/${REPO}`, `git@GitLab.com:${REPO}.git`]) {
      const refused = await goalpost('github', 'connect', url, '--project', 'Basic EDU Apps');
      expect(refused.code).toBe(1);
      // Here GitHub is the fake (as GITHUB_API_URL names a GitHub Enterprise server).
      expect(refused.stderr).toContain(
        `gitlab.com is not the GitHub this bot reads (127.0.0.1): give owner/repo or a ${github.url}/… URL`,
      );
    }
    expect(github.calls).toEqual([]);
    expect((await goalpost('github', 'list')).stdout).toContain('No repository is connected');
    const taken = await goalpost(
      'github',
      'connect',
      `${github.url}/${REPO}.git`,
      '--project',
      'Basic EDU Apps',
    );
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain(`Connected ${REPO} to Basic EDU Apps`);
  });
});

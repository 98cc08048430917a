import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Goalpost, OpenedGoalpost } from '../../src/index.js';
import type { FakeGitHub } from '../fakes/github-api.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { githubForCli } from '../helpers/github-cli.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import type { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = 'acme/edu-apps';
const OTHER = 'acme/design-system';

interface ShownFeature {
  id: number;
  title: string;
  after: number[];
}

describe('GitHub\'s "blocked by" as waits, through a sync against a fake GitHub', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    ({ github, goalpost } = await githubForCli(tempDir(), [REPO, OTHER]));
    github.addRepo(REPO, { private: true });
    github.addRepo(OTHER);
    github.addIssues(REPO, [
      { title: 'Parent dashboard', labels: ['enhancement'] },
      { title: 'Design spike: dashboard data', labels: ['estimate: 4h'] },
      { title: 'Quiz timer resets on reload', labels: ['bug', 'P1'] },
      { title: 'Roster export' },
    ]);
    github.addIssue(OTHER, { title: 'Chart components' });
    // The dashboard after its spike; the export behind a bug (a bug holds no feature back).
    github.blockIssue(REPO, 1, REPO, 2);
    github.blockIssue(REPO, 4, REPO, 3);
  });
  afterEach(() => github.close());

  const features = async () =>
    (await goalpost('project', 'show', 'Basic EDU Apps', '--json')).json<{ features: ShownFeature[] }>()
      .features;
  const feature = async (title: string) => {
    const found = (await features()).find((f) => f.title === title);
    if (found === undefined) throw new Error(`no feature '${title}'`);
    return found;
  };
  /** What each GitHub feature waits for, by titles. */
  const waits = async () => {
    const all = await features();
    const title = (id: number) => all.find((f) => f.id === id)?.title;
    return Object.fromEntries(
      all.filter((f) => f.after.length > 0).map((f) => [f.title, f.after.map(title)]),
    );
  };
  /** A moment later on GitHub, so that an edit moves `updated_at` past the cursor. */
  let minute = 0;
  const later = () => {
    minute += 1;
    github.clock.set(new Date(Date.parse('2026-11-21T08:00:00Z') + minute * 60_000).toISOString());
  };

  it('makes the blocked issue’s feature wait for its blocker’s, and a plan proposes it after', async () => {
    const connected = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain(`waits from GitHub's "blocked by": 1 added, 0 dropped.`);
    expect(await waits()).toEqual({ 'Parent dashboard': ['Design spike: dashboard data'] });
    const spike = await feature('Design spike: dashboard data');
    expect((await goalpost('project', 'show', 'Basic EDU Apps')).stdout).toMatch(
      new RegExp(`^\\d+ +planned +${spike.id} +— +${REPO}#1 +Parent dashboard$`, 'm'),
    );

    const plan = (await goalpost('generate', '--dry-run', '--max-tasks', '20')).stdout;
    const spikeAt = plan.indexOf("Build 'Design spike: dashboard data' for Basic EDU Apps");
    const dashboardAt = plan.indexOf("Build 'Parent dashboard' for Basic EDU Apps");
    expect(spikeAt).toBeGreaterThan(-1);
    expect(dashboardAt).toBeGreaterThan(spikeAt);
    expect(plan.slice(dashboardAt)).toMatch(/^ {3}After: {6}#\d+$/m);
  });

  it('sees a "blocked by" added or taken off on an issue the sync reads, even with its updated_at unmoved', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    // Taken off on GitHub, which leaves updated_at as it was: the next sync reads the issue for
    // another change (its title), and the wait goes with it.
    github.unblockIssue(REPO, 1, REPO, 2);
    later();
    github.updateIssue(REPO, 1, { title: 'Parent dashboard v2' });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(`waits from GitHub's "blocked by": 0 added, 1 dropped.`);
    expect(await waits()).toEqual({});

    // The export is blocked by the spike now; GitHub's `since` hands back the issue at the cursor's
    // own second (the one just edited) as it was, and its blockers are read with it all the same.
    github.blockIssue(REPO, 1, REPO, 4);
    const again = await goalpost('github', 'sync');
    expect(again.stdout).toContain('1 unchanged');
    expect(await waits()).toEqual({ 'Parent dashboard v2': ['Roster export'] });
  });

  it('never drops a wait the team typed, whatever GitHub says', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    const dashboard = await feature('Parent dashboard');
    const spike = await feature('Design spike: dashboard data');
    const roster = await feature('Roster export');
    // One GitHub gave too (now the team's), one GitHub never gave.
    expect((await goalpost('feature', 'after', String(dashboard.id), String(spike.id))).code).toBe(0);
    expect((await goalpost('feature', 'after', String(dashboard.id), String(roster.id))).code).toBe(0);
    github.unblockIssue(REPO, 1, REPO, 2);
    later();
    github.updateIssue(REPO, 1, { labels: ['enhancement', 'ux'] });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).not.toContain('blocked by');
    expect(await waits()).toEqual({
      'Parent dashboard': ['Design spike: dashboard data', 'Roster export'],
    });
  });

  it('says, when the team clears a wait GitHub gave, that the next sync of its issue gives it back', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    const dashboard = await feature('Parent dashboard');
    const spike = await feature('Design spike: dashboard data');
    const cleared = await goalpost('feature', 'after', String(dashboard.id), 'none');
    expect(cleared.stdout.trim()).toBe(
      `Feature ${dashboard.id} ('Parent dashboard') waits for no other feature now: a plan may propose it on its own. GitHub's "blocked by" gave the wait for feature ${spike.id} 'Design spike: dashboard data': the next sync that reads its issue gives it back; take it off on GitHub to keep it off.`,
    );
    expect(await waits()).toEqual({});
    later();
    github.updateIssue(REPO, 1, { title: 'Parent dashboard (v2)' });
    expect((await goalpost('github', 'sync')).code).toBe(0);
    expect(await waits()).toEqual({ 'Parent dashboard (v2)': ['Design spike: dashboard data'] });
  });

  it('says which "blocked by" it left out as it would make two features wait for each other', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    const dashboard = await feature('Parent dashboard');
    const roster = await feature('Roster export');
    expect((await goalpost('feature', 'after', String(roster.id), String(dashboard.id))).code).toBe(0);
    github.blockIssue(REPO, 1, REPO, 4);
    later();
    github.updateIssue(REPO, 1, { title: 'Parent dashboard v2' });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(
      `left out of GitHub's "blocked by", as each would wait for the other: feature ${dashboard.id} after ${roster.id}.`,
    );
    expect(await waits()).toEqual({
      'Parent dashboard v2': ['Design spike: dashboard data'],
      'Roster export': ['Parent dashboard v2'],
    });
  });

  it('leaves out a blocker in another repository, and a bug', async () => {
    github.blockIssue(REPO, 4, OTHER, 1);
    const connected = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(connected.code).toBe(0);
    expect(await waits()).toEqual({ 'Parent dashboard': ['Design spike: dashboard data'] });
    expect(github.callsTo('GET', /\/issues\/4\/dependencies\/blocked_by$/)).toHaveLength(1);
  });

  it('reads no blockers of an issue closed since, whose feature is done', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    const before = github.callsTo('GET', /\/issues\/1\/dependencies\/blocked_by$/).length;
    later();
    github.updateIssue(REPO, 1, { state: 'closed' });
    expect((await goalpost('github', 'sync')).code).toBe(0);
    expect(github.callsTo('GET', /\/issues\/1\/dependencies\/blocked_by$/)).toHaveLength(before);
  });

  it('leaves the waits of an issue deleted while the sync read it, and syncs the rest', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    later();
    github.updateIssue(REPO, 4, { title: 'Roster export to CSV' });
    github.blockIssue(REPO, 4, REPO, 2);
    github.failNext({ path: /\/issues\/4\/dependencies\/blocked_by$/, status: 404 });
    const synced = await goalpost('github', 'sync');
    expect(synced.code, synced.stderr).toBe(0);
    expect((await features()).map((f) => f.title)).toContain('Roster export to CSV');
    expect(await waits()).toEqual({ 'Parent dashboard': ['Design spike: dashboard data'] });
  });

  it('writes nothing when reading what blocks an issue fails, and the next sync takes it all', async () => {
    await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    later();
    github.updateIssue(REPO, 4, { title: 'Roster export to CSV' });
    github.blockIssue(REPO, 4, REPO, 2);
    github.failNext({ path: /\/issues\/4\/dependencies\/blocked_by$/, destroy: true });
    const broken = await goalpost('github', 'sync');
    expect(broken.code).toBe(69);
    expect(broken.stderr).toContain('could not reach GitHub to read which issues block its issues');
    expect((await features()).map((f) => f.title)).not.toContain('Roster export to CSV');
    expect(await waits()).toEqual({ 'Parent dashboard': ['Design spike: dashboard data'] });
    expect((await goalpost('github', 'sync')).code).toBe(0);
    expect(await waits()).toEqual({
      'Parent dashboard': ['Design spike: dashboard data'],
      'Roster export to CSV': ['Design spike: dashboard data'],
    });
  });
});

describe('GitHub\'s "blocked by" as the core takes it', () => {
  const tempDir = useTempDir();
  let opened: OpenedGoalpost;
  let app: Goalpost;

  beforeEach(() => {
    opened = openQuickStart(tempDir());
    app = opened.app;
    const plan = app.github.planConnect(OPERATOR, { repo: REPO, project: 'Basic EDU Apps' });
    app.github.connect(OPERATOR, plan, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
  });
  afterEach(() => opened.close());

  const issue = (number: number, blockedBy?: number[], updatedAt = '2026-11-20T10:00:00Z') =>
    openIssue(REPO, number, `Issue ${number}`, { updatedAt, ...(blockedBy ? { blockedBy } : {}) });
  const waits = () => {
    const titles = new Map(app.projects.features(OPERATOR).map((f) => [f.id, f.title]));
    return Object.fromEntries(
      [...app.projects.prerequisites(OPERATOR)].map(([id, after]) => [
        titles.get(id),
        after.map((a) => titles.get(a)),
      ]),
    );
  };

  it('leaves the waits as they are for an issue GitHub said nothing of, and never makes a cycle', () => {
    app.github.ingest(OPERATOR, REPO, [issue(1, [2]), issue(2, []), issue(3, [3])]);
    expect(waits()).toEqual({ 'Issue 1': ['Issue 2'] });
    // No summary (an older GitHub Enterprise): the wait stays.
    app.github.ingest(OPERATOR, REPO, [issue(1, undefined, '2026-11-20T11:00:00Z')]);
    expect(waits()).toEqual({ 'Issue 1': ['Issue 2'] });
    // 2 blocked by 1 would close a cycle: left out, while 1 still waits for 2.
    const counts = app.github.ingest(OPERATOR, REPO, [issue(2, [1], '2026-11-20T11:00:00Z')]);
    const id = (title: string) => app.projects.features(OPERATOR).find((f) => f.title === title)?.id;
    // Said, not dropped silently: the sync's line names it.
    expect(counts).toMatchObject({
      waitsAdded: 0,
      waitsRemoved: 0,
      waitsLeftOut: [`${id('Issue 2')} after ${id('Issue 1')}`],
    });
    expect(waits()).toEqual({ 'Issue 1': ['Issue 2'] });
    // Turned round on GitHub in one sync: the old wait goes before the new one is checked.
    app.github.ingest(OPERATOR, REPO, [
      issue(2, [1], '2026-11-20T12:00:00Z'),
      issue(1, [], '2026-11-20T12:00:00Z'),
    ]);
    expect(waits()).toEqual({ 'Issue 2': ['Issue 1'] });
  });
});

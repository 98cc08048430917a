import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BacklogIssue, Goalpost, OpenedGoalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { manualClock, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = { fullName: 'acme/edu-apps', htmlUrl: 'https://github.com/acme/edu-apps' };

/** An issue as the connector hands it over; open, unlabelled, updated on 20 November unless told. */
const issue = (number: number, title: string, more: Partial<BacklogIssue> = {}): BacklogIssue =>
  openIssue('acme/edu-apps', number, title, more);

describe('GitHub issues as the backlog', () => {
  const tempDir = useTempDir();
  let opened: OpenedGoalpost;
  let app: Goalpost;
  const clock = manualClock();

  beforeEach(() => {
    opened = openQuickStart(tempDir(), clock);
    app = opened.app;
    const plan = app.github.planConnect(OPERATOR, { repo: 'acme/edu-apps', project: 'Basic EDU Apps' });
    app.github.connect(OPERATOR, plan, REPO);
  });
  afterEach(() => {
    opened.close();
  });

  const featuresNamed = (title: string) => app.projects.features(OPERATOR).filter((f) => f.title === title);
  const bugsNamed = (title: string) => app.projects.bugs(OPERATOR).filter((b) => b.title === title);

  it('makes open issues features and bugs of the project, by their labels, saying where they come from', () => {
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(1, 'Parent dashboard'),
      issue(2, 'Quiz timer resets on reload', { labels: ['bug', 'P1'] }),
      issue(3, 'Old idea', { state: 'closed', stateReason: 'completed' }),
    ]);
    expect(counts).toMatchObject({ added: 2, updated: 0, closed: 0, unchanged: 1 });
    const [feature] = featuresNamed('Parent dashboard');
    expect(feature).toMatchObject({
      status: 'planned',
      source: { ref: 'acme/edu-apps#1', url: 'https://github.com/acme/edu-apps/issues/1' },
    });
    expect(bugsNamed('Quiz timer resets on reload')).toEqual([
      expect.objectContaining({
        severity: 'high',
        status: 'open',
        source: expect.objectContaining({ ref: 'acme/edu-apps#2' }),
      }),
    ]);
    // A closed issue never seen is history: it does not enter the backlog.
    expect(featuresNamed('Old idea')).toEqual([]);
  });

  it('is idempotent: the same issues twice change nothing the second time', () => {
    const issues = [
      issue(1, 'Parent dashboard'),
      issue(2, 'Crash on login', { labels: ['bug', 'critical'] }),
    ];
    app.github.ingest(OPERATOR, 'acme/edu-apps', issues);
    const before = { features: app.projects.features(OPERATOR), bugs: app.projects.bugs(OPERATOR) };
    clock.advance(60_000);
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', issues)).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
    expect({ features: app.projects.features(OPERATOR), bugs: app.projects.bugs(OPERATOR) }).toEqual(before);
  });

  it('follows an issue as it changes: retitled, closed, relabelled, closed as not planned', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [issue(1, 'Parent dashboard'), issue(2, 'Export grades')]);
    const later = { updatedAt: '2026-11-21T08:00:00Z' };
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(1, 'Parent dashboard v2', { ...later, state: 'closed', stateReason: 'completed' }),
      issue(2, 'Export grades breaks on Excel', { ...later, labels: ['bug'] }),
    ]);
    expect(counts).toMatchObject({ closed: 1, added: 1 });
    expect(featuresNamed('Parent dashboard v2')).toEqual([expect.objectContaining({ status: 'done' })]);
    // Relabelled as a bug: the feature went, a (medium: no severity label) bug came.
    expect(featuresNamed('Export grades')).toEqual([]);
    expect(bugsNamed('Export grades breaks on Excel')).toEqual([
      expect.objectContaining({ severity: 'medium' }),
    ]);
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(2, 'Export grades breaks on Excel', {
        updatedAt: '2026-11-21T08:30:00Z',
        labels: ['bug'],
        state: 'closed',
        stateReason: 'not_planned',
      }),
    ]);
    expect(bugsNamed('Export grades breaks on Excel')).toEqual([
      expect.objectContaining({ status: 'wontfix' }),
    ]);
  });

  it('links an issue to the same bug typed before the repository was connected, so it is proposed once', () => {
    // The quick start typed 'Checkout crashes on Safari' (critical) into Basic EDU Apps.
    const batch = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const typed = batch.tasks.find((t) => t.title.includes('Checkout crashes on Safari'));
    expect(typed?.ref).toBeDefined();
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(40, 'checkout crashes on Safari ', { labels: ['bug', 'P1'] }),
    ]);
    expect(counts).toMatchObject({ added: 0, updated: 1 });
    // One bug, now GitHub's: its title, its severity, its issue.
    const bugs = app.projects.bugs(OPERATOR).filter((b) => /checkout crashes on safari/i.test(b.title));
    expect(bugs).toEqual([
      expect.objectContaining({
        title: 'checkout crashes on Safari',
        severity: 'high',
        source: expect.objectContaining({ ref: 'acme/edu-apps#40' }),
      }),
    ]);
    const again = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    expect(again.tasks.filter((t) => /checkout crashes on safari/i.test(t.title))).toEqual([]);
    // The task made from the typed bug is the issue's now: it closes with it.
    app.decisions.decide(OPERATOR, { ref: typed?.ref, action: 'approve' });
    const closed = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(40, 'checkout crashes on Safari', {
        labels: ['bug', 'P1'],
        state: 'closed',
        stateReason: 'completed',
        updatedAt: '2026-11-21T08:00:00Z',
      }),
    ]);
    expect(closed.tasksClosed).toEqual([typed?.ref]);
    // A feature of that title is another kind of work: a bug's issue does not take it.
    app.projects.addFeature(OPERATOR, 'Basic EDU Apps', { title: 'Offline quizzes' });
    app.github.ingest(OPERATOR, 'acme/edu-apps', [issue(41, 'Offline quizzes', { labels: ['bug'] })]);
    expect(featuresNamed('Offline quizzes')).toHaveLength(1);
    expect(bugsNamed('Offline quizzes')).toHaveLength(1);
  });

  it('withdraws the proposal made from an issue relabelled from feature to bug, and proposes the bug once', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [issue(60, 'Quiz export')]);
    const batch = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const build = batch.tasks.find((t) => t.title.includes("'Quiz export'"));
    expect(build?.title).toMatch(/^Build 'Quiz export'/);
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(60, 'Quiz export', { labels: ['bug', 'P1'], updatedAt: '2026-11-21T08:00:00Z' }),
    ]);
    expect(counts.tasksWithdrawn).toEqual([build?.ref]);
    expect(counts.tasksClosed).toEqual([]);
    expect(app.tasks.show(OPERATOR, build?.ref).task.status).toBe('cancelled');
    expect(app.tasks.show(OPERATOR, build?.ref).events.at(-1)?.note).toBe(
      'acme/edu-apps#60 is a bug on GitHub now; it is proposed again as such',
    );
    const again = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    expect(again.tasks.filter((t) => t.title.includes("'Quiz export'")).map((t) => t.title)).toEqual([
      expect.stringMatching(/^Fix 'Quiz export'/),
    ]);
  });

  it('withdraws the proposal made from a bug relabelled low, which is never proposed; approved work stays', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(61, 'Quiz export crashes', { labels: ['bug', 'P1'] }),
      issue(62, 'Grades export crashes', { labels: ['bug', 'P1'] }),
    ]);
    const batch = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const fix = (title: string) => batch.tasks.find((t) => t.title.includes(`'${title}'`));
    const proposed = fix('Quiz export crashes');
    const approved = fix('Grades export crashes');
    const typed = fix('Checkout crashes on Safari');
    expect(typed?.title).toMatch(/^Fix/);
    expect(proposed?.title).toMatch(/^Fix 'Quiz export crashes'/);
    app.decisions.decide(OPERATOR, { ref: approved?.ref, action: 'approve' });
    const later = { updatedAt: '2026-11-21T08:00:00Z' };
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(61, 'Quiz export crashes', { labels: ['bug', 'low'], ...later }),
      issue(62, 'Grades export crashes', { labels: ['Bug', 'severity: low'], ...later }),
      // The team's typed critical bug, taken over by an issue that says it is low.
      issue(64, 'Checkout crashes on Safari', { labels: ['bug', 'P3'], ...later }),
    ]);
    expect(counts.tasksWithdrawn).toEqual([proposed?.ref, typed?.ref]);
    expect(app.tasks.show(OPERATOR, proposed?.ref).task.status).toBe('cancelled');
    expect(app.tasks.show(OPERATOR, proposed?.ref).events.at(-1)?.note).toBe(
      'acme/edu-apps#61 is a low bug on GitHub now, and low bugs are not proposed',
    );
    expect(app.tasks.show(OPERATOR, approved?.ref).task.status).toBe('approved');
    expect(bugsNamed('Quiz export crashes')).toEqual([expect.objectContaining({ severity: 'low' })]);
    const again = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    expect(again.tasks.map((t) => t.title).join('\n')).not.toContain('Quiz export crashes');
  });

  it('withdraws the proposal made from a bug whose bug label is removed, and proposes the feature once', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [issue(63, 'Print report cards', { labels: ['bug'] })]);
    const batch = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const fix = batch.tasks.find((t) => t.title.includes("'Print report cards'"));
    expect(fix?.title).toMatch(/^Fix 'Print report cards'/);
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(63, 'Print report cards', { updatedAt: '2026-11-21T08:00:00Z' }),
    ]);
    expect(counts.tasksWithdrawn).toEqual([fix?.ref]);
    expect(app.tasks.show(OPERATOR, fix?.ref).events.at(-1)?.note).toBe(
      'acme/edu-apps#63 is a feature on GitHub now; it is proposed again as such',
    );
    const again = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    expect(again.tasks.filter((t) => t.title.includes("'Print report cards'")).map((t) => t.title)).toEqual([
      expect.stringMatching(/^Build 'Print report cards'/),
    ]);
  });

  it('makes an issue labelled as a chore upkeep, follows its labels, and withdraws a proposal valued as growth', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(70, 'Upgrade to Node 22', { labels: ['Chore'] }),
      issue(71, 'Teacher onboarding emails'),
    ]);
    expect(featuresNamed('Upgrade to Node 22')).toEqual([expect.objectContaining({ upkeep: true })]);
    // Its labels say what it is: made growth work here, it is refused and nothing changes.
    const node = featuresNamed('Upgrade to Node 22')[0];
    expect(() => app.items.setFeatureUpkeep(OPERATOR, String(node?.id), false)).toThrow(
      /comes from GitHub \(acme\/edu-apps#70\): its labels say whether it is upkeep/,
    );
    expect(featuresNamed('Upgrade to Node 22')).toEqual([expect.objectContaining({ upkeep: true })]);
    const batch = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const emails = batch.tasks.find((t) => t.title.includes("'Teacher onboarding emails'"));
    expect(emails?.title).toMatch(/^Build/);
    expect(emails?.revenueImpact ?? 0).toBeGreaterThan(0);
    // The team relabels the emails as docs work: it no longer shares the gap it was valued at.
    const later = { updatedAt: '2026-11-21T08:00:00Z' };
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(71, 'Teacher onboarding emails', { labels: ['documentation'], ...later }),
    ]);
    expect(counts).toMatchObject({ updated: 1, tasksWithdrawn: [emails?.ref] });
    expect(app.tasks.show(OPERATOR, emails?.ref).events.at(-1)?.note).toBe(
      'acme/edu-apps#71 is labelled upkeep on GitHub now, and upkeep shares no part of the revenue gap it was valued at',
    );
    const again = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 });
    const doc = again.tasks.find((t) => t.title.includes("'Teacher onboarding emails'"));
    expect(doc).toMatchObject({
      title: "Do 'Teacher onboarding emails' for Basic EDU Apps",
      revenueImpact: 0,
    });
    // Back to growth work: a feature again, and no proposal of upkeep is withdrawn for it.
    const back = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(71, 'Teacher onboarding emails', { labels: ['enhancement'], updatedAt: '2026-11-21T09:00:00Z' }),
    ]);
    expect(back).toMatchObject({ updated: 1, tasksWithdrawn: [] });
    expect(featuresNamed('Teacher onboarding emails')).toEqual([expect.objectContaining({ upkeep: false })]);
  });

  it('takes a repository’s own upkeep labels, or none, and reads its issues again when they change', () => {
    const labels = (upkeepLabels: string) =>
      app.github.planConnect(OPERATOR, { repo: 'acme/edu-apps', project: 'Basic EDU Apps', upkeepLabels })
        .upkeepLabels;
    expect(labels('Housekeeping, docs, docs')).toEqual(['housekeeping', 'docs']);
    expect(labels(' none ')).toEqual([]);
    expect(() => labels(' , ')).toThrow(
      'upkeep labels: give at least one, like "chore,documentation", or none',
    );
    expect(() => labels('none,chore')).toThrow(
      'upkeep labels: none means no label; give it alone, or the labels',
    );
    // A label is shown on one line and matched as text: an escape sequence in one is no label.
    expect(() => labels('chore,do\u001b[31mcs')).toThrow(
      'upkeep labels: "do\u001b[31mcs" is not a label (1–50 characters)',
    );
    app.github.ingest(OPERATOR, 'acme/edu-apps', [issue(72, 'Tidy the seed data', { labels: ['chore'] })]);
    expect(featuresNamed('Tidy the seed data')).toEqual([expect.objectContaining({ upkeep: true })]);
    const plan = app.github.planConnect(OPERATOR, {
      repo: 'acme/edu-apps',
      project: 'Basic EDU Apps',
      upkeepLabels: 'none',
    });
    expect(app.github.connect(OPERATOR, plan, REPO).link).toMatchObject({ upkeepLabels: [], reread: true });
    // The same copy of the issue, read again after the labels changed (as a sync does while the
    // link says so), is sorted by the new ones; so is that copy read otherwise (a webhook's late
    // delivery), as what it says is no longer what was made of it. Then it changes nothing.
    const copy = issue(72, 'Tidy the seed data', { labels: ['chore'] });
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', [], undefined, { again: [copy] })).toMatchObject({
      updated: 1,
    });
    expect(featuresNamed('Tidy the seed data')).toEqual([expect.objectContaining({ upkeep: false })]);
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', [copy])).toMatchObject({ unchanged: 1 });
    app.github.connect(
      OPERATOR,
      app.github.planConnect(OPERATOR, {
        repo: 'acme/edu-apps',
        project: 'Basic EDU Apps',
        upkeepLabels: 'chore',
      }),
      REPO,
    );
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', [copy])).toMatchObject({ updated: 1 });
    expect(featuresNamed('Tidy the seed data')).toEqual([expect.objectContaining({ upkeep: true })]);
  });

  it('never lets an older copy of an issue overwrite a newer one', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(1, 'New title', { updatedAt: '2026-11-21T08:00:00Z' }),
    ]);
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(1, 'Old title', { updatedAt: '2026-11-20T08:00:00Z' }),
    ]);
    expect(featuresNamed('New title')).toHaveLength(1);
    expect(featuresNamed('Old title')).toHaveLength(0);
  });

  it('never lets an older copy add an issue it saw closed first, as webhooks arrive in any order', () => {
    const closed = issue(50, 'Quiz export to PDF', {
      state: 'closed',
      stateReason: 'completed',
      updatedAt: '2026-11-20T12:00:00Z',
    });
    const opened = issue(50, 'Quiz export to PDF', { updatedAt: '2026-11-20T11:00:00Z' });
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', [closed])).toMatchObject({ added: 0 });
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', [opened])).toMatchObject({ added: 0, unchanged: 1 });
    expect(featuresNamed('Quiz export to PDF')).toEqual([]);
    // Reopened later, it is backlog.
    const reopened = issue(50, 'Quiz export to PDF', { updatedAt: '2026-11-21T08:00:00Z' });
    expect(app.github.ingest(OPERATOR, 'acme/edu-apps', [reopened])).toMatchObject({ added: 1 });
    expect(featuresNamed('Quiz export to PDF')).toHaveLength(1);
    // Closed as not planned, its feature leaves; an edit from before that, delivered late, does not bring it back.
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(50, 'Quiz export to PDF', {
        state: 'closed',
        stateReason: 'not_planned',
        updatedAt: '2026-11-21T10:00:00Z',
      }),
    ]);
    expect(featuresNamed('Quiz export to PDF')).toEqual([]);
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(50, 'Quiz export to PDF (v2)', { updatedAt: '2026-11-21T09:00:00Z' }),
    ]);
    expect(featuresNamed('Quiz export to PDF (v2)')).toEqual([]);
  });

  // A review closed an issue on GitHub as a duplicate while its task was approved: the task was
  // recorded done, its assignee credited with a 40-hour feature in under an hour, and its share of
  // the gap counted as shipped. A duplicate is work not done here: as one closed as not planned.
  it('takes an issue closed as a duplicate as work not done: its tasks cancelled, its item out of the backlog', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(60, 'Stripe Connect payouts'),
      issue(61, 'Grades page slow', { labels: ['bug', 'P1'] }),
    ]);
    const batch = app.engine.generate(OPERATOR, { maxTasks: 20 });
    const refOf = (title: string) => batch.tasks.find((t) => t.title.includes(title))?.ref as string;
    for (const title of ['Stripe Connect payouts', 'Grades page slow']) {
      app.decisions.decide(OPERATOR, { ref: refOf(title), action: 'approve' });
    }
    const asDuplicate = {
      state: 'closed' as const,
      stateReason: 'duplicate',
      updatedAt: '2026-11-21T08:00:00Z',
    };
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(60, 'Stripe Connect payouts', asDuplicate),
      issue(61, 'Grades page slow', { ...asDuplicate, labels: ['bug', 'P1'] }),
    ]);
    expect(counts.tasksClosed).toHaveLength(2);
    for (const title of ['Stripe Connect payouts', 'Grades page slow']) {
      const { task } = app.tasks.show(OPERATOR, refOf(title));
      expect(task.status).toBe('cancelled');
    }
    const history = app.tasks.show(OPERATOR, refOf('Stripe Connect payouts'));
    expect(JSON.stringify(history)).toContain('acme/edu-apps#60 was closed on GitHub as a duplicate');
    expect(featuresNamed('Stripe Connect payouts')).toEqual([]);
    expect(bugsNamed('Grades page slow')).toEqual([expect.objectContaining({ status: 'wontfix' })]);
  });

  // A review found issues labelled wontfix, duplicate and invalid (GitHub's default labels for work
  // the team will not do) proposed as features, above a P1 bug, and taking their parts of the gap
  // from every other feature. Those labels say the issue is not backlog; taken off, it is again.
  it('leaves out an epic or a tracking issue, whose work is its sub-issues', () => {
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(80, 'Epic: Self-serve billing portal', { labels: ['Epic', 'enhancement'] }),
      issue(81, 'Q1 onboarding work', { labels: ['tracking'] }),
      issue(82, 'Billing portal: update card details', { labels: ['enhancement'] }),
    ]);
    expect(counts).toMatchObject({ added: 1 });
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 });
    const titles = plan.tasks.map((t) => t.title);
    expect(titles.filter((t) => /Epic|Q1 onboarding/.test(t))).toEqual([]);
    expect(titles.some((t) => t.includes('update card details'))).toBe(true);
  });

  it('leaves out issues labelled wontfix, duplicate or invalid, and takes one back when the label comes off', () => {
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(70, 'Rewrite backend in Rust', { labels: ['wontfix'] }),
      issue(71, 'Invoices page is slow', { labels: ['Duplicate'] }),
      issue(72, 'asdf test issue', { labels: ['invalid'] }),
      issue(73, 'Quiz timer drifts', { labels: ['bug', "won't fix"] }),
      issue(74, 'Parent dashboard'),
    ]);
    expect(counts).toMatchObject({ added: 1 });
    for (const title of ['Rewrite backend in Rust', 'Invoices page is slow', 'asdf test issue']) {
      expect(featuresNamed(title)).toEqual([]);
    }
    expect(bugsNamed('Quiz timer drifts')).toEqual([]);
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 });
    expect(
      plan.tasks.map((t) => t.title).filter((t) => /Rust|Invoices page|asdf|timer drifts/.test(t)),
    ).toEqual([]);

    // Labelled wontfix once its proposal was made, it leaves; its proposal is withdrawn, saying why.
    const batch = app.engine.generate(OPERATOR, { maxTasks: 20 });
    const dashboard = batch.tasks.find((t) => t.title.includes('Parent dashboard'));
    expect(dashboard).toBeDefined();
    const later = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(74, 'Parent dashboard', { labels: ['wontfix'], updatedAt: '2026-11-21T08:00:00Z' }),
      issue(70, 'Rewrite backend in Rust', { updatedAt: '2026-11-21T08:00:00Z' }),
    ]);
    expect(later.tasksWithdrawn).toEqual([dashboard?.ref]);
    expect(featuresNamed('Parent dashboard')).toEqual([]);
    expect(JSON.stringify(app.tasks.show(OPERATOR, dashboard?.ref as string))).toContain(
      "acme/edu-apps#74 is labelled 'wontfix' on GitHub now: not backlog",
    );
    // Its wontfix label taken off, the rewrite is backlog.
    expect(featuresNamed('Rewrite backend in Rust')).toHaveLength(1);
  });

  it('keeps synced items read-only: their truth is on GitHub', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [issue(7, 'Crash on login', { labels: ['bug'] })]);
    const [bug] = bugsNamed('Crash on login');
    expect(() => app.items.setBugStatus(OPERATOR, bug?.id, 'fixed')).toThrow(
      /comes from GitHub \(acme\/edu-apps#7\): change it there, https:\/\/github.com\/acme\/edu-apps\/issues\/7/,
    );
    expect(bugsNamed('Crash on login')[0]?.status).toBe('open');
  });

  it('proposes a synced bug by its own title, with its issue in the reasoning and the card', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(12, 'Payment page times out', { labels: ['bug', 'severity: critical'] }),
    ]);
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    const task = plan.tasks.find((t) => t.title === "Fix 'Payment page times out' in Basic EDU Apps");
    expect(task?.item?.source).toEqual({
      ref: 'acme/edu-apps#12',
      url: 'https://github.com/acme/edu-apps/issues/12',
    });
    expect(task?.reasoning).toContain(
      'From acme/edu-apps#12 on GitHub: https://github.com/acme/edu-apps/issues/12',
    );
  });

  it('numbers new items in the order their issues were filed, so equal ones are proposed so', () => {
    // Read as a sync reads them, least recently updated first.
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(12, 'Retake windows', { updatedAt: '2026-11-18T10:00:00Z' }),
      issue(3, 'Seating plans', { updatedAt: '2026-11-19T10:00:00Z' }),
      issue(7, 'Parent letters', { updatedAt: '2026-11-20T10:00:00Z' }),
    ]);
    const ids = ['Seating plans', 'Parent letters', 'Retake windows'].map(
      (title) => featuresNamed(title)[0]?.id ?? 0,
    );
    expect(ids[0]).toBeLessThan(ids[1] as number);
    expect(ids[1]).toBeLessThan(ids[2] as number);
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 });
    const synced = plan.tasks.filter((t) => t.item?.source !== undefined);
    expect(synced.map((t) => t.item?.source?.ref)).toEqual([
      'acme/edu-apps#3',
      'acme/edu-apps#7',
      'acme/edu-apps#12',
    ]);
    // Equal, each says how it was ordered and how the team ranks one ahead: by its labels there.
    for (const t of synced) {
      const tie = t.reasoning.find((line) => line.startsWith('Ties with'));
      expect(tie, t.title).toContain('equal work comes in the order it was filed');
      // Advice, as the command is for a typed feature: no card claims a label its issue lacks.
      expect(tie).toContain(`; labelling its issue, ${t.item?.source?.ref}, high priority ranks it ahead`);
      expect(tie).not.toContain('goalpost feature priority');
    }
  });

  it('presses work whose milestone is due within two weeks, saying so', () => {
    const bug = (number: number, title: string, milestone: BacklogIssue['milestone']) =>
      issue(number, title, { labels: ['bug', 'P1'], milestone });
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      bug(20, 'Grades export drops accents', { title: 'Term start', dueOn: '2026-11-24T07:00:00Z' }),
      bug(21, 'Grades import drops accents', null),
      bug(22, 'Quiz import drops accents', { title: 'Spring', dueOn: '2027-03-01T07:00:00Z' }),
    ]);
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 });
    const byTitle = (words: string) => plan.tasks.find((t) => t.title.includes(words));
    const soon = byTitle('Grades export');
    expect(soon?.reasoning).toContainEqual(
      // The due date presses more than the bug's severity (payment_integration is worked on: the
      // demo's Stripe checkout is in progress).
      expect.stringMatching(/^Urgency ×1\.39: milestone 'Term start' is due 2026-11-24, in 3 days$/),
    );
    expect(soon?.score).toBeGreaterThan(byTitle('Grades import')?.score ?? Number.POSITIVE_INFINITY);
    // A milestone months away presses no more than none.
    expect(byTitle('Quiz import')?.reasoning).toContainEqual(
      expect.stringMatching(/^Urgency ×1\.30: high bug$/),
    );
  });

  it('routes work to whoever its issue is assigned to on GitHub, by their login', () => {
    app.assignees.add(OPERATOR, { name: 'ana', github: 'ana-codes' });
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(30, 'Crash on grade export', { labels: ['bug', 'P0'], assignee: 'ana-codes' }),
      issue(31, 'Crash on quiz import', { labels: ['bug', 'P0'], assignee: 'stranger' }),
    ]);
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    const mine = plan.tasks.find((t) => t.title.includes('grade export'));
    expect(mine?.assignee).toBe('ana');
    expect(mine?.reasoning.at(-1)).toBe('Route: ana: its issue is assigned to @ana-codes on GitHub');
    const theirs = plan.tasks.find((t) => t.title.includes('quiz import'));
    expect(theirs?.reasoning).toContain(
      'Its issue is assigned to @stranger on GitHub, who is no assignee here (on the command line, `goalpost assignee set <name> --github stranger` links them)',
    );
  });

  it('says what the team is doing about each blocker, and that a fix done here leaves its issue open', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(32, 'Gradebook will not load', { labels: ['bug', 'P0'] }),
    ]);
    const blocker = () => {
      const state = app.engine.state(OPERATOR);
      const bug = state.projects
        .flatMap((p) => p.blockers)
        .find((b) => b.title === 'Gradebook will not load');
      return bug === undefined ? undefined : (app.engine.blockerWork(OPERATOR, state)[bug.id] ?? null);
    };
    expect(blocker()).toBeNull();
    const task = app.engine
      .generate(OPERATOR, { maxTasks: 10 })
      .tasks.find((t) => t.title.includes('Gradebook will not load'));
    expect(task?.assignee).toEqual(expect.any(String));
    expect(blocker()).toBe(`${task?.ref} proposed for ${task?.assignee}`);
    app.decisions.decide(OPERATOR, { ref: task?.ref, action: 'approve' });
    expect(blocker()).toBe(`${task?.ref} approved with ${task?.assignee}`);
    app.decisions.decide(OPERATOR, { ref: task?.ref, action: 'done', minutes: 30 });
    // The issue on GitHub is the bug's truth: done here, the bug stays open until it closes there.
    expect(blocker()).toBe(
      `${task?.ref} done on 2026-11-21, yet acme/edu-apps#32 is open on GitHub: close it there once fixed`,
    );
  });

  it('closes the open task made from an issue when the issue closes', () => {
    app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(12, 'Payment page times out', { labels: ['bug', 'P0'] }),
    ]);
    const batch = app.engine.generate(OPERATOR, { maxTasks: 10 });
    const task = batch.tasks.find((t) => t.title.includes('Payment page times out'));
    expect(task?.ref).toBeDefined();
    app.decisions.decide(OPERATOR, { ref: task?.ref, action: 'approve' });
    const counts = app.github.ingest(OPERATOR, 'acme/edu-apps', [
      issue(12, 'Payment page times out', {
        labels: ['bug', 'P0'],
        state: 'closed',
        stateReason: 'completed',
        updatedAt: '2026-11-21T08:00:00Z',
      }),
    ]);
    expect(counts.tasksClosed).toEqual([task?.ref]);
    expect(app.tasks.show(OPERATOR, task?.ref).task.status).toBe('done');
  });

  it('refuses a label map that does not parse, and a repository name that is not one, naming them', () => {
    expect(() =>
      app.github.planConnect(OPERATOR, {
        repo: 'acme/edu-apps',
        project: 'Basic EDU Apps',
        severityLabels: 'P0=critical,P1=urgent',
      }),
    ).toThrow(/"P1=urgent" is not label=severity/);
    // One label, two severities: which would win is no one's guess. The same one twice is no conflict.
    const severities = (severityLabels: string) =>
      app.github.planConnect(OPERATOR, { repo: 'acme/edu-apps', project: 'Basic EDU Apps', severityLabels })
        .severityLabels;
    expect(() => severities('P0=critical, p0 = LOW')).toThrow(
      'severity labels: "P0" is given two severities, critical and low; give it one',
    );
    expect(severities('P0=critical,p0=critical,P1=high')).toEqual({ p0: 'critical', p1: 'high' });
    expect(() => app.github.planConnect(OPERATOR, { repo: 'acme', project: 'Basic EDU Apps' })).toThrow(
      /"acme" is not owner\/name/,
    );
    expect(() => app.github.planConnect(OPERATOR, { repo: 'acme/x', project: 'Nope' })).toThrow(
      /unknown project "Nope"/,
    );
    // A URL names its host: on github.com (or the GitHub Enterprise host the bot reads) only.
    const on = (repo: string, apiUrl?: string) =>
      app.github.planConnect(OPERATOR, { repo, project: 'Basic EDU Apps' }, apiUrl).fullName;
    expect(() => on('https://gitlab.com/acme/edu-apps')).toThrow(
      'gitlab.com is not GitHub: give owner/repo or a https://github.com/… URL',
    );
    expect(() => on('https://github.com.evil.example/acme/edu-apps')).toThrow(
      /^github\.com\.evil\.example is not GitHub/,
    );
    expect(on('https://www.github.com/acme/edu-apps')).toBe('acme/edu-apps');
    expect(on('git@github.com:acme/edu-apps.git')).toBe('acme/edu-apps');
    const enterprise = 'https://ghe.acme.com/api/v3';
    expect(on('https://ghe.acme.com/acme/edu-apps', enterprise)).toBe('acme/edu-apps');
    expect(() => on('https://github.com/acme/edu-apps', enterprise)).toThrow(
      'github.com is not the GitHub this bot reads (ghe.acme.com): give owner/repo or a https://ghe.acme.com/… URL',
    );
    expect(on('https://acme.ghe.com/acme/edu-apps', 'https://api.acme.ghe.com')).toBe('acme/edu-apps');
  });
});

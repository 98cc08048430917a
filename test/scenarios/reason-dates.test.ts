import { describe, expect, it } from 'vitest';
import { holdText, type RejectionHold } from '../../src/domain/task.js';
import { connect, issue, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, LEAD, plan, seedTeam, useTeam } from './team.js';

// Pagewise's lead turns down versioned docs on 21 November: "not this quarter". A review found it
// back on 22 December, the 30-day cooldown over, the quarter not: the lead rejected it again every
// month. A lead expects the work held until the quarter the reason names is over, told so when
// rejecting it, and back on its first day, saying why.
const VERSIONED = build('Versioned docs', PAGEWISE);
const DAY = 86_400_000;
const on = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const REJECTED = '2026-11-21T09:00:00Z';

describe('work rejected for a time its reason names', () => {
  const team = useTeam();

  it('is held until that time, not the cooldown, and comes back saying so', () => {
    const app = team.open(REJECTED);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {}), issue(2, 'Saved searches', {})]);
    const ref = app.engine.generate(LEAD, { maxTasks: 5 }).tasks.find((t) => t.title === VERSIONED)?.ref;
    const said = app.decisions.decide(LEAD, { ref, action: 'reject', note: 'not this quarter' });
    expect(said.held?.until).toBe('2027-01-01T00:00:00.000Z');

    const december = team.reopen(on(REJECTED, 31)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(december.tasks.map((t) => t.title)).not.toContain(VERSIONED);
    expect(december.skipped.find((s) => s.title === VERSIONED)?.note).toBe(
      `rejected as ${ref} on 2026-11-21 ('not this quarter'); not before 2027-01-01 unless the work itself changes`,
    );

    const january = team.reopen('2027-01-01T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(january.tasks.find((t) => t.title === VERSIONED)?.reasoning).toContain(
      `Rejected 41 days ago as ${ref} ('not this quarter'); the hold its reason asked for ended on 2027-01-01`,
    );
  });

  // A review rejected work "until next week" and "until 2026-12-07" on 18 November and found both
  // held to 18 December, the cooldown: the team had said when, and sooner.
  it('holds work until a time its reason names within the cooldown, and the cooldown for none', () => {
    const app = team.open(REJECTED);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {}), issue(2, 'Search across spaces', {})]);
    const tasks = app.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    const ref = tasks.find((t) => t.title === VERSIONED)?.ref;
    const said = app.decisions.decide(LEAD, { ref, action: 'reject', note: 'not this month' });
    expect(said.held?.until).toBe('2026-12-01T00:00:00.000Z');
    expect(holdText(said.held as RejectionHold)).toMatch(/^not proposed again before 2026-12-01/);
    const other = tasks.find((t) => t.title !== VERSIONED && t.item !== null)?.ref;
    const plain = app.decisions.decide(LEAD, { ref: other, action: 'reject', note: 'not a priority' });
    expect(plain.held?.until).toBe('2026-12-21T09:00:00.000Z');
    // December's first plan has it back, saying the hold it asked for ended.
    const december = team.reopen('2026-12-01T09:00:00Z');
    const back = plan(december, 10).find((t) => t.title === VERSIONED);
    expect(back?.reasoning.join('\n')).toMatch(/the hold its reason asked for ended on 2026-12-01/);
  });

  // A review rejected work "until September 2027" and read a hold ending on 2027-07-19, with no
  // word of why: memory keeps a rejection 240 days, and no longer holds the work past them.
  it('says so when its reason asks for longer than a rejection is remembered', () => {
    const app = team.open(REJECTED);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {})]);
    const ref = app.engine.generate(LEAD, { maxTasks: 5 }).tasks.find((t) => t.title === VERSIONED)?.ref;
    const said = app.decisions.decide(LEAD, { ref, action: 'reject', note: 'until September 2027' });
    expect(said.held?.until).toBe('2027-07-19T09:00:00.000Z');
    expect(said.held?.asked).toEqual({ at: '2027-09-01T00:00:00.000Z', rememberedDays: 240 });
    expect(holdText(said.held as RejectionHold)).toBe(
      'not proposed again before 2027-07-19 09:00 UTC, the most a rejection is remembered (240 days; its reason asked for 2027-09-01), unless the work itself changes',
    );
  });
});

// A third review rejected "Guided onboarding checklist" "until mid-January: design is busy", linked
// it to an at-risk goal on 2 January and found it back that morning, "proposed again because it
// serves a goal off track now" two lines below "trial_conversion is at risk"; rejected again
// "until mid-January, as we said", it was held until March.
describe('work rejected until a date its reason names', () => {
  const team = useTeam();

  it('keeps that date whatever its dollars do, and a second rejection naming it too', () => {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {})]);
    const ref = app.engine.generate(LEAD, { maxTasks: 5 }).tasks.find((t) => t.title === VERSIONED)?.ref;
    app.decisions.decide(LEAD, { ref, action: 'reject', note: 'until mid-January: design is busy' });
    const january = team.reopen('2027-01-02T08:00:00Z');
    january.goals.add(LEAD, {
      metric: 'docs_readers',
      target: 500,
      by: '2027-03-31',
      baseline: 300,
      unit: 'readers',
      value: 10,
    });
    january.goals.observe(LEAD, { metric: 'docs_readers', value: 310, at: '2027-01-02T07:00:00Z' });
    const item = january.projects.features(LEAD).find((f) => f.title === 'Versioned docs');
    january.items.setGoal(LEAD, 'feature', item?.id, 'docs_readers');
    const planned = january.engine.generate(LEAD, { maxTasks: 5 });
    expect(planned.tasks.map((t) => t.title)).not.toContain(VERSIONED);
    expect(planned.skipped.find((s) => s.title === VERSIONED)?.note).toMatch(/not before 2027-01-15/);
  });

  // A review rejected its goal's experiment "not until January, holiday traffic skews experiments"
  // and found it back at P10 the next morning, "because its goal slipped from at risk to off track"
  // on a reading 0.3 lower. The team named when; a goal's standing is not the work changing.
  it('keeps that date when the goal the work serves slips', () => {
    const app = team.open('2026-12-07T08:00:00Z');
    seedTeam(app, spec);
    app.goals.add(LEAD, {
      metric: 'trial_to_paid',
      target: 25,
      by: '2027-03-31',
      baseline: 18,
      unit: '%',
      weight: 0.5,
    });
    app.goals.observe(LEAD, { metric: 'trial_to_paid', value: 18.5, at: '2026-12-01T09:00:00Z' });
    const experiment = /^Run an experiment to move trial_to_paid/;
    const first = team.reopen('2026-12-07T09:00:00Z');
    const ref = first.engine.generate(LEAD, { maxTasks: 5 }).tasks.find((t) => experiment.test(t.title))?.ref;
    expect(ref).toBeDefined();
    first.decisions.decide(LEAD, {
      ref,
      action: 'reject',
      note: 'not until January, holiday traffic skews experiments',
    });
    const next = team.reopen('2026-12-08T08:00:00Z');
    next.goals.observe(LEAD, { metric: 'trial_to_paid', value: 18.2, at: '2026-12-08T08:00:00Z' });
    const planned = team.reopen('2026-12-08T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(planned.tasks.map((t) => t.title).filter((t) => experiment.test(t))).toEqual([]);
    expect(planned.skipped.find((s) => experiment.test(s.title))?.note).toMatch(/not before 2027-01-01/);
  });

  it('holds work rejected as a duplicate as long as a rejection is remembered', () => {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {}), issue(2, 'Docs versions per release', {})]);
    const ref = app.engine.generate(LEAD, { maxTasks: 5 }).tasks.find((t) => t.title === VERSIONED)?.ref;
    const said = app.decisions.decide(LEAD, { ref, action: 'reject', note: 'duplicate of #2' });
    expect(said.held?.until).toBe('2027-08-04T09:00:00.000Z');
    const later = team.reopen('2027-01-07T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(later.tasks.map((t) => t.title)).not.toContain(VERSIONED);
  });
});

// A review rejected two features again in January: "still not this quarter" held one until April
// and "duplicate of T-2" the other for the 240 days memory keeps a rejection, while the replies
// and the plan said "rejected 2 times: held 30 days" and "held 60 days", two lines from the dates.
describe('work rejected again for a time its reason names, or as a duplicate', () => {
  const team = useTeam();

  it('says the hold its reason gave, not the days a second rejection holds by itself', () => {
    const app = team.open('2026-12-01T09:00:00Z');
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {}), issue(2, 'Saved searches', {})]);
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const refOf = (tasks: typeof first.tasks, title: string) =>
      tasks.find((t) => t.title === build(title, PAGEWISE))?.ref;
    app.decisions.decide(LEAD, {
      ref: refOf(first.tasks, 'Versioned docs'),
      action: 'reject',
      note: 'not this quarter',
    });
    app.decisions.decide(LEAD, {
      ref: refOf(first.tasks, 'Saved searches'),
      action: 'reject',
      note: 'waiting for design',
    });

    const january = team.reopen('2027-01-04T09:00:00Z');
    const again = january.engine.generate(LEAD, { maxTasks: 5 });
    const versioned = january.decisions.decide(LEAD, {
      ref: refOf(again.tasks, 'Versioned docs'),
      action: 'reject',
      note: 'still not this quarter',
    });
    expect(versioned.held?.until).toBe('2027-04-01T00:00:00.000Z');
    expect(holdText(versioned.held as RejectionHold)).toBe(
      'not proposed again before 2027-04-01 unless the work itself changes (rejected 2 times: held until the time its reason asked)',
    );
    const saved = january.decisions.decide(LEAD, {
      ref: refOf(again.tasks, 'Saved searches'),
      action: 'reject',
      note: 'duplicate of T-2',
    });
    expect(holdText(saved.held as RejectionHold)).toBe(
      `not proposed again before ${saved.held?.until.slice(0, 10)} 09:00 UTC unless the work itself changes (rejected 2 times: held as the same work as other work, as long as a rejection is remembered, 240 days)`,
    );

    const later = team.reopen('2027-01-05T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const notes = later.skipped.map((s) => s.note ?? '').join('\n');
    expect(notes).toContain(
      '(held until the time its reason asked, and more dollars at stake no longer bring it back early)',
    );
    expect(notes).toContain(
      '(held as the same work as other work, as long as a rejection is remembered, and more dollars at stake no longer bring it back early)',
    );
    expect(notes).not.toMatch(/rejection holds work \d+ days/);
  });

  // A review's "duplicate of T-23", rejected once, read "not before 2027-02-03 unless its facts
  // change": 240 days unexplained, and a promise no change of dollars keeps.
  it('says why a first rejection as a duplicate holds so long, and that only the work changing ends it', () => {
    const app = team.open('2026-12-01T09:00:00Z');
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {}), issue(2, 'Saved searches', {})]);
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const saved = app.decisions.decide(LEAD, {
      ref: first.tasks.find((t) => t.title === build('Saved searches', PAGEWISE))?.ref,
      action: 'reject',
      note: 'duplicate of T-1',
    });
    expect(holdText(saved.held as RejectionHold)).toBe(
      'not proposed again before 2027-07-29 09:00 UTC unless the work itself changes (held as the same work as other work, as long as a rejection is remembered, 240 days)',
    );
    const later = team.reopen('2026-12-02T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(later.skipped.find((s) => s.title === build('Saved searches', PAGEWISE))?.note).toBe(
      "rejected as T-2 on 2026-12-01 ('duplicate of T-1'); not before 2027-07-29 09:00 UTC unless the work itself changes (held as the same work as other work, as long as a rejection is remembered)",
    );
  });
});

// A review's studio rejected a feature "wait until Shipwise billing (T-11) ships": it was held
// for the 30-day cooldown, though T-11 shipped that afternoon, and nothing said the reason was read
// as naming no time. A lead expects work rejected until another task ships held while that task
// is open, told so, and back once it is done, saying why.
describe('work rejected until another task ships', () => {
  const team = useTeam();

  /** Saved searches approved and the versioned docs rejected saying `reason` of its task. */
  function rejectedUntilSearches(reason: (searches: string) => string) {
    const app = team.open(REJECTED);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Versioned docs', {}), issue(2, 'Saved searches', {})]);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const docs = batch.tasks.find((t) => t.title === VERSIONED)?.ref as string;
    const searches = batch.tasks.find((t) => t.title === build('Saved searches', PAGEWISE))?.ref as string;
    app.decisions.decide(LEAD, { ref: searches, action: 'approve' });
    const note = reason(searches);
    const said = app.decisions.decide(LEAD, { ref: docs, action: 'reject', note });
    return { docs, searches, note, said };
  }

  it('is held while that task is open, and comes back once it is done, saying so', () => {
    const { docs, searches, note, said } = rejectedUntilSearches(
      (ref) => `wait until saved searches (${ref}) ships`,
    );
    expect(said.held?.waitsOn).toBe(searches);
    // At most as long as memory keeps a rejection, 240 days.
    expect(said.held?.until).toBe('2027-07-19T09:00:00.000Z');
    expect(holdText(said.held as RejectionHold)).toBe(
      `not proposed again while ${searches} is open (its reason waits for it), at most until 2027-07-19 09:00 UTC, as long as a rejection is remembered`,
    );

    // Past the 30-day cooldown, the task it waits for still open: still held, and the plan says why.
    const later = team.reopen(on(REJECTED, 40));
    const held = later.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(held.tasks.map((t) => t.title)).not.toContain(VERSIONED);
    expect(held.skipped.find((s) => s.title === VERSIONED)?.note).toBe(
      `rejected as ${docs} on 2026-11-21 ('${note}'); not while ${searches} is open`,
    );

    // Two days on, the task it waited for is done: the work is back the next plan, saying why.
    const app2 = team.reopen(on(REJECTED, 2));
    app2.decisions.decide(LEAD, { ref: searches, action: 'start' });
    app2.decisions.decide(LEAD, { ref: searches, action: 'done' });
    const back = team.reopen(on(REJECTED, 3)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(back.tasks.find((t) => t.title === VERSIONED)?.reasoning).toContain(
      `Rejected 3 days ago as ${docs} ('${note}'); ${searches}, which it waited for, is closed now`,
    );
  });

  // Another review's team rejected an integration "not until the Gusto connector (T-5) ships";
  // T-5 failed (the partner API was still pending), and the next morning the integration was back:
  // "T-5, which it waited for, is closed now". A failure has not shipped it: the wait follows the
  // work, through its retry, until it is done.
  it('is still held when that task fails, and comes back once its retry is done', () => {
    const { docs, searches, note } = rejectedUntilSearches(
      (ref) => `not until saved searches (${ref}) ships`,
    );
    team.reopen(on(REJECTED, 1)).decisions.decide(LEAD, {
      ref: searches,
      action: 'fail',
      note: 'search index quota pending',
    });

    const held = team.reopen(on(REJECTED, 3)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(held.tasks.map((t) => t.title)).not.toContain(VERSIONED);
    expect(held.skipped.find((s) => s.title === VERSIONED)?.note).toBe(
      `rejected as ${docs} on 2026-11-21 ('${note}'); not until the work of ${searches}, which failed, is done`,
    );

    // Tried again, and done: the docs come back.
    const app2 = team.reopen(on(REJECTED, 4));
    const retried = app2.decisions.retry(LEAD, searches, 'quota granted');
    expect(
      team
        .reopen(on(REJECTED, 4))
        .engine.generate(LEAD, { dryRun: true, maxTasks: 5 })
        .tasks.map((t) => t.title),
    ).not.toContain(VERSIONED);
    const app3 = team.reopen(on(REJECTED, 5));
    app3.decisions.decide(LEAD, { ref: retried.task.ref, action: 'done' });
    const back = team.reopen(on(REJECTED, 6)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(back.tasks.map((t) => t.title)).toContain(VERSIONED);
  });
});

// A review's lead turned down late fees "we tried late fees in March and users hated them" and
// push notifications "same as every notification feature: nobody turns them on". Goalpost held
// the first until the next March, as if put off till then, and the second for 240 days as a
// duplicate, and learned from neither that the team turns such work down. A lead means what they
// said of the work: counted among the team's rejections, and held as its verdict on the work, as
// long as a rejection is remembered (a later lead's digest email, rejected as "nobody opened
// them", was back at P10 the day its 30-day cooldown ended).
describe('work rejected for what it is, whatever time or other work its reason names', () => {
  const team = useTeam();
  const FEES = build('Late fees on overdue plans', PAGEWISE);
  const PUSH = build('Push notifications for page edits', PAGEWISE);
  const TEMPLATES = build('Page templates', PAGEWISE);

  it('is held as long as a rejection is remembered and counts among the rejections of its kind', () => {
    const app = team.open(REJECTED);
    seedTeam(app, spec);
    connect(app, [
      issue(1, 'Late fees on overdue plans', {}),
      issue(2, 'Push notifications for page edits', {}),
      issue(3, 'Saved searches', {}),
    ]);
    const tasks = app.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    const refOf = (title: string) => tasks.find((t) => t.title === title)?.ref;
    const fees = app.decisions.decide(LEAD, {
      ref: refOf(FEES),
      action: 'reject',
      note: 'we tried late fees in March and users hated them',
    });
    const push = app.decisions.decide(LEAD, {
      ref: refOf(PUSH),
      action: 'reject',
      note: 'same as every notification feature: nobody turns them on',
    });
    // Not until March, nor as a duplicate: as work its users did not want, as long as a
    // rejection is remembered, and the reply says so.
    for (const held of [fees.held, push.held]) {
      expect(held?.byReason).toMatchObject({ duplicate: false, judged: true });
      expect(held && holdText(held)).toMatch(
        /^not proposed again before .* unless the work itself changes \(held as work its reason says its users did not want, or that did not work, as long as a rejection is remembered, \d+ days\)$/,
      );
    }
    expect(fees.held?.until).toBe(push.held?.until);

    // A feature filed the next day is valued with what the team said of the two.
    const day2 = team.reopen(on(REJECTED, 1));
    day2.github.ingest(LEAD, REPO, [issue(4, 'Page templates', {})]);
    const next = plan(day2, 5);
    expect(next.map((t) => t.title)).not.toContain(FEES);
    expect(next.find((t) => t.title === TEMPLATES)?.reasoning).toContain(
      "Rejections: 2 of the last 2 feature tasks on Pagewise's backlog were rejected → score ×0.50",
    );
    // Not back when a 30-day cooldown would have ended.
    const after = plan(team.reopen('2026-12-22T09:00:00Z'), 5).map((t) => t.title);
    expect(after).not.toContain(FEES);
    expect(after).not.toContain(PUSH);
  });
});

import { describe, expect, it } from 'vitest';
import { APP, CHURN_MEASURED, CHURN_ROSE, churnGoalTeam, SURVEY } from './churn-goal.js';
import { LEAD, NOW, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// Ledgerly's churn rose from 3 % to 7 % in October, and the team steers by a goal on it:
// `ledgerly_churn` down to 3 %. Nothing in its backlog answers either, so Goalpost proposes
// interviewing the customers who cancelled, and the lead approves it. A product review found the
// next morning's plan proposing, beside it, to "find out why ledgerly_churn is 4 points above its
// target", a card saying "nothing planned works on it": the same customers, the same question,
// asked twice, while the answer to the first is under way. A lead expects the goal's research to
// wait while work on the same customers is open, and the plan to say why it waits.
// A month churn did not rise.
const STEADY: NonNullable<TeamSpec['revenue']> = [
  { project: APP, month: '2026-09', actual: 4200, subscriptions: 120, churn: 0.05 },
  { project: APP, month: '2026-10', actual: 4300, subscriptions: 122, churn: 0.05 },
];
const INTERVIEW = /^Interview customers who cancelled/;
const GOAL_RESEARCH = /^Find out why ledgerly_churn is/;
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

describe('a churn goal while work on the same customers is open', () => {
  const team = useTeam();

  it('proposes no research on the goal beside the approved interview, and says why', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED));
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    // One question about the customers leaving in one batch, not two.
    expect(
      titles(first.tasks as never).filter((t) => INTERVIEW.test(t) || GOAL_RESEARCH.test(t)),
    ).toHaveLength(1);
    const interview = first.tasks.find((t) => INTERVIEW.test(t.title));
    expect(interview).toBeDefined();
    // The goal's research is held as the same question, and the plan says so.
    expect(first.skipped.find((s) => GOAL_RESEARCH.test(s.title))).toMatchObject({
      reason: 'duplicate',
      duplicateOf: interview?.title,
      note: `goal ledgerly_churn measures the customers leaving Ledgerly, whom "${interview?.title}" works on in this plan: asking about them again would ask twice`,
    });
    app.decisions.decide(LEAD, { ref: interview?.ref, action: 'approve' });

    const tomorrow = team.reopen(day(1));
    const next = tomorrow.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.filter((t) => INTERVIEW.test(t.title) || GOAL_RESEARCH.test(t.title))).toEqual([]);
    expect(next.skipped.find((s) => GOAL_RESEARCH.test(s.title))).toMatchObject({
      reason: 'duplicate',
      duplicateOf: interview?.ref,
      note: `${interview?.ref} "${interview?.title}" (approved) works on what goal ledgerly_churn measures: no more is proposed for it while that is open`,
    });
  });

  // A review's team interviewed the customers who cancelled (done on day 1, with their reasons in
  // its note) and found, two days later, "find out why the churn goal is above its target … list
  // the three likeliest causes", its card saying nothing planned works on it: the question the
  // interview had just answered. A lead expects the goal to wait for the interview's effect.
  it('waits for the interview done on the same customers before researching the goal', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED));
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const interview = first.tasks.find((t) => INTERVIEW.test(t.title));
    app.decisions.decide(LEAD, { ref: interview?.ref, action: 'approve' });
    const done = team.reopen(day(1));
    done.decisions.decide(LEAD, {
      ref: interview?.ref,
      action: 'done',
      note: 'leavers cite: no payroll export, swaps by text message',
    });
    const later = team.reopen(day(3)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(later.tasks.filter((t) => GOAL_RESEARCH.test(t.title) || INTERVIEW.test(t.title))).toEqual([]);
    const held = later.skipped.find((s) => GOAL_RESEARCH.test(s.title));
    expect(held?.note).toMatch(
      new RegExp(
        `^${interview?.ref} "Interview customers who cancelled[^"]*", done on 2026-11-22, looked into what goal ledgerly_churn measures: no more research is proposed for it `,
      ),
    );
  });

  // A review's experiment on the churn goal was proposed after the interview (\`After: T-2\`), and
  // held the morning the interview was done, "its effect needs time to show in the measurements":
  // what it waited for was done, and an interview moves no churn. A lead expects the experiment.
  it('proposes the experiment that waited for the interview once the interview is done', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED));
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const interview = first.tasks.find((t) => INTERVIEW.test(t.title));
    const experiment = first.tasks.find((t) => t.playbookKey === 'goal.experiment');
    expect(experiment?.dependsOn).toEqual([interview?.ref]);
    app.decisions.decide(LEAD, { ref: interview?.ref, action: 'approve' });
    team
      .reopen(day(1))
      .decisions.decide(LEAD, { ref: interview?.ref, action: 'done', note: 'no payroll export' });
    const later = team.reopen(day(3)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    // Open as it was, and not held: the plan finds it again and values it anew.
    expect(later.skipped.filter((s) => s.title === experiment?.title)).toEqual([
      expect.objectContaining({ reason: 'duplicate', duplicateOf: experiment?.ref }),
    ]);
  });

  // A review found the goal's research held for good, "this plan answers the revenue fall", once
  // the lead had rejected the research on the fall ("a $40 dip"): nothing worked on the customers.
  it('researches the goal once the team has said no to the interview', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED));
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const interview = first.tasks.find((t) => INTERVIEW.test(t.title));
    app.decisions.decide(LEAD, { ref: interview?.ref, action: 'reject', note: 'we know why' });
    const next = team.reopen(day(1)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.some((t) => GOAL_RESEARCH.test(t.title))).toBe(true);
  });

  // A review found the goal's research withdrawn as "T-11 works on goal quotewise_churn now", T-11
  // being "Cancel a sent quote and notify the client": cancelling a quote is no customer leaving.
  it('is not held by a feature that cancels something else', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(STEADY, CHURN_MEASURED));
    app.projects.addFeature(LEAD, APP, { title: 'Cancel a sent quote and notify the client' });
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(first.tasks.some((t) => GOAL_RESEARCH.test(t.title))).toBe(true);
    const quote = first.tasks.find((t) => t.title.includes('Cancel a sent quote'));
    app.decisions.decide(LEAD, { ref: quote?.ref, action: 'approve' });
    const next = team.reopen(day(1)).engine.generate(LEAD, { maxTasks: 5 });
    expect(next.withdrawn).toEqual([]);
  });

  // Fixing a cancel button, or data retention settings, is no work on the customers leaving.
  it('is not held by a fix or upkeep that names a churn word', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(STEADY, CHURN_MEASURED));
    app.projects.addBug(LEAD, APP, {
      title: 'Cancel button in the invoice editor does nothing',
      severity: 'high',
    });
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(first.tasks.some((t) => GOAL_RESEARCH.test(t.title))).toBe(true);
    const bug = first.tasks.find((t) => t.title.includes('Cancel button'));
    const research = first.tasks.find((t) => GOAL_RESEARCH.test(t.title));
    app.decisions.decide(LEAD, { ref: bug?.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: research?.ref, action: 'cancel' });
    // The research asked again the next morning, not held as the approved fix's duplicate.
    const next = team.reopen(day(1)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.some((t) => GOAL_RESEARCH.test(t.title))).toBe(true);
  });

  // A review found the goal's research and experiment proposed beside the cancellation survey, in
  // a month churn did not rise: the survey is the team's answer to the same customers. A second
  // review found the survey holding the research back yet carrying none of the goal's value, where
  // linked to the goal it carried all of it: the team's own work on what the goal measures serves
  // it, as an item naming the metric does, in place of the playbooks.
  it("lets the backlog's work on the customers leaving carry the goal, in place of research", () => {
    const app = team.open();
    seedTeam(app, {
      ...churnGoalTeam(STEADY, CHURN_MEASURED),
    });
    app.projects.addFeature(LEAD, APP, { title: SURVEY });
    const first = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const survey = first.tasks.find((t) => t.title.includes('Cancellation survey'));
    expect(survey?.reasoning).toContain(
      "Goal value $1,600/month (not revenue): the only open item that serves ledgerly_churn (it names 'cancellation'), so it gets all of what closing ledgerly_churn is worth (4 % × $400/month each = $1,600/month)",
    );
    expect(first.tasks.filter((t) => /ledgerly_churn/.test(t.title))).toEqual([]);
    // Nor while its proposal awaits a decision the next morning.
    const next = team.reopen(day(1)).engine.generate(LEAD, { maxTasks: 5 });
    expect(next.tasks.filter((t) => /ledgerly_churn/.test(t.title))).toEqual([]);
    // Work on other customers serves another goal: Pagewise's churn gets its research.
    const other = team.open();
    seedTeam(other, churnGoalTeam(STEADY, CHURN_MEASURED, 'pagewise_churn'));
    other.projects.addFeature(LEAD, APP, { title: SURVEY });
    const elsewhere = other.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(elsewhere.tasks.some((t) => /^Find out why pagewise_churn is/.test(t.title))).toBe(true);
  });

  // The review found the research set apart beside a survey the cap cut, nothing on churn proposed:
  // carrying the goal's value, the survey the team ranked low makes the batch.
  it('proposes the work on the customers the team ranked low, for the goal it serves', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(STEADY, CHURN_MEASURED));
    app.projects.addFeature(LEAD, APP, {
      title: SURVEY,
      priority: 'low',
    });
    const batch = app.engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(batch.cutByCap.map((c) => c.title)).not.toContainEqual(
      expect.stringMatching(/Cancellation survey/),
    );
    expect(batch.tasks.some((t) => t.title.includes('Cancellation survey'))).toBe(true);
  });

  // The review found yesterday's research and experiment still awaiting a decision, saying nothing
  // planned works on the goal, beside the survey proposed since.
  it("withdraws the goal's proposals once work on the customers serves it", () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(STEADY, CHURN_MEASURED));
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const goalWork = first.tasks.filter((t) => /ledgerly_churn/.test(t.title)).map((t) => t.ref);
    expect(goalWork).toHaveLength(2);
    const second = team.reopen(day(1));
    second.projects.addFeature(LEAD, APP, { title: SURVEY });
    const plan = second.engine.generate(LEAD, { maxTasks: 5 });
    expect(plan.tasks.some((t) => t.title.includes('Cancellation survey'))).toBe(true);
    expect(plan.withdrawn.filter((w) => goalWork.includes(w.ref)).map((w) => w.why)).toEqual([
      'other work answers goal ledgerly_churn now',
      'other work answers goal ledgerly_churn now',
    ]);
  });

  // A goal on another product's customers is another question.
  it("still proposes research on a goal on another product's churn", () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED, 'pagewise_churn'));
    const batch = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(batch.tasks.some((t) => /^Find out why pagewise_churn is/.test(t.title))).toBe(true);
    expect(batch.tasks.some((t) => INTERVIEW.test(t.title))).toBe(true);
  });

  // A review found the goal's research back the morning after the cancellation survey shipped,
  // its card saying nothing planned works on the goal: the survey, not linked to the goal, was
  // held as work on its customers while open, and forgotten once done. A lead expects the goal to
  // wait for what the survey finds, as it waits for work linked to it, whether a plan proposed the
  // survey (its task serves the goal) or the team shipped it on its own (closed on GitHub).
  it("waits for the shipped survey's effect before researching the goal again", () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(STEADY, CHURN_MEASURED));
    const feature = app.projects.addFeature(LEAD, APP, { title: SURVEY });
    team.reopen(day(1)).items.setFeatureStatus(LEAD, feature.id, 'done');

    const next = team.reopen(day(2)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.filter((t) => GOAL_RESEARCH.test(t.title))).toEqual([]);
    expect(next.skipped.find((s) => GOAL_RESEARCH.test(s.title))?.note).toMatch(
      new RegExp(
        `^feature #${feature.id} "${SURVEY}", done on ${day(1).slice(0, 10)}, works on what goal ledgerly_churn measures; its effect needs time to show`,
      ),
    );
    // Once it has had time to show, the goal is researched again.
    const later = team.reopen(day(16)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(later.tasks.some((t) => GOAL_RESEARCH.test(t.title))).toBe(true);
  });

  // A review found a goal on the consumer app's churn (`coachly_churn`) taken for the gym
  // product's too ("Coachly Studio"): its cancellation survey took the goal's value, and its
  // revenue fall's research held the goal's back. Of products whose names hold the goal's words,
  // the one named by them alone is the goal's.
  it("keeps a goal on one product's churn apart from a product whose name holds its name", () => {
    const app = team.open();
    const spec = churnGoalTeam(STEADY, CHURN_MEASURED);
    seedTeam(app, {
      ...spec,
      projects: [...spec.projects, { name: `${APP} Studio`, revenueBearing: true, focus: [] }],
    });
    app.projects.addFeature(LEAD, `${APP} Studio`, { title: 'Cancellation survey for studio owners' });
    const batch = app.engine.generate(LEAD, { dryRun: true, maxTasks: 8 });
    expect(batch.tasks.some((t) => GOAL_RESEARCH.test(t.title))).toBe(true);
    const studio = batch.tasks.find((t) => t.title.includes('studio owners'));
    expect(studio).toBeDefined();
    expect(studio?.reasoning.join('\n')).not.toMatch(/ledgerly_churn/);
  });
});

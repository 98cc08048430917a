import { describe, expect, it } from 'vitest';
import { shipwiseVision } from './shipwise.js';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review's team approved "Guided onboarding checklist", rejected its near twin "Onboarding
// checklist for new accounts" as "duplicate of T-1" and the FedEx integration as "not this
// quarter": the next morning a feature nobody had rejected read "Rejections: 2 of the last 3
// feature tasks were rejected → score ×0.67", and `suggest` advised modifying feature work, "the
// team rejects 67% of it". Neither rejection said the team dislikes such work: one is the same
// work, the other waits for a time. And the same work rejected again counted twice. A lead expects
// the plan to learn what the team turns down for itself, once per piece of work.
const SHIPWISE = 'Shipwise';
const spec: TeamSpec = {
  vision: shipwiseVision(['activation']),
  projects: [{ name: SHIPWISE, revenueBearing: true, focus: ['activation'] }],
  revenue: [{ project: SHIPWISE, month: '2026-11', actual: 12000 }],
};
const TITLES = [
  'Guided onboarding checklist',
  'Onboarding checklist for new accounts',
  'FedEx carrier integration',
];

const damping = (reasoning: readonly string[]) => reasoning.find((l) => l.startsWith('Rejections:'));

describe("what the plan learns from the team's rejections", () => {
  const team = useTeam();

  function decided(reasons: [string, string]) {
    const app = team.open('2026-12-01T09:00:00Z');
    seedTeam(app, spec);
    for (const title of TITLES) app.projects.addFeature(LEAD, SHIPWISE, { title, estimate: 16 });
    const batch = app.engine.generate(LEAD, { maxTasks: 3 });
    const [first, second, third] = batch.tasks;
    app.decisions.decide(LEAD, { ref: first?.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: second?.ref, action: 'reject', note: reasons[0] });
    app.decisions.decide(LEAD, { ref: third?.ref, action: 'reject', note: reasons[1] });
    app.projects.addFeature(LEAD, SHIPWISE, { title: 'Bulk label printing', estimate: 24 });
    return team.reopen('2026-12-02T09:00:00Z');
  }

  it('takes no dislike of a kind of work from a duplicate or a rejection naming a time', () => {
    const app = decided(['duplicate of T-1', 'not this quarter']);
    const [bulk] = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
    expect(bulk?.title).toBe(build('Bulk label printing', SHIPWISE));
    expect(damping(bulk?.reasoning ?? [])).toBeUndefined();
    expect(
      app.report
        .suggest(LEAD)
        .adjustments.filter((a) => a.key === 'feature' && a.recommendation !== 'continue'),
    ).toEqual([]);
  });

  // Another review's team rejected one feature as "too big" and one as "not now": the next batch
  // was led by "Upgrade to Node 22", every feature halved. Putting work off is no dislike of it.
  it('takes no dislike of a kind of work from a rejection that only puts it off', () => {
    for (const putOff of ['not now', 'Not yet.', 'maybe later']) {
      const app = decided(['too big', putOff]);
      const [bulk] = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
      expect(bulk?.title).toBe(build('Bulk label printing', SHIPWISE));
      expect(damping(bulk?.reasoning ?? [])).toBeUndefined();
    }
  });

  // A fifth review's lead rejected a feature as "we already did this" and one as "wrong product":
  // the next morning another feature of the product read "2 of the last 2 feature tasks on
  // Shiftly's backlog were rejected → score ×0.50". Neither says the team dislikes such work.
  it('takes no dislike of a kind of work from work done already or filed under the wrong product', () => {
    for (const words of [
      ['we already did this', 'wrong product'],
      ['already shipped last month', 'this belongs to another project'],
      ['this already exists', 'not for this app'],
    ] as const) {
      const app = decided([...words]);
      const [bulk] = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
      expect(bulk?.title).toBe(build('Bulk label printing', SHIPWISE));
      expect(damping(bulk?.reasoning ?? []), words.join(' / ')).toBeUndefined();
    }
  });

  // A fourth review's lead put work off in the words of a week's planning: "not this sprint",
  // "parking this for now", "after the launch", "not a priority right now"; each pair halved the
  // product's next feature.
  it('takes no dislike of a kind of work from the words a team puts work off with', () => {
    for (const words of [
      ['not this sprint', 'parking this for now'],
      ['after the launch', 'not a priority right now'],
    ] as const) {
      const app = decided([...words]);
      const [bulk] = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
      expect(bulk?.title).toBe(build('Bulk label printing', SHIPWISE));
      expect(damping(bulk?.reasoning ?? []), words.join(' / ')).toBeUndefined();
    }
  });

  // A third review's lead rejected a two-week dashboard "too big as one piece; split it into
  // per-report slices", as the reply suggests dropped it and added its first part, and rejected
  // another feature as low priority: the part came back "Rejections: 2 of the last 2 feature
  // tasks were rejected → score ×0.50", damped for the split Goalpost itself had suggested. Too big
  // is about the work's size, not its kind.
  it('takes no dislike of a kind of work from a rejection saying it is too big', () => {
    const app = decided(['too big as one piece; split it into per-report slices', 'low priority for us']);
    const [bulk] = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
    expect(bulk?.title).toBe(build('Bulk label printing', SHIPWISE));
    expect(damping(bulk?.reasoning ?? [])).toBeUndefined();
  });

  it('still learns what the team turns down for itself', () => {
    const app = decided(['customers never asked for this', 'not worth a week']);
    const tasks = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
    const bulk = tasks.find((t) => t.title === build('Bulk label printing', SHIPWISE));
    expect(damping(bulk?.reasoning ?? [])).toMatch(
      /2 of the last 3 feature tasks on Shipwise's backlog were rejected/,
    );
  });

  it('counts the same work rejected again once', () => {
    const app = team.open('2026-12-01T09:00:00Z', { rejectCooldownDays: 1 });
    seedTeam(app, spec);
    for (const title of TITLES) app.projects.addFeature(LEAD, SHIPWISE, { title, estimate: 16 });
    const first = app.engine.generate(LEAD, { maxTasks: 1 }).tasks[0];
    app.decisions.decide(LEAD, { ref: first?.ref, action: 'reject', note: 'not worth it' });
    const later = team.reopen('2026-12-04T09:00:00Z', { rejectCooldownDays: 1 });
    const again = later.engine.generate(LEAD, { maxTasks: 1 }).tasks[0];
    expect(again?.title).toBe(first?.title);
    later.decisions.decide(LEAD, { ref: again?.ref, action: 'reject', note: 'still not worth it' });
    const next = team.reopen('2026-12-05T09:00:00Z', { rejectCooldownDays: 1 });
    const tasks = next.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) expect(damping(t.reasoning)).toBeUndefined();
  });
});

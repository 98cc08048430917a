import { describe, expect, it } from 'vitest';
import {
  build,
  finish,
  fix,
  LEAD,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  titles,
  useTeam,
} from './team.js';

// Fieldnote sells dispatch software to field-service firms: $13,900 a month, past its $13,500
// target for the quarter, so no feature claims a share of a revenue gap. The team is halfway through offline mode for the technicians' app, and marked it
// critical: without it technicians in basements and rural sites cannot close a job. The backlog
// also holds five bugs, three of them high. Each high bug is valued at a fifth of the product's
// earnings, counted twice for being earned already, and the feature, claiming no dollars, was
// put among the fill-ins after them: the team's own critical work was proposed at P0 and cut. A lead reading
// the digest expects what the team called critical in it, with the worst bugs beside it.
const DISPATCH = 'Fieldnote Dispatch';
const OFFLINE = 'Offline mode for the technician app';
const TAX = 'Invoices show the wrong tax rate';

const spec: TeamSpec = {
  vision: {
    statement: 'Field teams run their whole day from Fieldnote',
    primary_goal: 'Keep $13,500 MRR through the winter',
    focus_areas: ['scheduling', 'invoicing', 'mobile'],
    revenue_targets: { '2027-03': 13500 },
  },
  projects: [
    {
      name: DISPATCH,
      revenueBearing: true,
      focus: ['scheduling', 'invoicing', 'mobile'],
      features: [
        ['Recurring job templates', 'planned'],
        ['Customer portal for job status', 'planned'],
      ],
      bugs: [
        [TAX, 'high'],
        ['Duplicate jobs after a calendar re-sync', 'high'],
        ['Technician photos upload twice', 'high'],
        ['Map pins misplaced for rural addresses', 'medium'],
        ['CSV export drops the notes column', 'medium'],
      ],
    },
  ],
  revenue: [
    { project: DISPATCH, month: '2026-09', actual: 13600 },
    { project: DISPATCH, month: '2026-10', actual: 13900 },
  ],
};

describe('a feature the team marked critical', () => {
  const team = useTeam();

  function seeded() {
    const app = team.open();
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, DISPATCH, { title: OFFLINE, status: 'in_progress', priority: 'critical' });
    return app;
  }

  it('is proposed beside the high bugs, not cut for them', () => {
    const batch = plan(seeded(), 5);
    const offline = batch.find((t) => t.title === finish(OFFLINE, DISPATCH));
    expect(offline).toBeDefined();
    // The team said it comes first, as a critical bug does: it leads the batch, at the top of the scale.
    expect(titles(batch)[0]).toBe(finish(OFFLINE, DISPATCH));
    expect(offline?.priority).toBe(10);
    expect(offline?.reasoning).toContainEqual(
      expect.stringMatching(/^The team marked it critical: it goes first/),
    );
    // The wrong tax rate on customers' invoices is still today's work, as are the other high bugs.
    expect(titles(batch)).toContain(fix(TAX, DISPATCH));
    const high = batch.filter(
      (t) => t.title.startsWith('Fix') && t.reasoning.some((l) => l.includes('high bug')),
    );
    expect(high).toHaveLength(3);
  });

  it('goes after a critical bug, which blocks the product', () => {
    const app = seeded();
    app.projects.addBug(LEAD, DISPATCH, {
      title: 'Technicians cannot sign in on Android',
      severity: 'critical',
    });
    const batch = plan(app, 5);
    expect(titles(batch).slice(0, 2)).toEqual([
      fix('Technicians cannot sign in on Android', DISPATCH),
      finish(OFFLINE, DISPATCH),
    ]);
  });

  /** The team, with its critical offline mode waiting for a two-hour design spike. */
  function waitingForSpike() {
    const app = team.open();
    seedTeam(app, spec);
    const spike = app.projects.addFeature(LEAD, DISPATCH, {
      title: 'Offline sync design spike',
      estimate: 2,
    });
    app.projects.addFeature(LEAD, DISPATCH, {
      title: OFFLINE,
      status: 'in_progress',
      priority: 'critical',
      after: spike.id,
    });
    return app;
  }

  // A review's critical feature waited for a design spike claiming few dollars: the spike filled
  // in at P2 (P0 the next day, once approved), and the queue handed it out last, the critical work
  // waiting behind everything else.
  it('brings what it waits for first with it, in the batch and the days after', () => {
    const app = waitingForSpike();
    const batch = app.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    const SPIKE = build('Offline sync design spike', DISPATCH);
    expect(titles(batch as PlannedTask[]).slice(0, 2)).toEqual([SPIKE, finish(OFFLINE, DISPATCH)]);
    const first = batch.find((t) => t.title === SPIKE);
    expect(first?.priority).toBe(10);
    // Raised from where its own score put it (past the target, strategic value is the least a
    // feature-size is worth, so that is low).
    expect(first?.reasoning).toContainEqual(
      expect.stringMatching(/^Critical work waits for it: it goes first, raised from priority \d to 10$/),
    );
    for (const t of batch) app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    const nextDay = team.reopen('2026-11-22T09:00:00Z');
    nextDay.engine.generate(LEAD, { maxTasks: 5 });
    const open = nextDay.tasks.list(LEAD, { status: ['approved'] });
    expect(open.map((t) => t.title).slice(0, 2)).toEqual([SPIKE, finish(OFFLINE, DISPATCH)]);
    expect(open.find((t) => t.title === SPIKE)?.priority).toBe(10);
  });

  // A review's chain: research, then the design spike after it, then the critical feature. The
  // next day the spike kept its place, but the research it waits for fell to P1, last in the
  // queue, holding up the spike and the critical work behind it.
  it('brings a prerequisite of its prerequisite first with it the days after', () => {
    const app = team.open();
    seedTeam(app, spec);
    const research = app.projects.addFeature(LEAD, DISPATCH, {
      title: 'Sync protocol research',
      estimate: 2,
    });
    const spike = app.projects.addFeature(LEAD, DISPATCH, {
      title: 'Offline sync design spike',
      estimate: 2,
      after: research.id,
    });
    app.projects.addFeature(LEAD, DISPATCH, {
      title: OFFLINE,
      status: 'in_progress',
      priority: 'critical',
      after: spike.id,
    });
    const RESEARCH = build('Sync protocol research', DISPATCH);
    const SPIKE = build('Offline sync design spike', DISPATCH);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    expect(titles(batch as PlannedTask[]).slice(0, 3)).toEqual([RESEARCH, SPIKE, finish(OFFLINE, DISPATCH)]);
    for (const t of batch) app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    const nextDay = team.reopen('2026-11-22T09:00:00Z');
    nextDay.engine.generate(LEAD, { maxTasks: 5 });
    const open = nextDay.tasks.list(LEAD, { status: ['approved'] });
    expect(open.map((t) => t.title).slice(0, 3)).toEqual([RESEARCH, SPIKE, finish(OFFLINE, DISPATCH)]);
    expect(open.find((t) => t.title === RESEARCH)?.priority).toBe(10);
  });

  // A review's lead approved the critical feature and left its design spike for the next day's
  // digest: proposed still, valued again, it fell to P5 below the medium bugs.
  it('brings a prerequisite still proposed first with it, once the critical work is approved', () => {
    const app = waitingForSpike();
    const SPIKE = build('Offline sync design spike', DISPATCH);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    for (const t of batch)
      if (t.title !== SPIKE) app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    const nextDay = team.reopen('2026-11-22T09:00:00Z');
    nextDay.engine.generate(LEAD, { maxTasks: 5 });
    const open = nextDay.tasks.list(LEAD, { status: ['approved', 'proposed'] });
    expect(open.map((t) => t.title).slice(0, 2)).toEqual([SPIKE, finish(OFFLINE, DISPATCH)]);
    const first = open.find((t) => t.title === SPIKE);
    expect(first?.status).toBe('proposed');
    expect(first?.priority).toBe(10);
  });

  it('marked only high, is real work: after the high bugs, before the medium ones', () => {
    const app = team.open();
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, DISPATCH, { title: OFFLINE, status: 'in_progress', priority: 'high' });
    const batch = plan(app, 20);
    const offline = batch.find((t) => t.title === finish(OFFLINE, DISPATCH));
    expect(offline?.reasoning.some((l) => l.startsWith('The team marked it critical'))).toBe(false);
    expect(titles(batch).indexOf(finish(OFFLINE, DISPATCH))).toBeGreaterThan(
      titles(batch).indexOf(fix(TAX, DISPATCH)),
    );
    // It claims no dollars, but the team ranked it high: it is not a fill-in beside the medium bugs.
    expect(titles(batch).slice(0, 5)).toContain(finish(OFFLINE, DISPATCH));
    expect(offline?.reasoning.some((l) => l.includes('comes after the real work'))).toBe(false);
  });
});

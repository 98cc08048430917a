import { describe, expect, it } from 'vitest';
import { paceOverText } from '../../../src/engine/analyse-revenue.js';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { summariseHistory } from '../../../src/engine/task-history.js';
import { ValidationError } from '../../../src/errors.js';
import {
  buildEduInput,
  daysBefore,
  EDU_NOW,
  eduVision,
  makeBug,
  makeFeatures,
  makeProject,
  makeRevenue,
  makeTask,
} from '../../fixtures/edu.js';

describe('analyseState: revenue', () => {
  it("takes each source's latest complete month as recorded and measures the gap to the next milestone", () => {
    const { revenue } = analyseState(buildEduInput());
    expect(revenue.current).toBe(310); // December's $310, not rescaled for its 31 days
    expect(revenue.monthlyGrowth).toBe(110); // against November's $200
    expect(revenue.subscriptions).toBe(31);
    expect(revenue.milestone).toEqual({ month: '2026-04', target: 999, passed: false });
    expect(revenue.gap).toBe(689);
    expect(revenue.pctOfTarget).toBe(0.3103);
    // 105.625 days to the end of April / 30.44
    expect(revenue.monthsLeft).toBe(3.47);
    // The gap over the four months from December's figure to April's, as the projection counts them
    // (not the 3.47 months from today: see the test on a pace that rose day by day).
    expect(revenue.requiredPace).toBe(172.25);
    // And says so beside the months left, which it is not.
    expect(revenue.paceFrom).toEqual({ figure: "2025-12's figure", months: 4 });
    expect(paceOverText(revenue)).toBe(" over the 4 months from 2025-12's figure");
    // April's revenue: December's grown by $110 a month for the four months after it.
    expect(revenue.projectedAtMilestone).toBe(750);
    expect(revenue.onTrack).toBe(false);
    expect(revenue.churn).toBe(0.04); // the only source, and it measured churn
  });

  it('counts only complete periods: a month still running is not revenue yet', () => {
    const input = buildEduInput();
    input.revenue.push(makeRevenue({ id: 3, projectId: 1, month: '2026-01', actual: 40 }));
    const { revenue } = analyseState(input);
    expect(revenue.current).toBe(310);
    expect(revenue.sources[0]?.record.id).toBe(2);
  });

  it('stops counting a source whose latest record is more than two periods old, and says so', () => {
    const input = buildEduInput({ now: '2026-09-15T09:00:00.000Z' });
    input.revenue = [
      makeRevenue({ id: 1, projectId: 1, month: '2025-11', actual: 200 }),
      makeRevenue({ id: 2, projectId: 1, month: '2025-12', actual: 310 }),
    ];
    const { revenue, opportunities } = analyseState(input);
    expect(revenue.current).toBe(0);
    expect(revenue.gap).toBe(999);
    expect(revenue.stale.map((s) => s.record.id)).toEqual([2]);
    expect(opportunities).toContain(
      "Basic EDU Apps' revenue was last recorded for 2025-12-01 to 2025-12-31: too old to count as now (record the latest period)",
    );
  });

  it('weights churn by revenue across sources, and leaves it unknown where nobody measured it', () => {
    const input = buildEduInput();
    input.projects.push(makeProject({ id: 3, name: 'Quiz Game', revenueBearing: true }));
    input.revenue.push(
      makeRevenue({ id: 3, projectId: 3, month: '2025-12', actual: 930, churnRate: 0.08 }),
      makeRevenue({ id: 4, projectId: null, month: '2025-12', actual: 500, churnRate: null }),
    );
    // Each weighed by what it earned when its month began: the app's $200 of the month before (its
    // churn is lost of that), Quiz Game's own $930 (it has no month before):
    // ($200 × 4% + $930 × 8%) ÷ $1,130; the workspace's $500 measured no churn and does not count as 0.
    expect(analyseState(input).revenue.churn).toBe(0.0729);
    input.revenue = [makeRevenue({ id: 4, projectId: 1, month: '2025-12', actual: 500, churnRate: null })];
    expect(analyseState(input).revenue.churn).toBeNull();
  });

  it('picks the first dated milestone not yet past, not a fixed month_3', () => {
    const input = buildEduInput({ now: '2026-05-10T12:00:00.000Z' });
    input.vision = { ...eduVision(), revenueTargets: { '2026-07': 1498, '2026-04': 999 } };
    expect(analyseState(input).revenue.milestone).toEqual({ month: '2026-07', target: 1498, passed: false });
  });

  it('counts a milestone due this month as current', () => {
    const input = buildEduInput({ now: '2026-04-20T00:00:00.000Z' });
    input.vision = { ...eduVision(), revenueTargets: { '2026-04': 999, '2026-07': 1498 } };
    const { revenue } = analyseState(input);
    expect(revenue.milestone).toEqual({ month: '2026-04', target: 999, passed: false });
    expect(revenue.monthsLeft).toBe(0.36); // 11 days left of April
  });

  // A review read "Gap: $3,250 with 0.1 months left / Required pace: +$6,500/month each month"
  // three days before a December target: the month's revenue is one figure, so what closing it
  // takes is the gap, not twice it.
  it('names a quarter recorded as one figure by its dates, and says nothing when the pace runs over the months left', () => {
    const input = buildEduInput();
    input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2025-12', actual: 310 })];
    input.revenue = [
      {
        ...(input.revenue[0] as (typeof input.revenue)[number]),
        periodStart: '2025-10-01',
        periodEnd: '2025-12-31',
      },
    ];
    const { revenue } = analyseState(input);
    expect(paceOverText(revenue)).toMatch(
      /^ over the [\d.]+ months from the 2025-10-01 → 2025-12-31 figure$/,
    );
    // No revenue recorded: the pace runs over the months left, and says no more.
    input.revenue = [];
    expect(paceOverText(analyseState(input).revenue)).toBe('');
  });

  it('asks for the gap itself, not more, in the milestone’s own month', () => {
    const input = buildEduInput({ now: '2026-04-28T09:00:00.000Z' });
    input.vision = { ...eduVision(), revenueTargets: { '2026-04': 999, '2026-07': 1498 } };
    input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2026-03', actual: 310 })];
    const { revenue } = analyseState(input);
    expect(revenue.milestone).toEqual({ month: '2026-04', target: 999, passed: false });
    expect(revenue.monthsLeft).toBeLessThan(0.2);
    expect(revenue.requiredPace).toBe(689);
  });

  // A review's pace, counted from today, rose every day with nothing typed ($1,142 a month on
  // 7 December, $1,444 on the 31st, for March's $4,300 gap from November's $20,700), then fell to
  // $1,271 the day a December short of it was recorded: a bad month read as progress.
  it('asks the same pace every day of a month, and more once a month short of it is recorded', () => {
    const at = (now: string, months: Array<[string, number]>) => {
      const input = buildEduInput({ now });
      input.vision = { ...eduVision(), revenueTargets: { '2027-03': 25_000 } };
      input.revenue = months.map(([month, actual], i) =>
        makeRevenue({ id: i + 1, projectId: 1, month, actual }),
      );
      return analyseState(input).revenue;
    };
    const november: Array<[string, number]> = [
      ['2026-10', 20_200],
      ['2026-11', 20_700],
    ];
    // $4,300 over December, January, February and March.
    expect(at('2026-12-07T09:00:00.000Z', november).requiredPace).toBe(1_075);
    expect(at('2026-12-31T09:00:00.000Z', november).requiredPace).toBe(1_075);
    // December grew $600, not $1,075: $3,700 is left for three months.
    const december = at('2027-01-02T09:00:00.000Z', [...november, ['2026-12', 21_300]]);
    expect(december.gap).toBe(3_700);
    expect(december.requiredPace).toBe(1_233.33);
  });

  it('falls back to the last milestone when all are past, with no time left', () => {
    const input = buildEduInput({ now: '2026-09-02T00:00:00.000Z' });
    input.vision = { ...eduVision(), revenueTargets: { '2026-04': 999, '2026-07': 1498 } };
    input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2026-08', actual: 1000 })];
    const { revenue } = analyseState(input);
    expect(revenue.milestone).toEqual({ month: '2026-07', target: 1498, passed: true });
    expect(revenue.monthsLeft).toBe(0);
    expect(revenue.current).toBe(1000);
    expect(revenue.gap).toBe(498);
    // No pace is left to keep for a milestone passed (it read as twice the gap a month).
    expect(revenue.requiredPace).toBeNull();
    expect(revenue.onTrack).toBe(false);
  });

  it('reports zero revenue, no growth and no churn without records', () => {
    const { revenue, opportunities } = analyseState(buildEduInput({ revenue: [] }));
    expect(revenue.current).toBe(0);
    expect(revenue.monthlyGrowth).toBeNull();
    expect(revenue.gap).toBe(999);
    expect(revenue.pctOfTarget).toBe(0);
    expect(revenue.projectedAtMilestone).toBe(0);
    expect(revenue.churn).toBeNull();
    expect(opportunities).toContain('Basic EDU Apps is revenue-bearing but has no revenue recorded');
  });

  it('has no milestone, gap or pace when the vision sets no revenue targets', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, revenueTargets: {} };
    const { revenue } = analyseState(input);
    expect(revenue.milestone).toBeNull();
    expect(revenue.gap).toBe(0);
    expect(revenue.requiredPace).toBeNull();
    expect(revenue.onTrack).toBeNull();
  });

  it('is on track when growth reaches the target in time, and met when the gap is closed', () => {
    const growing = buildEduInput();
    growing.revenue = [
      makeRevenue({ id: 1, projectId: 1, month: '2025-11', actual: 300 }),
      makeRevenue({ id: 2, projectId: 1, month: '2025-12', actual: 600 }),
    ];
    expect(analyseState(growing).revenue.onTrack).toBe(true);
    const met = buildEduInput();
    met.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2025-12', actual: 1600 })];
    const { revenue } = analyseState(met);
    expect(revenue.gap).toBe(0);
    expect(revenue.requiredPace).toBe(0);
    expect(revenue.onTrack).toBe(true);
    expect(revenue.pctOfTarget).toBe(1.6016);
    // The first target met early, the second not: the second is the milestone.
    const early = buildEduInput();
    early.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2025-12', actual: 1100 })];
    const next = analyseState(early).revenue;
    expect(next.milestone).toMatchObject({ target: 1498, reached: { target: 999 } });
    expect(next.gap).toBe(398);
  });

  it('sums the latest record of every source, workspace-level included, and converts other spans to a month', () => {
    const input = buildEduInput();
    input.revenue.push({
      ...makeRevenue({ id: 3, projectId: null, month: '2025-10', actual: 900, subscriptions: 5 }),
      periodStart: '2025-10-01',
      periodEnd: '2025-12-29', // 90 days, not a calendar month: $304.40 a month
    });
    const { revenue } = analyseState(input);
    expect(revenue.current).toBe(614.4);
    expect(revenue.subscriptions).toBe(36);
    expect(revenue.monthlyGrowth).toBe(110); // only the project has two records
    expect(revenue.sources.find((s) => s.projectId === null)?.scaled).toBe(true);
  });

  it('rejects an invalid now', () => {
    expect(() => analyseState({ ...buildEduInput(), now: 'yesterday' })).toThrow(ValidationError);
  });
});

describe('analyseState: projects', () => {
  it('reports completion, open bugs by severity, blockers and project revenue', () => {
    const input = buildEduInput({
      bugs: [
        makeBug({ id: 1, projectId: 1, title: 'Checkout crashes' }),
        makeBug({ id: 2, projectId: 1, title: 'Typo', severity: 'low' }),
        makeBug({ id: 3, projectId: 1, title: 'Old crash', status: 'fixed' }),
      ],
    });
    const [edu, ops] = analyseState(input).projects;
    expect(edu?.featuresTotal).toBe(10);
    expect(edu?.featuresDone).toBe(4);
    expect(edu?.completion).toBe(0.4);
    expect(edu?.openBugs).toEqual({ critical: 1, high: 0, medium: 0, low: 1 });
    expect(edu?.blockers.map((b) => b.id)).toEqual([1]);
    expect(edu?.monthlyRevenue).toBe(310);
    expect(ops?.monthlyRevenue).toBe(0);
    expect(ops?.completion).toBe(0.3333);
  });

  it('marks a project near completion from 80% until done, and says so', () => {
    const input = buildEduInput({ features: [...makeFeatures(1, 13, 11, 1), ...makeFeatures(2, 2, 2, 20)] });
    const state = analyseState(input);
    expect(state.projects[0]?.nearCompletion).toBe(true);
    expect(state.projects[1]?.nearCompletion).toBe(false); // 100% is done, not near
    expect(state.opportunities).toContain(
      'Basic EDU Apps is 85% complete (2 features left; it earns $310/month)',
    );
  });

  it('names the three nearly done projects that earn most, and counts the rest, when there are more', () => {
    const input = buildEduInput({ revenue: [] });
    input.projects = Array.from({ length: 6 }, (_, i) =>
      makeProject({
        id: i + 1,
        name: `Course ${i + 1}`,
        revenueBearing: true,
        updatedAt: daysBefore(EDU_NOW, 2),
      }),
    );
    // Courses 1-6 are 80-90 % done; 2, 4 and 5 earn, 5 most.
    input.features = input.projects.flatMap((p, i) =>
      makeFeatures(p.id, 10, i % 2 === 0 ? 8 : 9, 100 * p.id),
    );
    input.revenue = [
      makeRevenue({ id: 1, projectId: 2, month: '2025-12', actual: 300 }),
      makeRevenue({ id: 2, projectId: 4, month: '2025-12', actual: 300 }),
      makeRevenue({ id: 3, projectId: 5, month: '2025-12', actual: 900 }),
    ];
    const { opportunities } = analyseState(input);
    expect(opportunities.slice(0, 4)).toEqual([
      'Course 5 is 80% complete (2 features left; it earns $900/month)',
      'Course 2 is 90% complete (1 feature left; it earns $300/month)',
      'Course 4 is 90% complete (1 feature left; it earns $300/month)',
      '3 more projects are 80% complete or more, with features left',
    ]);
    // Three without revenue are four or fewer: each is named.
    expect(opportunities.slice(4)).toEqual([
      'Course 1 is revenue-bearing but has no revenue recorded',
      'Course 3 is revenue-bearing but has no revenue recorded',
      'Course 6 is revenue-bearing but has no revenue recorded',
    ]);
  });

  it('has no completion for a project without features', () => {
    const state = analyseState(buildEduInput({ features: [] }));
    expect(state.projects[0]?.completion).toBeNull();
    expect(state.projects[0]?.nearCompletion).toBe(false);
  });

  it('measures idle days from the latest change to the project, its features, bugs or tasks', () => {
    const input = buildEduInput();
    input.projects = [
      makeProject({ id: 1, name: 'Basic EDU Apps', updatedAt: daysBefore(EDU_NOW, 30) }),
      makeProject({ id: 2, name: 'Ops Monitor', updatedAt: daysBefore(EDU_NOW, 30) }),
      makeProject({ id: 3, name: 'Paused', status: 'paused', updatedAt: daysBefore(EDU_NOW, 90) }),
    ];
    input.features = [];
    input.history = summariseHistory(
      [makeTask({ id: 1, title: 'x', projectId: 2, status: 'done', updatedAt: daysBefore(EDU_NOW, 3) })],
      input.now,
    );
    const [edu, ops, paused] = analyseState(input).projects;
    expect(edu?.idleDays).toBe(30);
    expect(edu?.stale).toBe(true);
    expect(ops?.idleDays).toBe(3);
    expect(ops?.stale).toBe(false);
    expect(paused?.idleDays).toBe(90);
    expect(paused?.stale).toBe(false); // only active projects go stale
    expect(analyseState(input, { staleAfterDays: 31 }).projects[0]?.stale).toBe(false);
  });
});

describe('analyseState: focus areas', () => {
  it('lists focus areas without a task approved or under way or one closed in the last 14 days', () => {
    const input = buildEduInput({
      openTasks: [
        makeTask({
          id: 1,
          title: 'a',
          focusArea: 'automation',
          status: 'approved',
          updatedAt: daysBefore(EDU_NOW, 60),
        }),
        // A proposal awaiting a decision is no work on its area yet.
        makeTask({ id: 4, title: 'd', focusArea: 'self_healing', status: 'proposed' }),
      ],
      recentTasks: [
        makeTask({
          id: 2,
          title: 'b',
          focusArea: 'payment_integration',
          status: 'done',
          updatedAt: daysBefore(EDU_NOW, 5),
        }),
        makeTask({
          id: 3,
          title: 'c',
          focusArea: 'self_healing',
          status: 'done',
          updatedAt: daysBefore(EDU_NOW, 20),
        }),
      ],
    });
    expect(analyseState(input).neglectedFocusAreas).toEqual(['self_healing']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { TIER } from '../../src/engine/draft.js';
import type { Goalpost } from '../../src/index.js';
import {
  expectNamedByTheirBacklogItems,
  expectPrioritiesSpread,
  fix,
  fromBacklog,
  isPlanNextStep,
  LEAD,
  type PlannedTask,
  plan,
  projectNamed,
  seedTeam,
  type TeamSpec,
  titles,
  useTeam,
} from './team.js';

// Crewline: scheduling and payments for HVAC contractors, $16.5k MRR, a backlog of ~35 items over
// four projects (one paused). The lead wants the two criticals first, the rest of the first five
// from high bugs and work already in progress, and a ranking that actually ranks.
const WEB = 'Crewline Web';
const PAY = 'Crewline Payments';
const MOBILE = 'Crewline Mobile';
const CRITICALS = [
  fix('Jobs vanish from the board after a timezone change', WEB),
  fix('Card refunds fail with a 500', PAY),
];

const CREWLINE: TeamSpec = {
  vision: {
    statement: 'Every HVAC crew runs its day from Crewline',
    primary_goal: 'Reach $20k MRR by March',
    focus_areas: ['scheduling', 'payments', 'mobile'],
    // September's asks less growth a month than March's ($682 against $700), so March's binds.
    revenue_targets: { '2027-03': 20000, '2027-09': 24000 },
  },
  projects: [
    {
      name: WEB,
      revenueBearing: true,
      focus: ['scheduling'],
      features: [
        ['Drag-and-drop dispatch board', 'planned'],
        ['Recurring maintenance visits', 'planned'],
        ['Technician skill matching', 'planned'],
        ['Customer self-booking portal', 'planned'],
        ['Route optimisation', 'planned'],
        ['SMS arrival windows', 'planned'],
        ['QuickBooks export', 'planned'],
        ['Multi-day jobs', 'in_progress'],
        ['Job photo attachments', 'in_progress'],
        ['Calendar sync', 'done'],
        ['Job templates', 'done'],
      ],
      bugs: [
        ['Jobs vanish from the board after a timezone change', 'critical'],
        ['Double-booking when two dispatchers drag the same job', 'high'],
        ['Invoice totals ignore discounts', 'high'],
        ['Slow board load over 500 jobs', 'medium'],
        ['Sorting by technician is case-sensitive', 'medium'],
        ['Tooltip cut off on the dispatch board', 'low'],
        ['Favicon missing on the login page', 'low'],
      ],
    },
    {
      name: PAY,
      revenueBearing: true,
      focus: ['payments'],
      features: [
        ['ACH payments', 'planned'],
        ['Tap to pay', 'planned'],
        ['Deposits on quotes', 'in_progress'],
      ],
      bugs: [
        ['Card refunds fail with a 500', 'critical'],
        ['Payout report misses same-day payouts', 'high'],
        ['Receipt email shows cents twice', 'low'],
      ],
    },
    {
      name: MOBILE,
      focus: ['mobile'],
      features: [
        ['Offline job notes', 'planned'],
        ['Signature capture', 'planned'],
      ],
      bugs: [
        ['App logs technicians out every hour', 'high'],
        ['Photo upload stalls on 3G', 'medium'],
        ['Dark mode text unreadable in settings', 'low'],
      ],
    },
    {
      name: 'Legacy Importer',
      focus: ['scheduling'],
      status: 'paused',
      features: [['ServiceTitan import', 'planned']],
      bugs: [['Importer crashes on CSV with a BOM', 'critical']],
    },
  ],
  revenue: [
    { project: WEB, month: '2026-09', actual: 13900, subscriptions: 278, churn: 0.024 },
    { project: PAY, month: '2026-09', actual: 2200, subscriptions: 180, churn: 0.01 },
    { project: WEB, month: '2026-10', actual: 14200, subscriptions: 284, churn: 0.025 },
    { project: PAY, month: '2026-10', actual: 2300, subscriptions: 186, churn: 0.01 },
  ],
};

const MRR: Record<string, number> = { [WEB]: 14200, [PAY]: 2300, [MOBILE]: 0 };
const GAP = 20000 - 16500;

describe('a team with a long backlog', () => {
  const team = useTeam();
  let app: Goalpost;
  let top: PlannedTask[];
  let twenty: PlannedTask[];

  beforeEach(() => {
    app = team.open();
    seedTeam(app, CREWLINE);
    top = plan(app);
    twenty = plan(app, 20);
  });

  const severityOf = (t: PlannedTask) =>
    t.item?.kind === 'bug' ? app.projects.bugs(LEAD).find((b) => b.id === t.item?.id)?.severity : undefined;

  it('fills the first five with backlog work, both criticals first', () => {
    expect(top).toHaveLength(5);
    expect(titles(top).slice(0, 2).sort()).toEqual([...CRITICALS].sort());
    for (const t of top) expect(fromBacklog(t), t.title).toBe(true);
  });

  it('fills the rest of the first five with high bugs and work already in progress', () => {
    for (const t of top.slice(2)) {
      expect(
        severityOf(t) === 'high' || /^Finish '/.test(t.title),
        `${t.title} should be a high bug or unfinished work`,
      ).toBe(true);
    }
  });

  it('takes every critical and high bug of an active project into a batch of twenty', () => {
    const mustHave = app.projects
      .bugs(LEAD)
      .filter((b) => b.severity === 'critical' || b.severity === 'high')
      .filter((b) => b.projectId !== projectNamed(app, 'Legacy Importer').id);
    expect(mustHave).toHaveLength(6);
    const bugIds = twenty.filter((t) => t.item?.kind === 'bug').map((t) => t.item?.id);
    for (const b of mustHave) expect(bugIds, b.title).toContain(b.id);
  });

  it('finishes every feature already in progress within the first ten', () => {
    const ten = titles(plan(app, 10));
    for (const f of ["'Multi-day jobs'", "'Job photo attachments'", "'Deposits on quotes'"]) {
      expect(
        ten.some((t) => t.startsWith('Finish ') && t.includes(f)),
        f,
      ).toBe(true);
    }
  });

  it('never proposes a low bug, a done feature, the paused importer, or "Plan the next step"', () => {
    expect(projectNamed(app, 'Legacy Importer').status).toBe('paused');
    for (const t of twenty) {
      expect(severityOf(t), t.title).not.toBe('low');
      expect(t.projectName, t.title).not.toBe('Legacy Importer');
      expect(t.title).not.toMatch(/'Calendar sync'|'Job templates'/);
      expect(isPlanNextStep(t), t.title).toBe(false);
    }
  });

  // Crewline Web earns 86% of the revenue, so $3,012 of the $3,500 gap is its to win: its ten
  // feature-sizes of work claim $2,500 of it, a feature-size's part as the split by work gives,
  // and a growth experiment answers the rest, after all the backlog's real work that claims dollars
  // (Mobile earns nothing: its high bug claims none). In a batch of twenty, the weakest real work,
  // it gives its place to a medium bug left out that scores twelve times as much (one a batch: see
  // liftBug); with room for every medium bug, none is left out, and it comes back.
  it("names every task by its own backlog title and project, but the experiment for what Web's work leaves", () => {
    const EXPERIMENT =
      "Run a user-acquisition experiment toward Crewline Web's share of the revenue gap by 2027-03";
    expect(twenty.filter((t) => !fromBacklog(t))).toEqual([]);
    const given = twenty.filter((t) => t.reasoning[1]?.startsWith('A medium bug given one of'));
    expect(given).toHaveLength(1);
    expect(given[0]?.reasoning[1]).toContain(`for "${EXPERIMENT}", which it replaces`);
    expectNamedByTheirBacklogItems(app, twenty);
    const all = plan(app, 25);
    const others = all.filter((t) => !fromBacklog(t));
    expect(others.map((t) => t.title)).toEqual([EXPERIMENT]);
    expect(others[0]?.reasoning.join('\n')).toContain(
      "of the $512/month (17%) Crewline Web's open work leaves of",
    );
    const at = all.indexOf(others[0] as PlannedTask);
    for (const t of all.slice(at + 1))
      expect(t.tier > TIER.work || t.revenueImpact + t.goalValue === 0, t.title).toBe(true);
    expectNamedByTheirBacklogItems(app, all.filter(fromBacklog));
  });

  it('ranks twenty tasks over the whole scale instead of piling them at the top', () => {
    expectPrioritiesSpread(twenty);
    const levels = new Map<number, PlannedTask[]>();
    for (const t of twenty) levels.set(t.priority, [...(levels.get(t.priority) ?? []), t]);
    expect(levels.size).toBeGreaterThanOrEqual(5);
    // Nothing piles up at the top: only the two criticals may share the highest priority. (Work of
    // equal value may share a lower level, like seven features splitting one gap.)
    const highest = levels.get(Math.max(...levels.keys())) ?? [];
    expect(highest.length, titles(highest).join(', ')).toBeLessThanOrEqual(2);
    expect(Math.min(...twenty.map((t) => t.priority))).toBeLessThan(Math.max(...top.map((t) => t.priority)));
  });

  it("bounds a bug by its project's revenue plus the gap, and a feature by the gap", () => {
    for (const t of twenty) {
      const bound = t.item?.kind === 'bug' ? (MRR[t.projectName ?? ''] ?? 0) + GAP : GAP;
      expect(t.revenueImpact, t.title).toBeLessThanOrEqual(bound);
    }
  });

  it('proposes the next five, not the same five again, once the first batch is open', () => {
    const first = app.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    const second = app.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    expect(second.tasks).toHaveLength(5);
    const firstItems = first.tasks.map((t) => JSON.stringify((t as PlannedTask).item));
    for (const t of second.tasks as PlannedTask[]) {
      expect(titles(first.tasks as PlannedTask[])).not.toContain(t.title);
      expect(firstItems).not.toContain(JSON.stringify(t.item));
    }
  });
});

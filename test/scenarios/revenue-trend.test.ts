import { describe, expect, it } from 'vitest';
import { renderRevenue, renderState } from '../../adapters/cli/render-engine.js';
import { revenueProgress } from '../../src/views/cards.js';
import { LEAD, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Whether revenue is on track was projected from each product's last month's change alone. A
// product whose months go up and down around a steady climb read "on track" one month and "off
// track" the next, the plan's urgency flipping with it; one bad month projected a product to
// nothing by the milestone. A lead reads a product's growth over the last few months.
const ATLAS = 'Atlas';

const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/** Atlas, earning `actuals` over the months to `last` (the last of them its), for June's $20,000. */
function atlas(actuals: readonly number[], last = '2026-11'): TeamSpec {
  const months = MONTHS.slice(0, MONTHS.indexOf(last) + 1);
  return {
    vision: {
      statement: 'Maps for field crews',
      primary_goal: 'Reach $20k MRR by June',
      focus_areas: ['growth'],
      revenue_targets: { '2027-06': 20000 },
    },
    projects: [
      { name: ATLAS, revenueBearing: true, focus: ['growth'], features: [['Offline tiles', 'planned']] },
    ],
    revenue: actuals.map((actual, i) => ({
      project: ATLAS,
      month: months[months.length - actuals.length + i] as string,
      actual,
    })),
  };
}

describe('revenue growth read over the last few months', () => {
  const team = useTeam();

  const revenueOn = (now: string, actuals: readonly number[]) => {
    const app = team.open(now);
    seedTeam(app, atlas(actuals, now < '2026-12' ? '2026-10' : '2026-11'));
    return { app, revenue: app.engine.state(LEAD).revenue };
  };

  // Up $1,200, down $400, up $1,200 …: about $560 a month over the half-year, from $10,000 in
  // June. Its last month's change alone said +$1,200 a month ($21,200 by June, on track) in
  // December and -$400 a month ($8,400, far off) in November.
  const ZIGZAG = [10000, 11200, 10800, 12000, 11600, 12800];

  it('gives the same verdict each month for a product that zigzags up', () => {
    // Seen in November (October the latest month): the trend of July to October.
    const november = revenueOn('2026-11-05T09:00:00Z', ZIGZAG.slice(0, 5)).revenue;
    // Seen in December (November the latest month): the trend of August to November.
    const december = revenueOn('2026-12-05T09:00:00Z', ZIGZAG).revenue;
    for (const r of [november, december]) {
      expect(r.onTrack).toBe(false);
      // Between what the half-year's pace gives from each month's figure: neither $8,400 nor $21,200.
      expect(r.projectedAtMilestone).toBeGreaterThan(13000);
      expect(r.projectedAtMilestone).toBeLessThan(18000);
      expect(r.monthlyGrowth).toBeGreaterThan(0);
      expect(r.monthlyGrowth).toBeLessThan(1000);
    }
  });

  it('says so in the plan the same way each month', () => {
    const reason = (now: string, actuals: readonly number[]) => {
      const { app } = revenueOn(now, actuals);
      return plan(app, 5)
        .flatMap((t) => t.reasoning)
        .find((l) => /behind the 2027-06 target/.test(l));
    };
    expect(reason('2026-11-05T09:00:00Z', ZIGZAG.slice(0, 5))).toMatch(/off track: \$1[345],\d{3} projected/);
    expect(reason('2026-12-05T09:00:00Z', ZIGZAG)).toMatch(/off track: \$1[5-7],\d{3} projected/);
  });

  it('projects a product after one bad month at its quarter’s pace, not to nothing', () => {
    // $15,000 in August to $17,000 in October, then a customer left: $12,000 in November. Over
    // the quarter it lost $1,000 a month (15,000 to 12,000 in three months); its last month
    // alone said -$5,000 a month, and nothing left of it by June.
    const { revenue } = revenueOn('2026-12-05T09:00:00Z', [14000, 15000, 16000, 17000, 12000]);
    expect(revenue.current).toBe(12000);
    expect(revenue.monthlyGrowth).toBe(-1000);
    // December to June, seven months: $12,000 - 7 × $1,000.
    expect(revenue.projectedAtMilestone).toBe(5000);
  });

  it('says the growth it projected at, beside the fall', () => {
    const { app } = revenueOn('2026-12-05T09:00:00Z', [14000, 15000, 16000, 17000, 12000]);
    const said = plan(app, 5).flatMap((t) => t.reasoning);
    expect(said.find((l) => /behind the 2027-06 target/.test(l))).toMatch(
      /; off track: \$5,000 projected by then at the recent growth of -\$1,000\/month$/,
    );
    expect(said.some((l) => l.startsWith("Atlas' revenue fell from $17,000 to $12,000 a month (-29%)"))).toBe(
      true,
    );
  });

  it('says when no growth is measured yet', () => {
    const { app } = revenueOn('2026-12-05T09:00:00Z', [12000]);
    expect(
      plan(app, 5)
        .flatMap((t) => t.reasoning)
        .find((l) => /behind the 2027-06 target/.test(l)),
    ).toMatch(/; off track: \$12,000 projected by then with no growth measured yet$/);
  });

  it('still reads a steady climb at its pace', () => {
    const { revenue } = revenueOn('2026-12-05T09:00:00Z', [12000, 13000, 14000, 15000, 16000]);
    expect(revenue.monthlyGrowth).toBe(1000);
    expect(revenue.projectedAtMilestone).toBe(23000);
    expect(revenue.onTrack).toBe(true);
  });

  it('reads two months as the change between them', () => {
    const { revenue } = revenueOn('2026-12-05T09:00:00Z', [15000, 15600]);
    expect(revenue.monthlyGrowth).toBe(600);
    expect(revenue.projectedAtMilestone).toBe(15600 + 7 * 600);
  });
});

describe('revenue growth over the last quarter, whatever the records', () => {
  const team = useTeam();

  /** The revenue-gap reasoning of a plan on `now`. */
  const gapReason = (app: ReturnType<typeof team.open>) =>
    plan(app, 5)
      .flatMap((t) => t.reasoning)
      .find((l) => /behind the 2027-06 target/.test(l));

  it('names no summed growth when one product falls to nothing and another climbs', () => {
    // Atlas loses $1,000 a month from $2,000 (nothing left by June), Bolt gains $1,000 a month
    // from $10,000 ($17,000 by June): their growths sum to +$0, and "revenue flat" beside a
    // projection $5,000 above today's would mislead.
    const app = team.open('2026-12-05T09:00:00Z');
    const months = ['2026-08', '2026-09', '2026-10', '2026-11'];
    seedTeam(app, {
      ...atlas([]),
      projects: [...atlas([]).projects, { name: 'Bolt', revenueBearing: true, focus: ['growth'] }],
      revenue: [
        ...[5000, 4000, 3000, 2000].map((actual, i) => ({
          project: ATLAS,
          month: months[i] as string,
          actual,
        })),
        ...[7000, 8000, 9000, 10000].map((actual, i) => ({
          project: 'Bolt',
          month: months[i] as string,
          actual,
        })),
      ],
    });
    const revenue = app.engine.state(LEAD).revenue;
    expect(revenue.projectedAtMilestone).toBe(17000);
    // `state` and the digest's revenue bar say how the products go, not "+$0", "growing +$0".
    expect(renderRevenue(revenue)).toContain(
      'Growth:           +$0.00/month each month, summed over 1 product growing and 1 falling',
    );
    expect(revenueProgress(revenue, null)?.detail).toBe(
      "$12,000 of $20,000 MRR, gap $8,000; needs +$1,143/month each month over the 7 months from 2026-11's figure, 1 product growing and 1 falling",
    );
    expect(gapReason(app)).toMatch(
      /; off track: \$17,000 projected by then at each product's recent growth(;|$)/,
    );
    // `state` names which: each product's own growth beside its revenue.
    const rows = renderState(app.engine.state(LEAD))
      .split('\n')
      .filter((l) => /^(name|Atlas|Bolt) /.test(l))
      .map((l) => l.trim().split(/\s{2,}/));
    expect(rows).toEqual([
      ['name', 'status', 'completion', 'blockers', 'revenue', 'growth'],
      [ATLAS, 'active', '[░░░░░░░░░░] 0% (0/1)', '0', '$2,000.00', '-$1,000.00/month'],
      ['Bolt', 'active', '—', '0', '$10,000.00', '+$1,000.00/month'],
    ]);
  });

  it('reads weeks over the weeks of the quarter a plan reads, not the last four', () => {
    // A product alternating $3,000 and $3,300 weeks is flat. Over its last four weeks it read
    // +$946 a month one week ("on track") and -$946 the next.
    const weeks = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const start = new Date(Date.UTC(2026, 9, 4 + 7 * i)).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(2026, 9, 10 + 7 * i)).toISOString().slice(0, 10);
        return { from: start, to: end, actual: i % 2 === 0 ? 3000 : 3300 };
      });
    const growthAfter = (n: number, now: string) => {
      const app = team.open(now);
      seedTeam(app, atlas([]));
      for (const w of weeks(n)) app.revenue.add(LEAD, { project: ATLAS, ...w });
      return app.engine.state(LEAD).revenue;
    };
    // Eight weeks to 28 November, then nine to 5 December.
    const first = growthAfter(8, '2026-11-30T09:00:00Z');
    const next = growthAfter(9, '2026-12-07T09:00:00Z');
    for (const r of [first, next]) {
      expect(r.onTrack).toBe(false);
      expect(Math.abs(r.monthlyGrowth ?? Number.NaN)).toBeLessThan(100);
    }
  });

  it('reads a launch from the month before its first sale, not from the $0 months before that', () => {
    // A Stripe backfill writes a product's $0 months before its first sale: $0 from June, $300 in
    // October, $600 in November is +$300 a month, as $300 then $600 is.
    const { revenue } = (() => {
      const app = team.open('2026-12-05T09:00:00Z');
      seedTeam(app, atlas([0, 0, 0, 0, 300, 600]));
      return { revenue: app.engine.state(LEAD).revenue };
    })();
    expect(revenue.monthlyGrowth).toBe(300);
  });

  it('says nothing of growth when no revenue counts now', () => {
    // A week recorded early in November no longer tells "now" in December: its growth is not the
    // projection's, and "no growth measured yet" would be untrue.
    const app = team.open('2026-12-05T09:00:00Z');
    seedTeam(app, atlas([14000, 15000, 16000], '2026-10'));
    app.revenue.add(LEAD, { project: ATLAS, from: '2026-11-01', to: '2026-11-07', actual: 3800 });
    const reason = gapReason(app) ?? '';
    expect(reason).toMatch(/; off track: \$0 projected by then; /);
    expect(reason).not.toMatch(/growth measured/);
  });
});

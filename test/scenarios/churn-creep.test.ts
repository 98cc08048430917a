import { describe, expect, it } from 'vitest';
import { LEDGERLY_VISION, WEB } from './ledgerly.js';
import { LEAD, plan, seedTeam, useTeam } from './team.js';

// A lead's product lost customers a little faster each month, 1.8 % in May to 3.6 % by November:
// measured against the month before alone, the plan read "rose from 3.3% to 3.6%" and valued the
// loss of three tenths of a point; the month after, a dip to 3.2 % ended the signal, with churn
// still nearly twice its spring's. A lead measures a rise from what churn used to be.
const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

function withChurn(rates: readonly number[]) {
  return {
    vision: LEDGERLY_VISION,
    projects: [{ name: WEB, revenueBearing: true, focus: ['growth'] }],
    revenue: rates.map((churn, i) => ({
      project: WEB,
      month: MONTHS[MONTHS.length - rates.length + i] as string,
      actual: 8000,
      subscriptions: 400,
      churn,
    })),
  };
}

const churnFact = (app: ReturnType<ReturnType<typeof useTeam>['open']>) =>
  plan(app, 10)
    .find((t) => t.signal === 'churn_rise')
    ?.reasoning.find((l) => l.startsWith('Churn in'));

describe('churn creeping up month by month', () => {
  const team = useTeam();

  it('is a rise from what it was over the half-year before, not from the month before', () => {
    const app = team.open('2026-12-02T09:00:00Z');
    seedTeam(app, withChurn([0.018, 0.021, 0.024, 0.027, 0.03, 0.033, 0.036]));
    // The median of May to October: 2.55 %, said 2.6 %; a rise of 1.05 points on $8,000 is $84 a month.
    expect(churnFact(app)).toMatch(
      /^Churn in Ledgerly Web rose from a typical 2\.6% \(the median of the 6 months before\) to 3\.6%: about \$84 more of its \$8,000 MRR is lost each month/,
    );
    // The digest's news says the same.
    expect(app.engine.state(LEAD).pressing.join('\n')).toMatch(
      /Ledgerly Web's churn rose from a typical 2\.6% \(the median of the 6 months before\) to 3\.6% in 2026-11/,
    );
  });

  it('is still a rise after a month that dips, while churn stays well above what it was', () => {
    const app = team.open('2026-12-02T09:00:00Z');
    seedTeam(app, withChurn([0.018, 0.018, 0.018, 0.018, 0.018, 0.036, 0.032]));
    expect(churnFact(app)).toMatch(
      /^Churn in Ledgerly Web rose from a typical 1\.8% \(the median of the 6 months before\) to 3\.2%/,
    );
  });

  it('is no rise once churn is back to what it was, one bad month before notwithstanding', () => {
    const app = team.open('2026-12-02T09:00:00Z');
    seedTeam(app, withChurn([0.02, 0.02, 0.02, 0.02, 0.06, 0.02]));
    expect(churnFact(app)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { APP, CHURN_MEASURED, CHURN_ROSE, churnGoalTeam, SURVEY } from './churn-goal.js';
import { build, LEAD, plan, seedTeam, useTeam } from './team.js';

// Ledgerly's churn rose from 3 % to 7 % in October, and the team steers by a goal on it too:
// `ledgerly_churn` down to 3 %, each point worth $400 a month to them. The cancellation survey
// linked to the goal answers both. A lead reading its card wants the dollars of customers leaving
// Ledgerly once: the churn rise's lost MRR and the goal's value are two estimates of the same
// customers, not two prizes, and the survey must not outrank other work by counting them twice.

/** The dollars of one reasoning line, `Revenue $669/month: …` → 669. */
const dollars = (line: string | undefined) =>
  Number((/\$([\d,.]+)\/month/.exec(line ?? '')?.[1] ?? 'NaN').replace(/,/g, ''));

describe('a churn goal and a churn rise served by one piece of work', () => {
  const team = useTeam();

  it('count the customers leaving once: the goal only for what it is worth above the lost revenue', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED));
    app.projects.addFeature(LEAD, APP, { title: SURVEY, status: 'planned', goal: 'ledgerly_churn' });
    const survey = plan(app).find((t) => t.title === build(SURVEY, APP));
    expect(survey).toBeDefined();
    const churnLine = survey?.reasoning.find((l) => /^Revenue .*churn rise takes from Ledgerly/.test(l));
    const goalLine = survey?.reasoning.find((l) => l.startsWith('Goal value'));
    const lost = dollars(churnLine);
    // Closing the goal is worth 4 points × $400 = $1,600 a month; the churn rise takes $669 by
    // the milestone, of which work answering it is counted to win 30%, $201 (its $1,050 beside it
    // is the share of the revenue gap).
    expect(lost).toBe(201);
    expect(churnLine).toContain('30% of the $669/month of MRR the churn rise takes');
    const churnRevenue = (survey?.revenueImpact ?? 0) - 1050;
    expect(churnRevenue).toBeCloseTo(201, 0);
    expect((survey?.goalValue ?? 0) + churnRevenue).toBeCloseTo(1600, 2);
    expect(dollars(goalLine)).toBe(1399);
    expect(goalLine).toContain(
      'less the $201/month it claims as revenue lost to customers leaving: the same customers',
    );
    // The score weighs each dollar once: the gap's share, the churn rise's, the goal's rest.
    expect(survey?.reasoning.find((l) => l.startsWith('Score'))).toMatch(
      /\(\(\$1,050 \+ \$201 \+ \$1,399\) ×/,
    );
  });

  // A metric naming a word of churn work without measuring customers leaving: clicks on a cancel
  // button, days data is retained.
  for (const metric of ['ledgerly_invoices_sent', 'cancel_button_clicks', 'data_retention_days']) {
    it(`leave a goal on something else whole: ${metric}`, () => {
      const app = team.open();
      seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED, metric));
      app.projects.addFeature(LEAD, APP, { title: SURVEY, status: 'planned', goal: metric });
      const survey = plan(app).find((t) => t.title === build(SURVEY, APP));
      expect(survey?.goalValue).toBe(1600);
      expect(survey?.reasoning.find((l) => l.startsWith('Goal value'))).not.toContain('counted once');
    });
  }
});

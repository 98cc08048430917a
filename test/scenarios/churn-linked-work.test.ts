import { describe, expect, it } from 'vitest';
import { APP, CHURN_MEASURED, CHURN_ROSE, churnGoalTeam } from './churn-goal.js';
import { build, LEAD, plan, seedTeam, titles, useTeam } from './team.js';

// Ledgerly's churn rose from 3 % to 7 % in October. The team's answer is a feature whose title
// says nothing of customers leaving ("Usage digest email for inactive agencies"), linked to its
// churn goal: the team's word that it keeps customers. A lead expects it to answer the rise (its
// card claiming its part of what the rise takes), and the interviews to wait behind it, not to
// claim all of the rise beside it as if nothing answered it.
const DIGEST = 'Usage digest email for inactive agencies';
const INTERVIEWS = /^Interview customers who cancelled recently/;
const riseLine = (reasoning: readonly string[]) =>
  reasoning.find((l) => /^Revenue .*the churn rise takes from Ledgerly/.test(l));

describe('work the team linked to its churn goal, on the product whose churn rose', () => {
  const team = useTeam();

  it('answers the churn rise, whatever its title says, and the interviews wait behind it', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED));
    app.projects.addFeature(LEAD, APP, { title: DIGEST, status: 'planned', goal: 'ledgerly_churn' });
    const batch = plan(app, 10);
    const digest = batch.find((t) => t.title === build(DIGEST, APP));
    expect(digest).toBeDefined();
    expect(riseLine(digest?.reasoning ?? [])).toMatch(
      /\(linked to ledgerly_churn, a goal on customers leaving\), so it gets what work answering it is counted to win: 30% of the \$669\/month of MRR the churn rise takes/,
    );
    expect(titles(batch).filter((t) => INTERVIEWS.test(t))).toEqual([]);
  });

  it('answers nothing when linked to a goal on something else: the interviews answer the rise', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(CHURN_ROSE, CHURN_MEASURED, 'ledgerly_invoices_sent'));
    app.projects.addFeature(LEAD, APP, { title: DIGEST, status: 'planned', goal: 'ledgerly_invoices_sent' });
    const batch = plan(app, 10);
    const digest = batch.find((t) => t.title === build(DIGEST, APP));
    expect(riseLine(digest?.reasoning ?? [])).toBeUndefined();
    expect(titles(batch).filter((t) => INTERVIEWS.test(t))).toHaveLength(1);
  });
});

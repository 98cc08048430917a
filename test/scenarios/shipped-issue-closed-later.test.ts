import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { build, LEAD, monthRange, seedTeam, type TeamSpec, useTeam } from './team.js';

// As shipped-issue-open: Tallybook's task for 'Recurring invoices' is done in chat on Friday
// 2026-11-20, its issue left open. December's revenue, recorded on January 2nd, holds what it won.
// The issue is closed on January 5th: no news, as the task said it shipped in November.
const TALLYBOOK = 'Tallybook';
const REPO = 'acme/tallybook';
const RECURRING = build('Recurring invoices', TALLYBOOK);
const CURRENCY = build('Multi-currency', TALLYBOOK);

const spec: TeamSpec = {
  vision: {
    statement: 'Invoicing tools small firms pay for',
    primary_goal: 'Reach $3,000 MRR by March',
    focus_areas: ['growth'],
    revenue_targets: { '2027-03': 3000 },
  },
  projects: [{ name: TALLYBOOK, revenueBearing: true, focus: ['growth'] }],
  revenue: [{ project: TALLYBOOK, month: '2026-10', actual: 1200 }],
};

const issues = (closed: readonly number[] = []) =>
  ['Recurring invoices', 'Multi-currency', 'Client portal'].map((title, i) =>
    openIssue(
      REPO,
      i + 1,
      title,
      closed.includes(i + 1)
        ? { state: 'closed', stateReason: 'completed', updatedAt: '2027-01-05T08:00:00Z' }
        : {},
    ),
  );

/** What a proposal is worth after a saved plan valued it again (see shipped-issue-open). */
function valued(app: Goalpost, ref: string | null) {
  app.engine.generate(LEAD, { maxTasks: 5 });
  const { task } = app.tasks.show(LEAD, ref);
  return { usd: task.revenueImpact, reasoning: task.reasoning.join('\n') };
}

describe('a synced feature done in November whose issue closes in January', () => {
  const team = useTeam();

  it('is not counted on again as shipped work awaiting revenue once December’s revenue is in', () => {
    const thursday = team.open('2026-11-19T09:00:00Z');
    seedTeam(thursday, spec);
    const connection = thursday.github.planConnect(LEAD, { repo: REPO, project: TALLYBOOK });
    thursday.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
    thursday.github.ingest(LEAD, REPO, issues());
    const batch = thursday.engine.generate(LEAD, { maxTasks: 5 });
    const ref = batch.tasks.find((t) => t.title === RECURRING)?.ref ?? null;
    const currency = batch.tasks.find((t) => t.title === CURRENCY)?.ref ?? null;
    const friday = team.reopen('2026-11-20T09:00:00Z');
    for (const action of ['approve', 'start', 'done'] as const)
      friday.decisions.decide(LEAD, { ref, action });

    const january = team.reopen('2027-01-04T09:00:00Z');
    january.revenue.add(LEAD, { project: TALLYBOOK, actual: 1250, ...monthRange('2026-11') });
    january.revenue.add(LEAD, { project: TALLYBOOK, actual: 1400, ...monthRange('2026-12') });
    const before = valued(january, currency);
    expect(before.usd).toBeGreaterThan(0);

    const closed = team.reopen('2027-01-05T09:00:00Z');
    closed.github.ingest(LEAD, REPO, issues([1]));
    const after = valued(closed, currency);
    expect(after.reasoning).not.toMatch(/counted on the 1 item Tallybook shipped on 2027-01-05/);
    expect(after.usd).toBe(before.usd);
  });
});

import { describe, expect, it } from 'vitest';
import type { BacklogIssue, Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { build, LEAD, monthRange, seedTeam, type TeamSpec, useTeam } from './team.js';

// Tallybook's backlog is its GitHub issues. The team marks the task of one done in chat on
// Friday; the pull request closing its issue is merged on Monday. Either way the feature shipped
// on Friday and nobody has paid for it yet: the features left are worth what they were on
// Thursday, not more over the weekend and back on Monday (every card edited twice for nothing).
const TALLYBOOK = 'Tallybook';
const REPO = 'acme/tallybook';
const RECURRING = build('Recurring invoices', TALLYBOOK);
const CURRENCY = build('Multi-currency', TALLYBOOK);
const PORTAL = build('Client portal', TALLYBOOK);

const spec: TeamSpec = {
  vision: {
    statement: 'Invoicing tools small firms pay for',
    primary_goal: 'Reach $3,000 MRR by February',
    focus_areas: ['growth'],
    revenue_targets: { '2027-02': 3000 },
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
      closed.includes(i + 1) ? { state: 'closed', stateReason: 'completed' } : {},
    ),
  );

function connect(app: Goalpost): void {
  const connection = app.github.planConnect(LEAD, { repo: REPO, project: TALLYBOOK });
  app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
  app.github.ingest(LEAD, REPO, issues());
}

/** What a task is worth now (a saved plan values again each proposal awaiting a decision). */
function valued(app: Goalpost, refs: ReadonlyMap<string, string | null>, title: string) {
  const { task } = app.tasks.show(LEAD, refs.get(title) ?? null);
  return { usd: task.revenueImpact, reasoning: task.reasoning.join('\n') };
}

describe('a synced feature whose task is done before its issue closes', () => {
  const team = useTeam();

  it('keeps its part of the gap as shipped, as it does once the issue closes', () => {
    const thursday = team.open('2026-11-19T09:00:00Z');
    seedTeam(thursday, spec);
    connect(thursday);
    const batch = thursday.engine.generate(LEAD, { maxTasks: 5 });
    const refs = new Map(batch.tasks.map((t) => [t.title, t.ref]));
    for (const t of [RECURRING, CURRENCY, PORTAL]) expect(valued(thursday, refs, t).usd).toBe(600);

    const friday = team.reopen('2026-11-20T09:00:00Z');
    for (const action of ['approve', 'start', 'done'] as const)
      friday.decisions.decide(LEAD, { ref: refs.get(RECURRING) ?? null, action });

    // Done in chat, its issue still open: the feature shipped, the rest is worth what it was.
    const saturday = team.reopen('2026-11-21T09:00:00Z');
    saturday.engine.generate(LEAD, { maxTasks: 5 });
    expect(valued(saturday, refs, CURRENCY).usd).toBe(600);
    expect(valued(saturday, refs, PORTAL).usd).toBe(600);
    expect(valued(saturday, refs, PORTAL).reasoning).toMatch(
      /\$600 is counted on the 1 item Tallybook shipped on 2026-11-20/,
    );

    // Monday the issue closes: nothing moves.
    const monday = team.reopen('2026-11-23T09:00:00Z');
    monday.github.ingest(
      LEAD,
      REPO,
      issues([1]).map((i) => ({ ...i, updatedAt: '2026-11-23T08:00:00Z' })),
    );
    expect(monday.projects.features(LEAD).find((f) => f.title === 'Recurring invoices')?.status).toBe('done');
    monday.engine.generate(LEAD, { maxTasks: 5 });
    expect(valued(monday, refs, CURRENCY).usd).toBe(600);
    expect(valued(monday, refs, PORTAL).usd).toBe(600);
  });
});

describe('a synced feature done while its issue stays open, then edited on GitHub', () => {
  const team = useTeam();

  it('comes back saying its issue changed, not that it was reopened', () => {
    const thursday = team.open('2026-11-19T09:00:00Z');
    seedTeam(thursday, spec);
    connect(thursday);
    const batch = thursday.engine.generate(LEAD, { maxTasks: 5 });
    const ref = batch.tasks.find((t) => t.title === RECURRING)?.ref ?? null;
    const friday = team.reopen('2026-11-20T09:00:00Z');
    for (const action of ['approve', 'start', 'done'] as const)
      friday.decisions.decide(LEAD, { ref, action });

    // Monday someone retitles the issue, still open: the same work, said otherwise.
    const monday = team.reopen('2026-11-23T09:00:00Z');
    const [first, ...rest] = issues();
    monday.github.ingest(LEAD, REPO, [
      {
        ...(first as BacklogIssue),
        title: 'Recurring invoices (monthly and yearly)',
        updatedAt: '2026-11-23T08:00:00Z',
      },
      ...rest,
    ]);
    const back = monday.engine
      .generate(LEAD, { dryRun: true, maxTasks: 5 })
      .tasks.find((t) => t.title.startsWith("Build 'Recurring invoices"));
    expect(back?.reasoning.join('\n')).toContain(
      `Changed on GitHub (${REPO}#1) since ${ref} was done on 2026-11-20, and open there now`,
    );
    expect(back?.reasoning.join('\n')).not.toMatch(/Reopened/);
  });
});

// The issue of the feature done on Friday is closed on January 5th, once November's and
// December's revenue (recorded on January 4th) hold what it won: no news, as its task said it
// shipped in November.
/** What a proposal is worth after a saved plan valued it again (see shipped-issue-open). */
function valuedAfterPlan(app: Goalpost, ref: string | null) {
  app.engine.generate(LEAD, { maxTasks: 5 });
  const { task } = app.tasks.show(LEAD, ref);
  return { usd: task.revenueImpact, reasoning: task.reasoning.join('\n') };
}

describe('a synced feature done in November whose issue closes in January', () => {
  const team = useTeam();

  it('is not counted on again as shipped work awaiting revenue once December’s revenue is in', () => {
    const thursday = team.open('2026-11-19T09:00:00Z');
    seedTeam(thursday, spec);
    connect(thursday);
    const batch = thursday.engine.generate(LEAD, { maxTasks: 5 });
    const ref = batch.tasks.find((t) => t.title === RECURRING)?.ref ?? null;
    const currency = batch.tasks.find((t) => t.title === CURRENCY)?.ref ?? null;
    const friday = team.reopen('2026-11-20T09:00:00Z');
    for (const action of ['approve', 'start', 'done'] as const)
      friday.decisions.decide(LEAD, { ref, action });

    const january = team.reopen('2027-01-04T09:00:00Z');
    january.revenue.add(LEAD, { project: TALLYBOOK, actual: 1250, ...monthRange('2026-11') });
    january.revenue.add(LEAD, { project: TALLYBOOK, actual: 1400, ...monthRange('2026-12') });
    const before = valuedAfterPlan(january, currency);
    expect(before.usd).toBeGreaterThan(0);

    const closed = team.reopen('2027-01-05T09:00:00Z');
    // Closed on GitHub that morning: a copy newer than the one synced.
    closed.github.ingest(
      LEAD,
      REPO,
      issues([1]).map((i) => ({ ...i, updatedAt: '2027-01-05T08:00:00Z' })),
    );
    const after = valuedAfterPlan(closed, currency);
    expect(after.reasoning).not.toMatch(/counted on the 1 item Tallybook shipped on 2027-01-05/);
    expect(after.usd).toBe(before.usd);
  });
});

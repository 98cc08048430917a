import { describe, expect, it } from 'vitest';
import type { BacklogIssue, Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

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
    monday.github.ingest(LEAD, REPO, issues([1]));
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
      `Changed on GitHub (${REPO}#1) since ${ref} was done on 2026-11-20, its issue still open`,
    );
    expect(back?.reasoning.join('\n')).not.toMatch(/Reopened/);
  });
});

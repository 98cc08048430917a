import { describe, expect, it } from 'vitest';
import { renderBatch } from '../../../../adapters/cli/render-engine.js';
import type { GenerateResult } from '../../../../src/index.js';

/** A dry run that proposed nothing and skipped what `skipped` lists. */
function planSkipping(skipped: GenerateResult['skipped']): GenerateResult {
  return {
    dryRun: true,
    batchId: null,
    batch: null,
    queued: 0,
    generated: skipped.length,
    unique: 0,
    proposed: 0,
    maxTasks: 5,
    capacity: null,
    cut: 0,
    cutBy: null,
    cutByCap: [],
    outscoringBugs: [],
    unvalued: 0,
    unvaluedWork: [],
    skipped,
    cycles: [],
    withdrawn: [],
    revenueImpact: 0,
    revenueProtected: 0,
    revenueGuessed: 0,
    tasks: [],
    revalued: [],
    rescaled: [],
    routed: [],
  };
}

const interview = (n: number): GenerateResult['skipped'][number] => ({
  title: 'Interview customers who cancelled recently and list why they left',
  duplicateOf: `T-${n}`,
  similarity: 1,
  reason: 'done',
  note: `done as T-${n} on 2026-11-05; one-off work is not proposed again`,
  project: `Course ${n}`,
});

describe('renderBatch', () => {
  it('groups the counts of a large workspace as people read them, and splits what the cap cut', () => {
    const big: GenerateResult = {
      ...planSkipping([]),
      generated: 32123,
      unique: 31581,
      proposed: 5,
      cut: 31576,
      cutBy: { cap: 245, room: 31331, noTaker: 0 },
      cutByCap: [{ title: 'Fix a bug', score: 10 }],
    };
    expect(renderBatch(big).split('\n')).toContain(
      '32,123 candidates; 5 proposed (cap 5), 245 cut by the cap and 31,331 left for want of room: "Fix a bug" and 31,575 more',
    );
  });

  it('says a higher cap proposes what came in groups larger than the cap, when nothing was proposed', () => {
    const capacity = { slots: 3, busy: 1, waiting: 0, untaken: 0, free: 2, awaiting: 0, beyond: 0, empty: 0 };
    const grouped: GenerateResult = {
      ...planSkipping([]),
      generated: 7,
      unique: 7,
      maxTasks: 1,
      capacity: { ...capacity, note: 'Room for 2 tasks today: the team has 1 of 3 slots busy' },
      cut: 7,
      cutBy: { cap: 2, room: 0, noTaker: 5 },
      cutByCap: [{ title: 'Runbook alpha', score: 3 }],
    };
    const said = renderBatch(grouped);
    expect(said).toContain('0 proposed (cap 1), 2 cut by the cap and 5 left out: ');
    expect(said).toContain('a higher `--max-tasks` proposes them together');
    expect(said).not.toContain('take none of the work left out');
    // Nothing a higher cap proposes: the slots' holders take none of it, or it waits for work they do not.
    const none = renderBatch({ ...grouped, cutBy: { cap: 0, room: 0, noTaker: 7 } });
    expect(none).toContain('those with a free slot take none of the work left out');
    expect(none).not.toContain('--max-tasks');
  });

  it('lists the first ten held-back tasks with their projects, then how many more', () => {
    const held = [
      {
        title: 'Review Course 1: set its next step or pause it',
        duplicateOf: 'T-1',
        similarity: 1,
        reason: 'rejected' as const,
        note: "rejected as T-1 on 2026-11-20 ('later'); not before 2026-12-20 unless its facts change",
        project: 'Course 1',
      },
      ...Array.from({ length: 13 }, (_, i) => interview(i + 2)),
    ];
    const lines = renderBatch(planSkipping(held)).split('\n');
    const list = lines.slice(lines.indexOf('Not proposed again:') + 1);
    expect(list).toHaveLength(11);
    // A title that names its project is not told it again; one that does not, is.
    expect(list[0]).toBe(
      `  - "Review Course 1: set its next step or pause it": rejected as T-1 on 2026-11-20 ('later'); not before 2026-12-20 unless its facts change`,
    );
    expect(list[1]).toBe(
      '  - "Interview customers who cancelled recently and list why they left" (Course 2): done as T-2 on 2026-11-05; one-off work is not proposed again',
    );
    expect(list[9]).toContain('(Course 10)');
    expect(list[10]).toBe('  … and 4 more (--json lists every one)');
    expect(lines).toContain('Skipped:          0 duplicates, 14 done, rejected or failed before');
    expect(lines).toContain(
      'Nothing new to propose: what calls for work was done, rejected or failed before (listed below).',
    );
    // What to do about it: the backlog is where the next plan's work comes from.
    expect(lines).toContain(
      'The next plan proposes what the backlog gains: `goalpost feature add "<project>" "<title>"` (or `bug add`), or `github connect` to read it from issues.',
    );
  });

  // A review's dry run read "Skipped: 4 duplicates" and `"Implement Stripe checkout…" duplicates
  // T-11 (similarity 1.00)` of the proposals it had just valued again, where the digest said "3
  // already open as tasks".
  it('says the very work of an open task is that task, apart from candidates duplicating each other', () => {
    const lines = renderBatch(
      planSkipping([
        { title: 'Implement Stripe checkout', duplicateOf: 'T-11', similarity: 1, reason: 'duplicate' },
        {
          title: 'Add Stripe checkout',
          duplicateOf: 'Implement Stripe checkout',
          similarity: 0.8,
          reason: 'duplicate',
        },
      ]),
    ).split('\n');
    expect(lines).toContain('Skipped:          1 duplicate, 1 already open as a task');
    expect(
      lines.slice(lines.indexOf('Skipped as duplicates:') + 1, lines.indexOf('Skipped as duplicates:') + 3),
    ).toEqual([
      '  - "Implement Stripe checkout" is open as T-11',
      '  - "Add Stripe checkout" duplicates Implement Stripe checkout (similarity 0.80)',
    ]);
  });

  it('lists every duplicate up to ten, and says nothing more', () => {
    const duplicates = Array.from({ length: 10 }, (_, i) => ({
      title: `Fix bug ${i}`,
      duplicateOf: `T-${i + 1}`,
      similarity: 0.9,
      reason: 'duplicate' as const,
    }));
    const lines = renderBatch(planSkipping(duplicates)).split('\n');
    // Work open tasks do is counted as such, as the digest counts it, not as new work skipped.
    expect(lines).toContain('Skipped:          10 already open as tasks');
    const list = lines.slice(lines.indexOf('Already open as tasks:') + 1);
    expect(list).toEqual(
      duplicates.map((d) => `  - "${d.title}" duplicates ${d.duplicateOf} (similarity 0.90)`),
    );
    expect(lines).not.toContain('Not proposed again:');
    // Not "no signal calls for new work": they do, and open tasks answer them.
    expect(lines).toContain(
      'Nothing new to propose: what calls for work is answered by tasks already open (listed below).',
    );
    // Open tasks answer it all: deciding them is the next step, not more backlog.
    expect(lines.some((l) => l.startsWith('The next plan proposes'))).toBe(false);
    expect(renderBatch(planSkipping([])).split('\n')).toContain(
      'Nothing to propose: no signal calls for new work right now.',
    );
    // Some answered by open tasks, the rest held back: not said as if open tasks answered it all
    // (a revenue gap whose work was all rejected has nothing on its way).
    const rejected = {
      title: 'Run a user-acquisition experiment toward $999/month of the revenue gap by 2027-02',
      duplicateOf: 'T-9',
      similarity: 1,
      reason: 'rejected' as const,
      note: "rejected as T-9 on 2026-12-02 ('no marketing budget until January')",
    };
    expect(
      renderBatch(planSkipping([duplicates[0] as (typeof duplicates)[0], rejected])).split('\n'),
    ).toContain(
      'Nothing new to propose: of what calls for work, 1 piece is answered by tasks already open and 1 was done, rejected or failed before, with nothing else proposed in its place (listed below).',
    );
  });

  it('says why work that asks what open work asks, in other words, is a duplicate', () => {
    const note =
      'T-1 "Interview customers who cancelled recently and list why they left" (approved) works on what goal ledgerly_churn measures: no more is proposed for it while that is open';
    const title = 'Find out why ledgerly_churn is 4 percentage points above its target of 3 %';
    const lines = renderBatch(
      planSkipping([{ title, duplicateOf: 'T-1', similarity: 0, reason: 'duplicate', note }]),
    ).split('\n');
    expect(lines[lines.indexOf('Already open as tasks:') + 1]).toBe(`  - "${title}": ${note}`);
  });

  it('says which proposals awaiting a decision a saved batch valued again, and only what changed', () => {
    const fix = "Fix 'Checkout crashes on Safari' in Basic EDU Apps";
    const saved: GenerateResult = {
      ...planSkipping([]),
      dryRun: false,
      batchId: 4,
      revalued: [
        {
          ref: 'T-1',
          was: { title: fix, priority: 10, revenueImpact: 1325.8, goalValue: 0, score: 117.94 },
          now: { title: fix, priority: 8, revenueImpact: 282.37, goalValue: 0, score: 98.2 },
        },
        {
          ref: 'T-3',
          was: {
            title: 'Build the pricing page',
            priority: 5,
            revenueImpact: 72.38,
            goalValue: 0,
            score: 20,
          },
          now: {
            title: 'Build the pricing page',
            priority: 5,
            revenueImpact: 72.37,
            goalValue: 0,
            score: 20,
          },
        },
        {
          ref: 'T-4',
          was: {
            title: 'Run an experiment toward $840/month',
            priority: 6,
            revenueImpact: 84,
            goalValue: 0,
            score: 14,
          },
          now: {
            title: 'Run an experiment toward $740/month',
            priority: 6,
            revenueImpact: 74,
            goalValue: 0,
            score: 12.3,
          },
        },
      ],
    };
    const lines = renderBatch(saved).split('\n');
    const list = lines.slice(lines.indexOf('Valued again, these proposals awaiting a decision:') + 1);
    expect(list.slice(0, 3)).toEqual([
      `  - T-1 "Fix 'Checkout crashes on Safari' in Basic EDU Apps": $1,325.80 → $282.37 a month, P10 → P8, score 117.9 → 98.2`,
      '  - T-3 "Build the pricing page": $72.38 → $72.37 a month',
      '  - T-4 "Run an experiment toward $840/month": $84.00 → $74.00 a month, score 14.0 → 12.3, now titled "Run an experiment toward $740/month"',
    ]);
    // A dry run says what saving would change, and changes nothing.
    expect(renderBatch({ ...saved, dryRun: true, batchId: null })).toContain(
      'Saved, it would value again these proposals awaiting a decision:',
    );
  });
});

describe('renderBatch: proposals withdrawn', () => {
  const withdrawn: GenerateResult['withdrawn'] = [
    {
      ref: 'T-9',
      title: 'Run a user-acquisition experiment toward $999/month of the revenue gap by 2027-02',
      why: "other work answers Basic EDU Apps' share of the revenue gap now",
    },
  ];
  const line =
    '  - T-9 "Run a user-acquisition experiment toward $999/month of the revenue gap by 2027-02": other work answers Basic EDU Apps\' share of the revenue gap now';

  it('says which a saved plan withdrew, and why', () => {
    const lines = renderBatch({ ...planSkipping([]), dryRun: false, batchId: 4, withdrawn }).split('\n');
    const at = lines.indexOf(
      'Withdrawn (cancelled), these proposals awaiting a decision, each for the reason given:',
    );
    expect(lines[at + 1]).toBe(line);
  });

  it('says in a dry run what saving would withdraw', () => {
    const lines = renderBatch({ ...planSkipping([]), withdrawn }).split('\n');
    const at = lines.indexOf(
      'Saved, it would withdraw these proposals awaiting a decision, each for the reason given:',
    );
    expect(lines[at + 1]).toBe(line);
  });

  it('tells work waiting for work just finished apart from work done, rejected or failed before', () => {
    const waiting = (n: number): GenerateResult['skipped'][number] => ({
      ...interview(n),
      note: `T-${n} 'Cancellation survey', done on 2026-11-23, answers the same churn rise; its effect needs time to show in the revenue, so no more is proposed for it until 2026-12-07 09:00 UTC`,
      answered: true,
    });
    const both = renderBatch(planSkipping([interview(1), waiting(2), waiting(3)])).split('\n');
    expect(both).toContain(
      'Skipped:          0 duplicates, 1 done, rejected or failed before, 2 waiting while work just finished shows its effect',
    );
    expect(both).toContain(
      'Nothing new to propose: what calls for work was done, rejected or failed before, or waits while work just finished shows its effect (listed below).',
    );
    const only = renderBatch(planSkipping([waiting(2)])).split('\n');
    expect(only).toContain(
      'Skipped:          0 duplicates, 1 waiting while work just finished shows its effect',
    );
    expect(only).toContain(
      'Nothing new to propose: what calls for work waits while work just finished shows its effect (listed below).',
    );
  });
});

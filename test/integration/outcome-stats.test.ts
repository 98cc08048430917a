import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PairStats, TASK_CATEGORIES } from '../../src/index.js';
import { createRng } from '../../src/learning/random.js';
import { applyOutcome } from '../../src/learning/update-stats.js';
import { outcomeForStats } from '../../src/use-cases/record-outcome.js';
import { useGoalposts } from '../helpers/goalposts.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const goalposts = useGoalposts();

const ADMIN = { workspaceId: 'default', actor: 'cli:ops', source: 'cli' as const, role: 'admin' as const };
/** The default half-life (LearningConfig), which the workspace below keeps. */
const HALF_LIFE = 30;
const PEOPLE = ['ana', 'ben', 'worker_7'];
const DAY_MS = 86_400_000;

/** A workspace whose clock a test moves, with PEOPLE registered and `count` approved tasks T-1…T-count. */
function team(count: number) {
  let now = Date.parse('2026-03-01T08:00:00Z');
  const o = goalposts.open(join(tempDir(), 'g.db'), { now: () => new Date(now) });
  const ctx = o.app.context(ADMIN);
  for (const name of PEOPLE) o.app.assignees.add(ctx, { name, kind: 'person', capacity: 100 });
  const add = o.db.prepare(
    `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
     VALUES ('default', ?, ?, ?, 5, 'approved', ?, ?, ?)`,
  );
  const at = new Date(now).toISOString();
  o.db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      add.run(i, `Task ${i}`, TASK_CATEGORIES[i % 3] ?? 'feature', `t-${i}`, at, at);
    }
  })();
  const setNow = (ms: number): void => {
    now = ms;
  };
  return { o, ctx, setNow };
}

describe("recording an outcome updates its pair's statistics", () => {
  it('as applyOutcome folds them, late reports, failures and untimed work included, and learn keeps them', () => {
    const { o, ctx, setNow } = team(120);
    const rng = createRng('outcome-stats');
    const expected = new Map<string, PairStats>();
    let late = 0;
    let clock = Date.parse('2026-03-01T08:00:00Z');
    for (let seq = 1; seq <= 120; seq++) {
      // Mostly forward by minutes to two days; one in four reported days late (before the pair's latest).
      clock += Math.floor(rng.next() * 2 * DAY_MS);
      const at = rng.next() < 1 / 4 ? clock - Math.floor(rng.next() * 20 * DAY_MS) : clock;
      setNow(at);
      const assignee = PEOPLE[Math.floor(rng.next() * PEOPLE.length)] as string;
      const success = rng.next() < 0.7;
      // Minutes given, zero, or none (no start recorded: unknown); a failure's never count.
      const roll = rng.next();
      const minutes = roll < 0.2 ? undefined : roll < 0.3 ? 0 : 5 + Math.floor(rng.next() * 300);
      o.app.decisions.decide(ctx, {
        ref: `T-${seq}`,
        action: success ? 'done' : 'fail',
        // Typed in another case than registered: learned under the registered name.
        assignee: seq % 5 === 0 ? assignee.toUpperCase() : assignee,
        ...(minutes === undefined ? {} : { minutes }),
        ...(success ? {} : { note: 'tests fail' }),
      });
      const category = TASK_CATEGORIES[seq % 3] ?? 'feature';
      const key = `${category}/${assignee}`;
      const latest = expected.get(key)?.lastAt;
      if (latest !== undefined && at < Date.parse(latest)) late += 1;
      const outcome = outcomeForStats(
        category,
        assignee,
        success,
        minutes ?? null,
        new Date(at).toISOString(),
      );
      expected.set(key, applyOutcome(expected.get(key) ?? null, outcome, HALF_LIFE));
    }
    const stored = o.store.learning.stats('default');
    expect(stored).toHaveLength(expected.size);
    for (const s of stored) {
      const want = expected.get(`${s.category}/${s.assignee}`) as PairStats;
      expect(s).toMatchObject({
        successes: want.successes,
        failures: want.failures,
        minutesSum: want.minutesSum,
        minutesCount: want.minutesCount,
        decayAt: want.decayAt,
        lastAt: want.lastAt,
      });
      // Aged in SQL, by the same rule: within learn's own tolerance of the fold's arithmetic.
      expect(Math.abs(s.decayedSuccesses - want.decayedSuccesses)).toBeLessThan(
        1e-12 * (1 + want.decayedSuccesses),
      );
      expect(Math.abs(s.decayedFailures - want.decayedFailures)).toBeLessThan(
        1e-12 * (1 + want.decayedFailures),
      );
    }
    // Late reports reached pairs that had later outcomes: the case that adds a weight instead of ageing.
    expect(late).toBeGreaterThan(5);
    const before = o.store.learning.stats('default');
    const learned = o.app.learning.learn(ctx);
    expect(learned.unchanged).toBe(true);
    expect(o.store.learning.stats('default')).toEqual(before);
  });
});

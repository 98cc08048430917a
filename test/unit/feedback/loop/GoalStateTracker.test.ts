import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../src/domain/clock.js';
import { GoalDrivenFeedbackLoop } from '../../../../src/feedback/loop/GoalDrivenFeedbackLoop.js';
import { GoalStateTracker } from '../../../../src/feedback/loop/GoalStateTracker.js';
import { InMemoryGoalStateTracker } from '../../../../src/feedback/loop/InMemoryGoalStateTracker.js';
import { SimpleGoalFeedbackStrategy } from '../../../../src/feedback/loop/SimpleGoalFeedbackStrategy.js';
import type { GoalStateStore } from '../../../../src/feedback/loop/types.js';
import { migrateGoalpost } from '../../../../src/migration-functions.js';
import { migrationsDir } from '../../../../src/paths.js';
import { type Db, openDatabase } from '../../../../src/store/open-database.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const NOW = '2026-03-10T09:00:00.000Z';
const clock = fixedClock(NOW);
const tempDir = useTempDir();
const opened: Db[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function open(path: string): Db {
  const db = openDatabase(path);
  opened.push(db);
  migrateGoalpost(db, migrationsDir(), clock);
  return db;
}

const freshFile = () => join(tempDir(), 'goalpost.db');
const progressOf = (store: GoalStateStore) => store.load().history.map((a) => a.progress);

describe.each([
  ['GoalStateTracker (SQLite)', (name?: string) => new GoalStateTracker(open(freshFile()), name, clock)],
  ['InMemoryGoalStateTracker', (name?: string) => new InMemoryGoalStateTracker(name, clock)],
] as const)('%s', (_kind, make) => {
  it('starts empty at version 0', () => {
    expect(make().load()).toEqual({ goalState: {}, history: [], version: 0 });
    expect(make().revision()).toEqual({ version: 0, historyLength: 0, lastEntry: 0 });
  });

  it('saves goal states with a growing version', () => {
    const tracker = make();
    expect(tracker.saveGoalState({ progress: 10 })).toEqual({ goalState: { progress: 10 }, version: 1 });
    expect(tracker.saveGoalState({ progress: 12, label: 'q2' }).version).toBe(2);
    expect(tracker.loadGoalState()).toEqual({ goalState: { progress: 12, label: 'q2' }, version: 2 });
  });

  it('appends in order and replaces the whole timeline', () => {
    const tracker = make();
    tracker.append([{ progress: 1 }, { progress: 2 }]);
    tracker.append([{ progress: 3, tags: ['a'] }]);
    expect(tracker.load().history).toEqual([{ progress: 1 }, { progress: 2 }, { progress: 3, tags: ['a'] }]);
    tracker.replaceHistory([{ progress: 9 }]);
    expect(progressOf(tracker)).toEqual([9]);
  });

  it('changes its revision when the timeline is replaced by one of the same length', () => {
    const tracker = make();
    tracker.append([{ progress: 1 }]);
    const before = tracker.revision();
    tracker.replaceHistory([{ progress: 2 }]);
    expect(tracker.revision()).not.toEqual(before);
    expect(tracker.revision().historyLength).toBe(1);
  });

  it('prunes to the newest maxEntries and drops entries older than maxAgeDays', () => {
    const tracker = make();
    tracker.append([
      { progress: 1, at: '2026-02-01T00:00:00Z' },
      { progress: 2, at: '2026-03-05T00:00:00Z' },
      { progress: 3 },
      { progress: 4 },
    ]);
    expect(tracker.prune({ maxAgeDays: 30 }, clock.now())).toBe(1);
    expect(progressOf(tracker)).toEqual([2, 3, 4]);
    expect(tracker.prune({ maxEntries: 2 }, clock.now())).toBe(1);
    expect(progressOf(tracker)).toEqual([3, 4]);
    expect(tracker.prune({}, clock.now())).toBe(0);
  });

  it('undoes every write of a transaction that throws', () => {
    const tracker = make();
    tracker.append([{ progress: 1 }]);
    expect(() =>
      tracker.transaction(() => {
        tracker.append([{ progress: 2 }]);
        tracker.saveGoalState({ progress: 10 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(tracker.load()).toEqual({ goalState: {}, history: [{ progress: 1 }], version: 0 });
  });

  it('merges a goal-state edit made from an older basis key by key', () => {
    const tracker = make();
    const basis = tracker.saveGoalState({ progress: 10, revenue: 1000, label: 'q1' });
    tracker.saveGoalState({ ...basis.goalState, revenue: 1500 }, basis);
    const merged = tracker.saveGoalState({ progress: 12, revenue: 1000 }, basis);
    expect(merged.goalState).toEqual({ progress: 12, revenue: 1500 });
    expect(merged.version).toBe(3);
  });

  it('rejects a name that is empty or too long', () => {
    expect(() => make('')).toThrow(/name: a loop name of 1 to 128 characters/);
    expect(() => make('x'.repeat(129))).toThrow(/name:/);
  });
});

describe('GoalStateTracker on a SQLite file', () => {
  it('keeps the goal state and timeline across a restart', () => {
    const path = freshFile();
    const first = open(path);
    const loop = new GoalDrivenFeedbackLoop(new SimpleGoalFeedbackStrategy(), {
      tracker: new GoalStateTracker(first, 'team', clock),
      goalState: { progress: 10 },
      clock,
    });
    loop.suggestActions([], [{ progress: 2 }, { progress: 4 }]);
    first.close();

    const reopened = new GoalStateTracker(open(path), 'team', clock);
    expect(reopened.load()).toEqual({
      goalState: { progress: 10 },
      history: [
        { progress: 2, at: NOW },
        { progress: 4, at: NOW },
      ],
      version: 1,
    });
    const again = new GoalDrivenFeedbackLoop(new SimpleGoalFeedbackStrategy(), { tracker: reopened, clock });
    const [s] = again.suggestActions([], [{ progress: 6 }]);
    expect(s?.progress).toBe(8);
    expect(s?.analysis.progress).toMatchObject({ baseline: 2, current: 6, momentum: 2 });
  });

  it('loses no appends from two trackers writing to the same loop at once', async () => {
    const path = freshFile();
    const trackers = [
      new GoalStateTracker(open(path), 'team', clock),
      new GoalStateTracker(open(path), 'team', clock),
    ];
    const writer = async (tracker: GoalStateTracker, who: string) => {
      for (let i = 0; i < 50; i += 1) {
        tracker.append([{ who, i }]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all(trackers.map((t, n) => writer(t, `w${n}`)));
    const history = trackers[0]?.load().history ?? [];
    expect(history).toHaveLength(100);
    for (const who of ['w0', 'w1']) {
      expect(history.filter((a) => a.who === who).map((a) => a.i)).toEqual([...Array(50).keys()]);
    }
  });

  it('shows a loop the entries another tracker appended since it last looked', () => {
    const path = freshFile();
    const mine = new GoalStateTracker(open(path), 'team', clock);
    const theirs = new GoalStateTracker(open(path), 'team', clock);
    const loop = new GoalDrivenFeedbackLoop(new SimpleGoalFeedbackStrategy(), {
      tracker: mine,
      goalState: { progress: 10 },
      clock,
    });
    loop.suggestActions([], [{ progress: 2 }]);
    theirs.append([{ progress: 3 }]);
    const [s] = loop.suggestActions([], [{ progress: 4 }]);
    expect(progressOf(theirs)).toEqual([2, 3, 4]);
    expect(s?.analysis.progress?.momentum).toBe(1);
  });

  it('keeps both of two concurrent goal-state edits to different keys', () => {
    const path = freshFile();
    const strategy = new SimpleGoalFeedbackStrategy();
    const a = new GoalDrivenFeedbackLoop(strategy, {
      tracker: new GoalStateTracker(open(path), 'team', clock),
      goalState: { progress: 10, revenue: 1000 },
    });
    const b = new GoalDrivenFeedbackLoop(strategy, {
      tracker: new GoalStateTracker(open(path), 'team', clock),
    });
    const seenByA = a.goalState;
    const seenByB = b.goalState;
    a.goalState = { ...seenByA, progress: 12 };
    b.goalState = { ...seenByB, revenue: 1500 };
    expect(a.goalState).toEqual({ progress: 12, revenue: 1500 });
    expect(b.version).toBe(3);
  });

  it('keeps loops with different names apart', () => {
    const db = open(freshFile());
    const one = new GoalStateTracker(db, 'one', clock);
    const two = new GoalStateTracker(db, 'two', clock);
    one.append([{ progress: 1 }]);
    two.replaceHistory([{ progress: 2 }]);
    one.prune({ maxEntries: 1 }, clock.now());
    expect(progressOf(one)).toEqual([1]);
    expect(progressOf(two)).toEqual([2]);
  });

  it('says to migrate first when the tables are missing', () => {
    const db = openDatabase(':memory:');
    opened.push(db);
    expect(() => new GoalStateTracker(db)).toThrow(/feedback tables are missing: migrate the database first/);
  });
});

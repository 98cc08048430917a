import { describe, expect, it, vi } from 'vitest';
import type { DecisionMemory } from '../../src/domain/history.js';
import { allocateStakes, sizedAllocations } from '../../src/engine/allocate.js';
import { analyseState } from '../../src/engine/analyse-state.js';
import { isFeatureKind, mostPressing } from '../../src/engine/BacklogItem.js';
import { backlogDrafts } from '../../src/engine/backlog-candidates.js';
import { byScore } from '../../src/engine/dedup.js';
import { detectSignals } from '../../src/engine/detect-signals.js';
import type { EngineInput } from '../../src/engine/engine-input.js';
import { EMPTY_MEMORY } from '../../src/engine/memory.js';
import {
  backlogInMemory,
  planBatch,
  planInput,
  planWorkspace,
  scoreContext,
} from '../../src/engine/plan-batch.js';
import { Room } from '../../src/engine/room.js';
import * as scoringModule from '../../src/engine/score-candidate.js';
import { serveSignals } from '../../src/engine/serve-signals.js';
import { projectStakes } from '../../src/engine/stakes.js';
import { loadBacklog, loadEngineInput, PERIODS } from '../../src/use-cases/load-engine-input.js';
import { BUSY_NOW, fillBusyWorkspace, openDemoAtBusyNow } from '../fixtures/busy-workspace.js';
import {
  buildEduInput,
  EDU_NOW,
  eduVision,
  makeBug,
  makeFeatures,
  makeProject,
  makeRevenue,
  makeTask,
  monthOf,
} from '../fixtures/edu.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** How many projects earnersLast makes, and how many of them (the last by id) earn. */
const count = 560;
const earners = 60;

/**
 * 500 projects earning nothing, then 60 earners sharing the $99,700 gap to the milestone, a
 * feature each: the earners' features are the best work, and they come last by id. With
 * `upkeepAt300`, project 300's feature is upkeep ('Upgrade the database driver'), and that
 * project alone has a focus area of the vision, so the upkeep is worth proposing.
 */
function earnersLast(upkeepAt300 = false) {
  const features = Array.from({ length: count }, (_, i) => makeFeatures(i + 1, 1, 0, i + 1)).flat();
  const upkeep = features[299];
  if (upkeepAt300 && upkeep !== undefined)
    features[299] = { ...upkeep, title: 'Upgrade the database driver', upkeep: true };
  return buildEduInput({
    vision: { ...eduVision(), revenueTargets: { [monthOf(EDU_NOW, 3)]: 100_000 } },
    projects: Array.from({ length: count }, (_, i) =>
      makeProject({
        id: i + 1,
        name: `Project ${i + 1}`,
        revenueBearing: i >= count - earners,
        focusAreas: upkeepAt300 && i === 299 ? eduVision().focusAreas.slice(0, 1) : [],
      }),
    ),
    features,
    revenue: Array.from({ length: earners }, (_, i) =>
      makeRevenue({ id: i + 1, projectId: count - earners + i + 1, month: monthOf(EDU_NOW, -1), actual: 5 }),
    ),
  });
}

// Every candidate planning scores is counted: a plan in parts scores only what may still show.
vi.mock('../../src/engine/score-candidate.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/score-candidate.js')>();
  return { ...actual, scoreNumbers: vi.fn(actual.scoreNumbers) };
});

describe('planning a workspace a few projects at a time', () => {
  it('proposes the same batch, cuts, skips and reasons as planning it at once', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    // Projects with nothing open, first by id: playbooks answer the idle ones, in the first parts.
    // The first two are on a neglected focus area nothing else works on: the first (not idle) is
    // where a task for the area would go, and the review of the second (in another part) already
    // works on it.
    const idle = opened.db.prepare(
      `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
       VALUES ('default', ?, '', 0, ?, 'active', ?, ?)`,
    );
    const longAgo = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    for (let i = 0; i < 6; i++) {
      const at = i === 0 ? BUSY_NOW : longAgo;
      idle.run(`Idle project ${i}`, i < 2 ? '["outreach"]' : '[]', at, at);
    }
    fillBusyWorkspace(opened.db, 'default');
    // An off-track goal whose value the backlog items naming it share, wherever they are, and a
    // neglected focus area whose first project (where a task for it would go) has no open items
    // while another of its projects does: both served in some parts and not in others.
    opened.app.goals.add(ctx, {
      metric: 'quiz_signups',
      target: 900,
      by: '2027-03-01',
      baseline: 100,
      value: 5000,
    });
    opened.app.goals.observe(ctx, { metric: 'quiz_signups', value: 100, at: '2026-09-01' });
    opened.app.goals.observe(ctx, { metric: 'quiz_signups', value: 104, at: '2026-11-01' });
    opened.app.vision.update(ctx, {
      focus_areas: [...opened.app.vision.show(ctx).focusAreas, 'community', 'outreach'],
    });
    opened.app.projects.add(ctx, { name: 'Forum', focus: ['community'] });
    opened.app.projects.add(ctx, { name: 'Chat', focus: ['community'] });
    opened.app.projects.addFeature(ctx, 'Chat', { title: 'Member badges' });
    // Playbook work done before on some projects: memory holds back playbook tasks in the first
    // parts and backlog items in later ones, listed (as at once) backlog first.
    const projects = opened.db.prepare("SELECT id FROM projects WHERE workspace_id = 'default' ORDER BY id");
    const done = opened.db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, project_id, playbook_key, memory_key, priority,
         status, fingerprint, facts, created_at, updated_at)
       VALUES ('default', ?, 'Earlier playbook work', 'research', ?, ?, ?, 5, 'done', ?, '{}', ?, ?)`,
    );
    let seq = 90_000;
    for (const id of projects.pluck().all() as number[]) {
      if (id % 2 !== 0) continue;
      for (const playbook of ['stale.review', 'churn.interview']) {
        seq += 1;
        done.run(seq, id, playbook, `pb:${playbook}@${id}#`, `earlier-${seq}`, longAgo, longAgo);
      }
    }
    const input = loadEngineInput(
      opened.store,
      opened.app.vision.show(ctx),
      new Date(BUSY_NOW),
      opened.app.goals.list(ctx),
      PERIODS,
    );
    const backlog = loadBacklog(opened.store, input, 30);
    const plan = (projectsPerRead: number, maxTasks = 200) =>
      planWorkspace(input, { ...backlog, projectsPerRead }, { maxTasks, rejectCooldownDays: 30 });
    const whole = plan(Number.POSITIVE_INFINITY);
    const inParts = [1, 7, 64].map((n) => plan(n));
    // With room for a few tasks, each part keeps only the candidates that may still make the batch
    // (backlog items and playbook tasks alike, but prerequisites and their dependents) and lists
    // the best of the rest: the batch and the cut list are still those of the whole.
    const few = plan(Number.POSITIVE_INFINITY, 4);
    const fewInParts = [1, 7, 64].map((n) => plan(n, 4));
    opened.close();

    // What parts must share is there: the goal's value split across the backlog, the neglected
    // area, memory, duplicates.
    expect(whole.tasks.some((t) => t.reasoning.some((line) => line.startsWith('Goal value')))).toBe(true);
    expect(whole.state?.neglectedFocusAreas).toEqual(['community', 'outreach']);
    expect(new Set(whole.skipped.map((s) => s.reason))).toEqual(new Set(['done', 'duplicate', 'rejected']));
    expect(whole.skipped.some((s) => s.title.startsWith('Review Idle project'))).toBe(true);
    for (const planned of inParts) expect(planned).toEqual(whole);
    expect(few.tasks).toHaveLength(4);
    expect(few.cutByCap.length).toBeGreaterThan(40);
    for (const planned of fewInParts) expect(planned).toEqual(few);
  });

  it('asks per namespace of work which of it was ever decided, again when asked of twice as much, reading only what is few', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    // Playbook work decided more often than there are open items (a long history): too much to
    // read, while the backlog items decided before are a few hundred.
    const addDone = opened.db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, memory_key, priority, status, fingerprint,
         created_at, updated_at) VALUES ('default', ?, ?, 'growth', ?, 5, 'done', ?, ?, ?)`,
    );
    opened.db.transaction(() => {
      for (let i = 0; i < 2_000; i++) {
        addDone.run(
          50_000 + i,
          `Old growth work ${i}`,
          `pb:old.growth@${i}#`,
          `old-${i}`,
          BUSY_NOW,
          BUSY_NOW,
        );
      }
    })();
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW), [], PERIODS);
    const asked = vi.spyOn(opened.store.history, 'decidedKeys');
    const backlog = loadBacklog(opened.store, input, 30);
    const whole = planWorkspace(input, backlog, { maxTasks: 5, rejectCooldownDays: 30 });
    // Each namespace's asks, in order: how many keys parts had asked about, and the decided keys.
    const asks = (namespace: string) =>
      asked.mock.calls.flatMap((call, i) =>
        call[2] === namespace ? [{ keys: call[1], decided: asked.mock.results[i]?.value }] : [],
      );
    const answers = new Map(asked.mock.calls.map((call, i) => [call[2], asked.mock.results[i]?.value]));
    expect(new Set(asked.mock.calls.map((call) => call[2]))).toEqual(new Set(['bug:', 'feature:', 'pb:']));
    // Playbook work is too much to read however often it is asked (each time of twice the keys).
    const playbookAsks = asks('pb:');
    expect(playbookAsks.length).toBeGreaterThan(0);
    playbookAsks.forEach((ask, i) => {
      expect(ask.decided).toBeNull();
      if (i > 0) expect(ask.keys).toBeGreaterThanOrEqual(2 * (playbookAsks[i - 1]?.keys ?? 0));
    });
    // The first read (the likeliest projects: the items memory may hold back, then all of them)
    // asks of fewer features than were ever decided; by the time parts have asked of twice as
    // many, they are fewer, and read.
    const features = asks('feature:');
    expect(features.length).toBeGreaterThanOrEqual(2);
    for (const ask of features.slice(0, -1)) expect(ask.decided).toBeNull();
    expect(features.at(-1)?.keys).toBeGreaterThanOrEqual(2 * (features.at(-2)?.keys ?? 0));
    expect((answers.get('feature:') as Set<string>).size).toBeGreaterThan(100);
    expect([...(answers.get('bug:') as Set<string>)].every((key) => key.startsWith('bug:'))).toBe(true);
    // What memory recalls is what asking it about every candidate recalls.
    const rejectedSince = new Date(Date.parse(BUSY_NOW) - 240 * 86_400_000).toISOString();
    const failedSince = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    const everyKey = planWorkspace(
      input,
      {
        ...backlog,
        memory: (keys) =>
          opened.store.history.memory('default', {
            keys,
            rejectedSince,
            failedSince,
            rejectionsWithinDays: 240,
          }),
      },
      { maxTasks: 5, rejectCooldownDays: 30 },
    );
    expect(whole.skipped.filter((s) => s.reason !== 'duplicate').length).toBeGreaterThan(10);
    expect(whole).toEqual(everyKey);
    asked.mockClear();
    const fresh = loadBacklog(opened.store, input, 30);
    const parts = planWorkspace(
      input,
      { ...fresh, projectsPerRead: 7 },
      { maxTasks: 5, rejectCooldownDays: 30 },
    );
    opened.close();
    // Smaller parts ask more often, never twice of the same namespace without twice the keys.
    for (const namespace of ['bug:', 'feature:', 'pb:']) {
      const keys = asks(namespace).map((a) => a.keys);
      expect(keys.length).toBeGreaterThan(0);
      keys.slice(1).forEach((k, i) => {
        expect(k).toBeGreaterThanOrEqual(2 * (keys[i] ?? 0));
      });
    }
    expect(parts).toEqual(whole);
  });
});

describe('a signal only rejected work serves, in a plan in parts', () => {
  it("is answered as in a plan at once: the rejected item's focus area gets its playbook task", () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    // The one project on a focus area nothing else works on, whose one open feature the lead
    // rejected yesterday.
    opened.app.vision.update(ctx, { focus_areas: [...opened.app.vision.show(ctx).focusAreas, 'outreach'] });
    opened.app.projects.add(ctx, { name: 'Lonely Ledger', focus: ['outreach'] });
    const feature = opened.app.projects.addFeature(ctx, 'Lonely Ledger', { title: 'Dunning emails' });
    const yesterday = new Date(Date.parse(BUSY_NOW) - 86_400_000).toISOString();
    opened.db
      .prepare(
        `INSERT INTO tasks (workspace_id, seq, title, category, project_id, feature_id, memory_key, priority,
           status, fingerprint, facts, created_at, updated_at)
         VALUES ('default', 95000, 'Build ''Dunning emails'' for Lonely Ledger', 'feature', ?, ?, ?, 5,
           'rejected', 'rejected-lonely', '{}', ?, ?)`,
      )
      .run(feature.projectId, feature.id, `feature:${feature.id}`, yesterday, yesterday);
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW), [], PERIODS);
    const backlog = loadBacklog(opened.store, input, 30);
    const plan = (projectsPerRead: number, maxTasks: number) =>
      planWorkspace(input, { ...backlog, projectsPerRead }, { maxTasks, rejectCooldownDays: 30 });
    // Room for every candidate: the project's one task is far down a busy workspace's list.
    const all = plan(Number.POSITIVE_INFINITY, 2000);
    const whole = plan(Number.POSITIVE_INFINITY, 200);
    const inParts = [1, 7, 64].map((n) => plan(n, 200));
    const few = plan(Number.POSITIVE_INFINITY, 4);
    const fewInParts = [1, 7, 64].map((n) => plan(n, 4));
    opened.close();

    expect(whole.skipped.some((s) => s.reason === 'rejected' && s.title.includes('Dunning emails'))).toBe(
      true,
    );
    const forLonely = all.tasks.filter((t) => t.projectName === 'Lonely Ledger');
    // The neglected area gets its next step planned, on its one project.
    expect(forLonely.map((t) => t.playbookKey)).toEqual(['focus.plan']);
    for (const planned of inParts) expect(planned).toEqual(whole);
    for (const planned of fewInParts) expect(planned).toEqual(few);
  });
});

describe('a plan in parts, for a team whose free slots take only some work', () => {
  it('fills them as planning at once does, with work the bar would leave unread', () => {
    // 500 projects earning nothing, a feature each, then 60 earners sharing the gap: the earners'
    // features are the best work, and the rest is only counted, but for one upkeep item far down.
    const input = earnersLast(true);
    // The docs bot's slot, and two of someone who takes anything.
    const room = Room.of([
      { name: 'docs_bot', free: 1, categories: ['infrastructure'], projects: [] },
      { name: 'ana', free: 2, categories: [], projects: [] },
    ]);
    const whole = planBatch(input, { maxTasks: 5, room });
    const source = backlogInMemory(input);
    const inParts = planWorkspace(input, { ...source, projectsPerRead: 100 }, { maxTasks: 5, room });

    expect(whole.tasks.map((t) => [t.title, t.category])).toEqual([
      [expect.stringMatching(/^Build 'Feature 5\d\d'/), 'feature'],
      [expect.stringMatching(/^Build 'Feature 5\d\d'/), 'feature'],
      ['Upgrade the database driver for Project 300', 'infrastructure'],
    ]);
    expect(whole.leftOutByKind).toBe(true);
    expect(inParts).toEqual(whole);
  });
});

describe('the backlog items a plan in parts leaves undrafted', () => {
  it('are only those that cannot show: the plan is the one planning at once makes', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    const longAgo = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    const idle = opened.db.prepare(
      `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
       VALUES ('default', ?, '', 0, '["outreach"]', 'active', ?, ?)`,
    );
    for (let i = 0; i < 3; i++) idle.run(`Idle project ${i}`, longAgo, longAgo);
    // Backlog items done, rejected and failed before, open tasks duplicating items, playbook tasks
    // answering stale and churning projects, a neglected focus area, in every part: no goal, so
    // the parts draft only what may show.
    fillBusyWorkspace(opened.db, 'default');
    opened.app.vision.update(ctx, {
      focus_areas: [...opened.app.vision.show(ctx).focusAreas, 'outreach', 'community'],
    });
    opened.app.projects.add(ctx, { name: 'Late starter', focus: ['community'] });
    opened.app.projects.addBug(ctx, 'Late starter', { title: 'Signup crash', severity: 'critical' });
    // Behind its revenue milestone, an earning project with no growth work (one high bug) gets a
    // playbook task for its share of the gap; its bug says the same, from the same words.
    opened.app.vision.update(ctx, { revenue_targets: { '2027-01': 250_000 } });
    opened.app.projects.add(ctx, { name: 'Pricing', revenueBearing: true });
    opened.app.projects.addBug(ctx, 'Pricing', { title: 'Old pricing typo', severity: 'high' });
    const addRevenue = opened.db.prepare(
      `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, subscriptions,
         churn_rate, created_at) VALUES ('default', (SELECT id FROM projects WHERE name = 'Pricing'), ?, ?, ?, 10, 0, ?)`,
    );
    addRevenue.run('2026-09-01', '2026-09-30', 400, BUSY_NOW);
    addRevenue.run('2026-10-01', '2026-10-31', 410, BUSY_NOW);
    // Churn rising on a project whose only open item, a feature, is on customers cancelling: it
    // serves the rise, which only its title tells.
    opened.app.projects.add(ctx, { name: 'Churny', revenueBearing: true });
    opened.app.projects.addFeature(ctx, 'Churny', { title: 'Cancellation survey and save offer' });
    const addChurn = opened.db.prepare(
      `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, subscriptions,
         churn_rate, created_at) VALUES ('default', (SELECT id FROM projects WHERE name = 'Churny'), ?, ?, 900, 40, ?, ?)`,
    );
    addChurn.run('2026-09-01', '2026-09-30', 0.02, BUSY_NOW);
    addChurn.run('2026-10-01', '2026-10-31', 0.12, BUSY_NOW);
    const before = loadEngineInput(
      opened.store,
      opened.app.vision.show(ctx),
      new Date(BUSY_NOW),
      [],
      PERIODS,
    );
    const experiment = planWorkspace(before, loadBacklog(opened.store, before, 30), {
      maxTasks: 5000,
      rejectCooldownDays: 30,
    }).tasks.find((t) => t.projectName === 'Pricing' && t.signal === 'revenue_gap')?.title;
    opened.app.projects.addBug(ctx, 'Pricing', { title: experiment ?? 'none', severity: 'high' });
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW), [], PERIODS);
    const backlog = loadBacklog(opened.store, input, 30);
    const scored = vi.mocked(scoringModule.scoreNumbers);
    const plan = (projectsPerRead: number, maxTasks: number) => {
      scored.mockClear();
      const planned = planWorkspace(
        input,
        { ...backlog, projectsPerRead },
        { maxTasks, rejectCooldownDays: 30 },
      );
      return { planned, scored: scored.mock.calls.length };
    };
    // The bar each part drafts against sits wherever the batch and the cut list end: many of them.
    const plans = [4, 1, 2, 3, 6, 12, 25, 5000].map((maxTasks) => ({
      whole: plan(Number.POSITIVE_INFINITY, maxTasks),
      parts: [1, 3, 7, 16, 64].map((n) => plan(n, maxTasks)),
    }));
    opened.close();

    const few = plans[0];
    expect(few?.whole.planned.state?.neglectedFocusAreas).toEqual(['outreach', 'community']);
    expect(new Set(few?.whole.planned.skipped.map((s) => s.reason))).toEqual(
      new Set(['done', 'duplicate', 'rejected']),
    );
    expect(experiment).toMatch(/^Run a user-acquisition experiment/);
    const churny = plans.at(-1)?.whole.planned.tasks.filter((t) => t.projectName === 'Churny') ?? [];
    const fix = churny.find((t) => t.title === "Build 'Cancellation survey and save offer' for Churny");
    expect(fix?.reasoning.join(' ')).toMatch(/churn/i);
    expect(churny.some((t) => t.title.startsWith('Interview'))).toBe(false);
    expect(few?.whole.planned.skipped).toContainEqual(
      expect.objectContaining({
        title: experiment,
        reason: 'duplicate',
        duplicateOf: `Fix '${experiment}' in Pricing`,
      }),
    );
    expect(plans.at(-1)?.whole.planned.tasks.some((t) => t.title.startsWith('Review'))).toBe(true);
    for (const { whole, parts } of plans) {
      for (const inParts of parts) expect(inParts.planned).toEqual(whole.planned);
    }
    // With room for four, a part reads (and scores) only what may show; with room for all, everything.
    // Here most projects have a signal, open tasks or backlog work memory holds: a few of the other
    // projects' items are only counted.
    for (const inParts of few?.parts ?? []) expect(inParts.scored).toBeLessThan(few?.whole.scored ?? 0);
    const all = plans.at(-1);
    for (const inParts of all?.parts ?? []) expect(inParts.scored).toBe(all?.whole.scored);
  });
});

describe('the first read of a plan in parts', () => {
  it('is of the projects likeliest to hold the best work, wherever their ids are: the rest are only counted', () => {
    // 500 projects earning nothing, then 60 earners sharing the $99,700 gap to the milestone, a
    // feature each: the earners' features are the best work, and they come last by id.
    const input = earnersLast();
    const scored = vi.mocked(scoringModule.scoreNumbers);
    scored.mockClear();
    const whole = planBatch(input, { maxTasks: 5 });
    const all = scored.mock.calls.length;
    scored.mockClear();
    const source = backlogInMemory(input);
    const ranges: number[][] = [];
    const lists: number[][] = [];
    const inParts = planWorkspace(
      input,
      {
        ...source,
        projectsPerRead: 100,
        read: (from, to) => {
          ranges.push([from, to]);
          return source.read(from, to);
        },
        readProjects: (ids) => {
          lists.push([...ids]);
          return source.readProjects(ids);
        },
      },
      { maxTasks: 5 },
    );
    const some = scored.mock.calls.length;

    expect(whole.tasks.map((t) => t.projectName)).toEqual(
      expect.arrayContaining(['Project 501', 'Project 502']),
    );
    expect(whole.tasks.every((t) => Number(t.projectName?.slice(8)) > count - earners)).toBe(true);
    expect(inParts).toEqual(whole);
    expect(all).toBeGreaterThanOrEqual(count);
    // The first read holds the 60 earners and 40 others (100 projects, a read's most); read by id
    // from the first, the bar would be set by features that claim nothing, as most do, and no part
    // could leave them undrafted.
    expect(some).toBeLessThan(count / 4);
    // Far apart, the first read's projects are read by their ids, not as the range that spans them
    // (nearly the whole backlog, in SQLite); no later read is a range wider than a read.
    expect(lists[0]).toEqual([
      ...Array.from({ length: 40 }, (_, i) => i + 1),
      ...Array.from({ length: earners }, (_, i) => count - earners + i + 1),
    ]);
    for (const [from = 0, to = 0] of ranges) expect(to - from).toBeLessThan(100);
  });
});

describe('a project whose churn rose, in a plan in parts', () => {
  // 80 earners with a feature each (they fill the batch and the cut list), the first earning $1
  // million a month with a critical bug (the best score, by far), and Lakeside, whose churn rose
  // from 2 % to 12 %, with 40 medium bugs: fill-in work, below every feature and the critical bug,
  // so they can neither show nor set the priority scale. Read 20 projects at a time, Lakeside comes
  // in the fifth read, with the bar set.
  const churning = 81;
  const workspace = (itemTitle: (i: number) => string, memory?: DecisionMemory) => {
    const features = Array.from({ length: 80 }, (_, i) => makeFeatures(i + 1, 1, 0, i + 1)).flat();
    const bugs = [
      makeBug({ id: 100, projectId: 1, title: 'Checkout crash' }),
      ...Array.from({ length: 40 }, (_, i) =>
        makeBug({ id: 101 + i, projectId: churning, title: itemTitle(i), severity: 'medium' }),
      ),
    ];
    // A target twice what they earn: each earner's feature claims its share of the gap (by what
    // its product earns, some $10), so it is real work (work that claims no dollars would fill in
    // beside the medium bugs). Lakeside earns, but is not revenue-bearing: it has no share to
    // answer with a playbook of its own.
    return buildEduInput({
      vision: { ...eduVision(), revenueTargets: { [monthOf(EDU_NOW, 6)]: 2_000_000 } },
      projects: Array.from({ length: churning }, (_, i) =>
        makeProject({
          id: i + 1,
          name: i + 1 === churning ? 'Lakeside' : `Project ${i + 1}`,
          revenueBearing: i + 1 !== churning,
        }),
      ),
      features,
      bugs,
      revenue: Array.from({ length: churning }, (_, i) => {
        const actual = i === 0 ? 1_000_000 : 10;
        const churnRate = i + 1 === churning ? 0.12 : 0.02;
        return [
          makeRevenue({
            id: 2 * i + 1,
            projectId: i + 1,
            month: monthOf(EDU_NOW, -2),
            actual,
            churnRate: 0.02,
          }),
          makeRevenue({ id: 2 * i + 2, projectId: i + 1, month: monthOf(EDU_NOW, -1), actual, churnRate }),
        ];
      }).flat(),
      ...(memory === undefined ? {} : { memory }),
    });
  };
  const plans = (input: ReturnType<typeof workspace>, duplicateThreshold?: number) => {
    const options = { maxTasks: 1, ...(duplicateThreshold === undefined ? {} : { duplicateThreshold }) };
    const scored = vi.mocked(scoringModule.scoreNumbers);
    scored.mockClear();
    const inParts = planWorkspace(input, { ...backlogInMemory(input), projectsPerRead: 20 }, options);
    const items = scored.mock.calls
      .map(([draft]) => draft)
      .filter((d) => d.projectId === churning && d.key.startsWith('bug:'));
    return { whole: planBatch(input, options), inParts, churningItemsScored: items.length };
  };
  // The playbook task Lakeside gets for its churn rise (an interview), done a week ago, as memory
  // recalls it.
  const playbooksDone = (): DecisionMemory => {
    const all = planBatch(
      workspace((i) => `Typo on page ${i}`),
      { maxTasks: 1_000 },
    );
    const tasks = all.tasks.filter((t) => t.projectName === 'Lakeside' && t.memoryKey.startsWith('pb:'));
    expect(tasks.map((t) => t.signal)).toEqual(['churn_rise']);
    const at = new Date(Date.parse(EDU_NOW) - 7 * 86_400_000).toISOString();
    return {
      ...EMPTY_MEMORY,
      done: new Map(tasks.map((t, i) => [t.memoryKey, { ref: `T-${i + 9}`, at, facts: {}, reason: null }])),
    };
  };

  it('is not read when none of its items names churn and the interview its rise gets is held back', () => {
    const { whole, inParts, churningItemsScored } = plans(
      workspace((i) => `Typo on page ${i}`, playbooksDone()),
    );
    expect(whole.skipped).toContainEqual(
      expect.objectContaining({
        project: 'Lakeside',
        reason: 'done',
        title: expect.stringMatching(/^Interview/),
      }),
    );
    expect(inParts).toEqual(whole);
    expect(churningItemsScored).toBe(0);
  });

  it('is not read for a proposed interview none of its items may duplicate', () => {
    const proposed = plans(workspace((i) => `Typo on page ${i}`));
    expect(proposed.whole.skipped.some((s) => s.project === 'Lakeside')).toBe(false);
    expect(proposed.inParts).toEqual(proposed.whole);
    expect(proposed.churningItemsScored).toBe(0);
  });

  it('is read when an item may duplicate the interview proposed for it, or an item names churn', () => {
    // Six of the interview's seven words, with the fix's and the project's: a Jaccard similarity of
    // 6/9, a duplicate at a threshold of 0.6 (the team's setting), not at the default 0.75.
    const similar = (i: number) =>
      i === 7 ? 'Interview customers recently, list why they left' : `Typo on page ${i}`;
    const loose = plans(workspace(similar), 0.6);
    expect(loose.whole.skipped).toContainEqual(
      expect.objectContaining({ reason: 'duplicate', similarity: 0.67 }),
    );
    expect(loose.inParts).toEqual(loose.whole);
    expect(loose.churningItemsScored).toBe(40);
    const strict = plans(workspace(similar));
    expect(strict.inParts).toEqual(strict.whole);
    expect(strict.churningItemsScored).toBe(0);
    // One bug names cancellations, in capitals: read, as its title may serve the rise, it does not
    // (a fix is no work on customers leaving, whatever its title says), so the rise gets its
    // interview.
    const title = (i: number) =>
      i === 7 ? 'CANCELLATION survey sent twice to subscribers' : `Typo on page ${i}`;
    const naming = plans(workspace(title, playbooksDone()));
    expect(naming.inParts).toEqual(naming.whole);
    expect(naming.churningItemsScored).toBe(40);
    const all = planBatch(workspace(title), { maxTasks: 1_000 }).tasks.filter(
      (t) => t.projectName === 'Lakeside',
    );
    expect(all.find((t) => t.title.includes('CANCELLATION'))?.reasoning.join(' ')).not.toMatch(
      /open items? (?:not held back )?that serves? /,
    );
    expect(all.some((t) => t.title.startsWith('Interview'))).toBe(true);
  });
});

describe('the priority scale of a plan in parts', () => {
  it('is set by the best score of all, when that is an item of a lower tier than the batch', () => {
    // Two medium bugs (filling in, below all real work) of a project earning $20,000 a month score
    // above every feature, which fill the batch and the cut list: one takes the feature's place
    // (one a batch: see liftBug), and the other shows nowhere in them, but in the scale every
    // priority is set on, the best score of the plan, and among the medium bugs the summary names
    // as cut though they outscore the batch, read whole or in parts alike. The features are real
    // work: each claims a dollar of the $60 gap (work that claims none would fill in beside the bugs).
    const input = buildEduInput({
      vision: { ...eduVision(), revenueTargets: { [monthOf(EDU_NOW, 6)]: 20_060 } },
      projects: [
        makeProject({
          id: 1,
          name: 'Home',
          focusAreas: ['payment_integration', 'automation', 'self_healing'],
        }),
        makeProject({ id: 2, name: 'Alpha', focusAreas: ['payment_integration'], revenueBearing: true }),
        makeProject({ id: 3, name: 'Beta', revenueBearing: true, focusAreas: [] }),
      ],
      features: makeFeatures(2, 60, 0, 1),
      bugs: [
        makeBug({ id: 500, projectId: 3, title: 'Layout glitch', severity: 'medium' }),
        makeBug({ id: 501, projectId: 3, title: 'Tooltip typo', severity: 'medium' }),
      ],
      revenue: [-2, -1].map((months, i) =>
        makeRevenue({
          id: i + 1,
          projectId: 3,
          month: monthOf(EDU_NOW, months),
          actual: 20_000,
          subscriptions: 200,
          churnRate: 0.01,
        }),
      ),
    });
    const whole = planBatch(input, { maxTasks: 2 });
    const inParts = planWorkspace(input, { ...backlogInMemory(input), projectsPerRead: 1 }, { maxTasks: 2 });
    const shown = [...whole.tasks, ...whole.cutByCap].map((t) => t.title);
    expect(shown).toHaveLength(52);
    expect(whole.tasks[0]?.title).toContain('Layout glitch');
    expect(shown.some((title) => title.includes('Tooltip typo'))).toBe(false);
    expect(whole.outscoringBugs.map((b) => b.bugId)).toEqual([501]);
    expect(whole.tasks[1]?.revenueImpact).toBeGreaterThan(0);
    expect(inParts).toEqual(whole);
  });

  it('takes an open proposal at its value today, read wherever it ranks, not at the score it was proposed at', () => {
    // Gamma's one feature was proposed when it scored 5,000; today it ranks below every Alpha
    // feature, so a plan in parts would only count Gamma, and its stale score set the scale.
    const input = buildEduInput({
      projects: [
        makeProject({ id: 2, name: 'Alpha', focusAreas: ['payment_integration'], revenueBearing: true }),
        makeProject({ id: 3, name: 'Gamma', focusAreas: [] }),
      ],
      features: [...makeFeatures(2, 60, 0, 1), ...makeFeatures(3, 1, 0, 100)],
      recentTasks: [],
    });
    input.openTasks = [
      makeTask({
        id: 7,
        title: "Build 'Feature 100' for Gamma",
        projectId: 3,
        item: { kind: 'feature', id: 100 },
        memoryKey: 'feature:100',
        score: 5_000,
        priority: 10,
        revenueImpact: 999,
        status: 'proposed',
      }),
    ];
    const whole = planBatch(input, { maxTasks: 1 });
    const inParts = planWorkspace(input, { ...backlogInMemory(input), projectsPerRead: 1 }, { maxTasks: 1 });
    expect(whole.revalued.map((t) => t.ref)).toEqual(['T-7']);
    const gamma = whole.revalued[0];
    expect(gamma?.score).toBeLessThan(whole.tasks[0]?.score ?? 0);
    expect(gamma?.priority).toBeLessThan(whole.tasks[0]?.priority ?? 0);
    expect(gamma?.revenueImpact).toBe(0);
    expect(inParts).toEqual(whole);
  });
});

describe('a medium bug taking a place of the batch, in a plan in parts', () => {
  it('is read wherever it ranks below the best score, and takes the same place as read whole', () => {
    // Beta's high bug scores above everything; Gamma's medium bug below it and above every Alpha
    // feature, which fill the batch and the cut list, and more than the first read holds (a later
    // part would only count Gamma, its bug below the bar of its tier): it takes the place of the weakest feature of the batch, read whole or
    // in parts alike.
    const earning = (projectId: number, actual: number, id: number) =>
      [-2, -1].map((months, i) =>
        makeRevenue({
          id: id + i,
          projectId,
          month: monthOf(EDU_NOW, months),
          actual,
          subscriptions: 200,
          churnRate: 0.01,
        }),
      );
    const input = buildEduInput({
      vision: { ...eduVision(), revenueTargets: { [monthOf(EDU_NOW, 6)]: 26_060 } },
      projects: [
        makeProject({ id: 2, name: 'Alpha', focusAreas: [], revenueBearing: true }),
        makeProject({ id: 3, name: 'Beta', revenueBearing: true, focusAreas: [] }),
        makeProject({ id: 4, name: 'Gamma', revenueBearing: true, focusAreas: [] }),
      ],
      features: makeFeatures(2, 250, 0, 1),
      bugs: [
        makeBug({ id: 500, projectId: 3, title: 'Checkout fails on retry', severity: 'high' }),
        makeBug({ id: 600, projectId: 4, title: 'Invoices sent twice', severity: 'medium' }),
      ],
      revenue: [...earning(3, 20_000, 1), ...earning(4, 6_000, 3)],
    });
    const whole = planBatch(input, { maxTasks: 3 });
    const inParts = planWorkspace(input, { ...backlogInMemory(input), projectsPerRead: 1 }, { maxTasks: 3 });
    const titles = whole.tasks.map((t) => t.title);
    expect(titles[0]).toContain('Checkout fails on retry');
    expect(titles).toContainEqual(expect.stringContaining('Invoices sent twice'));
    expect(whole.tasks.map((t) => t.score)[0]).toBeGreaterThan(
      whole.tasks.find((t) => t.title.includes('Invoices sent twice'))?.score ?? 0,
    );
    expect(whole.cutByCap.map((c) => c.title)).toContain("Build 'Feature 2' for Alpha");
    expect(inParts).toEqual(whole);
  });
});

describe('the most a backlog item can score', () => {
  it('is never less than any item of its group scores, whatever signals it serves', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    // Far behind a revenue milestone: earning projects' growth work serves their share of the gap,
    // at its urgency; critical bugs press on their own.
    opened.app.vision.update(ctx, { revenue_targets: { '2027-01': 250_000 } });
    // Revenue-bearing projects that have not earned yet: their high bugs claim nothing (no revenue
    // to put at risk), yet their alignment counts that they bear revenue.
    const now = new Date(Date.parse(BUSY_NOW) - 86_400_000).toISOString();
    opened.db.transaction(() => {
      for (let i = 0; i < 3; i++) {
        const { lastInsertRowid: id } = opened.db
          .prepare(
            `INSERT INTO projects (workspace_id, name, revenue_bearing, focus_areas, created_at, updated_at)
             VALUES ('default', ?, 1, '[]', ?, ?)`,
          )
          .run(`Not earning yet ${i}`, now, now);
        opened.db
          .prepare(
            `INSERT INTO bugs (project_id, title, severity, created_at, updated_at) VALUES (?, 'Slow export', 'high', ?, ?)`,
          )
          .run(id, now, now);
      }
      // Projects on two of the vision's focus areas, the one the vision ranks higher listed second:
      // an item naming it works on it, and ranks above what the project's first area would give.
      for (let i = 0; i < 3; i++) {
        const { lastInsertRowid: id } = opened.db
          .prepare(
            `INSERT INTO projects (workspace_id, name, revenue_bearing, focus_areas, created_at, updated_at)
             VALUES ('default', ?, 0, '["self_healing","automation"]', ?, ?)`,
          )
          .run(`Two areas ${i}`, now, now);
        const feature = opened.db.prepare(
          `INSERT INTO features (project_id, title, status, created_at, updated_at) VALUES (?, ?, 'planned', ?, ?)`,
        );
        feature.run(id, 'Retry loop tuning', now, now);
        feature.run(id, 'Release automation', now, now);
      }
      // Estimated by the team, some far below their kind's default: six minutes, a quarter hour.
      opened.db.prepare(`UPDATE features SET estimate_hours = 0.1 WHERE title = 'Retry loop tuning'`).run();
      opened.db.prepare(`UPDATE bugs SET estimate_hours = 0.25 WHERE title = 'Slow export'`).run();
      // And features of every kind of size, planned and under way: a week, three days, half an
      // hour (each claims its feature-sizes of its project's share of the gap).
      const some = (offset: number) =>
        `SELECT id FROM features WHERE status <> 'done' AND upkeep = 0 ORDER BY id LIMIT 60 OFFSET ${offset}`;
      opened.db.prepare(`UPDATE features SET estimate_hours = 40 WHERE id IN (${some(100)})`).run();
      opened.db.prepare(`UPDATE features SET estimate_hours = 0.5 WHERE id IN (${some(200)})`).run();
      opened.db
        .prepare(`UPDATE features SET estimate_hours = 24 WHERE status = 'in_progress' AND id % 3 = 0`)
        .run();
      // Ranked by the team: some features critical or high (their projects' items may score up to
      // twice what they would), some low.
      opened.db.prepare(`UPDATE features SET priority = 'critical' WHERE title = 'Release automation'`).run();
      const open = "SELECT id FROM features WHERE status <> 'done' ORDER BY id";
      opened.db.prepare(`UPDATE features SET priority = 'high' WHERE id IN (${open} LIMIT 40)`).run();
      opened.db
        .prepare(`UPDATE features SET priority = 'low' WHERE id IN (${open} LIMIT 40 OFFSET 40)`)
        .run();
    })();
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW), [], PERIODS);
    const backlog = loadBacklog(opened.store, input, 30);
    expect(backlog.leastEstimate).toBe(0.1);
    const { features, bugs } = backlog.read(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    opened.close();
    const state = analyseState(input, {});
    const active = state.projects.filter((p) => p.project.status === 'active');
    const stakes = projectStakes(state.revenue, active, input.vision);
    const signals = detectSignals(state, input.vision, stakes, input.goals, input.paymentFailures);
    const items = backlogDrafts(state.projects, features, bugs, input.vision, stakes, input.now);
    serveSignals(signals, items, input.projects);
    const allocations = allocateStakes(items.drafts);
    expect(backlog.teamWeights.size).toBeGreaterThan(3);
    const scoring = scoreContext(
      planInput(input),
      state,
      { maxTasks: 5 },
      backlog.leastEstimate,
      backlog.teamWeights,
    );
    const bound = scoringModule.scoreBound(scoring);
    // The bound as if no feature were ranked: the ranked projects' feature groups are weighed up.
    const unranked = scoringModule.scoreBound({ ...scoring, teamWeights: new Map() });
    let urgent = 0;
    let unclaimed = 0;
    let rankedUp = 0;
    let sizedUp = 0;
    for (const item of items.drafts) {
      const { group } = item;
      if (group.signals.length > 0) urgent += 1;
      if ((item.sizePart?.part ?? 1) > 1 && item.claims.some((c) => c.perUnits !== undefined)) sizedUp += 1;
      if ((item.ownWeight ?? 1) > 1) rankedUp += 1;
      const { score } = scoringModule.scoreNumbers(
        item,
        sizedAllocations(item, allocations.get(item.claims) ?? []),
        scoring,
      );
      const most = bound(group, mostPressing(group));
      expect(score, item.title).toBeLessThanOrEqual(most);
      const weight = isFeatureKind(group.kind) ? (backlog.teamWeights.get(group.project.project.id) ?? 1) : 1;
      expect(most, item.title).toBeGreaterThanOrEqual(unranked(group, mostPressing(group)) * weight);
      // A group that claims nothing takes the bound worked out for the first of its shape: the same
      // as its own, worked out afresh.
      expect(most, item.title).toBe(scoringModule.scoreBound(scoring)(group, mostPressing(group)));
      if (group.claims.length === 0) {
        unclaimed += 1;
        // Pressed harder (as a signal more urgent than any today would press it), its bound is
        // worked out again, not taken from the one of its shape pressed less.
        const harder = mostPressing(group) + 1;
        expect(bound(group, harder)).toBe(scoringModule.scoreBound(scoring)(group, harder));
        expect(bound(group, harder)).toBeGreaterThan(most);
      }
    }
    expect(unclaimed).toBeGreaterThan(100);
    expect(rankedUp).toBeGreaterThan(20);
    expect(sizedUp).toBeGreaterThan(10);
    expect(
      items.drafts.filter((d) => d.title.startsWith("Build 'Release automation'")).map((d) => d.focusArea),
    ).toEqual(['automation', 'automation', 'automation']);
    expect(signals.some((s) => s.kind === 'revenue_gap')).toBe(true);
    expect(urgent).toBeGreaterThan(100);
    expect(items.drafts.length).toBeGreaterThan(500);
    // An item that failed before is counted, not read, when memory only notes the failure: where
    // work like it almost never succeeds, the floor its confidence keeps is above its kind's.
    // (Every word of the item below in the vision's goal: its alignment at the bound's.)
    const failing = {
      ...scoring,
      vision: {
        ...scoring.vision,
        primaryGoal: 'Finish Stripe checkout for subscription tiers for Basic EDU Apps',
      },
      categoryOutcomes: new Map([
        ['feature', { done: 0, failed: 21 }],
        ['bugfix', { done: 1, failed: 42 }],
      ] as const),
    };
    const failingBound = scoringModule.scoreBound(failing);
    for (const item of items.drafts) {
      const { score } = scoringModule.scoreNumbers(
        item,
        sizedAllocations(item, allocations.get(item.claims) ?? []),
        failing,
        1,
      );
      expect(score, item.title).toBeLessThanOrEqual(failingBound(item.group, mostPressing(item.group)));
    }
    // A team that rejected every proposal of late: each category is damped, but for the work the
    // team committed to (features under way, or ranked critical or high), which a group not read
    // may hold.
    const everyRejected = (['feature', 'infrastructure', 'bugfix'] as const).map(
      (c) => [c, { rejected: 5, decided: 5 }] as const,
    );
    const projectIds = [...new Set(items.drafts.map((d) => d.projectId).filter((id) => id !== null))];
    const rejecting = {
      ...scoring,
      rejections: {
        byCategory: new Map(everyRejected),
        onItems: new Map(everyRejected.map(([c, r]) => [c, new Map(projectIds.map((id) => [id, r]))])),
      },
    };
    const rejectingBound = scoringModule.scoreBound(rejecting);
    let committed = 0;
    for (const item of items.drafts) {
      const { score, damp } = scoringModule.scoreNumbers(
        item,
        sizedAllocations(item, allocations.get(item.claims) ?? []),
        rejecting,
      );
      if (damp === 1) committed += 1;
      expect(score, item.title).toBeLessThanOrEqual(rejectingBound(item.group, mostPressing(item.group)));
    }
    expect(committed).toBeGreaterThan(20);
  });
});

describe('what a plan with little room keeps', () => {
  it('cuts and lists the candidates a plan with room for all of them ranks below its batch', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    // Idle projects with nothing open: each gets a playbook task, more of them than the batch holds
    // (on a focus area of the vision, so that the task scores above 0: see the next test).
    const idle = opened.db.prepare(
      `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
       VALUES ('default', ?, '', 0, ?, 'active', ?, ?)`,
    );
    const area = JSON.stringify(opened.app.vision.show(ctx).focusAreas.slice(-1));
    const longAgo = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    for (let i = 0; i < 80; i++) idle.run(`Idle project ${i}`, area, longAgo, longAgo);
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW), [], PERIODS);
    const plan = (maxTasks: number, projectsPerRead = Number.POSITIVE_INFINITY) =>
      planWorkspace(
        input,
        { ...loadBacklog(opened.store, input, 30), projectsPerRead },
        { maxTasks, rejectCooldownDays: 30 },
      );
    const all = plan(100_000);
    const plans = [plan(4), plan(4, 16)];
    opened.close();

    // No task here waits for another, so room for all takes every candidate, and the best come first.
    expect(all.tasks.every((t) => t.dependsOn.length === 0)).toBe(true);
    expect(all.cut).toBe(0);
    const ranked = [...all.tasks].sort(byScore);
    const best = ranked.slice(0, 4).map((t) => t.key);
    const listed = ranked.slice(4, 54).map((t) => ({ title: t.title, score: t.score }));
    expect(listed.filter((c) => c.title.startsWith('Review Idle project')).length).toBeGreaterThan(20);
    for (const few of plans) {
      expect(few.tasks.map((t) => t.key).sort()).toEqual([...best].sort());
      expect(few.unique).toBe(all.unique);
      expect(few.cut).toBe(all.unique - 4);
      expect(few.cutByCap).toEqual(listed);
    }
  });
});

describe('an estimate in a plan in parts', () => {
  /** The EDU workspace and forty side products on a focus area, earning nothing, each with two planned features (ids 100 + 2 × its id, and one more). */
  const withSideProducts = (): EngineInput => {
    const edu = buildEduInput();
    const ids = Array.from({ length: 40 }, (_, i) => 3 + i);
    return {
      ...edu,
      projects: [
        ...edu.projects,
        ...ids.map((id) =>
          makeProject({ id, name: `Side ${id}`, revenueBearing: true, focusAreas: ['automation'] }),
        ),
      ],
      features: [...edu.features, ...ids.flatMap((id) => makeFeatures(id, 2, 0, 100 + 2 * id))],
    };
  };

  // (That a bound counts the least estimate: 'is never less than any item of its group scores'.)
  it('puts the bug the team estimated small first, in parts as at once', () => {
    const edu = withSideProducts();
    // The last side product earns $40 a month and has a high bug.
    const base: EngineInput = {
      ...edu,
      bugs: [
        ...edu.bugs,
        makeBug({ id: 900, projectId: 42, title: 'Sync drops rows', severity: 'high', estimateHours: 16 }),
      ],
      revenue: [
        ...edu.revenue,
        makeRevenue({ id: 900, projectId: 42, month: monthOf(edu.now, -1), actual: 40, subscriptions: 4 }),
      ],
    };
    const last = 900;
    // The team finds the bug's fix takes six minutes, not two days: a bug's worth is what it puts
    // at risk, whatever the fix takes, so a quick fix is a quick win.
    const estimated: EngineInput = {
      ...base,
      bugs: base.bugs.map((b) => (b.id === last ? { ...b, estimateHours: 0.1 } : b)),
    };
    const plan = (input: EngineInput, projectsPerRead: number) => {
      const scored = vi.mocked(scoringModule.scoreNumbers);
      scored.mockClear();
      const planned = planWorkspace(input, { ...backlogInMemory(input), projectsPerRead }, { maxTasks: 3 });
      return { planned, scored: scored.mock.calls.length };
    };
    const before = plan(base, 4);
    expect(before.planned.tasks.some((t) => t.item?.id === last)).toBe(false);
    expect(plan(base, 4).planned).toEqual(plan(base, Number.POSITIVE_INFINITY).planned);

    const whole = plan(estimated, Number.POSITIVE_INFINITY);
    const inParts = plan(estimated, 4);
    expect(whole.planned.tasks[0]?.item?.id).toBe(last);
    expect(inParts.planned).toEqual(whole.planned);
  });

  it('counts a feature estimated small for the part of its share its size wins, in parts as at once', () => {
    const sides = withSideProducts();
    const last = 100 + 2 * 42;
    // The team says the last project's first feature takes six minutes, not eight hours.
    const input: EngineInput = {
      ...sides,
      features: sides.features.map((f) => (f.id === last ? { ...f, estimateHours: 0.1 } : f)),
    };
    const whole = planWorkspace(input, backlogInMemory(input), { maxTasks: 3 });
    expect(whole.tasks.some((t) => t.item?.id === last)).toBe(false);
    expect(planWorkspace(input, { ...backlogInMemory(input), projectsPerRead: 4 }, { maxTasks: 3 })).toEqual(
      whole,
    );
  });

  // A feature the team marked critical goes first, as a critical bug does, however little it claims:
  // a plan in parts must read its project (an internal tool, read last), with the bar full of
  // critical bugs (a tier its other features could never reach), each estimated at two days: the
  // feature outscores them.
  it('puts the feature the team marked critical among the critical bugs, in parts as at once', () => {
    const sides = withSideProducts();
    const last = 900;
    const critical = (id: number, projectId: number) =>
      makeBug({ id, projectId, title: `Sync drops rows ${id}`, severity: 'critical', estimateHours: 16 });
    const input: EngineInput = {
      ...sides,
      projects: [
        ...sides.projects,
        makeProject({ id: 43, name: 'Ops wiki', focusAreas: ['payment_integration'] }),
      ],
      features: [
        ...sides.features,
        ...makeFeatures(43, 2, 0, last).map((f) =>
          f.id === last ? { ...f, priority: 'critical' as const } : f,
        ),
      ],
      // Two on each side product: more than the batch and its cut list hold.
      bugs: [...sides.bugs, ...Array.from({ length: 80 }, (_, i) => critical(1000 + i, 3 + (i % 40)))],
    };
    const plan = (projectsPerRead: number) =>
      planWorkspace(input, { ...backlogInMemory(input), projectsPerRead }, { maxTasks: 5 });
    const whole = plan(Number.POSITIVE_INFINITY);
    expect(whole.tasks[0]?.item).toEqual({ kind: 'feature', id: last });
    expect(plan(4)).toEqual(whole);
  });

  // The projects a plan in parts only counts claim their feature-sizes of the gap all the same.
  it('shares the gap by feature-sizes of work, in parts as at once', () => {
    const sides = withSideProducts();
    const sizes = [40, 0.25, 12, null, 3] as const;
    const input: EngineInput = {
      ...sides,
      features: sides.features.map((f) =>
        f.id < 100
          ? f
          : {
              ...f,
              estimateHours: sizes[f.id % sizes.length] ?? null,
              ...(f.id % 7 === 0 ? { status: 'in_progress' as const } : {}),
            },
      ),
    };
    for (const maxTasks of [3, 12]) {
      const whole = planWorkspace(input, backlogInMemory(input), { maxTasks });
      const inParts = planWorkspace(input, { ...backlogInMemory(input), projectsPerRead: 4 }, { maxTasks });
      expect(inParts).toEqual(whole);
    }
    const all = planWorkspace(input, backlogInMemory(input), { maxTasks: 200 });
    const side = (id: number) => all.tasks.find((t) => t.item?.kind === 'feature' && t.item.id === id);
    // Side 21's two features: a day and a half (12 h) beside one nobody estimated.
    const [twelve, unestimated] = [side(142), side(143)];
    expect(unestimated?.revenueImpact).toBeGreaterThan(0);
    expect(twelve?.revenueImpact ?? 0).toBeCloseTo((unestimated?.revenueImpact ?? 0) * 1.5, 1);
  });
});

describe('a bug the team judged, in a plan in parts', () => {
  // 400 side products earning $40,000 down to $100 a month, each with two high bugs; on every third,
  // the team judges the first to affect 1% of what it earns. A plan in parts bounds the bugs of the
  // products it only counts by their severity: the judged ones claim less, never more, so it reads
  // and ranks them as a plan at once does.
  const judged = (): EngineInput => {
    const edu = buildEduInput();
    const ids = Array.from({ length: 400 }, (_, i) => 3 + i);
    const high = (id: number, projectId: number, affects?: number) =>
      makeBug({
        id,
        projectId,
        title: `Sync drops rows ${id}`,
        severity: 'high',
        ...(affects === undefined ? {} : { affects }),
      });
    return {
      ...edu,
      projects: [
        ...edu.projects,
        ...ids.map((id) =>
          makeProject({ id, name: `Side ${id}`, revenueBearing: true, focusAreas: ['automation'] }),
        ),
      ],
      bugs: [
        ...edu.bugs,
        ...ids.flatMap((id) => [
          high(1000 + 2 * id, id, id % 3 === 0 ? 0.01 : undefined),
          high(1001 + 2 * id, id),
        ]),
      ],
      revenue: [
        ...edu.revenue,
        ...ids.map((id) =>
          makeRevenue({
            id: 900 + id,
            projectId: id,
            month: monthOf(edu.now, -1),
            actual: 100 * (403 - id),
            subscriptions: 4,
          }),
        ),
      ],
    };
  };

  /** Plans in parts of one and four projects are the plan at once, with room for 3, 12 and 200 tasks. */
  const expectInPartsAsAtOnce = (input: EngineInput): void => {
    for (const maxTasks of [3, 12, 200]) {
      const whole = planWorkspace(input, backlogInMemory(input), { maxTasks });
      for (const projectsPerRead of [1, 4])
        expect(planWorkspace(input, { ...backlogInMemory(input), projectsPerRead }, { maxTasks })).toEqual(
          whole,
        );
    }
  };

  it('claims its share and plans the same batch as planning at once', () => {
    const input = judged();
    // With room for three, a plan in parts leaves most side products counted, not drafted.
    const scored = vi.mocked(scoringModule.scoreNumbers);
    const scoring = (projectsPerRead: number) => {
      scored.mockClear();
      planWorkspace(input, { ...backlogInMemory(input), projectsPerRead }, { maxTasks: 3 });
      return scored.mock.calls.length;
    };
    expect(scoring(4)).toBeLessThan(scoring(Number.POSITIVE_INFINITY) / 2);
    expectInPartsAsAtOnce(input);
    const all = planWorkspace(input, backlogInMemory(input), { maxTasks: 1000 });
    const bug = (id: number) => all.tasks.find((t) => t.item?.kind === 'bug' && t.item.id === id);
    // Side 3 earns $40,000: its judged bug 1% × 0.9 ($360), the other 20% × 0.9 ($7,200), as unjudged.
    expect(bug(1006)?.revenueImpact).toBe(360);
    expect(bug(1007)?.revenueImpact).toBe(7_200);
    // Side 4, none judged: each 20% × 0.9 of $39,900.
    expect(bug(1008)?.revenueImpact).toBe(7_182);
  });

  it('claims its part of what its product is to win, and plans the same batch as planning at once', () => {
    // The side products earn $1 to $400 a month against a $4,000,000 target: each has a share of the
    // gap its bugs threaten a part of beyond what it earns; a judged bug claims less of it, which
    // its project's counts do not tell, so a plan in parts reads its project at once.
    const base = judged();
    const input: EngineInput = {
      ...base,
      vision: { ...base.vision, revenueTargets: { [monthOf(base.now, 3)]: 4_000_000 } },
      revenue: base.revenue.map((r) =>
        r.projectId !== null && r.projectId >= 3 ? { ...r, actual: r.actual / 100 } : r,
      ),
    };
    expectInPartsAsAtOnce(input);
    const all = planWorkspace(input, backlogInMemory(input), { maxTasks: 1000 });
    const bug = (id: number) => all.tasks.find((t) => t.item?.kind === 'bug' && t.item.id === id);
    const toWin = (id: number) =>
      bug(id)?.reasoning.find((l) => l.startsWith('Revenue ') && l.includes('what its product is to win'));
    // Side 3: its judged bug claims 1% × 0.9 of what it is to win beyond its earnings, the other 18%.
    expect(toWin(1006)).toMatch(/the team judges it affects 1% alone/);
    expect(toWin(1007)).toMatch(/a high bug threatens 20% alone/);
    expect(bug(1006)?.revenueImpact ?? 0).toBeGreaterThan(0);
    expect(bug(1006)?.revenueImpact ?? 0).toBeLessThan((bug(1007)?.revenueImpact ?? 0) / 10);
  });
});

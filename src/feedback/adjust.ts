import { compareText } from '../domain/compare-text.js';
import type { Task } from '../domain/task.js';

export type Adjustment = 'continue' | 'modify' | 'retire';

/** What to do with a playbook (or category), from how its tasks fared. */
export interface AdjustRecommendation {
  scope: 'playbook' | 'category';
  key: string;
  recommendation: Adjustment;
  done: number;
  failed: number;
  rejected: number;
  /** One sentence with the numbers. */
  why: string;
}

/** Fewer decisions than this are too early to judge: continue. */
export const MIN_DECISIONS = 3;

/**
 * Step 5 of the roadmap (adjust and iterate): per playbook and per category, from outcomes and
 * rejections — retire when the team rejects most of it (≥ 60%) or it fails most of the time
 * (< 30% success over 3+ outcomes); modify when either is middling (≥ 30% rejected, < 60%
 * success); else continue.
 */
export function recommendAdjustments(
  tasks: readonly Task[],
  effects: ReadonlyMap<string, TrendEffect> = new Map(),
): AdjustRecommendation[] {
  const groups = new Map<string, { scope: 'playbook' | 'category'; key: string; tasks: Task[] }>();
  const add = (scope: 'playbook' | 'category', key: string, task: Task) => {
    const id = `${scope}:${key}`;
    const group = groups.get(id) ?? { scope, key, tasks: [] };
    group.tasks.push(task);
    groups.set(id, group);
  };
  for (const t of tasks) {
    if (t.playbookKey) add('playbook', t.playbookKey, t);
    add('category', t.category, t);
  }
  return [...groups.values()]
    .map(({ scope, key, tasks: list }) => judge(scope, key, list, effects))
    .sort((a, b) => (a.scope === b.scope ? compareText(a.key, b.key) : a.scope === 'playbook' ? -1 : 1));
}

/** How a shipped task's goal metric moved: its before/after verdict, by task ref. */
export type TrendEffect = 'improved' | 'worsened' | 'unchanged';

function judge(
  scope: 'playbook' | 'category',
  key: string,
  tasks: readonly Task[],
  effects: ReadonlyMap<string, TrendEffect>,
): AdjustRecommendation {
  const count = (s: Task['status']) => tasks.filter((t) => t.status === s).length;
  const done = count('done');
  const failed = count('failed');
  const rejected = count('rejected');
  const decided = done + failed + rejected;
  const outcomes = done + failed;
  const success = outcomes === 0 ? null : done / outcomes;
  const rejectShare = decided === 0 ? 0 : rejected / decided;
  const facts = `${done} done, ${failed} failed, ${rejected} rejected`;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  let recommendation: Adjustment = 'continue';
  let why = `${facts}: working`;
  if (decided < MIN_DECISIONS) {
    why = `${facts}: too early to judge (fewer than ${MIN_DECISIONS} decisions)`;
  } else if (rejectShare >= 0.6) {
    recommendation = 'retire';
    why = `${facts}: the team rejects ${pct(rejectShare)} of it`;
  } else if (success !== null && outcomes >= MIN_DECISIONS && success < 0.3) {
    recommendation = 'retire';
    why = `${facts}: only ${pct(success)} of its tasks succeed`;
  } else if (rejectShare >= 0.3 || (success !== null && success < 0.6)) {
    recommendation = 'modify';
    why = `${facts}: ${rejectShare >= 0.3 ? `${pct(rejectShare)} rejected` : `${pct(success ?? 0)} succeed`}; change its scope or wording`;
  } else if (movedNothing(tasks, effects)) {
    recommendation = 'modify';
    why = `${facts}: its shipped tasks did not bend their goal's trend`;
  } else if (success !== null) {
    why = `${facts}: ${pct(success)} succeed`;
  }
  return { scope, key, recommendation, done, failed, rejected, why };
}

/** Two or more shipped tasks with a measured effect on their goal, and none improved it. */
function movedNothing(tasks: readonly Task[], effects: ReadonlyMap<string, TrendEffect>): boolean {
  const measured = tasks.flatMap((t) => {
    const effect = effects.get(t.ref);
    return effect === undefined ? [] : [effect];
  });
  return measured.length >= 2 && !measured.includes('improved');
}

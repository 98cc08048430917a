import type { TaskCategory } from '../domain/task.js';
import { parseInstant } from '../engine/dates.js';
import { round } from '../engine/format.js';
import { createComparedPolicies, perPolicy } from './compared-policies.js';
import { createRng } from './random.js';
import { createStatsBook } from './stats-book.js';
import type { PolicySimulation, Rng, SimulationResult, TrueSkill } from './types.js';
import { DEFAULT_LEARNING_OPTIONS } from './types.js';

export type { SimulationResult };

export interface SimulateTeamInput {
  seed: number | string;
  /** Team size (default 5): `worker1` … `workerN`. */
  assignees?: number;
  categories?: readonly TaskCategory[];
  tasks?: number;
  /** Share of the tasks after which one category's best and worst assignees swap (default 0.5). */
  changeAt?: number;
  halfLifeDays?: number;
  priorStrength?: number;
  /** Simulated time between tasks (default 6 h), so decay has something to do. */
  hoursPerTask?: number;
  /** ISO time of the first task. */
  start?: string;
}

const LOWEST_P = 0.3;
const HIGHEST_P = 0.9;
const HOUR_MS = 3_600_000;

/**
 * Simulates a team whose true success probabilities are known: per category they are spread
 * evenly over 0.3–0.9 and shuffled among the assignees; after `changeAt` of the tasks, one
 * category's best and worst assignees swap. Each policy then routes the same task stream online
 * with bandit feedback — it sees only its pick's outcome, drawn from the pick's true probability
 * at that time (the same uniform draw for every policy, to compare like with like) — with
 * unlimited capacity. True regret per task = p(best now) − p(pick now). Deterministic per seed.
 * @throws RangeError when `categories` is empty.
 */
export function simulateTeam(input: SimulateTeamInput): SimulationResult {
  const size = Math.max(1, Math.floor(input.assignees ?? 5));
  const names = Array.from({ length: size }, (_, i) => `worker${i + 1}`);
  const categories = input.categories ?? ['revenue', 'bugfix', 'automation'];
  if (categories.length === 0) throw new RangeError('simulateTeam needs at least one category');
  const tasks = Math.max(0, Math.floor(input.tasks ?? 600));
  const changeAtTask = Math.round(Math.min(1, Math.max(0, input.changeAt ?? 0.5)) * tasks);
  const options = {
    ...DEFAULT_LEARNING_OPTIONS,
    halfLifeDays: input.halfLifeDays ?? DEFAULT_LEARNING_OPTIONS.halfLifeDays,
    priorStrength: input.priorStrength ?? DEFAULT_LEARNING_OPTIONS.priorStrength,
  };
  const start = parseInstant(input.start ?? '2026-01-05T09:00:00.000Z', 'start');
  const stepMs = (input.hoursPerTask ?? 6) * HOUR_MS;

  const truthRng = createRng(`${input.seed}:truth`);
  const truth = trueSkills(categories, names, truthRng);
  const changedCategory = categories[truthRng.int(categories.length)] ?? 'revenue';
  swapBestAndWorst(truth, changedCategory);
  const skills = new Map(truth.map((t) => [`${t.category}/${t.assignee}`, t]));
  const pOf = (category: TaskCategory, assignee: string, after: boolean): number => {
    const skill = skills.get(`${category}/${assignee}`);
    return (after ? skill?.after : skill?.before) ?? 0;
  };

  const taskRng = createRng(`${input.seed}:tasks`);
  const stream = Array.from({ length: tasks }, () => ({
    category: categories[taskRng.int(categories.length)] ?? 'revenue',
    draw: taskRng.next(),
  }));

  const choosers = createComparedPolicies(`${input.seed}`, options);
  const policies = perPolicy((policy): PolicySimulation => {
    const book = createStatsBook(options.halfLifeDays);
    const result = { cumulativeRegret: 0, bestShare: 0, regretAfterChange: 0, successes: 0 };
    let hits = 0;
    stream.forEach(({ category, draw }, t) => {
      const after = t >= changeAtTask;
      const at = new Date(start + t * stepMs).toISOString();
      const chosen = choosers[policy](category, names, book.of(category), at);
      const p = pOf(category, chosen, after);
      const best = Math.max(...names.map((n) => pOf(category, n, after)));
      const success = draw < p;
      // Bandit feedback: only the pick's outcome is ever seen.
      book.record({ category, assignee: chosen, success, minutes: null, at });
      result.cumulativeRegret += best - p;
      if (after) result.regretAfterChange += best - p;
      if (p >= best) hits += 1;
      if (success) result.successes += 1;
    });
    return { ...result, bestShare: tasks === 0 ? 0 : hits / tasks };
  });
  return { tasks, changeAtTask, changedCategory, truth, policies };
}

/** Per category, probabilities evenly spread over 0.3–0.9, shuffled among the assignees. */
function trueSkills(categories: readonly TaskCategory[], names: readonly string[], rng: Rng): TrueSkill[] {
  const step = names.length > 1 ? (HIGHEST_P - LOWEST_P) / (names.length - 1) : 0;
  return categories.flatMap((category) => {
    const ps = names.map((_, i) =>
      round(names.length > 1 ? LOWEST_P + i * step : (LOWEST_P + HIGHEST_P) / 2, 4),
    );
    for (let i = ps.length - 1; i > 0; i -= 1) {
      const j = rng.int(i + 1);
      [ps[i], ps[j]] = [ps[j] ?? 0, ps[i] ?? 0];
    }
    return names.map((assignee, i) => ({ category, assignee, before: ps[i] ?? 0, after: ps[i] ?? 0 }));
  });
}

function swapBestAndWorst(truth: TrueSkill[], category: TaskCategory): void {
  const skills = truth.filter((t) => t.category === category);
  const best = skills.reduce((a, b) => (b.before > a.before ? b : a));
  const worst = skills.reduce((a, b) => (b.before < a.before ? b : a));
  [best.after, worst.after] = [worst.before, best.before];
}

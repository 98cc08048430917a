import type { TaskCategory } from '../domain/task.js';

export interface LearningOptions {
  /** Half-life of an outcome's weight in days (default 30). */
  halfLifeDays: number;
  /** Strength (pseudo-count) of the prior toward the category's pooled rate (default 2). */
  priorStrength: number;
  /** Minutes assumed for a pair with no timed outcomes and no category data (default 60). */
  defaultMinutes: number;
}

export const DEFAULT_LEARNING_OPTIONS: LearningOptions = {
  halfLifeDays: 30,
  priorStrength: 2,
  defaultMinutes: 60,
};

/** Someone a task can be routed to, with their current load. */
export interface RoutingCandidate {
  name: string;
  capacity: number;
  /** Open tasks (approved or in progress) assigned to them now. */
  openTasks: number;
  /** The ids of the projects they work on (none: any project's work). */
  projects?: readonly number[];
  /** The kinds of work they take (none: any kind). */
  categories?: readonly TaskCategory[];
}

export type RoutingPolicy = 'thompson' | 'ucb' | 'greedy';

/** Why an assignee was chosen: the numbers behind the reasoning line. */
export interface RouteDecision {
  assignee: string;
  /** Posterior mean of success at `now`, 0–1. */
  expectedSuccess: number;
  /** The value the policy ranked by (a Thompson draw, an upper bound, or the mean). */
  policyValue: number;
  /** policyValue × time factor (1 + ¼·(ref − expectedMinutes) / (ref + expectedMinutes)): what the candidates were ranked by. */
  utility: number;
  /** Decayed number of outcomes behind the estimate. */
  evidence: number;
  /** Raw outcomes of this category for this assignee. */
  samples: number;
  expectedMinutes: number;
  openTasks: number;
  capacity: number;
  /** True when the pick was not the best posterior mean (exploration). */
  explored: boolean;
  /** One plain sentence with the numbers, for the task's reasoning. */
  reason: string;
}

/** A seeded source of randomness, so routing and replays are repeatable. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal. */
  normal(): number;
  /** Gamma(shape, 1); shape > 0. */
  gamma(shape: number): number;
  /** Beta(a, b); a, b > 0. */
  beta(a: number, b: number): number;
}

/** The Beta posterior of one (category, assignee) pair's success rate at a given time. */
export interface Posterior {
  alpha: number;
  beta: number;
  /** alpha / (alpha + beta). */
  mean: number;
  /** Standard deviation of the Beta. */
  sd: number;
  /** The category's pooled, smoothed success rate the prior is centred on. */
  priorMean: number;
  /** Decayed successes + failures of the pair at that time. */
  evidence: number;
}

/** The rules compared by `evaluateRouting` and `simulateTeam`. */
export const COMPARED_POLICIES = ['goalpost', 'greedy', 'seed-rule', 'random'] as const;
/**
 * `goalpost`: Thompson sampling on the decayed Beta posterior; `greedy`: the same posterior's mean
 * (no exploration); `seed-rule`: the seed's best raw success rate among 3+ samples; `random`: uniform.
 */
export type ComparedPolicy = (typeof COMPARED_POLICIES)[number];

/** How one policy did when replayed over the logged outcomes. */
export interface PolicyEvaluation {
  /** Σ (hindsight rate of the category's best assignee − hindsight rate of the one chosen). */
  cumulativeRegret: number;
  /** cumulativeRegret / tasks; 0 when there are none. */
  meanRegret: number;
  /** Share (0–1) of tasks routed to a best-in-hindsight assignee (ties count). */
  bestShare: number;
  tasks: number;
}

/** The best assignee of a category in hindsight, by Laplace success rate over the whole log. */
export interface HindsightBest {
  category: TaskCategory;
  assignee: string;
  /** (1 + successes) / (2 + outcomes). */
  rate: number;
  samples: number;
}

/** Result of `evaluateRouting`: every compared policy against the hindsight oracle. */
export interface Evaluation {
  outcomes: number;
  categories: number;
  /** How many assignees the outcomes name: with one, every policy picks it. */
  assignees: number;
  best: HindsightBest[];
  policies: Record<ComparedPolicy, PolicyEvaluation>;
}

/** How one policy did in a simulated team, against the true (hidden) success probabilities. */
export interface PolicySimulation {
  /** Σ (true p of the best assignee now − true p of the one chosen). */
  cumulativeRegret: number;
  /** Share (0–1) of tasks routed to the truly best assignee at that time. */
  bestShare: number;
  /** The part of cumulativeRegret from tasks after the skill change. */
  regretAfterChange: number;
  /** Tasks that succeeded (drawn from the true probabilities). */
  successes: number;
}

/** One (category, assignee) pair's true success probability before and after the change. */
export interface TrueSkill {
  category: TaskCategory;
  assignee: string;
  before: number;
  after: number;
}

/** Result of `simulateTeam`. */
export interface SimulationResult {
  tasks: number;
  /** Index of the first task after the skill change. */
  changeAtTask: number;
  /** The category whose best and worst assignees swapped. */
  changedCategory: TaskCategory;
  truth: TrueSkill[];
  policies: Record<ComparedPolicy, PolicySimulation>;
}

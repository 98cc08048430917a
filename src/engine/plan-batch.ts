import { analyseState } from './analyse-state.js';
import { DEFAULT_DUPLICATE_THRESHOLD, dedupCandidates } from './dedup.js';
import { detectSignals } from './detect-signals.js';
import { round } from './format.js';
import { instantiatePlaybooks } from './instantiate-playbooks.js';
import { orderTasks } from './order-tasks.js';
import { rejectionsByCategory } from './rejections.js';
import { DEFAULT_CATEGORY_WEIGHTS, scoreCandidate } from './score-candidate.js';
import type { BatchPlan, EngineInput, EngineOptions } from './types.js';

/**
 * The whole engine: analyse → signals → candidates → score → dedup → order → cap. Pure and
 * deterministic: the same input and options give a deep-equal plan.
 * The cap takes a prefix of the dependency order, so a prerequisite is never cut while a task
 * waiting on it stays.
 * @throws ValidationError when `input.now` is invalid or a playbook title has an unknown placeholder.
 */
export function planBatch(input: EngineInput, options: EngineOptions): BatchPlan {
  const state = analyseState(input, options);
  const signals = detectSignals(state, input.vision, input.goals);
  const drafts = instantiatePlaybooks(signals, input);
  const categoryWeights = { ...DEFAULT_CATEGORY_WEIGHTS };
  for (const [category, weight] of Object.entries(options.categoryWeights ?? {})) {
    if (weight !== undefined) categoryWeights[category as keyof typeof categoryWeights] = weight;
  }
  const outcomes = input.history.outcomes;
  const projectsById = new Map(input.projects.map((p) => [p.id, p]));
  const rejections = rejectionsByCategory([...input.openTasks, ...input.history.latestDecided]);
  const scored = drafts.map((draft) =>
    scoreCandidate(draft, {
      vision: input.vision,
      revenue: state.revenue,
      projectsById,
      outcomes,
      categoryWeights,
      rejections,
    }),
  );
  const { kept, skipped, redirects } = dedupCandidates(
    scored,
    input.openTasks,
    options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD,
  );
  const { tasks: ordered, cycles } = orderTasks(kept, redirects);
  const tasks = ordered.slice(0, Math.max(0, Math.floor(options.maxTasks)));
  return {
    generated: drafts.length,
    unique: kept.length,
    skipped,
    cycles,
    tasks,
    revenueImpact: round(tasks.reduce((sum, task) => sum + task.revenueImpact, 0)),
    state,
  };
}

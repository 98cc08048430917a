import type { DecisionMemory } from '../domain/history.js';
import type { TaskCategory } from '../domain/task.js';
import { allocateStakes } from './allocate.js';
import { analyseState } from './analyse-state.js';
import { backlogDrafts } from './backlog-candidates.js';
import { DEFAULT_DUPLICATE_THRESHOLD, dedupCandidates } from './dedup.js';
import { detectSignals } from './detect-signals.js';
import { type Draft, factsOf } from './draft.js';
import { explain } from './explain.js';
import { round } from './format.js';
import { instantiatePlaybooks } from './instantiate-playbooks.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS, EMPTY_MEMORY, type Recall, recall } from './memory.js';
import { orderTasks } from './order-tasks.js';
import { applyTiers, priorityScale } from './priority.js';
import { rejectionsByCategory } from './rejections.js';
import { DEFAULT_CATEGORY_WEIGHTS, scoreCandidate, scoreNumbers } from './score-candidate.js';
import { selectBatch } from './select-batch.js';
import { serveSignals } from './serve-signals.js';
import { projectStakes } from './stakes.js';
import type {
  Allocation,
  BatchPlan,
  CandidateTask,
  Claim,
  CutCandidate,
  EngineInput,
  EngineOptions,
  SkippedCandidate,
  WorkspaceState,
} from './types.js';

/**
 * A candidate between scoring and selection: its score, and what it takes to explain it later. What
 * dedup and selection read is copied from the draft (read many times over); its fingerprint, rarely
 * read, is the draft's own.
 */
class Ranked
  implements
    Pick<
      CandidateTask,
      'key' | 'title' | 'projectId' | 'subject' | 'memoryKey' | 'fingerprint' | 'tier' | 'score' | 'dependsOn'
    >
{
  readonly key: string;
  readonly title: string;
  readonly projectId: number | null;
  readonly subject: string | null;
  readonly memoryKey: string;
  readonly tier: number;
  readonly dependsOn: string[];

  constructor(
    readonly draft: Draft,
    readonly score: number,
    readonly allocated: readonly Allocation[],
    readonly memoryNote: string | null,
  ) {
    this.key = draft.key;
    this.title = draft.title;
    this.projectId = draft.projectId;
    this.subject = draft.subject;
    this.memoryKey = draft.memoryKey;
    this.tier = draft.tier;
    this.dependsOn = draft.dependsOn;
  }

  get fingerprint(): string {
    return this.draft.fingerprint;
  }
}

/** The first half of planning: every candidate, with its share of the stakes, before memory. */
export interface Drafting {
  input: EngineInput;
  options: EngineOptions;
  state: WorkspaceState;
  drafts: Draft[];
  /** By list of claims (see allocateStakes). */
  allocations: Map<readonly Claim[], Allocation[]>;
  /** What each draft is remembered by: the keys whose done and rejected tasks `finishBatch` needs. */
  memoryKeys: string[];
}

/**
 * The whole engine: analyse → the team's backlog as candidates → signals it does not serve answered
 * by playbooks → stakes shared out → memory of done and rejected work → score → dedup → select
 * (capped, prerequisites only with what they unblock) → order → priority → reasoning. Pure and
 * deterministic: the same input and options give a deep-equal plan.
 * @throws ValidationError when `input.now` is invalid or a playbook title has an unknown placeholder.
 */
export function planBatch(input: EngineInput, options: EngineOptions): BatchPlan {
  return finishBatch(draftBatch(input, options), input.memory ?? EMPTY_MEMORY);
}

/**
 * Planning up to memory: the candidates and their stakes. A caller with a large history reads the
 * memory of just these candidates (`memoryKeys`) and hands it to `finishBatch`.
 * @throws ValidationError as planBatch.
 */
export function draftBatch(input: EngineInput, options: EngineOptions): Drafting {
  const state = analyseState(input, options);
  const active = state.projects.filter((p) => p.project.status === 'active');
  const stakes = projectStakes(state.revenue, active, input.vision);
  const signals = detectSignals(state, input.vision, stakes, input.goals, input.paymentFailures);
  const backlog = backlogDrafts(state.projects, input.features, input.bugs, input.vision, stakes, input.now);
  const unserved = serveSignals(signals, backlog, input.projects);
  const drafts: Draft[] = [...backlog.drafts, ...instantiatePlaybooks(unserved, input)];
  return {
    input,
    options,
    state,
    drafts,
    allocations: allocateStakes(drafts),
    memoryKeys: drafts.map((d) => d.memoryKey),
  };
}

/**
 * What the cap left out: with no cap every unique candidate is selected (a prerequisite comes with
 * what it unblocks), so whatever was not is there for want of room. Best first, as `kept` comes.
 */
function cutByCap(kept: readonly Ranked[], chosen: readonly Ranked[]): CutCandidate[] {
  const inBatch = new Set(chosen);
  const cut: CutCandidate[] = [];
  for (const c of kept) if (!inBatch.has(c)) cut.push({ title: c.title, score: round(c.score) });
  return cut;
}

/** The allocations of a draft that claims nothing: one shared, never-changed list. */
const NO_ALLOCATIONS: readonly Allocation[] = [];

/** What memory says of work it holds nothing of: propose it, with no note. */
const FORGOTTEN: Recall = { hold: false, note: null };

/**
 * Whether memory holds anything of a piece of work: most candidates were never decided, and recall
 * (with the facts it compares) is worth its cost only for those that were.
 */
function remembered(key: string, memory: DecisionMemory): boolean {
  return memory.done.has(key) || memory.rejected.has(key) || memory.failed?.has(key) === true;
}

/** Planning from memory on: hold back done and rejected work, score, dedup, select, order, explain. */
export function finishBatch(drafting: Drafting, memory: DecisionMemory): BatchPlan {
  const { input, options, state, drafts, allocations } = drafting;
  const categoryWeights: Record<TaskCategory, number> = { ...DEFAULT_CATEGORY_WEIGHTS };
  for (const [category, weight] of Object.entries(options.categoryWeights ?? {})) {
    if (weight !== undefined) categoryWeights[category as TaskCategory] = weight;
  }
  const ctx = {
    vision: input.vision,
    revenue: state.revenue,
    projectsById: new Map(input.projects.map((p) => [p.id, p])),
    outcomes: input.history.outcomes,
    categoryOutcomes: input.history.categoryOutcomes,
    categoryWeights,
    rejections: rejectionsByCategory([...input.openTasks, ...input.history.latestDecided]),
  };
  const cooldown = options.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS;
  const held: SkippedCandidate[] = [];
  // Every candidate is scored by numbers alone; only the tasks that make the batch are explained.
  const ranked: Ranked[] = [];
  for (const draft of drafts) {
    const allocated = allocations.get(draft.claims) ?? NO_ALLOCATIONS;
    const memo = remembered(draft.memoryKey, memory)
      ? recall(draft, factsOf(draft), memory, input.now, cooldown)
      : FORGOTTEN;
    if (memo.hold) {
      held.push({
        title: draft.title,
        duplicateOf: memo.ref,
        similarity: 1,
        reason: memo.reason,
        note: memo.note,
      });
      continue;
    }
    ranked.push(new Ranked(draft, scoreNumbers(draft, allocated, ctx).score, allocated, memo.note));
  }

  const { kept, skipped, redirects } = dedupCandidates(
    ranked,
    input.openTasks,
    options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD,
  );
  const chosen = selectBatch(kept, options.maxTasks, redirects);
  const selected = chosen.map((r) => scoreCandidate(r.draft, r.allocated, ctx, r.memoryNote));
  let best = 0;
  for (const c of kept) best = Math.max(best, c.score);
  for (const t of input.openTasks) if (t.status !== 'in_progress') best = Math.max(best, t.score);
  const scale = priorityScale(best);
  const { tasks: ordered, cycles } = orderTasks(selected, redirects, scale);
  const tasks = applyTiers(ordered).map((c): CandidateTask => {
    const { terms: _terms, notes: _notes, ...task } = c;
    return { ...task, reasoning: explain(c, scale(c.terms.score)) };
  });
  return {
    generated: drafts.length,
    unique: kept.length,
    skipped: [...skipped, ...held],
    cutByCap: cutByCap(kept, chosen),
    cycles,
    tasks,
    revenueImpact: round(tasks.reduce((sum, task) => sum + task.revenueImpact, 0)),
    state,
  };
}

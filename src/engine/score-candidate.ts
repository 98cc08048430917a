import type { Project } from '../domain/project.js';
import type { TaskCategory } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import { formatFixed, formatPct, formatUsd, round } from './format.js';
import type { DraftCandidate } from './instantiate-playbooks.js';
import { type RejectionRecord, rejectionFactor } from './rejections.js';
import { significantTokens } from './tokens.js';
import type { CandidateTask, RevenueState } from './types.js';

/** How much each category's score counts; overridable per run (`EngineOptions.categoryWeights`). */
export const DEFAULT_CATEGORY_WEIGHTS: Readonly<Record<TaskCategory, number>> = {
  revenue: 1.2,
  bugfix: 1.1,
  feature: 1.0,
  growth: 1.0,
  automation: 0.9,
  infrastructure: 0.9,
  research: 0.8,
};

/**
 * A fully aligned task is worth this share of the milestone target in "strategic dollars": enough
 * to rank cheap, on-vision work, small enough that real revenue impact still leads while the team
 * is behind.
 */
export const STRATEGIC_SHARE = 0.05;
/** The strategic value of a fully aligned task when the vision has no revenue milestone. */
export const STRATEGIC_BASE_USD = 50;

export interface ScoreContext {
  vision: Vision;
  revenue: RevenueState;
  projectsById: ReadonlyMap<number, Project>;
  /** Finished tasks per playbook key (see `TaskHistory.outcomes`): they give the confidence. */
  outcomes: ReadonlyMap<string, PlaybookOutcomes>;
  categoryWeights: Readonly<Record<TaskCategory, number>>;
  /** The team's latest decisions per category; a category it keeps rejecting is scored down. */
  rejections?: ReadonlyMap<TaskCategory, RejectionRecord>;
}

export interface PlaybookOutcomes {
  done: number;
  failed: number;
}

const goalWordsCache = new WeakMap<Vision, ReadonlySet<string>>();

/** The significant words of the vision's goal and statement, computed once per vision object. */
function goalWordsOf(vision: Vision): ReadonlySet<string> {
  let words = goalWordsCache.get(vision);
  if (words === undefined) {
    words = new Set(significantTokens(`${vision.primaryGoal} ${vision.statement}`));
    goalWordsCache.set(vision, words);
  }
  return words;
}

/** Priority 0–10 from a score: round(2 × log2(1 + score)), clamped. */
export function priorityFromScore(score: number): number {
  return Math.min(10, Math.max(0, Math.round(2 * Math.log2(1 + Math.max(0, score)))));
}

/**
 * Scores a draft, cost-of-delay ÷ effort (WSJF) style:
 * score = (revenueImpact × confidence + strategic value) × (1 + urgency / 2) ÷ effort hours × category weight.
 * Every term becomes a reasoning line with its numbers; the signal's fact comes first.
 */
export function scoreCandidate(draft: DraftCandidate, ctx: ScoreContext): CandidateTask {
  const { signal } = draft;
  const reasoning = [signal.fact];

  const revenueImpact = round(signal.valueUsd * draft.impactShare);
  if (revenueImpact > 0) {
    reasoning.push(
      `Revenue impact ${formatUsd(revenueImpact)}/month: ${formatPct(draft.impactShare)} of the ${formatUsd(signal.valueUsd)}/month at stake`,
    );
  }

  const { done, failed } = ctx.outcomes.get(draft.playbookKey) ?? { done: 0, failed: 0 };
  const confidence = round((1 + done) / (2 + done + failed));
  reasoning.push(
    done + failed === 0
      ? `Confidence ${formatFixed(confidence)}: no finished tasks from playbook ${draft.playbookKey} yet`
      : `Confidence ${formatFixed(confidence)}: ${done} of ${done + failed} earlier ${draft.playbookKey} tasks succeeded`,
  );

  const project = draft.projectId === null ? undefined : ctx.projectsById.get(draft.projectId);
  const { alignment, line } = alignmentOf(draft, project, ctx.vision);
  const milestone = ctx.revenue.milestone;
  const strategic = round(
    alignment * (milestone === null ? STRATEGIC_BASE_USD : milestone.target * STRATEGIC_SHARE),
  );
  reasoning.push(
    `${line} → ${formatUsd(strategic)} strategic value (${milestone === null ? `of a ${formatUsd(STRATEGIC_BASE_USD)} base, no revenue milestone` : `${formatPct(STRATEGIC_SHARE)} of the ${formatUsd(milestone.target)} ${milestone.month} target`})`,
  );

  const urgency = 1 + signal.urgency * 0.5;
  const weight = ctx.categoryWeights[draft.category];
  const effort = Math.max(0.1, draft.effortHours);
  const expected = round(revenueImpact * confidence);
  const rejections = ctx.rejections?.get(draft.category);
  const damp = rejectionFactor(rejections);
  if (rejections && damp < 1) {
    reasoning.push(
      `Rejections: ${rejections.rejected} of the last ${rejections.decided} ${draft.category} tasks were rejected → score ×${formatFixed(damp)}`,
    );
  }
  const score = round((((expected + strategic) * urgency) / effort) * weight * damp);
  const priority = priorityFromScore(score);
  reasoning.push(
    `Score ${formatFixed(score, 1)} = (${formatUsd(expected)} expected + ${formatUsd(strategic)} strategic) × ${formatFixed(urgency)} urgency ÷ ${effort} h × ${weight} ${draft.category} weight${damp < 1 ? ` × ${formatFixed(damp)} rejections` : ''} → priority ${priority}`,
  );

  return {
    key: draft.key,
    title: draft.title,
    category: draft.category,
    projectId: draft.projectId,
    projectName: draft.projectName,
    playbookKey: draft.playbookKey,
    signal: signal.kind,
    subject: draft.subject ?? null,
    goalId: signal.goalId ?? null,
    focusArea: draft.focusArea,
    revenueImpact,
    alignment,
    confidence,
    effortHours: draft.effortHours,
    score,
    priority,
    reasoning,
    dependsOn: [...draft.dependsOn],
    assignee: null,
    fingerprint: draft.fingerprint,
  };
}

/**
 * Alignment 0–1 = 0.5 × focus (focus area i of n, 0-based: 1 − i/2n) + 0.3 × goal words (share of
 * the title's words found in the primary goal and statement, doubled, capped at 1) + 0.2 × revenue
 * (a revenue-bearing project while the vision has revenue targets).
 */
function alignmentOf(
  draft: DraftCandidate,
  project: Project | undefined,
  vision: Vision,
): { alignment: number; line: string } {
  const parts: string[] = [];
  const n = vision.focusAreas.length;
  const rank = draft.focusArea === null ? -1 : vision.focusAreas.indexOf(draft.focusArea);
  const focus = rank < 0 ? 0 : 1 - rank / (2 * n);
  parts.push(
    rank < 0
      ? draft.focusArea === null
        ? 'no focus area'
        : `${draft.focusArea} is not a focus area of the vision`
      : `${draft.focusArea} is focus area ${rank + 1} of ${n}`,
  );

  const goalWords = goalWordsOf(vision);
  const titleWords = significantTokens(draft.title);
  const shared = titleWords.filter((word) => goalWords.has(word));
  const goal = titleWords.length === 0 ? 0 : Math.min(1, (2 * shared.length) / titleWords.length);
  parts.push(
    shared.length === 0
      ? 'shares no words with the goal'
      : `shares ${shared.map((w) => `'${w}'`).join(', ')} with the goal`,
  );

  const hasTargets = Object.keys(vision.revenueTargets).length > 0;
  const earning = project?.revenueBearing === true && hasTargets ? 1 : 0;
  parts.push(
    earning === 1
      ? 'revenue-bearing project'
      : project === undefined
        ? 'no project'
        : project.revenueBearing
          ? 'revenue-bearing project, but no revenue targets'
          : 'project not revenue-bearing',
  );
  const alignment = round(0.5 * focus + 0.3 * goal + 0.2 * earning);
  return { alignment, line: `Alignment ${formatFixed(alignment)}: ${parts.join('; ')}` };
}

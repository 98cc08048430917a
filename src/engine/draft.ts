import type { BugSeverity } from '../domain/project.js';
import type { TaskFacts } from '../domain/task.js';
import type { CandidateTask, Claim, Signal } from './batch-plan.js';

/**
 * Where work stands in line, whatever its score: a critical bug blocks its project and goes first;
 * medium bugs and generic planning fill a batch only after the real work, at lower priority.
 */
export const TIER = { blocker: 0, work: 1, fillIn: 2, planning: 3 } as const;

/**
 * A candidate before scoring: the team's own backlog item or a playbook's answer to a signal,
 * what it claims of the dollars at stake, and the signals it answers.
 */
export interface Draft
  extends Pick<
    CandidateTask,
    | 'key'
    | 'memoryKey'
    | 'title'
    | 'category'
    | 'projectId'
    | 'projectName'
    | 'playbookKey'
    | 'signal'
    | 'subject'
    | 'item'
    | 'goalId'
    | 'focusArea'
    | 'effortHours'
    | 'tier'
    | 'dependsOn'
    | 'fingerprint'
  > {
  /** What the work is about, in words (an item's title and project): alignment reads these. */
  about: string;
  /** The significant words of `about`, split once: signals and alignment both match on them. */
  aboutWords: readonly string[];
  /** For a backlog item: its status, severity and last change (a reopened item may come back). */
  itemDetail: { status: string; severity: BugSeverity | null; updatedAt: string } | null;
  /** Where the effort figure comes from. */
  effortNote: string;
  /** How pressing the work is in itself (a bug's severity), 0–1, and why. */
  ownUrgency: number;
  ownUrgencyWhy: string | null;
  /** The signals this work answers: their facts become reasoning, the most pressing sets urgency. */
  readonly signals: readonly Signal[];
  /** The stakes it claims a share of; drafts may share one list (see allocateStakes). */
  readonly claims: readonly Claim[];
  /** Days before done work recurs; null for one-off work. */
  recurDays: number | null;
}

/**
 * A draft, its fields always set in this order: thousands are made per run, and objects of one
 * shape stay fast (a spread of a shared part makes a slow, dictionary-like object per draft).
 */
export function makeDraft(d: Draft): Draft {
  return {
    key: d.key,
    memoryKey: d.memoryKey,
    title: d.title,
    about: d.about,
    aboutWords: d.aboutWords,
    category: d.category,
    projectId: d.projectId,
    projectName: d.projectName,
    playbookKey: d.playbookKey,
    signal: d.signal,
    subject: d.subject,
    item: d.item,
    itemDetail: d.itemDetail,
    goalId: d.goalId,
    focusArea: d.focusArea,
    effortHours: d.effortHours,
    effortNote: d.effortNote,
    tier: d.tier,
    ownUrgency: d.ownUrgency,
    ownUrgencyWhy: d.ownUrgencyWhy,
    signals: d.signals,
    claims: d.claims,
    dependsOn: d.dependsOn,
    recurDays: d.recurDays,
    fingerprint: d.fingerprint,
  };
}

/**
 * The facts a draft is proposed on. The dollars are the whole stakes it claims a share of (what
 * its project earns, its part of the gap, a goal's worth), not its share: a share grows when other
 * work on the same stake closes, which is no new fact about this work.
 */
export function factsOf(draft: Draft): TaskFacts {
  const stakes = new Map(draft.claims.map((c) => [c.stake.key, c.stake.usd]));
  let stakeUsd = 0;
  for (const usd of stakes.values()) stakeUsd += usd;
  const facts: TaskFacts = { stakeUsd: Math.round(stakeUsd * 100) / 100 };
  if (draft.itemDetail?.severity) facts.severity = draft.itemDetail.severity;
  if (draft.item?.kind === 'feature' && draft.itemDetail) facts.itemStatus = draft.itemDetail.status;
  const goalStatus = draft.signals.find((s) => s.goalStatus !== undefined)?.goalStatus;
  if (goalStatus !== undefined) facts.goalStatus = goalStatus;
  return facts;
}

import type { Task } from '../domain/task.js';
import { jaccard, normaliseTitle } from './fingerprint.js';
import { round } from './format.js';
import type { CandidateTask, SkippedCandidate } from './types.js';

export const DEFAULT_DUPLICATE_THRESHOLD = 0.75;

/** What dedup needs of a candidate. */
export type Dedupable = Pick<
  CandidateTask,
  'key' | 'title' | 'projectId' | 'subject' | 'memoryKey' | 'fingerprint' | 'tier' | 'score'
>;

export interface DedupResult<C extends Dedupable = CandidateTask> {
  /** Kept candidates, best score first (ties by key). */
  kept: C[];
  skipped: SkippedCandidate[];
  /** Skipped candidate key → the open-task ref or kept candidate key it duplicates. */
  redirects: Map<string, string>;
}

interface Comparable {
  projectId: number | null;
  subject: string | null;
  memoryKey: string | null;
  fingerprint: string;
  title: string;
  /** The normalised title, computed only when a comparison needs it. */
  words: string[] | null;
}

/** Candidates in score order: real work before fill-ins (tier), best first, ties broken by key. */
export function byScore(
  a: Pick<CandidateTask, 'tier' | 'score' | 'key'>,
  b: Pick<CandidateTask, 'tier' | 'score' | 'key'>,
): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.score !== b.score) return b.score - a.score;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Drops candidates that duplicate an open task or a better-scored candidate: the same work (memory
 * key), or the same project (or both none) and the same fingerprint or a Jaccard similarity of
 * normalised titles at or above `threshold`.
 */
export function dedupCandidates<C extends Dedupable>(
  candidates: readonly C[],
  openTasks: readonly Task[],
  threshold = DEFAULT_DUPLICATE_THRESHOLD,
): DedupResult<C> {
  // Duplicates only ever share a project, so compare within each project's pool: linear in the
  // number of projects rather than quadratic in all open tasks.
  const open = groupByProject(
    [...openTasks].sort((a, b) => a.id - b.id).map((task) => ({ task, c: comparable(task, task.title) })),
  );
  const kept: { candidate: C; c: Comparable }[] = [];
  const keptByProject = new Map<number | null, { candidate: C; c: Comparable }[]>();
  const skipped: SkippedCandidate[] = [];
  const redirects = new Map<string, string>();

  for (const candidate of [...candidates].sort(byScore)) {
    const c = comparable(candidate, candidate.title);
    const openMatch = bestMatch(c, open.get(c.projectId) ?? [], threshold);
    if (openMatch !== null) {
      skipped.push({
        title: candidate.title,
        duplicateOf: openMatch.item.task.ref,
        similarity: openMatch.similarity,
        reason: 'duplicate',
      });
      redirects.set(candidate.key, openMatch.item.task.ref);
      continue;
    }
    const keptMatch = bestMatch(c, keptByProject.get(c.projectId) ?? [], threshold);
    if (keptMatch !== null) {
      skipped.push({
        title: candidate.title,
        duplicateOf: keptMatch.item.candidate.title,
        similarity: keptMatch.similarity,
        reason: 'duplicate',
      });
      redirects.set(candidate.key, keptMatch.item.candidate.key);
      continue;
    }
    const entry = { candidate, c };
    kept.push(entry);
    const group = keptByProject.get(c.projectId);
    if (group) group.push(entry);
    else keptByProject.set(c.projectId, [entry]);
  }
  return { kept: kept.map((k) => k.candidate), skipped, redirects };
}

function groupByProject<T extends { c: Comparable }>(items: readonly T[]): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const group = groups.get(item.c.projectId);
    if (group) group.push(item);
    else groups.set(item.c.projectId, [item]);
  }
  return groups;
}

function comparable(
  work: Pick<Comparable, 'projectId' | 'subject' | 'memoryKey' | 'fingerprint'>,
  title: string,
): Comparable {
  const { projectId, subject, memoryKey, fingerprint } = work;
  return { projectId, subject, memoryKey, fingerprint, title, words: null };
}

/** A comparable's normalised title, computed on first use: most pairs never get that far. */
function wordsOf(c: Comparable): string[] {
  c.words ??= normaliseTitle(c.title);
  return c.words;
}

/** The most similar duplicate among `pool` (first one on ties), or null. */
function bestMatch<T extends { c: Comparable }>(
  target: Comparable,
  pool: readonly T[],
  threshold: number,
): { item: T; similarity: number } | null {
  let best: { item: T; similarity: number } | null = null;
  for (const item of pool) {
    if (item.c.projectId !== target.projectId) continue;
    const sameWork = item.c.memoryKey !== null && item.c.memoryKey === target.memoryKey;
    // Two different bugs (or focus areas) are two pieces of work, however alike their titles read.
    if (
      !sameWork &&
      item.c.subject !== null &&
      target.subject !== null &&
      item.c.subject !== target.subject
    ) {
      continue;
    }
    const similarity =
      sameWork || item.c.fingerprint === target.fingerprint ? 1 : jaccard(wordsOf(item.c), wordsOf(target));
    if (similarity < threshold) continue;
    if (best === null || similarity > best.similarity) best = { item, similarity };
  }
  return best === null ? null : { item: best.item, similarity: round(best.similarity) };
}

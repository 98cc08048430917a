import type { Task } from '../domain/task.js';
import { jaccard, normaliseTitle } from './fingerprint.js';
import { round } from './format.js';
import type { CandidateTask, SkippedCandidate } from './types.js';

export const DEFAULT_DUPLICATE_THRESHOLD = 0.75;

export interface DedupResult {
  /** Kept candidates, best score first (ties by key). */
  kept: CandidateTask[];
  skipped: SkippedCandidate[];
  /** Skipped candidate key → the open-task ref or kept candidate key it duplicates. */
  redirects: Map<string, string>;
}

interface Comparable {
  projectId: number | null;
  subject: string | null;
  fingerprint: string;
  words: string[];
}

/** Candidates in score order: best first, ties broken by key. */
export function byScore(a: CandidateTask, b: CandidateTask): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Drops candidates that duplicate an open task or a better-scored candidate: same project (or both
 * none) and the same fingerprint or a Jaccard similarity of normalised titles at or above `threshold`.
 */
export function dedupCandidates(
  candidates: readonly CandidateTask[],
  openTasks: readonly Task[],
  threshold = DEFAULT_DUPLICATE_THRESHOLD,
): DedupResult {
  // Duplicates only ever share a project, so compare within each project's pool: linear in the
  // number of projects rather than quadratic in all open tasks.
  const open = groupByProject(
    [...openTasks]
      .sort((a, b) => a.id - b.id)
      .map((task) => ({ task, c: comparable(task.projectId, task.subject, task.fingerprint, task.title) })),
  );
  const kept: { candidate: CandidateTask; c: Comparable }[] = [];
  const keptByProject = new Map<number | null, { candidate: CandidateTask; c: Comparable }[]>();
  const skipped: SkippedCandidate[] = [];
  const redirects = new Map<string, string>();

  for (const candidate of [...candidates].sort(byScore)) {
    const c = comparable(candidate.projectId, candidate.subject, candidate.fingerprint, candidate.title);
    const openMatch = bestMatch(c, open.get(c.projectId) ?? [], threshold);
    if (openMatch !== null) {
      skipped.push({
        title: candidate.title,
        duplicateOf: openMatch.item.task.ref,
        similarity: openMatch.similarity,
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
  projectId: number | null,
  subject: string | null,
  fingerprint: string,
  title: string,
): Comparable {
  return { projectId, subject, fingerprint, words: normaliseTitle(title) };
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
    // Two different bugs (or focus areas) are two pieces of work, however alike their titles read.
    if (item.c.subject !== null && target.subject !== null && item.c.subject !== target.subject) continue;
    const similarity = item.c.fingerprint === target.fingerprint ? 1 : jaccard(item.c.words, target.words);
    if (similarity < threshold && item.c.fingerprint !== target.fingerprint) continue;
    if (best === null || similarity > best.similarity) best = { item, similarity };
  }
  return best === null ? null : { item: best.item, similarity: round(best.similarity) };
}

import type { Task } from '../domain/task.js';
import type { CandidateTask, SkippedCandidate } from './batch-plan.js';
import { jaccard, normaliseTitle } from './fingerprint.js';
import { round } from './format.js';

export const DEFAULT_DUPLICATE_THRESHOLD = 0.75;

/**
 * What dedup needs of a candidate; when its fingerprint is a hash, what it is the hash of (see
 * Draft's hashOf), so that it is hashed only to be compared with another hash.
 */
export type Dedupable = Pick<
  CandidateTask,
  'key' | 'title' | 'projectId' | 'subject' | 'memoryKey' | 'fingerprint' | 'tier' | 'score'
> & { readonly hashOf?: string | undefined };

export interface DedupResult<C extends Dedupable = CandidateTask> {
  /** Kept candidates, best score first (ties by key). */
  kept: C[];
  skipped: SkippedCandidate[];
  /** The candidates skipped, in the order of `skipped`. */
  dropped: C[];
  /** Skipped candidate key → the open-task ref or kept candidate key it duplicates. */
  redirects: Map<string, string>;
}

/** What two pieces of work are compared by: open tasks and candidates alike. */
type Comparable = Pick<Task, 'projectId' | 'subject' | 'memoryKey' | 'fingerprint' | 'title'> & {
  readonly hashOf?: string | undefined;
};

/** What a hashed fingerprint looks like (see fingerprintOf): any other can equal no hash. */
const HASH = /^[0-9a-f]{32}$/;

/**
 * Whether two pieces of work share a fingerprint, hashing neither when that can be told without:
 * two hashes by what they hash, a hash and a fingerprint that is no hash (an item's) not at all.
 * Only a candidate compared with an open task that stores a hash is hashed.
 */
function sameFingerprint(a: Comparable, b: Comparable): boolean {
  if (a.hashOf !== undefined && b.hashOf !== undefined) return a.hashOf === b.hashOf;
  if (a.hashOf !== undefined && !HASH.test(b.fingerprint)) return false;
  if (b.hashOf !== undefined && !HASH.test(a.fingerprint)) return false;
  return a.fingerprint === b.fingerprint;
}

/**
 * Candidates in score order: real work before fill-ins (tier), best first, ties broken by key
 * (see compareKeys): equal backlog items of a kind in the order they were filed.
 */
export function byScore(
  a: Pick<CandidateTask, 'tier' | 'score' | 'key'>,
  b: Pick<CandidateTask, 'tier' | 'score' | 'key'>,
): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.score !== b.score) return b.score - a.score;
  return compareKeys(a.key, b.key);
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Keys as a person orders them, a run of digits by its number: `feature:9` before `feature:10`,
 * so equal items come in the order they were filed (their ids). Compared as text, ten of a
 * product's twelve equal features put the tenth to twelfth ahead of the second.
 */
export function compareKeys(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei += 1;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej += 1;
      // Leading zeros aside, the longer run is the larger number; of two as long, the text decides.
      const da = a.slice(i, ei).replace(/^0+(?=\d)/, '');
      const db = b.slice(j, ej).replace(/^0+(?=\d)/, '');
      if (da.length !== db.length) return da.length - db.length;
      if (da !== db) return da < db ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i += 1;
    j += 1;
  }
  if (a.length - i !== b.length - j) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
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
  // number of projects rather than quadratic in all open tasks. Pools hold the work itself (no
  // wrapper per candidate: a large workspace has hundreds of thousands).
  const open = groupByProject([...openTasks].sort((a, b) => a.id - b.id));
  const words = new Map<Comparable, string[]>();
  const kept: C[] = [];
  const keptByProject = new Map<number | null, C[]>();
  const skipped: SkippedCandidate[] = [];
  const dropped: C[] = [];
  const redirects = new Map<string, string>();

  for (const candidate of [...candidates].sort(byScore)) {
    const openMatch = bestMatch(candidate, open.get(candidate.projectId) ?? [], threshold, words);
    if (openMatch !== null) {
      skipped.push({
        title: candidate.title,
        duplicateOf: openMatch.item.ref,
        similarity: openMatch.similarity,
        reason: 'duplicate',
      });
      dropped.push(candidate);
      redirects.set(candidate.key, openMatch.item.ref);
      continue;
    }
    const keptMatch = bestMatch(candidate, keptByProject.get(candidate.projectId) ?? [], threshold, words);
    if (keptMatch !== null) {
      skipped.push({
        title: candidate.title,
        duplicateOf: keptMatch.item.title,
        similarity: keptMatch.similarity,
        reason: 'duplicate',
      });
      dropped.push(candidate);
      redirects.set(candidate.key, keptMatch.item.key);
      continue;
    }
    kept.push(candidate);
    const group = keptByProject.get(candidate.projectId);
    if (group) group.push(candidate);
    else keptByProject.set(candidate.projectId, [candidate]);
  }
  return { kept, skipped, dropped, redirects };
}

function groupByProject<T extends Comparable>(items: readonly T[]): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const group = groups.get(item.projectId);
    if (group) group.push(item);
    else groups.set(item.projectId, [item]);
  }
  return groups;
}

/** A piece of work's normalised title, computed on first use: most pairs never get that far. */
function wordsOf(c: Comparable, words: Map<Comparable, string[]>): string[] {
  let normal = words.get(c);
  if (normal === undefined) {
    normal = normaliseTitle(c.title);
    words.set(c, normal);
  }
  return normal;
}

/** Whether two normalised titles (sorted words) are the same words, and some. */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((word, i) => word === b[i]);
}

/** The most similar duplicate among `pool` (first one on ties), or null. */
function bestMatch<T extends Comparable>(
  target: Comparable,
  pool: readonly T[],
  threshold: number,
  words: Map<Comparable, string[]>,
): { item: T; similarity: number } | null {
  let best: { item: T; similarity: number } | null = null;
  for (const item of pool) {
    if (item.projectId !== target.projectId) continue;
    const sameWork = item.memoryKey !== null && item.memoryKey === target.memoryKey;
    // Two different bugs (or focus areas) are two pieces of work, however alike their titles read,
    // unless they read the same: the same words in a project are the same work typed twice
    // ("Paid quiz packs", "paid Quiz-Packs!"), and proposed twice they would claim its dollars twice.
    // (Word for word, numbers too: "Crash on iOS 17" and "Crash on iOS 18" are two bugs.)
    if (!sameWork && item.subject !== null && target.subject !== null && item.subject !== target.subject) {
      if (!sameWords(wordsOf(item, words), wordsOf(target, words))) continue;
      if (best === null || best.similarity < 1) best = { item, similarity: 1 };
      continue;
    }
    const similarity =
      sameWork || sameFingerprint(item, target) ? 1 : jaccard(wordsOf(item, words), wordsOf(target, words));
    if (similarity < threshold) continue;
    if (best === null || similarity > best.similarity) best = { item, similarity };
  }
  return best === null ? null : { item: best.item, similarity: round(best.similarity) };
}

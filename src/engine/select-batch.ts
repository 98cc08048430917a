import type { CandidateTask } from './batch-plan.js';
import { TIER } from './draft.js';

const NO_PREREQUISITES: readonly never[] = [];

/**
 * The candidates that make a batch of at most `maxTasks`, from candidates given best first (real
 * work before fill-ins, as byScore orders them and dedup keeps them), each with every prerequisite
 * it has among the candidates, or not at all. A prerequisite never enters on its own: only with a
 * dependent that does, so a batch never holds work that only unblocks something it left out; but
 * one that is work of its own (`ownWork`: a backlog feature another is set to wait for) enters as
 * any other, or a wait the team typed on it would cut it for lower work, and a chain of waits
 * longer than the cap would never be proposed.
 * Prerequisites are resolved through `redirects` (a dependency on a candidate dropped as a
 * duplicate points at what it duplicates). Work scoring 0 (no dollars at stake, nothing in the
 * vision values it) never enters on its own either: a batch with room left stays short rather
 * than ask the team to decide on work the engine cannot say why to do.
 * `room` (the team's free slots) holds all but blockers (critical bugs, work the team marked
 * critical) to fewer: they come first and enter up to `maxTasks` whatever the team holds, as a
 * lead would put them before anything else; the rest only while the batch has fewer than `room`.
 */
export function selectBatch<C extends Pick<CandidateTask, 'key' | 'tier' | 'score' | 'dependsOn'>>(
  candidates: readonly C[],
  maxTasks: number,
  redirects: ReadonlyMap<string, string> = new Map(),
  ownWork: (c: C) => boolean = () => false,
  room: number = maxTasks,
): C[] {
  const cap = Math.max(0, Math.floor(maxTasks));
  const rest = Math.min(cap, Math.max(0, Math.floor(room)));
  // Only the candidates some dependency names (directly or through a redirect) are ever looked up.
  const named = new Set<string>();
  for (const c of candidates) {
    for (const dep of c.dependsOn) {
      named.add(dep);
      const target = redirects.get(dep);
      if (target !== undefined) named.add(target);
    }
  }
  const byKey = new Map<string, C>();
  if (named.size > 0) for (const c of candidates) if (named.has(c.key)) byKey.set(c.key, c);
  // Most candidates (the backlog's) depend on nothing: they get the shared empty list.
  const prereqsOf = (c: C): readonly C[] =>
    c.dependsOn.length === 0
      ? NO_PREREQUISITES
      : c.dependsOn
          .map((dep) => byKey.get(byKey.has(dep) ? dep : (redirects.get(dep) ?? dep)))
          .filter((p): p is C => p !== undefined && p.key !== c.key);
  const dependentsOf = new Map<string, string[]>();
  for (const c of candidates) {
    for (const p of prereqsOf(c)) dependentsOf.set(p.key, [...(dependentsOf.get(p.key) ?? []), c.key]);
  }

  const chosen = new Set<string>();
  for (const c of candidates) {
    // Blockers first (see byScore): past them, the room is the cap.
    const limit = c.tier === TIER.blocker ? cap : rest;
    if (chosen.size >= limit) break;
    if (chosen.has(c.key) || c.score <= 0) continue;
    const closure = new Set<string>();
    const visit = (t: C): void => {
      if (closure.has(t.key) || chosen.has(t.key)) return;
      closure.add(t.key);
      for (const p of prereqsOf(t)) visit(p);
    };
    visit(c);
    // A prerequisite waits for a dependent to bring it (in a cycle, its dependents are its closure).
    if (!ownWork(c) && (dependentsOf.get(c.key) ?? []).some((d) => !closure.has(d))) continue;
    if (chosen.size + closure.size <= limit) for (const key of closure) chosen.add(key);
  }
  // In the candidates' order: best first, so the walk stops early.
  const batch: C[] = [];
  for (const c of candidates) {
    if (batch.length === chosen.size) break;
    if (chosen.has(c.key)) batch.push(c);
  }
  return batch;
}

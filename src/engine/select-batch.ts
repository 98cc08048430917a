import type { CandidateTask } from './batch-plan.js';
import { TIER } from './draft.js';
import type { Room } from './room.js';

const NO_PREREQUISITES: readonly never[] = [];

/**
 * A candidate's prerequisites among `byKey`: each dependency resolved through `redirects` (one on
 * a candidate dropped as a duplicate points at what it duplicates); those not among them (done,
 * or open as tasks) and the candidate itself left out.
 */
function prerequisitesIn<C extends { key: string; dependsOn: readonly string[] }>(
  byKey: ReadonlyMap<string, C>,
  redirects: ReadonlyMap<string, string>,
): (c: C) => readonly C[] {
  return (c) =>
    c.dependsOn.length === 0
      ? NO_PREREQUISITES
      : c.dependsOn
          .map((dep) => byKey.get(byKey.has(dep) ? dep : (redirects.get(dep) ?? dep)))
          .filter((p): p is C => p !== undefined && p.key !== c.key);
}

/** Which candidates wait for which: each one's prerequisites, and each prerequisite's dependents. */
export interface Dependencies<C> {
  /** A candidate's prerequisites, each once, in the order its dependencies name them. */
  before: ReadonlyMap<string, readonly C[]>;
  /** A prerequisite's dependents, each once, in the candidates' order. */
  dependents: ReadonlyMap<string, readonly C[]>;
}

/**
 * The waits among `candidates`, their prerequisites found among `byKey` (see prerequisitesIn): only
 * candidates that wait for some, or that some wait for, are keys. One pass, each list grown in
 * place (a prerequisite thousands wait for once had its list copied for each of them).
 */
export function dependenciesAmong<C extends { key: string; dependsOn: readonly string[] }>(
  candidates: readonly C[],
  byKey: ReadonlyMap<string, C>,
  redirects: ReadonlyMap<string, string>,
): Dependencies<C> {
  const prerequisitesOf = prerequisitesIn(byKey, redirects);
  const before = new Map<string, C[]>();
  const dependents = new Map<string, C[]>();
  for (const c of candidates) {
    if (c.dependsOn.length === 0) continue;
    const prerequisites = [...new Set(prerequisitesOf(c))];
    if (prerequisites.length === 0) continue;
    before.set(c.key, prerequisites);
    for (const p of prerequisites) {
      const of = dependents.get(p.key);
      if (of === undefined) dependents.set(p.key, [c]);
      else of.push(c);
    }
  }
  return { before, dependents };
}

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
 * A Room says whose slots they are: the rest enters only where someone with a free slot takes
 * it (its kind of work, its project), a blocker takes a slot when one takes it, and what the room
 * left out as nobody with a free slot takes it goes on `out.noRoom` (a bot's free slots are no
 * room for features). `out.beyond` counts the blockers (and their prerequisites) that came with no
 * room for them: past the free slots, or, in a Room, where no free slot takes them; `out.room`
 * the Room with the batch placed in it (null given a number).
 */
export function selectBatch<
  C extends Pick<CandidateTask, 'key' | 'tier' | 'score' | 'dependsOn' | 'category' | 'projectId'>,
>(
  candidates: readonly C[],
  maxTasks: number,
  redirects: ReadonlyMap<string, string> = new Map(),
  ownWork: (c: C) => boolean = () => false,
  room: number | Room = maxTasks,
  out: { noRoom: C[]; beyond: number; room?: Room | null } = { noRoom: [], beyond: 0 },
): C[] {
  const cap = Math.max(0, Math.floor(maxTasks));
  const slots = typeof room === 'number' ? null : room.fork();
  // Whose slots they are, when said, counts them as work is placed in them; else their number.
  const rest = slots === null ? Math.min(cap, Math.max(0, Math.floor(room as number))) : cap;
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
  const { before, dependents } = dependenciesAmong(candidates, byKey, redirects);
  const prereqsOf = (c: C): readonly C[] => before.get(c.key) ?? NO_PREREQUISITES;

  const chosen = new Set<string>();
  for (const c of candidates) {
    // Blockers first (see byScore): past them, the room is the cap.
    const limit = c.tier === TIER.blocker ? cap : rest;
    if (chosen.size >= limit || (c.tier !== TIER.blocker && slots?.free === 0)) break;
    if (chosen.has(c.key) || c.score <= 0) continue;
    // Depth first, each piece before its prerequisites in their order, on a stack of its own: a
    // chain of thousands of waits (an import's) would overflow the call stack.
    const closure = new Map<string, C>();
    const next: C[] = [c];
    for (let t = next.pop(); t !== undefined; t = next.pop()) {
      if (closure.has(t.key) || chosen.has(t.key)) continue;
      closure.set(t.key, t);
      const prerequisites = prereqsOf(t);
      for (let i = prerequisites.length - 1; i >= 0; i--) next.push(prerequisites[i] as C);
    }
    // A prerequisite waits for a dependent to bring it (in a cycle, its dependents are its closure).
    if (!ownWork(c) && (dependents.get(c.key) ?? NO_PREREQUISITES).some((d) => !closure.has(d.key))) continue;
    if (chosen.size + closure.size > limit) continue;
    if (slots !== null) {
      // A blocker comes whoever has room, and takes a slot of the one who takes it: past the
      // room's cap too (the cap here is `limit`), as only a slot nobody has free puts it beyond.
      if (c.tier === TIER.blocker) {
        for (const t of closure.values()) if (!slots.place([t], true)) out.beyond += 1;
      } else if (!slots.place([...closure.values()])) {
        if (slots.free > 0) out.noRoom.push(c);
        continue;
      }
    }
    for (const key of closure.keys()) chosen.add(key);
  }
  // Past the room only blockers enter (the rest stops at it).
  if (slots === null) out.beyond = Math.max(0, chosen.size - rest);
  out.room = slots;
  // In the candidates' order: best first, so the walk stops early.
  const batch: C[] = [];
  for (const c of candidates) {
    if (batch.length === chosen.size) break;
    if (chosen.has(c.key)) batch.push(c);
  }
  return batch;
}

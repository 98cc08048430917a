import { BacklogItem } from './BacklogItem.js';
import { byScore } from './dedup.js';
import { TIER } from './draft.js';
import { formatScore } from './format.js';
import { isMediumBug, Ranked } from './plan-part.js';

/** A medium bug given a place of the batch (see liftBug). */
export interface Lift {
  /** The bug, at the tier of the real work. */
  bug: Ranked;
  /** The work whose place it took, cut as any work the cap cuts. */
  replaces: Ranked;
  /** The batch with it. */
  chosen: Ranked[];
  /** What the batch was chosen from with it (the work it replaced left out). */
  from: Ranked[];
}

/**
 * The best medium bug the batch left out (`bugs`: those read, whether kept or shelved) that
 * outscores the weakest work of the batch (`chosen`) the team has not committed to, given that
 * work's place: at most one a batch. A medium bug comes after the real work, whatever it scores
 * (its 5 % of what its product earns is a guess by severity), but a lead found one double-charging
 * customers, scoring 434, cut every day for a feature scoring 309; a rule lifting every medium bug
 * worth more than growth work filled a big earner's batch with cosmetic ones (docs/fill-in-tier.md),
 * so one a batch. Only work that gives way (see BacklogItem.givesWay; a playbook's pick gives way
 * too) and stands alone in the batch (nothing of it waits for it, nor it for anything) is replaced.
 * The batch is chosen again (`select`) from the rest with the bug as real work, so the team's free
 * slots hold it as they hold any work; a bug nobody free takes is passed over for the next.
 * Null when no bug outscores such work.
 */
export function liftBug(
  bugs: readonly Ranked[],
  kept: readonly Ranked[],
  chosen: readonly Ranked[],
  redirects: ReadonlyMap<string, string>,
  select: (from: readonly Ranked[]) => Ranked[],
): Lift | null {
  const replaces = weakestGivingWay(chosen, redirects);
  if (replaces === null) return null;
  const outscoring = bugs.filter((b) => isMediumBug(b) && b.score > replaces.score).sort(byScore);
  const seen = new Set<string>();
  for (const b of outscoring) {
    if (seen.has(b.key)) continue;
    seen.add(b.key);
    const bug = new Ranked(b.draft, b.score, TIER.work, b.allocated, b.memoryNote, b.failures);
    const from = [...kept.filter((c) => c !== replaces && c.key !== b.key), bug].sort(byScore);
    const next = select(from);
    if (isSwap(next, chosen, replaces, bug)) return { bug, replaces, chosen: next, from };
  }
  return null;
}

/** The card's line of a lifted bug: why it has a place among the real work. */
export function liftedLine(lift: Pick<Lift, 'bug' | 'replaces'>): string {
  const { bug, replaces } = lift;
  return `A medium bug given one of today's places: it scores ${formatScore(bug.score)} against ${formatScore(replaces.score)} for "${replaces.title}", which it replaces (a batch gives one medium bug such a place, at most)`;
}

/** The card's line of a medium bug given a place when it was proposed, valued again. */
export const KEPT_PLACE =
  'A medium bug given a place among the real work when it was proposed, as it outscored work the team had not committed to: it keeps it while it awaits a decision';

/**
 * The least-scoring work of the batch that gives way to a medium bug (see liftBug), or null: of
 * the real work's tier, not the team's commitment, standing alone.
 */
function weakestGivingWay(chosen: readonly Ranked[], redirects: ReadonlyMap<string, string>): Ranked | null {
  const linked = new Set(redirects.values());
  for (const c of chosen) for (const key of c.dependsOn) linked.add(key);
  let weakest: Ranked | null = null;
  for (const c of chosen) {
    if (c.tier !== TIER.work || c.dependsOn.length > 0 || linked.has(c.key)) continue;
    if (c.draft instanceof BacklogItem && !c.draft.givesWay) continue;
    if (weakest === null || byScore(c, weakest) > 0) weakest = c;
  }
  return weakest;
}

/** Whether `next` is the batch `chosen` with `bug` in place of `replaces`, and nothing else moved. */
function isSwap(next: readonly Ranked[], chosen: readonly Ranked[], replaces: Ranked, bug: Ranked): boolean {
  if (next.length !== chosen.length || !next.includes(bug)) return false;
  const now = new Set(next);
  return chosen.every((c) => c === replaces || now.has(c));
}

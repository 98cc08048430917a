import type { Allocation, Claim } from './batch-plan.js';
import type { Draft } from './draft.js';
import { round } from './format.js';

/**
 * A draft's allocations as it claims them: for work of other than its kind's size (see
 * BacklogItem.sizePart), its feature-sizes' part of a share of the revenue gap (shared by the
 * feature-sizes of work: see gapClaim), and of any other share the part its size wins when it is
 * smaller than its kind, cents rounded down; otherwise the shared list, as it is.
 */
export function sizedAllocations(draft: Draft, allocations: readonly Allocation[]): readonly Allocation[] {
  const size = draft.sizePart;
  if (size === undefined || size === null || allocations.length === 0) return allocations;
  return allocations.map((a) => {
    const part = a.ownSize === true ? 1 : a.perUnits !== undefined ? size.part : Math.min(1, size.part);
    return part === 1 ? a : { ...a, usd: Math.floor(a.usd * part * 100 + 1e-6) / 100, sized: part };
  });
}

/** The feature-sizes a draft claims a share of the revenue gap for (see gapClaim): one unless sized. */
export const unitsOf = (draft: Draft): number => draft.sizePart?.part ?? 1;

/**
 * Shares each stake among the drafts that claim it: a claim gets its weight of the stake, and when
 * the weights on one stake add up to more than 1 every claim is scaled down alike, so the work on a
 * stake never claims more dollars than are at stake. Returns the allocations of each list of claims
 * (drafts that claim the same stakes alike, such as a project's open features, share one list, and
 * so one allocation); a draft that claims nothing has none. `claimedElsewhere` gives the total
 * weight on stakes that drafts planned apart claim too (a goal the whole backlog serves).
 * `claimants` tells what each piece of work claims, drafted or not, in the drafts' order (by
 * default, the drafts'), and for how many feature-sizes of work on a share of the gap (`units`)
 * and how many items on any other stake (`items`): work not drafted claims its share all the same.
 */
export function allocateStakes(
  drafts: readonly Draft[],
  claimedElsewhere: ReadonlyMap<string, number> = new Map(),
  claimants?: (claim: Claimant) => void,
): Map<readonly Claim[], Allocation[]> {
  const claimed = new Map(claimedElsewhere);
  // The stakes bugs claim part of as what their product is to win (see Claim.toWin).
  const threatened = new Set<string>();
  // Indexed loops, not for…of, here and in the planning code a plan runs for every project or item:
  // a plan of fewer than 15,000 projects runs in V8's baseline code (see the bin), where for…of
  // allocates an iterator and an object per element (on 10,000 projects, 36 of the 145 MB a plan
  // allocated went to the iterators of for…of loops and of array destructuring).
  const add: Claimant = (claims, units = 1, items = 1) => {
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i] as Claim;
      if (c.toWin === true) threatened.add(c.stake.key);
      if (!claimedElsewhere.has(c.stake.key))
        claimed.set(
          c.stake.key,
          (claimed.get(c.stake.key) ?? 0) + c.weight * (c.perUnits !== undefined ? units : items),
        );
    }
  };
  // Added up in the drafts' order: the totals are the same whatever was drafted.
  if (claimants === undefined)
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i] as Draft;
      add(d.claims, unitsOf(d));
    }
  else claimants(add);
  const out = new Map<readonly Claim[], Allocation[]>();
  for (let i = 0; i < drafts.length; i++) {
    const { claims } = drafts[i] as Draft;
    // Work that claims nothing (most of a large backlog) gets no entry: it is allocated nothing.
    if (claims.length === 0 || out.has(claims)) continue;
    out.set(
      claims,
      countChurnOnce(
        claims.map((c) => {
          const total = claimed.get(c.stake.key) ?? c.weight;
          const crowded = total > 1 + 1e-9 ? round(total, 4) : null;
          // Cents rounded down: the shares of a stake never add up to more than the stake.
          const usd = Math.floor((c.stake.usd * c.weight * 100) / Math.max(1, total) + 1e-6) / 100;
          return crowded !== null && threatened.has(c.stake.key)
            ? { ...c, usd, crowded, withThreats: true as const }
            : { ...c, usd, crowded };
        }),
        claimed,
      ),
    );
  }
  return out;
}

/**
 * Adds what some work claims: `claims`, for `units` feature-sizes of work on a share of the revenue
 * gap (see gapClaim) and `items` pieces of work on any other stake (one each by default).
 */
export type Claimant = (claims: readonly Claim[], units?: number, items?: number) => void;

/**
 * One piece of work's allocations with customers leaving counted once: a goal on churn and a churn
 * rise (or a revenue fall) it also claims are two estimates of the same customers, so the goal's
 * share counts only above the revenue claimed for them (a cancellation survey claimed the $669 a
 * month Ledgerly's churn rise takes and all $1,600 closing `ledgerly_churn` is worth: the same
 * customers twice, and a score that outranked other work by it). What is claimed for them is all
 * the work's on the rise (`claimed`: the weights on each stake), the goal's share of it (an email
 * linked to the goal took all $764 closing it is worth less its own $115 of the rise, beside a
 * survey's $115 of the same rise: $879 of a $764 loss), and at least this work's own. Revenue
 * stays whole: it is what the milestone counts.
 */
function countChurnOnce(allocations: Allocation[], claimed: ReadonlyMap<string, number>): Allocation[] {
  let own = 0;
  let lost = 0;
  for (let i = 0; i < allocations.length; i++) {
    const a = allocations[i] as Allocation;
    if ((a.of ?? a.stake).churn !== true || a.stake.kind !== 'revenue') continue;
    own += a.usd;
    // A fall's part within a share of the gap is this work's alone (see Claim.of).
    lost += a.of === undefined ? a.stake.usd * Math.min(1, claimed.get(a.stake.key) ?? 0) : a.usd;
  }
  if (own === 0) return allocations;
  lost = Math.max(lost, own);
  return allocations.map((a) => {
    if (a.stake.churn !== true || a.stake.kind !== 'goal' || lost <= 0) return a;
    const part = a.stake.usd > 0 ? Math.min(1, a.usd / a.stake.usd) : 1;
    const counted = round(Math.min(a.usd, Math.max(own, lost * part)));
    const others = round(Math.max(0, counted - own));
    own = round(Math.max(0, own - counted));
    lost = round(Math.max(0, lost - counted));
    return {
      ...a,
      usd: round(a.usd - counted),
      countedAsRevenue: counted,
      ...(others > 0 ? { countedByOthers: others } : {}),
    };
  });
}

import type { BacklogRef } from '../domain/task.js';
import { formatScore } from './format.js';

/** What a tie needs of a ranked piece of work. */
export interface Tieable {
  readonly key: string;
  readonly tier: number;
  readonly score: number;
  readonly draft: {
    readonly item: BacklogRef | null;
    readonly projectId: number | null;
    readonly projectName: string | null;
    readonly itemDetail?: { readonly priority?: string | null; readonly severity?: string | null } | null;
    /** The work it waits for (`feature after`), by key or ref: none for most. */
    readonly dependsOn?: readonly string[];
  };
}

/**
 * What backlog work ties on: its project, its kind (a feature, or a bug of one severity), its tier
 * and its score, exactly; null for work not from the backlog. Items of one project alike are the
 * ones a team orders between; a project lies within one part of a plan, so a part can count them.
 */
export function tieOf(r: Tieable): string | null {
  const { item, projectId, itemDetail } = r.draft;
  if (item === null) return null;
  return `${projectId}|${item.kind}:${itemDetail?.severity ?? ''}|${r.tier}|${r.score}`;
}

/**
 * How the team ranks one of equal features ahead, where it has not already ranked it high; for a
 * feature that waits for other work, that the work it waits for comes first still (raised with it:
 * a review read the line as raising the feature alone, over what it waits for).
 */
function rankAhead(item: BacklogRef, priority: string | null | undefined, waits: boolean): string {
  if (item.kind !== 'feature' || priority === 'high' || priority === 'critical') return '';
  const ahead = waits
    ? 'ranks it ahead of its equals, after the work it waits for'
    : 'ranks it ahead of its equals';
  return item.source
    ? `; labelling its issue, ${item.source.ref}, high priority ${ahead}`
    : `; \`goalpost feature priority ${item.id} high\` ${ahead}`;
}

/**
 * The line a card of the batch gets when the plan valued it exactly as other backlog items of its
 * project and kind: how many, that equal work comes in the order it was filed (byScore's key
 * order), and how the team puts one ahead (the batch shows where it came). A review found a
 * product's aligned features scoring alike, their order the tie-break's, and nothing on a card to
 * say so. `ranked`: the work the plan ranked and the proposals it valued again; `shelved`: by
 * tieOf, how many items the parts set aside tie so (see tiesShelved). By key, for `keys` only.
 */
export function tieLines<T extends Tieable>(
  ranked: readonly T[],
  shelved: ReadonlyMap<string, number>,
  keys: ReadonlySet<string>,
): Map<string, string> {
  const wanted = new Set<string>();
  for (const r of ranked) {
    const tie = keys.has(r.key) ? tieOf(r) : null;
    if (tie !== null) wanted.add(tie);
  }
  const groups = new Map<string, T[]>();
  for (const r of ranked) {
    const tie = tieOf(r);
    if (tie === null || !wanted.has(tie)) continue;
    const group = groups.get(tie);
    if (group === undefined) groups.set(tie, [r]);
    else group.push(r);
  }
  const lines = new Map<string, string>();
  for (const [tie, group] of groups) {
    const all = group.length + (shelved.get(tie) ?? 0);
    if (all < 2) continue;
    for (const r of group) {
      if (!keys.has(r.key)) continue;
      const item = r.draft.item as BacklogRef;
      const severity = r.draft.itemDetail?.severity ?? 'open';
      const others = all - 1;
      const kind = item.kind === 'bug' ? `${severity} bug` : 'feature';
      lines.set(
        r.key,
        `Ties with ${others} other ${kind}${others === 1 ? '' : 's'} of ${r.draft.projectName ?? 'no project'} at score ${formatScore(r.score)}: equal work comes in the order it was filed${rankAhead(item, r.draft.itemDetail?.priority, (r.draft.dependsOn?.length ?? 0) > 0)}`,
      );
    }
  }
  return lines;
}

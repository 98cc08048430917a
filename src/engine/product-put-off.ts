import type { DecisionMemory, RejectedItem, RememberedTask } from '../domain/history.js';
import { momentText } from '../domain/task.js';
import { possessive } from './format.js';
import { quoted, type Recall, recall, rejectionHold } from './memory.js';

/**
 * A product the team put off whole: one of its items rejected for a time its reason names, the
 * reason naming the product too ("Spend Insights waits until Q2"; see Recall.productPutOff).
 */
export interface ProductPutOff {
  /** The rejected item's memory key: its own recall holds it, as any rejection's. */
  key: string;
  rejected: RememberedTask;
  /** When the hold ends (ms): the time the reason named, or the most memory keeps it. */
  ends: number;
}

/** Which products a plan finds put off: by project id, or null. */
export type ProductsPutOff = (projectId: number) => ProductPutOff | null;

/**
 * The products the team put off whole (see ProductPutOff), read once a plan first asks: the
 * backlog items rejected within memory's window (a few), and memory of each. A rejection decided
 * since (its item done, or taken on again and failed, after it) or whose hold is over puts nothing
 * off; of two that still do, the one that holds longer counts.
 */
export function productsPutOffOf(
  rejectedItems: () => readonly RejectedItem[],
  memory: (keys: readonly string[]) => DecisionMemory,
  now: string,
  cooldownDays: number,
  projectName: (id: number) => string | null,
): ProductsPutOff {
  let byProject: Map<number, ProductPutOff> | undefined;
  const read = (): Map<number, ProductPutOff> => {
    const out = new Map<number, ProductPutOff>();
    const items = rejectedItems();
    if (items.length === 0) return out;
    const remembered = memory(items.map((item) => item.key));
    for (const { key, projectId } of items) {
      const rejected = remembered.rejected.get(key);
      if (rejected === undefined) continue;
      const still = recall(
        { memoryKey: key, recurDays: null, itemDetail: null, projectName: projectName(projectId) },
        rejected.facts,
        remembered,
        now,
        cooldownDays,
      );
      if (!still.hold || still.productPutOff !== true) continue;
      const ends = rejectionHold(rejected, cooldownDays).ends;
      const seen = out.get(projectId);
      if (seen === undefined || ends > seen.ends) out.set(projectId, { key, rejected, ends });
    }
    return out;
  };
  return (projectId) => {
    byProject ??= read();
    return byProject.get(projectId) ?? null;
  };
}

/**
 * What a product put off says of another of its items (see ProductPutOff): held back with it,
 * as the team asked, unless it is critical work (a critical bug, or a feature the team ranked
 * critical), which no reason about the product's roadmap puts off. Null when it says nothing: no
 * product put off, the rejected item itself (its own recall tells), or critical work.
 */
export function recallPutOff(
  putOff: ProductPutOff | null,
  item: { readonly memoryKey: string; readonly projectName: string | null },
  critical: boolean,
): Recall | null {
  if (putOff === null || critical || item.memoryKey === putOff.key) return null;
  const { rejected } = putOff;
  const whose = item.projectName === null ? "its product's" : possessive(item.projectName);
  const put = `${whose} work was put off as ${rejected.ref} on ${rejected.at.slice(0, 10)}${quoted(rejected.reason)}`;
  return {
    hold: true,
    reason: 'rejected',
    ref: rejected.ref,
    productPutOff: true,
    note: `${put}; not before ${momentText(new Date(putOff.ends).toISOString())} unless the team ranks it critical`,
    withdraws: `${put[0]?.toUpperCase()}${put.slice(1)}`,
  };
}

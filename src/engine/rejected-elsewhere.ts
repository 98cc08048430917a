import type { DecisionMemory, RememberedTask } from '../domain/history.js';
import { momentText } from '../domain/task.js';
import { playbookOfMemoryKey } from './instantiate-playbooks.js';
import { quoted, type Recall, recall, rejectionHold } from './memory.js';
import { notTheTeamsWork } from './reason-owner.js';

/** A playbook's work rejected on one product, and still held back there by that rejection. */
export interface RejectedElsewhere {
  projectId: number;
  projectName: string | null;
  rejected: RememberedTask;
}

/**
 * For a playbook draft, the rejections of the same playbook's work on other products that still
 * hold it back there, newest first. Read once a plan first asks: the playbook work rejected within
 * memory's window (`keys`, a few), and memory of each (`memory`); a rejection decided since (the
 * work done, or failed, after it) or whose hold is over holds nothing.
 */
export function rejectedElsewhereOf(
  keys: () => readonly string[],
  memory: (keys: readonly string[]) => DecisionMemory,
  now: string,
  cooldownDays: number,
  projectName: (id: number) => string | null,
): (draft: { memoryKey: string; projectId: number | null }) => readonly RejectedElsewhere[] {
  let byPlaybook: Map<string, RejectedElsewhere[]> | undefined;
  const read = (): Map<string, RejectedElsewhere[]> => {
    const out = new Map<string, RejectedElsewhere[]>();
    const rejectedKeys = keys();
    if (rejectedKeys.length === 0) return out;
    const remembered = memory(rejectedKeys);
    for (const key of rejectedKeys) {
      const of = playbookOfMemoryKey(key);
      const rejected = remembered.rejected.get(key);
      if (of === null || rejected === undefined) continue;
      const still = recall(
        { memoryKey: key, recurDays: null, itemDetail: null },
        rejected.facts,
        remembered,
        now,
        cooldownDays,
      );
      if (!still.hold || still.reason !== 'rejected') continue;
      const list = out.get(of.playbookKey) ?? [];
      list.push({ projectId: of.projectId, projectName: projectName(of.projectId), rejected });
      out.set(of.playbookKey, list);
    }
    for (const list of out.values()) list.sort((a, b) => (a.rejected.at < b.rejected.at ? 1 : -1));
    return out;
  };
  return (draft) => {
    const of = playbookOfMemoryKey(draft.memoryKey);
    if (of === null || draft.projectId === null) return NONE;
    byPlaybook ??= read();
    const all = byPlaybook.get(of.playbookKey);
    return all === undefined ? NONE : all.filter((r) => r.projectId !== draft.projectId);
  };
}

const NONE: readonly RejectedElsewhere[] = [];

/**
 * What the same playbook's work rejected on other products says of a draft the team never decided
 * on (see rejectedElsewhereOf): a reason that says the work is not the team's, on any product
 * (notTheTeamsWork), holds it back as long as it holds that rejection's own work; any other is said
 * on its card ("not now" for one product is no answer for another), the draft proposed as its own
 * case. Null when there is none.
 */
export function recallElsewhere(
  elsewhere: readonly RejectedElsewhere[],
  cooldownDays: number,
  /** The draft's own product: a reason naming it is about it, not about the kind of work. */
  product: string | null,
): Recall | null {
  const [latest] = elsewhere;
  if (latest === undefined) return null;
  const of = (r: RejectedElsewhere) =>
    `for ${r.projectName ?? `project ${r.projectId}`} as ${r.rejected.ref} on ${r.rejected.at.slice(0, 10)}${quoted(r.rejected.reason)}`;
  const owned = elsewhere.find((r) =>
    notTheTeamsWork(r.rejected.reason, [r.projectName, product], Date.parse(r.rejected.at)),
  );
  if (owned !== undefined) {
    const ends = momentText(new Date(rejectionHold(owned.rejected, cooldownDays).ends).toISOString());
    return {
      hold: true,
      reason: 'rejected',
      ref: owned.rejected.ref,
      note: `this playbook's work was rejected ${of(owned)}, as work that is not the team's, on any product; not proposed again before ${ends}`,
      withdraws: `the team rejected the same playbook's work ${of(owned)}, as work that is not its own, on any product`,
    };
  }
  return {
    hold: false,
    note: `The same playbook's work was rejected ${of(latest)}; proposed here as a case of its own (a reason saying it is not the team's work, as "marketing owns acquisition", would hold it back on every product)`,
  };
}

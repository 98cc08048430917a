import { listed } from '../domain/word-list.js';
import { slotsInUse } from '../learning/route-reason.js';
import type { RoutingCandidate } from '../learning/types.js';

/**
 * A proposal awaiting a decision that someone holds, as routing weighs it: its priority on the
 * plan's scale, and how a card names it (its ref, or a new task's title in quotes).
 */
export interface HeldProposal {
  assignee: string;
  priority: number;
  name: string;
}

/**
 * The slots of a plan's assignees while it routes. Work approved or under way holds its slot
 * against any task; a proposal awaiting a decision holds its slot only against work no more
 * pressing than it (ties keep it): the team may yet reject it, and a critical bug must not wait
 * behind an idea for low-priority work (a product lead's review found one that did). `candidates`
 * count work approved or under way; `held`, the proposals routed to them.
 */
export function createRoutingSlots(candidates: readonly RoutingCandidate[], held: readonly HeldProposal[]) {
  const committed = new Map(candidates.map((c) => [c.name, c.openTasks]));
  const proposals = new Map<string, HeldProposal[]>(candidates.map((c) => [c.name, []]));
  for (const h of held) proposals.get(h.assignee)?.push(h);
  const proposalsOf = (name: string) => proposals.get(name) ?? [];
  return {
    /** The candidates as a task of `priority` finds them: `openTasks` is what holds a slot against it. */
    at(priority: number): RoutingCandidate[] {
      return candidates.map((c) => ({
        ...c,
        openTasks:
          (committed.get(c.name) ?? 0) + proposalsOf(c.name).filter((p) => p.priority >= priority).length,
      }));
    },

    /**
     * A routing reason for a task of `priority`, ending in the slots `decision` counted against it,
     * as its card says it: every open task the assignee holds counted, and, when the task takes them
     * past their capacity, the least pressing proposals it goes ahead of, which stay theirs (`1 of
     * 1 slot in use; ahead of T-1, ana's less pressing proposal awaiting a decision: approved too,
     * it would put ana over capacity`). A review read "it takes the place of T-1" as T-1 moved
     * off, and found ana holding four tasks against three slots. Before `take`.
     */
    said(
      reason: string,
      decision: { assignee: string; openTasks: number; capacity: number },
      priority: number,
    ): string {
      const { assignee, capacity } = decision;
      const holding = (committed.get(assignee) ?? 0) + proposalsOf(assignee).length;
      const lesser = proposalsOf(assignee).filter((p) => p.priority < priority);
      const names = lesser
        .sort((a, b) => a.priority - b.priority)
        .slice(0, Math.max(0, holding + 1 - capacity))
        .map((p) => p.name);
      const one = names.length === 1;
      const place =
        names.length === 0
          ? ''
          : `; ahead of ${listed(names)}, ${assignee}'s less pressing ${one ? 'proposal' : 'proposals'} awaiting a decision: approved too, ${one ? 'it' : 'they'} would put ${assignee} over capacity`;
      const counted = slotsInUse(decision.openTasks, capacity);
      // A reason that ends otherwise (none does today) keeps its words, and says the place taken.
      if (!reason.endsWith(counted)) return `${reason}${place}`;
      return `${reason.slice(0, -counted.length)}${slotsInUse(holding, capacity)}${place}`;
    },

    /** Gives `name` a task: approved work (`proposal` null), or a proposal awaiting a decision. */
    take(name: string, proposal: Omit<HeldProposal, 'assignee'> | null): void {
      if (!committed.has(name)) return;
      if (proposal === null) committed.set(name, (committed.get(name) ?? 0) + 1);
      else proposalsOf(name).push({ ...proposal, assignee: name });
    },
  };
}

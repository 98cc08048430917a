import { featureUnits, type ShippedItem, teamPriorityOf } from '../domain/project.js';
import type { TaskFacts } from '../domain/task.js';
import { itemKey, itemTitle, tierOf } from './BacklogItem.js';
import { type Draft, TIER } from './draft.js';
import type { BacklogSource, EngineOptions, PlanInput } from './engine-input.js';
import { round } from './format.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS, openWork, recall, type WaitedOn } from './memory.js';
import { holdTwins } from './plan-part.js';
import { type ProductsPutOff, recallPutOff } from './product-put-off.js';
import { growthItems, type Held, type ScheduledAfter } from './stakes.js';
import type { ProjectState, RevenueState } from './workspace-state.js';

/** What recall and holdTwins read of an open item, with the facts its draft would have. */
type ItemMemo = Pick<Draft, 'memoryKey' | 'recurDays' | 'itemDetail' | 'title' | 'projectName'> & {
  projectId: number;
  facts: TaskFacts;
  /** What it weighs in the split of the gap (see featureUnits). */
  units: number;
  /** Critical work, as its draft's tier says it (see tierOf): no product put off holds it. */
  critical: boolean;
};

/**
 * The open growth items memory holds back, by project id (see heldGrowthItems), and of them those
 * held as done: shipped by a task, their item left open (a GitHub issue not closed yet), with when.
 */
export interface HeldGrowth {
  held: Map<number, Held>;
  doneLeftOpen: ShippedItem[];
}

/**
 * How many of each earning project's open growth items (features not done but upkeep, open critical bugs)
 * memory holds back, by project id: rejected within the cooldown, or done and not reopened. They
 * win none of the revenue gap while held, so the gap's split across projects leaves them out (see
 * gapShares): rejecting two of a product's three features does not leave the third its whole
 * part, three times another product's feature (among products that earn, each keeps its share
 * by what it earns, and what its work cannot claim is its growth playbooks'). Only projects with
 * such an item, and an item memory may hold back (done, or rejected lately: see
 * holdingProjects), are read (one with a single item weighs as one either way, but the play that
 * takes its part says its backlog is held). Each is
 * recalled with the facts its draft will carry (the whole gap it shares, what its project earns
 * for a critical bug, its status or severity, a feature's team priority),
 * none of which hangs on this split, and an item that reads as one held is held with it (see
 * holdTwins). The one fact left out is the goal an item serves: an item rejected when it served
 * none, and linked since to a goal off track, comes back in its part, weighed here as held.
 * An item held as done was shipped the day its task was done (`doneLeftOpen`): its issue closing
 * days later is no news, so it is counted on as shipped work from that day (see
 * shippedAwaitingRevenue), as it is once its issue closes, and the work left is not worth more
 * in between. Items scheduled after the revenue target (`later`) weigh nothing in the split,
 * held or not: they are not counted as held; one done early shipped all the same, and is.
 */
export function heldGrowthItems(
  active: readonly ProjectState[],
  revenue: RevenueState,
  backlog: BacklogSource,
  input: PlanInput,
  options: EngineOptions,
  later: ScheduledAfter,
  /** What the tasks reasons name are (see WaitedOn): the plan's, so each ref is asked once. */
  waitedOn: WaitedOn,
  /** The products the team put off whole: their other items are held with them (see recallPutOff). */
  productPutOff: ProductsPutOff,
): HeldGrowth {
  const held = new Map<number, Held>();
  const doneLeftOpen: ShippedItem[] = [];
  const out = { held, doneLeftOpen };
  const holding = backlog.holdingProjects();
  if (holding.size === 0) return out;
  const ids: number[] = [];
  for (const p of active) {
    if (p.project.revenueBearing && growthItems(p) > 0 && holding.has(p.project.id)) ids.push(p.project.id);
  }
  if (ids.length === 0) return out;
  const byId = new Map(active.map((p) => [p.project.id, p]));
  // The whole gap a growth item shares, as its draft's gap stake tells it (see factsOf).
  const gap = revenue.gap > 0 ? { gapUsd: round(revenue.gap) } : {};
  const { features, bugs } = backlog.readProjects(ids);
  const items: ItemMemo[] = [];
  const scheduledLater = (projectId: number, key: string) => later.items.get(projectId)?.has(key) === true;
  for (const f of features) {
    // Upkeep shares no part of the gap: held back or not, it moves no one's part.
    if (f.status === 'done' || f.upkeep) continue;
    const name = byId.get(f.projectId)?.project.name ?? '';
    // Its team priority as its draft's facts give it (see BacklogItem.teamPriority and factsOf):
    // a raise since a rejection brings it back, so it must not be counted here as held.
    const priority = f.source?.labelsPending ? undefined : (teamPriorityOf(f) ?? 'none');
    items.push({
      projectId: f.projectId,
      memoryKey: itemKey('feature', f),
      projectName: name,
      recurDays: null,
      itemDetail: { status: f.status, severity: null, updatedAt: f.updatedAt },
      title: itemTitle('feature', f, name),
      units: featureUnits(f),
      critical: tierOf('feature', teamPriorityOf(f)) === TIER.blocker,
      facts: { stakeUsd: 0, ...gap, itemStatus: f.status, ...(priority === undefined ? {} : { priority }) },
    });
  }
  for (const b of bugs) {
    if (b.status !== 'open' || b.severity !== 'critical') continue;
    const project = byId.get(b.projectId);
    items.push({
      projectId: b.projectId,
      memoryKey: itemKey('critical', b),
      projectName: project?.project.name ?? null,
      recurDays: null,
      itemDetail: { status: b.status, severity: b.severity, updatedAt: b.updatedAt },
      title: itemTitle('critical', b, project?.project.name ?? ''),
      units: 1,
      critical: true,
      // What its project earns: a critical bug puts it at risk.
      facts: { stakeUsd: round(Math.max(0, project?.monthlyRevenue ?? 0)), ...gap, severity: b.severity },
    });
  }
  const memory = backlog.memory(items.map((i) => i.memoryKey));
  const cooldown = options.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS;
  const open = openWork(input.openTasks);
  const memos = items.map((item) => {
    const own = recall(item, item.facts, memory, input.now, cooldown, open, waitedOn);
    if (own.hold) return own;
    return recallPutOff(productPutOff(item.projectId), item, item.critical) ?? own;
  });
  holdTwins(items, memos);
  items.forEach((item, i) => {
    const memo = memos[i];
    // Recalled all the same: an item may be held as its twin (see holdTwins).
    if (!memo?.hold) return;
    // Scheduled after the target, it weighs nothing in the split, held or not; done early, it
    // shipped before the target all the same, as its issue closing would say.
    if (!scheduledLater(item.projectId, item.memoryKey)) {
      // Held for a decision on it, its part stays its own (see Held.kept).
      const kept = memo.reason === 'rejected' || memo.reason === 'failed' ? item.units : 0;
      const waiting = memo.reason === 'failed' ? item.units : 0;
      const seen = held.get(item.projectId);
      if (seen === undefined) held.set(item.projectId, { items: 1, units: item.units, kept, waiting });
      else {
        seen.items += 1;
        seen.units += item.units;
        seen.kept += kept;
        seen.waiting += waiting;
      }
    }
    const done = memo.reason === 'done' ? memory.done.get(item.memoryKey) : undefined;
    if (done !== undefined) doneLeftOpen.push({ projectId: item.projectId, at: done.at, units: item.units });
  });
  return out;
}

import type { TaskFacts } from '../domain/task.js';
import { itemKey } from './BacklogItem.js';
import type { Draft } from './draft.js';
import type { BacklogSource, EngineOptions, PlanInput } from './engine-input.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS, recall } from './memory.js';
import { growthItems } from './stakes.js';
import type { ProjectState } from './workspace-state.js';

/** What recall reads of an open item, and the facts of it that do not hang on the gap's split. */
type ItemMemo = Pick<Draft, 'memoryKey' | 'recurDays' | 'itemDetail'> & {
  projectId: number;
  facts: TaskFacts;
};

/**
 * How many of each earning project's open growth items (features not done, open critical bugs)
 * memory holds back, by project id: rejected within the cooldown, or done and not reopened. They
 * win none of the revenue gap while held, so the gap's split across projects leaves them out (see
 * gapShares): rejecting two of a product's three features does not leave the third its whole
 * part, three times another product's feature. Only projects with more than one such item, and an
 * item memory holds anything of, are read. An item's dollars when it was rejected are not compared
 * with today's here (today's come from this very split): its severity and status are, as recall
 * compares them.
 */
export function heldGrowthItems(
  active: readonly ProjectState[],
  backlog: BacklogSource,
  input: PlanInput,
  options: EngineOptions,
): Map<number, number> {
  const held = new Map<number, number>();
  const remembered = backlog.rememberedProjects();
  if (remembered.size === 0) return held;
  const ids: number[] = [];
  for (const p of active) {
    if (p.project.revenueBearing && growthItems(p) > 1 && remembered.has(p.project.id))
      ids.push(p.project.id);
  }
  if (ids.length === 0) return held;
  const { features, bugs } = backlog.readProjects(ids);
  const items: ItemMemo[] = [];
  for (const f of features) {
    if (f.status === 'done') continue;
    const itemDetail = { status: f.status, severity: null, updatedAt: f.updatedAt };
    const facts = { itemStatus: f.status };
    items.push({
      projectId: f.projectId,
      memoryKey: itemKey('feature', f),
      recurDays: null,
      itemDetail,
      facts,
    });
  }
  for (const b of bugs) {
    if (b.status !== 'open' || b.severity !== 'critical') continue;
    const itemDetail = { status: b.status, severity: b.severity, updatedAt: b.updatedAt };
    const facts = { severity: b.severity };
    items.push({
      projectId: b.projectId,
      memoryKey: itemKey('critical', b),
      recurDays: null,
      itemDetail,
      facts,
    });
  }
  const memory = backlog.memory(items.map((i) => i.memoryKey));
  const cooldown = options.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS;
  for (const item of items) {
    if (recall(item, item.facts, memory, input.now, cooldown).hold) {
      held.set(item.projectId, (held.get(item.projectId) ?? 0) + 1);
    }
  }
  return held;
}

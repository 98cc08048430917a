import type { Playbook } from '../domain/playbook.js';
import type { Task } from '../domain/task.js';
import { tierOf } from './BacklogItem.js';
import { isUpkeepWork, TIER } from './draft.js';
import { planningOnly } from './instantiate-playbooks.js';
import { tierClaiming } from './score-candidate.js';

/**
 * The tier of an open task this plan did not draft again, as its draft had it: planning (a
 * generic playbook's answer to a neglected focus area or an idle project), a fill-in (a medium or
 * low bug, upkeep, work that claims no dollars or that the team marked low priority), a blocker (a critical bug), or real work. An approved
 * review of an idle flagship must not set the scale of priority any more than its proposal did.
 */
export function openTier(t: Task, playbooks: readonly Playbook[]): number {
  const pb = t.playbookKey === null ? undefined : playbooks.find((p) => p.key === t.playbookKey);
  if (pb !== undefined && planningOnly(pb, t.signal)) return TIER.planning;
  // A feature's tier by the team's priority, as its draft had it (see tierOf): what it marked
  // critical goes first; upkeep (a backlog chore: infrastructure no playbook made) else fills in,
  // whatever goal it serves.
  const teamPriority = t.item?.kind === 'feature' && t.facts.priority === 'critical' ? 'critical' : null;
  if (isUpkeepWork(t)) return tierOf('upkeep', teamPriority);
  const severity = t.category === 'bugfix' ? t.facts.severity : undefined;
  // A bug lowered to low after its fix was approved (relabelled on GitHub) fills in, as a medium
  // one does: no plan proposes a low bug, and a review's, approved while high, stayed at the head
  // of the queue above the real work.
  // A medium bug a batch gave a place among the real work keeps it while open (see liftBug).
  const own =
    severity === 'medium' && t.facts.placeGiven === true
      ? TIER.work
      : severity === 'medium' || severity === 'low'
        ? tierOf('medium')
        : severity === 'critical'
          ? tierOf(severity)
          : tierOf('feature', teamPriority);
  const numbers = { revenueImpact: t.revenueImpact, goalUsd: t.goalValue };
  return tierClaiming(own, numbers, {
    severity,
    priority: t.facts.priority,
    mediumBugUsd: t.facts.mediumBugUsd,
  });
}

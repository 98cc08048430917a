import type { CandidateTask } from '../engine/types.js';
import { createRng } from '../learning/random.js';
import { chooseAssignee } from '../learning/route.js';
import { DEFAULT_LEARNING_OPTIONS, type RoutingCandidate } from '../learning/types.js';
import type { UseCaseDeps } from './deps.js';

/** Active assignees with their capacity and current open tasks. */
export function routingCandidates(deps: UseCaseDeps, workspaceId: string): RoutingCandidate[] {
  const open = deps.store.claims.openCountByAssignee(workspaceId);
  return deps.store.assignees
    .list(workspaceId)
    .filter((a) => a.active)
    .map((a) => ({ name: a.name, capacity: a.capacity, openTasks: open.get(a.name) ?? 0 }));
}

/**
 * Fills in each task's assignee, in batch order, with the learned routing policy; every routed
 * task carries its evidence as a reasoning line. Capacity counts the tasks routed earlier in the
 * same batch. Deterministic: exploration is seeded by the configured seed and the task.
 */
export function routeBatch(
  deps: UseCaseDeps,
  workspaceId: string,
  tasks: CandidateTask[],
  now: string,
): CandidateTask[] {
  const candidates = routingCandidates(deps, workspaceId);
  if (candidates.length === 0) {
    return tasks.map((t) => ({
      ...t,
      reasoning: [
        ...t.reasoning,
        'Route: no assignees yet (`goalpost assignee add <name>`), so nobody is suggested',
      ],
    }));
  }
  const stats = deps.store.learning.stats(workspaceId);
  const options = { ...DEFAULT_LEARNING_OPTIONS, halfLifeDays: deps.learning.halfLifeDays };
  return tasks.map((task) => {
    // Work someone is assigned on GitHub is theirs: the team already decided who does it.
    const login = task.item?.source?.assignee;
    const owner = login === undefined ? null : deps.store.assignees.findByGitHub(workspaceId, login);
    const taken = owner?.active ? candidates.find((c) => c.name === owner.name) : undefined;
    if (login !== undefined && taken !== undefined) {
      taken.openTasks += 1;
      return {
        ...task,
        assignee: taken.name,
        reasoning: [...task.reasoning, `Route: ${taken.name}: its issue is assigned to @${login} on GitHub`],
      };
    }
    const unknown =
      login === undefined
        ? []
        : [
            `Its issue is assigned to @${login} on GitHub, who is no assignee here (\`goalpost assignee set <name> --github ${login}\` links them)`,
          ];
    const decision = chooseAssignee({
      category: task.category,
      candidates,
      stats: stats.filter((s) => s.category === task.category),
      now,
      policy: deps.learning.policy,
      rng: createRng(`${deps.learning.seed}:${workspaceId}:${task.fingerprint}`),
      options,
    });
    if (!decision) {
      return {
        ...task,
        reasoning: [
          ...task.reasoning,
          ...unknown,
          'Route: every assignee is at capacity, so nobody is suggested',
        ],
      };
    }
    const chosen = candidates.find((c) => c.name === decision.assignee);
    if (chosen) chosen.openTasks += 1;
    return {
      ...task,
      assignee: decision.assignee,
      reasoning: [...task.reasoning, ...unknown, `Route: ${decision.reason}`],
    };
  });
}

import type { CandidateTask } from './batch-plan.js';
import { byScore, compareKeys } from './dedup.js';
import { formatFixed } from './format.js';
import { createHeap } from './heap.js';
import { absolutePriority } from './priority.js';
import { stronglyConnected } from './strongly-connected.js';

export interface OrderResult<C extends CandidateTask = CandidateTask> {
  /** Execution order: every prerequisite before what it unblocks, except inside a cycle. */
  tasks: C[];
  /** Each dependency cycle as the titles involved, in output order. */
  cycles: string[][];
}

interface Node<C extends CandidateTask> {
  task: C;
  prereqs: string[];
  dependents: string[];
  scc: number;
  effective: number;
  /** The task whose score this one inherits (itself when none). */
  source: C;
}

/**
 * Dependency-aware order. A prerequisite is ordered by the score of the best task it transitively
 * unblocks and inherits that task's priority, keeping its own score (what it is worth alone, as its
 * card says: once the task it unblocks is rejected, a later plan ranks it by that); tasks come out by a priority heap (effective score desc, own score desc,
 * key asc) as their prerequisites are done. Dependencies on candidates dropped as duplicates are
 * re-pointed through `redirects`; open-task refs are kept and do not constrain the order. Cycles are
 * reported and their tasks, with everything waiting on them, follow the acyclic part — never dropped.
 * `priorityOf` turns a score into a priority (see priorityScale); each task gets the priority of its
 * effective score.
 */
export function orderTasks<C extends CandidateTask>(
  candidates: readonly C[],
  redirects: ReadonlyMap<string, string> = new Map(),
  priorityOf: (score: number) => number = absolutePriority,
): OrderResult<C> {
  type N = Node<C>;
  const nodes = new Map<string, N>();
  for (const task of [...candidates].sort(byScore)) {
    nodes.set(task.key, { task, prereqs: [], dependents: [], scc: -1, effective: task.score, source: task });
  }
  const dependsOn = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const deps: string[] = [];
    for (const dep of node.task.dependsOn) {
      const target = nodes.has(dep) ? dep : (redirects.get(dep) ?? dep);
      if (target === node.task.key || deps.includes(target)) continue;
      deps.push(target);
      const prereq = nodes.get(target);
      if (prereq === undefined) continue;
      node.prereqs.push(target);
      prereq.dependents.push(node.task.key);
    }
    dependsOn.set(node.task.key, deps);
  }

  // Components come out sinks first, so what a component unblocks is settled before it.
  const components = stronglyConnected([...nodes.keys()], (key) => nodes.get(key)?.dependents ?? []);
  components.forEach((members, id) => {
    for (const key of members) (nodes.get(key) as N).scc = id;
    // The dependent of the earliest tier, then the best score: what waits on a prerequisite sets
    // its place when it ranks ahead of it (see ranksAhead).
    let best: N | undefined;
    for (const key of members) {
      for (const dependent of (nodes.get(key) as N).dependents) {
        const d = nodes.get(dependent) as N;
        if (d.scc !== id && (best === undefined || ranksAhead(d, best))) best = d;
      }
    }
    for (const key of members) {
      const node = nodes.get(key) as N;
      if (best !== undefined && ranksAhead(best, node)) {
        node.effective = Math.max(node.effective, best.effective);
        node.source = best.source;
      }
    }
  });

  const before = (a: N, b: N): boolean =>
    a.source.tier !== b.source.tier
      ? a.source.tier < b.source.tier
      : a.effective !== b.effective
        ? a.effective > b.effective
        : a.task.score !== b.task.score
          ? a.task.score > b.task.score
          : compareKeys(a.task.key, b.task.key) < 0;
  const order = drain([...nodes.values()], before, () => true);
  const placed = new Set(order.map((n) => n.task.key));
  const leftovers = [...nodes.values()].filter((n) => !placed.has(n.task.key));
  // Inside a cycle no order satisfies every edge: ignore the edges within each cycle.
  order.push(...drain(leftovers, before, (from, to) => from.scc !== to.scc));

  const cycles = components
    .filter((members) => members.length > 1)
    .map((members) => order.filter((n) => members.includes(n.task.key)))
    .sort((a, b) => order.indexOf(a[0] as N) - order.indexOf(b[0] as N));
  const cycleOf = new Map<string, N[]>();
  for (const cycle of cycles) for (const node of cycle) cycleOf.set(node.task.key, cycle);

  const tasks = order.map((node) => {
    const reasoning = [...node.task.reasoning];
    let priority = priorityOf(node.task.score);
    // A prerequisite takes the tier of what waits on it too: a critical feature's design spike
    // claimed no dollars, filled in at P2 and kept the critical work waiting in the queue.
    let { tier } = node.task;
    if (node.source !== node.task) {
      priority = Math.max(priority, priorityOf(node.effective));
      tier = Math.min(tier, node.source.tier);
      reasoning.push(
        `Prerequisite of '${node.source.title}': inherits priority ${priority} (score ${formatFixed(node.effective, 1)})`,
      );
    }
    const cycle = cycleOf.get(node.task.key);
    if (cycle !== undefined) {
      const others = cycle.filter((n) => n !== node).map((n) => `'${n.task.title}'`);
      reasoning.push(`In a dependency cycle with ${others.join(', ')}; ordered by score`);
    }
    return { ...node.task, priority, tier, reasoning, dependsOn: dependsOn.get(node.task.key) ?? [] };
  });
  return { tasks, cycles: cycles.map((cycle) => cycle.map((n) => n.task.title)) };
}

/** Whether node `a` ranks ahead of `b` by what it stands for: an earlier tier, else a higher score. */
function ranksAhead<C extends CandidateTask>(a: Node<C>, b: Node<C>): boolean {
  return a.source.tier !== b.source.tier ? a.source.tier < b.source.tier : a.effective > b.effective;
}

/** Kahn's algorithm over `nodes` with a priority heap, counting only edges `counts` accepts. */
function drain<N extends Node<CandidateTask>>(
  nodes: readonly N[],
  before: (a: N, b: N) => boolean,
  counts: (from: N, to: N) => boolean,
): N[] {
  const byKey = new Map(nodes.map((n) => [n.task.key, n]));
  const waiting = new Map<string, number>();
  const heap = createHeap(before);
  for (const node of nodes) {
    const n = node.prereqs.filter((p) => {
      const from = byKey.get(p);
      return from !== undefined && counts(from, node);
    }).length;
    waiting.set(node.task.key, n);
    if (n === 0) heap.push(node);
  }
  const out: N[] = [];
  for (let node = heap.pop(); node !== undefined; node = heap.pop()) {
    out.push(node);
    for (const key of node.dependents) {
      const next = byKey.get(key);
      if (next === undefined || !counts(node, next)) continue;
      const left = (waiting.get(key) ?? 0) - 1;
      waiting.set(key, left);
      if (left === 0) heap.push(next);
    }
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { createHeap } from '../../../src/engine/heap.js';
import { orderTasks } from '../../../src/engine/order-tasks.js';
import { stronglyConnected } from '../../../src/engine/strongly-connected.js';
import { candidate } from './candidate.js';

describe('orderTasks', () => {
  it('orders by score when nothing depends on anything, ties by key', () => {
    const { tasks, cycles } = orderTasks([candidate('b@1', 2), candidate('c@1', 9), candidate('a@1', 2)]);
    expect(tasks.map((t) => t.key)).toEqual(['c@1', 'a@1', 'b@1']);
    expect(cycles).toEqual([]);
  });

  it('puts a prerequisite first and lets it inherit the priority of what it unblocks', () => {
    const { tasks } = orderTasks([
      candidate('stripe@1', 3, { title: 'Stripe' }),
      candidate('other@1', 10),
      candidate('admin@1', 40, { title: 'Admin', dependsOn: ['stripe@1'] }),
    ]);
    expect(tasks.map((t) => t.key)).toEqual(['stripe@1', 'admin@1', 'other@1']);
    const [stripe] = tasks;
    // Its priority is what it unblocks'; its score stays what it is worth alone, as its card says.
    expect(stripe?.score).toBe(3);
    expect(stripe?.priority).toBe(10);
    expect(stripe?.reasoning.at(-1)).toBe("Prerequisite of 'Admin': inherits priority 10 (score 40.0)");
  });

  it('inherits transitively through a chain of prerequisites', () => {
    const { tasks } = orderTasks([
      candidate('a@1', 1, { title: 'A' }),
      candidate('b@1', 2, { title: 'B', dependsOn: ['a@1'] }),
      candidate('c@1', 7, { title: 'C', dependsOn: ['b@1'] }),
      candidate('d@1', 5, { title: 'D' }),
    ]);
    expect(tasks.map((t) => [t.key, t.score, t.priority])).toEqual([
      ['a@1', 1, 6],
      ['b@1', 2, 6],
      ['c@1', 7, 6],
      ['d@1', 5, 5],
    ]);
    expect(tasks[0]?.reasoning.at(-1)).toBe("Prerequisite of 'C': inherits priority 6 (score 7.0)");
  });

  it('keeps a lower-scored prerequisite unchanged when its dependent scores lower still', () => {
    const { tasks } = orderTasks([candidate('a@1', 9), candidate('b@1', 2, { dependsOn: ['a@1'] })]);
    expect(tasks.map((t) => [t.key, t.score, t.reasoning.length])).toEqual([
      ['a@1', 9, 1],
      ['b@1', 2, 1],
    ]);
  });

  it('reports a cycle and still emits its tasks after the acyclic part, by score', () => {
    const { tasks, cycles } = orderTasks([
      candidate('x@1', 5, { title: 'X', dependsOn: ['y@1'] }),
      candidate('y@1', 8, { title: 'Y', dependsOn: ['x@1'] }),
      candidate('after@1', 9, { title: 'After', dependsOn: ['x@1'] }),
      candidate('free@1', 1, { title: 'Free' }),
    ]);
    expect(tasks.map((t) => t.key)).toEqual(['free@1', 'y@1', 'x@1', 'after@1']);
    expect(cycles).toEqual([['Y', 'X']]);
    expect(tasks[1]?.reasoning).toContain("In a dependency cycle with 'X'; ordered by score");
    expect(tasks[2]?.reasoning).toContain("In a dependency cycle with 'Y'; ordered by score");
    expect(tasks[3]?.reasoning.some((line) => line.startsWith('In a dependency cycle'))).toBe(false);
  });

  it('re-points a dependency on a deduplicated candidate to what it duplicates', () => {
    const { tasks } = orderTasks(
      [
        candidate('admin@1', 9, { dependsOn: ['stripe@1', 'pricing@1'] }),
        candidate('checkout@1', 1, { title: 'Checkout' }),
      ],
      new Map([
        ['stripe@1', 'T-42'],
        ['pricing@1', 'checkout@1'],
      ]),
    );
    expect(tasks.map((t) => t.key)).toEqual(['checkout@1', 'admin@1']);
    expect(tasks[1]?.dependsOn).toEqual(['T-42', 'checkout@1']);
  });

  it('keeps dependencies on open tasks without constraining the order', () => {
    const { tasks } = orderTasks([candidate('a@1', 9, { dependsOn: ['T-3'] }), candidate('b@1', 1)]);
    expect(tasks.map((t) => [t.key, t.dependsOn])).toEqual([
      ['a@1', ['T-3']],
      ['b@1', []],
    ]);
  });
});

describe('createHeap', () => {
  it('pops items best first', () => {
    const heap = createHeap<number>((a, b) => a > b);
    for (const n of [5, 1, 9, 3, 7, 9, 0]) heap.push(n);
    const out: number[] = [];
    for (let n = heap.pop(); n !== undefined; n = heap.pop()) out.push(n);
    expect(out).toEqual([9, 9, 7, 5, 3, 1, 0]);
    expect(heap.size).toBe(0);
  });
});

describe('stronglyConnected', () => {
  it('finds components, sinks first', () => {
    const edges: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a', 'd'], d: [], e: ['e'] };
    const components = stronglyConnected(['a', 'b', 'c', 'd', 'e'], (v) => edges[v] ?? []);
    expect(components.map((c) => [...c].sort())).toEqual([['d'], ['a', 'b', 'c'], ['e']]);
  });
});

import { describe, expect, it } from 'vitest';
import { createRoutingSlots } from '../../../src/use-cases/routing-slots.js';

// ana: capacity 2, one task approved; bo: capacity 1, none.
const team = () => [
  { name: 'ana', capacity: 2, openTasks: 1 },
  { name: 'bo', capacity: 1, openTasks: 0 },
];
const openAt = (slots: ReturnType<typeof createRoutingSlots>, priority: number) =>
  Object.fromEntries(slots.at(priority).map((c) => [c.name, c.openTasks]));
const reason = (open: number, capacity: number) =>
  `ana: 80% expected success over 4 bugfix tasks (3.2 after decay), about 1 h per bugfix task so far; ${open} of ${capacity} slots in use`;

describe('createRoutingSlots', () => {
  it('counts a proposal against work as pressing as it or less, not against more pressing work', () => {
    const slots = createRoutingSlots(team(), [{ assignee: 'ana', priority: 4, name: 'T-1' }]);
    expect(openAt(slots, 3)).toEqual({ ana: 2, bo: 0 });
    expect(openAt(slots, 4)).toEqual({ ana: 2, bo: 0 });
    expect(openAt(slots, 5)).toEqual({ ana: 1, bo: 0 });
  });

  it('counts approved work against everything', () => {
    const slots = createRoutingSlots(team(), []);
    slots.take('bo', null);
    expect(openAt(slots, 10)).toEqual({ ana: 1, bo: 1 });
  });

  it('counts the proposals it is given at their priority', () => {
    const slots = createRoutingSlots(team(), []);
    slots.take('bo', { priority: 6, name: '"Fix \'Login\' in Web"' });
    expect(openAt(slots, 6)).toEqual({ ana: 1, bo: 1 });
    expect(openAt(slots, 7)).toEqual({ ana: 1, bo: 0 });
  });

  it('ignores proposals of someone who is no candidate', () => {
    const slots = createRoutingSlots(team(), [{ assignee: 'cy', priority: 9, name: 'T-1' }]);
    slots.take('cy', null);
    expect(openAt(slots, 0)).toEqual({ ana: 1, bo: 0 });
  });

  it('says every task held, and nothing more, while the assignee has room', () => {
    const slots = createRoutingSlots(team(), [{ assignee: 'ana', priority: 2, name: 'T-1' }]);
    // Against P9 work ana counts 1 of 2; she holds 2, and one more fits nowhere: it goes ahead of T-1.
    expect(slots.said(reason(1, 2), { assignee: 'ana', openTasks: 1, capacity: 2 }, 9)).toBe(
      `${reason(2, 2)}; ahead of T-1, ana's less pressing proposal awaiting a decision: approved too, it would put ana over capacity`,
    );
    const roomy = createRoutingSlots(
      [{ name: 'ana', capacity: 3, openTasks: 1 }],
      [{ assignee: 'ana', priority: 2, name: 'T-1' }],
    );
    expect(roomy.said(reason(1, 3), { assignee: 'ana', openTasks: 1, capacity: 3 }, 9)).toBe(reason(2, 3));
  });

  it('names the least pressing proposals it puts past capacity', () => {
    const slots = createRoutingSlots(
      [{ name: 'ana', capacity: 2, openTasks: 0 }],
      [
        { assignee: 'ana', priority: 5, name: 'T-1' },
        { assignee: 'ana', priority: 2, name: 'T-2' },
        { assignee: 'ana', priority: 3, name: 'T-3' },
      ],
    );
    expect(slots.said(reason(0, 2), { assignee: 'ana', openTasks: 0, capacity: 2 }, 8)).toBe(
      `${reason(3, 2)}; ahead of T-2 and T-3, ana's less pressing proposals awaiting a decision: approved too, they would put ana over capacity`,
    );
  });
});

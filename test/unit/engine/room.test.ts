import { describe, expect, it } from 'vitest';
import { mostPlaced, Room, type RoomSlot } from '../../../src/engine/room.js';

const ana: RoomSlot = { name: 'ana', free: 1, categories: [], projects: [] };
const bot: RoomSlot = { name: 'docs_bot', free: 1, categories: ['infrastructure'], projects: [] };
const lena: RoomSlot = { name: 'lena', free: 2, categories: [], projects: [7] };
const upkeep = { category: 'infrastructure', projectId: 3 } as const;
const feature = { category: 'feature', projectId: 3 } as const;

describe('the room a team has, slot by slot', () => {
  it('moves work already placed to make room, as a lead would: the upkeep to the bot, the feature to ana', () => {
    // Placed first, the upkeep could sit in ana's slot; the feature still fits, the upkeep moved.
    expect(mostPlaced([ana, bot], [upkeep, feature])).toBe(2);
    const room = Room.of([ana, bot], [upkeep]);
    expect(room.place([feature])).toBe(true);
    expect(room.free).toBe(0);
  });

  it('places nothing of work that does not all fit, and leaves what was placed as it was', () => {
    const room = Room.of([ana, bot]);
    expect(room.place([feature, feature])).toBe(false);
    expect(room.free).toBe(2);
    // A fork places apart from the room it came from.
    const fork = room.fork();
    expect(fork.place([feature])).toBe(true);
    expect([fork.free, room.free]).toEqual([1, 2]);
  });

  it('places critical work past a cap in a free slot that takes it, and only there', () => {
    // A digest's cap left no room for new work, but the slots are free: a blocker still sits in one.
    const capped = Room.of([ana, bot]).within(0);
    expect(capped.place([feature])).toBe(false);
    expect(capped.place([feature], true)).toBe(true);
    // Past the cap, nothing more enters but the same way.
    expect(capped.free).toBe(0);
    // And a slot that takes none of it is no place for it, cap or not.
    const bots = Room.of([bot]).within(0);
    expect(bots.place([feature], true)).toBe(false);
  });

  it('names who holds the slots left free once every piece that fits is placed: none of them takes the rest', () => {
    // The feature fits only ana's slot, the upkeep either (it moves to the bot's); lena works on
    // another project: both her slots stay free, and nothing left takes them.
    const room = Room.of([ana, bot, lena]).fork(Number.POSITIVE_INFINITY).with([upkeep, feature, feature]);
    expect(room.used).toBe(2);
    expect(room.free).toBe(2);
    // Whose they are, and how many of each holder's: both of lena's.
    expect([...room.empties()]).toEqual([['lena', 2]]);
  });

  it("reads a project's slots as its own, and work of no project as anyone's", () => {
    const room = Room.of([lena]);
    expect(room.takes(feature)).toBe(false);
    expect(room.takes({ category: 'research', projectId: null })).toBe(true);
    expect(room.takes({ category: 'feature', projectId: 7 })).toBe(true);
  });

  it('counts as one slot-holder’s own only the free slots the team would not have without them', () => {
    // Held work nobody but ana takes sits in ana's slot: the bot's one free slot is its own.
    const room = Room.of([ana, bot], [feature]);
    expect(room.free).toBe(1);
    expect(room.ownFree(bot)).toBe(1);
    expect(room.ownFree(ana)).toBe(0);
    // Held upkeep could sit in either: in the bot's, it leaves ana's slot free for any work, so the
    // one free slot is no bot's own (the team line would call it the bot's, and the batch held
    // features back for nothing).
    const either = Room.of([ana, bot], [upkeep]);
    expect(either.free).toBe(1);
    expect(either.ownFree(bot)).toBe(0);
    expect(Room.of([ana, bot], [upkeep, feature]).free).toBe(0);
  });

  it('never counts more slots as those of who take only some work than the room has', () => {
    // Two bots that take the same upkeep, one upkeep task waiting: it sits in one bot's slot, and
    // ana's and the other bot's stay free. Neither bot's slot is its own (the other could stand
    // in), so no bot is said to own the room.
    const other: RoomSlot = { ...bot, name: 'ops_bot' };
    const room = Room.of([ana, bot, other], [upkeep]);
    expect(room.free).toBe(2);
    expect([room.ownFree(bot), room.ownFree(other)]).toEqual([0, 0]);
    // A bot with ten free slots beside ana's one: ten of the eleven are the bot's own.
    const big = Room.of([ana, { ...bot, free: 10 }]);
    expect(big.ownFree(big.slots[1] as RoomSlot)).toBe(10);
  });

  it('places no more than its cap, whatever slots are free, and a fork keeps the cap', () => {
    const room = Room.of([{ ...ana, free: 3 }, bot]).within(2);
    expect(room.free).toBe(2);
    expect(room.place([feature, upkeep, feature])).toBe(false);
    expect(room.place([feature, upkeep])).toBe(true);
    expect(room.free).toBe(0);
    const fork = Room.of([{ ...ana, free: 3 }])
      .within(1)
      .fork();
    expect(fork.place([feature])).toBe(true);
    expect(fork.place([feature])).toBe(false);
  });

  it('places work, one piece or several at once, exactly when a matching of everything placed holds it all', () => {
    // Random teams and work, placed as a batch places it: each answer against a matching made
    // from scratch, and a refusal leaves the room as it was (what fits next is unchanged).
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      // The high bits: an LCG's low bits cycle in a few steps.
      return Math.floor(seed / 2 ** 15) % n;
    };
    const kinds = ['feature', 'bugfix', 'infrastructure', 'research'] as const;
    const workOf = () => ({ category: kinds[next(4)] as (typeof kinds)[number], projectId: next(4) || null });
    for (let team = 0; team < 200; team++) {
      const slots: RoomSlot[] = Array.from({ length: 1 + next(5) }, (_, i) => ({
        name: `a${i}`,
        free: next(4),
        categories: next(2) === 0 ? [] : [kinds[next(4)] as (typeof kinds)[number]],
        projects: next(3) === 0 ? [next(4) || 1] : [],
      }));
      const room = Room.of(slots);
      const placed: { category: (typeof kinds)[number]; projectId: number | null }[] = [];
      for (let step = 0; step < 12; step++) {
        const work = Array.from({ length: 1 + next(3) }, workOf);
        const fits = mostPlaced(slots, [...placed, ...work]) === placed.length + work.length;
        expect(room.place(work)).toBe(fits);
        if (fits) placed.push(...work);
        expect(room.used).toBe(placed.length);
      }
      // And a room filled with a whole list, in order, holds as much of it as any matching could,
      // however many pieces it skips unsearched once pieces the same slots take found no place.
      for (let round = 0; round < 5; round++) {
        const list = Array.from({ length: next(24) }, workOf);
        expect(Room.of(slots).with(list).used).toBe(mostPlaced(slots, list));
      }
    }
  });

  it('knows whether anyone at work takes a kind of work, free or not', () => {
    const full = Room.of([{ ...bot, free: 0 }]);
    expect(full.anyoneTakes(upkeep)).toBe(true);
    expect(full.takes(upkeep)).toBe(false);
    expect(full.anyoneTakes(feature)).toBe(false);
  });
});

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
    // Held upkeep could sit in either: without the bot, ana's slot holds it and none is free.
    const either = Room.of([ana, bot], [upkeep]);
    expect(either.ownFree(bot)).toBe(1);
    expect(Room.of([ana, bot], [upkeep, feature]).free).toBe(0);
  });

  it('knows whether anyone at work takes a kind of work, free or not', () => {
    const full = Room.of([{ ...bot, free: 0 }]);
    expect(full.anyoneTakes(upkeep)).toBe(true);
    expect(full.takes(upkeep)).toBe(false);
    expect(full.anyoneTakes(feature)).toBe(false);
  });
});

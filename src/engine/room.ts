import type { TaskCategory } from '../domain/task.js';

/** What a slot is matched on: a piece of work's kind and its project (null: of none). */
export interface WorkKind {
  readonly category: TaskCategory;
  readonly projectId: number | null;
}

/** One assignee's free slots and the work they take. */
export interface RoomSlot {
  readonly name: string;
  /** How many more tasks they have room for. */
  readonly free: number;
  /** The kinds of work they take (empty: any). */
  readonly categories: readonly TaskCategory[];
  /** The projects they work on (empty: any; work of no project is anyone's). */
  readonly projects: readonly number[];
}

/** Whether someone with `slot`'s scope takes work of `kind`, as a claim allows it. */
export const slotTakes = (slot: Pick<RoomSlot, 'categories' | 'projects'>, kind: WorkKind): boolean =>
  (slot.categories.length === 0 || slot.categories.includes(kind.category)) &&
  (kind.projectId === null || slot.projects.length === 0 || slot.projects.includes(kind.projectId));

/** Whether `slot` takes only some work: some kinds, or some projects. */
export const restricted = (slot: Pick<RoomSlot, 'categories' | 'projects'>): boolean =>
  slot.categories.length > 0 || slot.projects.length > 0;

/**
 * How many of `work` can each have a slot of its own at once, each slot taking at most its `free`
 * pieces of the work it takes: a maximum matching, by augmenting paths. A team's slots and a
 * batch's work are a few dozen at most.
 */
export function mostPlaced(slots: readonly RoomSlot[], work: readonly WorkKind[]): number {
  const takers = work.map((w) => slots.flatMap((s, i) => (s.free > 0 && slotTakes(s, w) ? [i] : [])));
  const holding: number[][] = slots.map(() => []);
  let placed = 0;
  for (let w = 0; w < work.length; w++) {
    if (place(w, new Set())) placed += 1;
  }
  return placed;

  function place(w: number, seen: Set<number>): boolean {
    for (const s of takers[w] ?? []) {
      if (seen.has(s)) continue;
      seen.add(s);
      const held = holding[s] as number[];
      if (held.length < (slots[s] as RoomSlot).free) {
        held.push(w);
        return true;
      }
      for (let i = 0; i < held.length; i++) {
        const other = held[i] as number;
        if (place(other, seen)) {
          held[i] = w;
          return true;
        }
      }
    }
    return false;
  }
}

/**
 * The team's free slots, with the work already placed in them: what a batch may still put there.
 * Work is placed when it fits beside what is placed, whatever slot each piece ends in (a matching,
 * not a first come: the bot's upkeep never takes the developer's one slot while the bot has room).
 */
export class Room {
  private constructor(
    readonly slots: readonly RoomSlot[],
    private readonly placed: WorkKind[],
  ) {}

  /** `slots`, with `held` placed in them first, each piece that fits (work already waiting for a slot). */
  static of(slots: readonly RoomSlot[], held: readonly WorkKind[] = []): Room {
    return new Room(slots, []).with(held);
  }

  /** How many of the held work fitted: the rest waits for a slot nobody has free. */
  get used(): number {
    return this.placed.length;
  }

  /** How many more pieces of work of any kind the slots could take. */
  get free(): number {
    return Math.max(0, this.slots.reduce((n, s) => n + s.free, 0) - this.placed.length);
  }

  /**
   * How many of the free slots are `slot`'s own: those the team would not have without them, the
   * placed work moved to the others' slots where it can go.
   */
  ownFree(slot: RoomSlot): number {
    const others = this.slots.filter((s) => s !== slot);
    const without = others.reduce((n, s) => n + s.free, 0) - mostPlaced(others, this.placed);
    return Math.max(0, this.free - without);
  }

  /** A copy with `work` placed in it, each piece that fits, in order (proposals awaiting a decision). */
  with(work: readonly WorkKind[]): Room {
    const room = this.fork();
    // Once every slot is taken nothing more fits: hundreds of waiting tasks cost no matching.
    for (const w of work) {
      if (room.free === 0) break;
      room.place([w]);
    }
    return room;
  }

  /** Whether anyone at work takes work of `kind`, free or not. */
  anyoneTakes(kind: WorkKind): boolean {
    return this.slots.some((s) => slotTakes(s, kind));
  }

  /** Whether any slot takes work of `kind`, placed work aside. */
  takes(kind: WorkKind): boolean {
    return this.slots.some((s) => s.free > 0 && slotTakes(s, kind));
  }

  /** A copy to place work in, this one left as it is. */
  fork(): Room {
    return new Room(this.slots, [...this.placed]);
  }

  /** Places all of `work` if it fits beside what is placed (true), else nothing (false). */
  place(work: readonly WorkKind[]): boolean {
    if (work.length === 0) return true;
    const all = [...this.placed, ...work];
    if (mostPlaced(this.slots, all) < all.length) return false;
    this.placed.push(...work);
    return true;
  }
}

/** How many more tasks `room` has slots for, whoever's (none said: no limit). */
export const roomFree = (room: number | Room | undefined): number =>
  room === undefined ? Number.POSITIVE_INFINITY : typeof room === 'number' ? room : room.free;

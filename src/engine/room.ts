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
  return matched(slots, takersOf(slots, work));
}

/** For each piece of `work`, the slots (by index) free to take it. */
const takersOf = (slots: readonly RoomSlot[], work: readonly WorkKind[]): number[][] =>
  work.map((w) => slots.flatMap((s, i) => (s.free > 0 && slotTakes(s, w) ? [i] : [])));

/**
 * How many pieces of work, each taken by the slots `takers` lists for it, can have a slot at once.
 * Pieces are placed in order, and one placed stays placed (a later one only moves it): work placed
 * first keeps its slot whatever comes after it.
 */
function matched(slots: readonly RoomSlot[], takers: readonly (readonly number[])[]): number {
  const holding: number[][] = slots.map(() => []);
  let placed = 0;
  for (let w = 0; w < takers.length; w++) {
    if (augment(slots, takers, holding, w, new Set())) placed += 1;
  }
  return placed;
}

/**
 * Gives piece `w` a slot in the matching `holding` (which pieces each slot holds), moving pieces
 * already held along an augmenting path where its takers are full: true when it found one. A
 * matching that holds every piece before keeps every one; `seen` is the slots this search visited.
 */
function augment(
  slots: readonly RoomSlot[],
  takers: readonly (readonly number[])[],
  holding: number[][],
  w: number,
  seen: Set<number>,
): boolean {
  for (const s of takers[w] ?? []) {
    if (seen.has(s)) continue;
    seen.add(s);
    const held = holding[s] as number[];
    if (held.length < (slots[s] as RoomSlot).free) {
      held.push(w);
      return true;
    }
    for (let i = 0; i < held.length; i++) {
      if (augment(slots, takers, holding, held[i] as number, seen)) {
        held[i] = w;
        return true;
      }
    }
  }
  return false;
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
    /** The most pieces placed in all, whatever slots are free (a batch's cap); none said: no limit. */
    private readonly most = Number.POSITIVE_INFINITY,
    /** For each placed piece, the slots (by index) free to take it. */
    private readonly takers: number[][] = [],
    /** Which placed pieces each slot holds: a matching of them all, kept as work is placed. */
    private readonly holding: number[][] = slots.map(() => []),
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
    const slots = this.slots.reduce((n, s) => n + s.free, 0);
    return Math.max(0, Math.min(slots, this.most) - this.placed.length);
  }

  /**
   * How many of the free slots are `slot`'s own: those the team would not have without them. The
   * placed work goes wherever it leaves the others most room (into `slot` when it takes it: waiting
   * upkeep the bot or ana could take leaves ana's slot free, and the free one is no bot's own).
   */
  ownFree(slot: RoomSlot): number {
    const others = this.slots.flatMap((s, i) => (s !== slot && s.free > 0 ? [i] : []));
    const room = others.reduce((n, i) => n + (this.slots[i] as RoomSlot).free, 0);
    // The placed work first (it all fits), then as much of the others' own work as their slots hold.
    const takers = [...takersOf(this.slots, this.placed), ...Array.from({ length: room }, () => others)];
    const theirs = matched(this.slots, takers) - this.placed.length;
    return Math.max(0, this.free - theirs);
  }

  /** A copy that places at most `n` more pieces of work, whatever slots are free (a batch's cap). */
  within(n: number): Room {
    return this.fork(Math.min(this.most, this.placed.length + Math.max(0, n)));
  }

  /**
   * A copy with `work` placed in it, each piece that fits, in order (proposals awaiting a decision,
   * a batch's left-out work). A piece that found no augmenting path never finds one later, as the
   * matching grows (a maximum matching's property): nor does any piece the same slots take, so
   * each set of takers is searched until it fails once, and thousands of pieces cost a few searches.
   */
  with(work: readonly WorkKind[]): Room {
    const room = this.fork();
    const failed = new Set<string>();
    // Once every slot is taken nothing more fits: hundreds of waiting tasks cost no matching.
    for (const w of work) {
      if (room.free === 0) break;
      const key = this.takersKey(w);
      if (failed.has(key)) continue;
      if (!room.place([w])) failed.add(key);
    }
    return room;
  }

  /**
   * Which slots take `kind` (by index): pieces with the same key fit, or not, alike. A piece that
   * failed to fit, alone, means every later one of its key fails too (see with).
   */
  private takersKey(kind: WorkKind): string {
    return (takersOf(this.slots, [kind])[0] as number[]).join(',');
  }

  /** Whether some slot with room takes any work: one of someone who takes every kind and project. */
  takesAny(): boolean {
    return this.slots.some((s) => s.free > 0 && !restricted(s));
  }

  /** Whether anyone at work takes work of `kind`, free or not. */
  anyoneTakes(kind: WorkKind): boolean {
    return this.slots.some((s) => slotTakes(s, kind));
  }

  /** Whether any slot takes work of `kind`, placed work aside. */
  takes(kind: WorkKind): boolean {
    return this.slots.some((s) => s.free > 0 && slotTakes(s, kind));
  }

  /**
   * How many free slots the placed work leaves empty, by whose they are (only those with any). Of a
   * room filled with all the work it takes, in order (see with), none of them takes any of the work
   * that did not fit: a maximum matching leaves no free slot a piece of work outside it could take.
   */
  empties(): Map<string, number> {
    const empty = new Map<string, number>();
    for (const [i, s] of this.slots.entries()) {
      const left = s.free - (this.holding[i]?.length ?? 0);
      if (left > 0) empty.set(s.name, (empty.get(s.name) ?? 0) + left);
    }
    return empty;
  }

  /** A copy to place work in, this one left as it is; `most`: its cap on pieces placed in all. */
  fork(most = this.most): Room {
    return new Room(
      this.slots,
      [...this.placed],
      most,
      [...this.takers],
      this.holding.map((h) => [...h]),
    );
  }

  /**
   * Places all of `work` if it fits beside what is placed (true), else nothing (false). The
   * matching of what is placed is kept and grown a piece at a time: the work fits if each piece
   * finds an augmenting path (none found, no matching holds them all), so a place costs a search
   * per new piece, not a matching of everything placed. `pastMost` places it past the room's
   * `most` all the same (a blocker past a digest's cap takes a free slot of whoever takes it).
   */
  place(work: readonly WorkKind[], pastMost = false): boolean {
    if (work.length === 0) return true;
    if (!pastMost && this.placed.length + work.length > this.most) return false;
    // Work no free slot takes at all fails without a search: a backlog of features beside a docs
    // bot's free slots asks this of every feature.
    if (work.some((w) => !this.takes(w))) return false;
    const before = work.length > 1 ? this.holding.map((h) => [...h]) : null;
    const first = this.placed.length;
    for (let i = 0; i < work.length; i++) {
      this.takers.push(takersOf(this.slots, [work[i] as WorkKind])[0] as number[]);
      if (!augment(this.slots, this.takers, this.holding, first + i, new Set())) {
        // Back to the matching as it was: a failed search moved nothing, earlier pieces did.
        this.takers.length = first;
        if (before !== null)
          for (const [s, h] of this.holding.entries()) h.splice(0, h.length, ...(before[s] as number[]));
        return false;
      }
    }
    this.placed.push(...work);
    return true;
  }
}

/** How many more tasks `room` has slots for, whoever's (none said: no limit). */
export const roomFree = (room: number | Room | undefined): number =>
  room === undefined ? Number.POSITIVE_INFINITY : typeof room === 'number' ? room : room.free;

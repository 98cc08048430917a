import { TIER } from './draft.js';
import { type BestWork, seeWork } from './priority.js';

/**
 * The best `size` places (tier, then score) offered so far: what work must beat to matter once
 * that many better pieces of work are known. Work that ranks strictly below all of them cannot
 * make the batch or the cut list (see planPart); a tie may, through its key, so it is not below.
 */
export class RankBar {
  private readonly places: { tier: number; score: number }[] = [];
  /** The highest score seen, of any tier. */
  private top = Number.NEGATIVE_INFINITY;
  /** The best two scores seen of work (not a blocker, a fill-in or planning): what sets a plan's priority scale. */
  private readonly work: BestWork = { work: Number.NEGATIVE_INFINITY, nextWork: Number.NEGATIVE_INFINITY };

  constructor(private readonly size: number) {}

  /**
   * The score work of `tier` must beat to move a plan's priority scale (see planScale): work sets
   * it when there is any, from its best two scores (beating the next best moves it); a blocker, a
   * fill-in or planning only when there is none.
   */
  highest(tier: number): number {
    return tier === TIER.work ? this.work.nextWork : this.top;
  }

  /** Work of `tier` scoring `score` is known: work scoring more may change the scale. */
  see(score: number, tier: number): void {
    if (score > this.top) this.top = score;
    if (tier === TIER.work) seeWork(this.work, score);
  }

  /** Whether `size` places are taken: until then, nothing is below the bar. */
  get full(): boolean {
    return this.places.length >= this.size;
  }

  /** True when work of `tier` scoring at most `score` ranks below each of the `size` best. */
  below(tier: number, score: number): boolean {
    const last = this.places.length < this.size ? undefined : this.places[this.size - 1];
    return last !== undefined && (tier > last.tier || (tier === last.tier && score < last.score));
  }

  /**
   * Whether `score` beats the `n`-th best place of work (not a blocker, a fill-in or planning)
   * offered so far, or fewer than `n` are known: a medium bug scoring so may outscore work of a
   * batch of `n`, and take its place (see liftBug).
   */
  /**
   * A medium bug shelved with `score`, among the `keep` best a plan may lift (see liftBug): once
   * `keep` are known, a medium bug scoring less can be none of them, and need not be read.
   */
  seeShelvedBug(score: number, keep: number): void {
    const bugs = this.shelvedBugs;
    let at = bugs.length;
    while (at > 0 && (bugs[at - 1] as number) < score) at -= 1;
    bugs.splice(at, 0, score);
    if (bugs.length > keep) bugs.length = keep;
  }

  /**
   * Whether a medium bug scoring `score` may be lifted into a batch of `n` (see liftBug): it beats
   * the `n`-th best work (beatsWork) and is not below the `keep` best medium bugs shelved already.
   * A lead's plan in parts read every medium bug beating the weakest work, and a dry run of 10,000
   * projects took half as long again.
   */
  mayLift(score: number, n: number, keep: number): boolean {
    const bugs = this.shelvedBugs;
    if (bugs.length >= keep && score < (bugs[keep - 1] as number)) return false;
    return this.beatsWork(score, n);
  }

  /** The best scores of medium bugs shelved, best first (see seeShelvedBug). */
  private readonly shelvedBugs: number[] = [];

  beatsWork(score: number, n: number): boolean {
    let seen = 0;
    for (const p of this.places) if (p.tier === TIER.work && ++seen >= n) return score > p.score;
    return true;
  }

  /** Work placed at `tier` with `score`; false when it ranks below the `size` best (it changes nothing). */
  offer(tier: number, score: number): boolean {
    if (this.size <= 0 || this.below(tier, score)) return false;
    let at = this.places.length;
    while (at > 0) {
      const before = this.places[at - 1] as { tier: number; score: number };
      if (before.tier < tier || (before.tier === tier && before.score >= score)) break;
      at -= 1;
    }
    this.places.splice(at, 0, { tier, score });
    if (this.places.length > this.size) this.places.pop();
    return true;
  }
}

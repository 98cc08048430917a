import type { Collection } from './stripe-collection.js';
import { isAnswer, noSuch, type StripeAnswer } from './stripe-http.js';
import type { Query, TimeRange } from './stripe-query.js';
import type { FakeStripeRecord } from './stripe-records.js';

/** What a list endpoint pages through: one collection, the filters of the query, and the mode. */
export interface ListPlan<T extends FakeStripeRecord> {
  collection: Collection<T>;
  /** The object's name in "No such …" (`subscription`, `invoice`). */
  object: string;
  livemode: boolean;
  /** The query's filters other than `created`. */
  keep: (item: T) => boolean;
  created?: TimeRange;
}

/** The earliest and latest `created` a range admits. */
function bounds(range: TimeRange | undefined): [number, number] {
  const low = Math.max(range?.gte ?? -Infinity, range?.gt === undefined ? -Infinity : range.gt + 1);
  const high = Math.min(range?.lte ?? Infinity, range?.lt === undefined ? Infinity : range.lt - 1);
  return [low, high];
}

/** The object a cursor names, which must exist in the caller's mode (Stripe: 400 `resource_missing`). */
function cursor<T extends FakeStripeRecord>(plan: ListPlan<T>, id: string, param: string): T | StripeAnswer {
  const found = plan.collection.get(id);
  return found && found.livemode === plan.livemode ? found : noSuch(plan.object, id, param);
}

/** Up to `limit + 1` matching items walking towards older ones from `from`, newest first. */
function walkOlder<T extends FakeStripeRecord>(plan: ListPlan<T>, from: number, want: number): T[] {
  const [low, high] = bounds(plan.created);
  const out: T[] = [];
  const items = plan.collection.items;
  for (let i = Math.min(from, plan.collection.lastAtOrBefore(high)); i >= 0 && out.length < want; i -= 1) {
    const item = items[i] as T;
    if (item.created < low) break;
    if (item.livemode === plan.livemode && plan.keep(item)) out.push(item);
  }
  return out;
}

/** Up to `want` matching items walking towards newer ones from `from`, nearest first. */
function walkNewer<T extends FakeStripeRecord>(plan: ListPlan<T>, from: number, want: number): T[] {
  const [low, high] = bounds(plan.created);
  const out: T[] = [];
  const items = plan.collection.items;
  for (let i = from; i < items.length && out.length < want; i += 1) {
    const item = items[i] as T;
    if (item.created > high) break;
    if (item.created >= low && item.livemode === plan.livemode && plan.keep(item)) out.push(item);
  }
  return out;
}

/**
 * One page as Stripe serves it: newest first; `starting_after` continues past its object towards
 * older ones, `ending_before` gives the `limit` objects just newer than its object (still newest
 * first); `has_more` says whether more lie further in that direction. Costs what it returns.
 */
export function listPage<T extends FakeStripeRecord>(
  plan: ListPlan<T>,
  query: Query,
): { data: T[]; hasMore: boolean } | StripeAnswer {
  const want = query.limit + 1;
  if (query.endingBefore !== null) {
    const at = cursor(plan, query.endingBefore, 'ending_before');
    if (isAnswer(at)) return at;
    const found = walkNewer(plan, plan.collection.positionOf(at) + 1, want);
    return { data: found.slice(0, query.limit).reverse(), hasMore: found.length > query.limit };
  }
  let from = plan.collection.items.length - 1;
  if (query.startingAfter !== null) {
    const at = cursor(plan, query.startingAfter, 'starting_after');
    if (isAnswer(at)) return at;
    from = plan.collection.positionOf(at) - 1;
  }
  const found = walkOlder(plan, from, want);
  return { data: found.slice(0, query.limit), hasMore: found.length > query.limit };
}

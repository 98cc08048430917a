// From the subscriptions' histories to revenue records: each project's months, as Stripe billed them.
import type { Ctx } from '../domain/ctx.js';
import {
  type MonthMrr,
  monthEnd,
  mrrByCurrency,
  partOf,
  type SubscriptionHistory,
  type SubscriptionState,
  sameBilling,
  stateAt,
  stateMrr,
} from '../domain/mrr.js';
import type { RevenuePeriod, SharedSubscription } from '../domain/project.js';
import type { Store } from '../store/create-store.js';
import type { StripeAccountRow } from '../store/stripe-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { failuresSince, unpaidFailures } from './payment-failures.js';

/** What a sync (or one subscription's update) did. */
export interface AccountSync {
  account: string;
  subscriptions: number;
  /** Project-months written. */
  written: number;
  /** Typed records they replaced. */
  replaced: number;
  /**
   * MRR this month per currency, in major units, from the subscriptions as they are today, of the
   * products that feed a project (the basis of `lastComplete`): the account's feeds the milestone
   * once the month is complete, others are shown apart.
   */
  mrrNow: Record<string, number>;
  /** The same of the products that feed no project (`unmapped`): counted nowhere until mapped. */
  unmappedMrrNow: Record<string, number>;
  /**
   * The last complete month's MRR of the projects the account feeds, in its currency: the figure
   * the milestone counts now (a month in progress counts once it ends). Null when no month has
   * ended since the account began billing.
   */
  lastComplete: { month: string; mrr: number; currency: string } | null;
  /** Products sold with no project to feed (no --map for them, and no --project). */
  unmapped: string[];
  /**
   * Products a subscription billing now sells at a metered price (billed for the usage reported):
   * their months count none of it, as no one knows a month's usage before it ends.
   */
  metered: string[];
  /** Which of Stripe's data the key reads: a live key sees no test-mode subscriptions, and the reverse. */
  mode: 'live' | 'test';
  /** Invoices whose payment failed in the last weeks (see failuresSince) and that are still unpaid. */
  unpaidFailures: number;
}

/** Which of Stripe's data a key reads: a live key (`rk_live_…`, `sk_live_…`) live data, any other test data. */
export const keyMode = (key: string): 'live' | 'test' => (/^[rs]k_live_/.test(key) ? 'live' : 'test');

/** How far back months are written. */
const BACKFILL_MONTHS = 24;

/** The first instant of the earliest month a sync writes, 24 months back from `now`'s (ISO 8601). */
export function firstMonthKept(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - BACKFILL_MONTHS + 1, 1)).toISOString();
}

/** The months from `from`'s (at most 24 back) to `now`'s, `YYYY-MM`. */
export function monthsFrom(from: string, now: Date): string[] {
  const months: string[] = [];
  const end = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const at = new Date(from);
  const first = Math.max(at.getUTCFullYear() * 12 + at.getUTCMonth(), end - BACKFILL_MONTHS + 1);
  for (let m = first; m <= end; m++)
    months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  return months;
}

/**
 * A stored history brought up to what Stripe says now (`current`, re-read at `at`). A state that
 * bills differently is added where Stripe dates it when that is after every state stored (an end:
 * the subscription's `ended_at`), or where a stored trial ended (see `converted`), else from `at`
 * on (an upgrade: Stripe says only what is billed now, not since when); an end Stripe reports drops what was stored after it (an end a sync days
 * later had dated then), so a cancellation lands in the month it happened whenever it is read.
 * Later states Stripe reports are added where they fall; the earlier states stay, so the history
 * keeps every change seen.
 */
export function mergeHistory(
  stored: SubscriptionHistory | null,
  current: SubscriptionHistory,
  at: string,
): SubscriptionHistory {
  if (stored === null) return current;
  const end = endOf(current);
  const states = end === null ? [...stored.states] : stored.states.filter((s) => s.at < end.at);
  const known = states.at(-1)?.at ?? '';
  const was = stateAt({ ...stored, states }, at);
  const now = stateAt(current, at);
  if (now !== null && (was === null || !sameBilling(was, now))) {
    // A trial that became a paid subscription: Stripe dates its billing from the trial's end,
    // where the stored trial state (billing nothing) begins; not a paused or unpaid subscription
    // paid again, whose date is its start, months before. It bills from then, not from the sync that
    // read it: a review's trials ending on 24 and 30 November, read on 2 December, moved $170 of
    // November's MRR into December.
    const converted = was?.trial === true && now.live && was.at === now.at;
    if (converted) states.splice(states.indexOf(was), 1);
    states.push({ ...now, at: converted || now.at > known ? now.at : at });
  }
  for (const s of current.states) {
    if (s.at > at && !states.some((k) => k.at === s.at && sameBilling(k, s))) states.push(s);
  }
  states.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { ...current, states };
}

/** The end Stripe dates in a subscription as it reads now: its last state, when that one bills nothing. */
function endOf(current: SubscriptionHistory): SubscriptionState | null {
  const last = current.states.at(-1);
  return current.states.length > 1 && last !== undefined && !last.live ? last : null;
}

/** One project's month from the billing arithmetic, in minor units of the account's currency. */
export interface BilledProjectMonth {
  projectId: number;
  figures: MonthMrr;
}

/** Minor units to dollars (cents to dollars), to the cent. */
const major = (minor: number): number => Math.round(minor) / 100;

/**
 * Every month of the account worked out again from its stored histories: split by the project
 * each product feeds, in the account's currency, written over the last figures (recordMonths).
 */
export function recompute(deps: UseCaseDeps, ctx: Ctx, account: StripeAccountRow): AccountSync {
  const { store } = deps;
  const histories = store.stripe.histories(account.id);
  const mapped = store.stripe.products(account.id);
  const projectOf = (product: string) => mapped.get(product) ?? account.defaultProjectId;
  const byProject = new Map<number, SubscriptionHistory[]>();
  const unmapped = new Set<string>();
  for (const h of histories) {
    const projectsOf = new Set<number>();
    for (const s of h.states) {
      for (const l of s.lines) {
        const p = projectOf(l.product);
        if (p === null) unmapped.add(l.product);
        else projectsOf.add(p);
      }
    }
    if (h.currency !== account.currency) continue;
    for (const p of projectsOf) {
      const part = {
        ...h,
        states: h.states.map((s) => partOf(s, (l) => projectOf(l.product) === p)),
      };
      const group = byProject.get(p);
      if (group) group.push(part);
      else byProject.set(p, [part]);
    }
  }
  const now = deps.clock.now();
  const earliest = histories.reduce(
    (min, h) => (h.states[0] && h.states[0].at < min ? h.states[0].at : min),
    now.toISOString(),
  );
  const months = monthsFrom(earliest, now);
  const billed: BilledProjectMonth[] = [];
  for (const [projectId, group] of byProject) {
    for (const figures of mrrByCurrency(group, months).get(account.currency) ?? [])
      billed.push({ projectId, figures });
  }
  const { written, replaced } = writeMonths(deps, ctx, account, billed);
  store.stripe.setFirstSales(account.id, firstSalesOf(byProject));
  const thisMonth = months.at(-1) ?? '';
  // Each history's lines that feed a project, and those that feed none: MRR now is of the first,
  // as the complete month it is set beside is (the review's add-on made USD 681 read against 758).
  const feeding = (feeds: boolean) =>
    histories.map((h) => ({
      ...h,
      states: h.states.map((s) => partOf(s, (l) => (projectOf(l.product) !== null) === feeds)),
    }));
  const nowOf = (of: readonly SubscriptionHistory[]) => {
    const mrr: Record<string, number> = {};
    for (const [currency, series] of mrrByCurrency(of, [thisMonth]))
      mrr[currency] = major(series[0]?.mrr ?? 0);
    return mrr;
  };
  const mrrNow = nowOf(unmapped.size === 0 ? histories : feeding(true));
  const unmappedMrrNow = unmapped.size === 0 ? {} : nowOf(feeding(false));
  // What the projects' records say for the month before this one: what the milestone counts.
  const lastMonth = months.at(-2);
  const last = billed.filter((b) => b.figures.month === lastMonth);
  // Null only when no month has ended since the account began billing: a month that fed no
  // project (its products unmapped, or billed in another currency) counted $0, and says so.
  const lastComplete =
    lastMonth === undefined
      ? null
      : {
          month: lastMonth,
          mrr: major(last.reduce((sum, b) => sum + b.figures.mrr, 0)),
          currency: account.currency,
        };
  return {
    account: account.accountId,
    subscriptions: histories.length,
    written,
    replaced,
    mrrNow,
    unmappedMrrNow,
    lastComplete,
    unmapped: [...unmapped],
    metered: [
      ...new Set(
        histories
          .flatMap(
            (h) => (h.states.at(-1)?.live ? h.states.at(-1)?.lines : [])?.filter((l) => l.metered) ?? [],
          )
          .map((l) => l.product),
      ),
    ],
    mode: keyMode(account.apiKey),
    unpaidFailures: unpaidFailures(store, account.id, failuresSince(now)),
  };
}

/**
 * Whether a subscription still pays at the end of the month of `at`, where a month's MRR is read:
 * a sale refunded and cancelled within days (or a trial cancelled as it ended) made no month earn,
 * and dated a launch months before the product's first revenue, past its quarter.
 */
function paysAtMonthEnd(h: SubscriptionHistory, at: string): boolean {
  const end = monthEnd(at.slice(0, 7));
  const then = stateAt(h, end);
  return then !== null && stateMrr(then, end) > 0;
}

/**
 * By project, when its first paid subscription began billing (see StripeRepository.firstSales):
 * of its parts of the subscriptions (`byProject`, as recompute splits them), the earliest state
 * worth something a month (billed, not a trial, not metered alone, not all taken off by a coupon),
 * and still at its month's end (see paysAtMonthEnd).
 * A project none paid for yet is absent.
 */
export function firstSalesOf(
  byProject: ReadonlyMap<number, readonly SubscriptionHistory[]>,
): Map<number, string> {
  const sales = new Map<number, string>();
  for (const [projectId, group] of byProject) {
    for (const h of group) {
      const paid = h.states.find((s) => stateMrr(s, s.at) > 0 && paysAtMonthEnd(h, s.at));
      const known = sales.get(projectId);
      if (paid !== undefined && (known === undefined || paid.at < known)) sales.set(projectId, paid.at);
    }
  }
  return sales;
}

/**
 * Writes each project's months: a month's record is Stripe's MRR at the month's end (in dollars
 * of the account's currency), its active subscriptions, customer churn and MRR movements, over
 * the last sync's; a typed record of the same project overlapping that month is replaced. Call
 * inside a write transaction.
 */
export function writeMonths(
  deps: UseCaseDeps,
  ctx: Ctx,
  account: StripeAccountRow,
  months: readonly BilledProjectMonth[],
): { written: number; replaced: number } {
  const { store } = deps;
  const now = nowIso(deps);
  let replaced = 0;
  for (const { projectId, figures: f } of months) {
    const periodStart = `${f.month}-01`;
    const periodEnd = monthEnd(f.month).slice(0, 10);
    replaced += store.revenue.removeTyped(projectId, periodStart, periodEnd);
    store.revenue.putBilled(
      {
        workspaceId: ctx.workspaceId,
        projectId,
        periodStart,
        periodEnd,
        actual: major(f.mrr),
        subscriptions: f.active,
        churnRate: f.customerChurn,
        movements: {
          newMrr: major(f.newMrr),
          expansion: major(f.expansion),
          contraction: major(f.contraction),
          churned: major(f.churned),
        },
        notes: `MRR from Stripe (${account.accountId}, ${account.currency.toUpperCase()})`,
      },
      now,
    );
  }
  store.stripe.setSynced(account.id, now);
  return { written: months.length, replaced };
}

/**
 * The subscriptions of the workspace's Stripe accounts that feed more than one project at the end
 * of the months its projects' latest complete Stripe records are of (as of `today`), with those
 * projects: a project's month counts a subscription whose lines of its products bill something
 * then (see recompute), so such a one is in each of their records. Read from the stored
 * histories, as the records were written from them; accounts whose products all feed one project
 * are not read.
 */
export function sharedSubscriptions(
  store: Store,
  workspaceId: string,
  records: readonly Pick<RevenuePeriod, 'projectId' | 'periodStart' | 'periodEnd' | 'source'>[],
  today: string,
): SharedSubscription[] {
  const latest = new Map<number, string>();
  for (const r of records) {
    if (r.source !== 'stripe' || r.projectId === null || r.periodEnd >= today) continue;
    const month = r.periodStart.slice(0, 7);
    if ((latest.get(r.projectId) ?? '') < month) latest.set(r.projectId, month);
  }
  // A subscription is counted twice only where two projects have Stripe months.
  if (latest.size < 2) return [];
  const months = [...new Set(latest.values())];
  const shared: SharedSubscription[] = [];
  for (const account of store.stripe.accounts(workspaceId)) {
    const mapped = store.stripe.products(account.id);
    const projectOf = (product: string) => mapped.get(product) ?? account.defaultProjectId;
    const fed = new Set([
      ...mapped.values(),
      ...(account.defaultProjectId === null ? [] : [account.defaultProjectId]),
    ]);
    if (fed.size < 2) continue;
    for (const h of store.stripe.histories(account.id)) {
      if (h.currency !== account.currency) continue;
      for (const month of months) {
        const projectIds = projectsBilled(h, month, projectOf);
        if (projectIds.length > 1) shared.push({ month, projectIds });
      }
    }
  }
  return shared;
}

/** The projects whose products a subscription bills something for at the end of `month`. */
function projectsBilled(
  history: SubscriptionHistory,
  month: string,
  projectOf: (product: string) => number | null,
): number[] {
  const at = monthEnd(month);
  const state = stateAt(history, at);
  if (state === null) return [];
  const projects = new Set<number>();
  for (const l of state.lines) {
    const p = projectOf(l.product);
    if (p !== null) projects.add(p);
  }
  return [...projects].filter(
    (p) =>
      stateMrr(
        partOf(state, (l) => projectOf(l.product) === p),
        at,
      ) > 0,
  );
}

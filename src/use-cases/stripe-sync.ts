import { type SubscriptionInvoice, withBilledHistory } from '../domain/billed-history.js';
import type { Ctx } from '../domain/ctx.js';
import type { SubscriptionHistory } from '../domain/mrr.js';
import type { InvoicePayment } from '../domain/payment-failure.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { failuresSince, recordPayments } from './payment-failures.js';
import {
  type createStripeAccountUseCases,
  findAccount,
  requireAccount,
  type StripeAccountView,
  type StripeConnectPlan,
  type VerifiedStripeAccount,
} from './stripe-accounts.js';
import {
  type AccountSync,
  type BilledProjectMonth,
  firstMonthKept,
  mergeHistory,
  recompute,
  writeMonths,
} from './stripe-months.js';

/** The invoices a sync reads to rebuild the subscriptions it has not seen before. */
export interface InvoicesWanted {
  /** Made at or after this (ISO 8601): when the earliest of them began billing, or the first month kept. */
  since: string;
  /** Now, as the sync counts it (ISO 8601). */
  until: string;
  subscriptions: ReadonlySet<string>;
}

/** What a sync read of an account, every page, before anything is written (see sync). */
export interface AccountRead {
  histories: readonly SubscriptionHistory[];
  invoices: readonly SubscriptionInvoice[];
  /** Its recent invoices, from paymentsSince on: the failed payments. */
  payments: readonly InvoicePayment[];
}

/** Where handled Stripe event ids are kept (`processed_events.source`). */
const STRIPE_EVENTS = 'stripe';

/**
 * When a change an event reports counts from: when Stripe says it happened (`happenedAt`, the
 * event's `created`; a retry arrives up to 3 days later, and an upgrade on 29 November read on
 * 1 December belongs to November), but never before the latest state stored for the subscription
 * (the subscription is re-read as it is now, which may be newer than the event: an old event must
 * not rewrite later history), and never after `now`.
 */
export function changeAt(
  stored: SubscriptionHistory | null,
  happenedAt: string | undefined,
  now: string,
): string {
  if (happenedAt === undefined) return now;
  const latest = stored?.states.at(-1)?.at;
  const from = latest !== undefined && Date.parse(latest) > Date.parse(happenedAt) ? latest : happenedAt;
  return Date.parse(from) > Date.parse(now) ? now : new Date(from).toISOString();
}

/**
 * Reading a connected account: a full sync, one subscription's change (a webhook event), and
 * months worked out elsewhere.
 */
export function createStripeSyncUseCases(
  deps: UseCaseDeps,
  accounts: Pick<ReturnType<typeof createStripeAccountUseCases>, 'connect' | 'accounts'>,
) {
  const { store } = deps;

  /**
   * One subscription as Stripe has it now, merged into its history as of `happenedAt` (see
   * changeAt; none: now); the months worked out again.
   */
  function applyUpdate(
    ctx: Ctx,
    accountId: string,
    current: SubscriptionHistory,
    happenedAt?: string,
  ): AccountSync {
    const account = requireAccount(store, ctx, accountId);
    const now = nowIso(deps);
    const stored = store.stripe.history(account.id, current.id);
    store.stripe.putHistory(
      account.id,
      mergeHistory(stored, current, changeAt(stored, happenedAt, now)),
      now,
    );
    return recompute(deps, ctx, account);
  }

  /**
   * A full sync: the account's subscriptions as Stripe has them now replace the stored ones (each
   * merged with what was stored, so changes seen before stay), then every month is worked out
   * again. A subscription seen for the first time gets its earlier states from its `invoices`
   * (withBilledHistory), so the months before it carry what was billed. Its recent invoices
   * (`payments`, from paymentsSince on) record the failed payments; failures older than that are
   * dropped. One transaction.
   */
  function sync(
    ctx: Ctx,
    accountId: string,
    histories: readonly SubscriptionHistory[],
    invoices: readonly SubscriptionInvoice[] = [],
    payments: readonly InvoicePayment[] = [],
  ): AccountSync {
    const invoicesOf = new Map<string, SubscriptionInvoice[]>();
    for (const invoice of invoices) {
      const group = invoicesOf.get(invoice.subscription);
      if (group) group.push(invoice);
      else invoicesOf.set(invoice.subscription, [invoice]);
    }
    return store.transaction(() => {
      const account = requireAccount(store, ctx, accountId);
      const now = nowIso(deps);
      store.paymentFailures.prune(account.id, failuresSince(deps.clock.now()));
      recordPayments(store, account.id, payments, now);
      for (const h of histories) {
        const stored = store.stripe.history(account.id, h.id);
        const current = stored === null ? withBilledHistory(h, invoicesOf.get(h.id) ?? [], now) : h;
        store.stripe.putHistory(account.id, mergeHistory(stored, current, now), now);
      }
      store.stripe.keepHistories(
        account.id,
        histories.map((h) => h.id),
      );
      return recompute(deps, ctx, account);
    });
  }

  return {
    /**
     * {@link update} for webhook event `eventId`, once: the same event again (Stripe retries until
     * it gets a 2xx) changes nothing. A change it finds counts from `happenedAt` (the event's
     * `created`, see changeAt), however late it is delivered. An invoice event also hands over its
     * invoice as Stripe has it now: a failed payment is kept, or marked paid. The update and the
     * mark land together.
     */
    updateOnce(
      ctx: Ctx,
      eventId: string,
      accountId: string,
      current: SubscriptionHistory,
      invoice?: InvoicePayment,
      happenedAt?: string,
    ): { duplicate: true } | { duplicate: false; sync: AccountSync } {
      return store.transaction(() => {
        if (store.processed.outcome(ctx.workspaceId, STRIPE_EVENTS, eventId) !== null)
          return { duplicate: true };
        if (invoice !== undefined)
          recordPayments(store, requireAccount(store, ctx, accountId).id, [invoice], nowIso(deps));
        const sync = applyUpdate(ctx, accountId, current, happenedAt);
        store.processed.mark(ctx.workspaceId, STRIPE_EVENTS, eventId, 'delivered', nowIso(deps));
        return { duplicate: false, sync };
      });
    },

    /** Where a sync starts reading invoices for failed payments: the weeks the engine looks at. */
    paymentsSince: (): string => failuresSince(deps.clock.now()),

    /**
     * Which invoices a sync of `histories` needs: those of the subscriptions not stored yet, made
     * since the earliest of them began billing (not before the first month kept). Null when every
     * one is stored: their kept history already says what each month was billed.
     */
    invoicesWanted(
      ctx: Ctx,
      accountId: string,
      histories: readonly SubscriptionHistory[],
    ): InvoicesWanted | null {
      // Not connected yet (the first sync of a connect, saved with the account): none is stored.
      const account = findAccount(store, ctx, accountId);
      const stored = account === undefined ? new Set<string>() : store.stripe.subscriptionIds(account.id);
      const unseen = histories.filter((h) => !stored.has(h.id));
      if (unseen.length === 0) return null;
      const began = unseen.reduce((min, h) => {
        const at = h.states[0]?.at ?? min;
        return at < min ? at : min;
      }, nowIso(deps));
      const kept = firstMonthKept(deps.clock.now());
      return {
        ...{ since: began > kept ? began : kept, until: nowIso(deps) },
        subscriptions: new Set(unseen.map((h) => h.id)),
      };
    },

    sync,

    /**
     * {@link StripeAccountUseCases.connect} and its first sync, read from Stripe (`read`, every
     * page) before anything is written, in one transaction (see sync): a connect lands with its
     * first sync or not at all, so a read that failed leaves no account, nor changes one.
     */
    connectAndSync(
      ctx: Ctx,
      plan: StripeConnectPlan,
      verified: VerifiedStripeAccount,
      read: AccountRead,
    ): { account: StripeAccountView; sync: AccountSync } {
      return store.transaction(() => {
        const account = accounts.connect(ctx, plan, verified);
        const done = sync(ctx, account.accountId, read.histories, read.invoices, read.payments);
        // As the sync left it: the time it read the account.
        const after = accounts.accounts(ctx).find((a) => a.accountId === account.accountId) ?? account;
        return { account: after, sync: done };
      });
    },

    /**
     * One subscription changed (a webhook event): `current` is it as Stripe has it now, re-read
     * (so events arriving out of order change nothing wrong). Its history gains the change, and
     * the months are worked out again. One transaction.
     */
    update(ctx: Ctx, accountId: string, current: SubscriptionHistory): AccountSync {
      return store.transaction(() => applyUpdate(ctx, accountId, current));
    },

    /** The project a product's revenue feeds, by the account's map, else its default project; null if neither. */
    projectOf(ctx: Ctx, accountId: string): (productId: string) => number | null {
      const account = requireAccount(store, ctx, accountId);
      const mapped = store.stripe.products(account.id);
      return (productId) => mapped.get(productId) ?? account.defaultProjectId;
    },

    /** Writes months worked out elsewhere, in one transaction (see writeMonths). */
    recordMonths(
      ctx: Ctx,
      accountId: string,
      months: readonly BilledProjectMonth[],
    ): { written: number; replaced: number } {
      return store.transaction(() => writeMonths(deps, ctx, requireAccount(store, ctx, accountId), months));
    },
  };
}

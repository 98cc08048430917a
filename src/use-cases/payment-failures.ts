import { type PriceLine, type SubscriptionHistory, stateAt, stateMrr } from '../domain/mrr.js';
import { type InvoicePayment, paymentFailureOf } from '../domain/payment-failure.js';
import type { PaymentFailureInput } from '../engine/engine-input.js';
import { FAILURE_HISTORY_DAYS } from '../engine/payment-failure-signals.js';
import type { Store } from '../store/create-store.js';
import type { StripeAccountRow } from '../store/stripe-repository.js';

/** The start of the failures the engine reads at `now`, and a sync reads invoices from (ISO 8601). */
export function failuresSince(now: Date): string {
  return new Date(now.getTime() - FAILURE_HISTORY_DAYS * 86_400_000).toISOString();
}

/**
 * Keeps each invoice's failure, merged with what was kept for it (see paymentFailureOf); an invoice
 * that never failed writes nothing. Call inside a write transaction.
 */
export function recordPayments(
  store: Store,
  accountRowId: number,
  payments: readonly InvoicePayment[],
  now: string,
): void {
  for (const payment of payments) {
    const failure = paymentFailureOf(payment, store.paymentFailures.find(accountRowId, payment.invoice), now);
    if (failure !== null) store.paymentFailures.put(accountRowId, failure, now);
  }
}

/** The account's invoices whose payment failed since `since` and that are still unpaid. */
export function unpaidFailures(store: Store, accountRowId: number, since: string): number {
  return store.paymentFailures
    .since(accountRowId, since)
    .filter((f) => f.recoveredAt === null && f.closedAt === null).length;
}

/** What a subscription adds to MRR now, per project its products feed (minor units; 0 once it left MRR). */
function mrrByProject(
  history: SubscriptionHistory | null,
  at: string,
  projectOf: (product: string) => number | null,
): Map<number, number> {
  const state = history === null ? null : stateAt(history, at);
  const byProject = new Map<number, PriceLine[]>();
  for (const line of state?.lines ?? []) {
    const project = projectOf(line.product);
    if (project !== null) byProject.set(project, [...(byProject.get(project) ?? []), line]);
  }
  return new Map(
    [...byProject].map(([project, lines]) => [
      project,
      state === null ? 0 : stateMrr({ ...state, lines }, at),
    ]),
  );
}

/**
 * The failed payments of the workspace's connected accounts since FAILURE_HISTORY_DAYS ago, as the
 * engine reads them: each on the projects its subscription's products feed (by the account's map,
 * as its MRR is), with what that subscription adds to each project's MRR now. A failure whose
 * products feed no project is left out, as their MRR is.
 */
export function loadPaymentFailures(store: Store, workspaceId: string, now: Date): PaymentFailureInput[] {
  const at = now.toISOString();
  const since = failuresSince(now);
  return store.stripe.accounts(workspaceId).flatMap((account) => accountFailures(store, account, at, since));
}

function accountFailures(
  store: Store,
  account: StripeAccountRow,
  at: string,
  since: string,
): PaymentFailureInput[] {
  const mapped = store.stripe.products(account.id);
  const projectOf = (product: string) => mapped.get(product) ?? account.defaultProjectId;
  return store.paymentFailures.since(account.id, since).flatMap((f) => {
    const parts = mrrByProject(store.stripe.history(account.id, f.subscription), at, projectOf);
    return [...parts].map(
      ([projectId, mrr]): PaymentFailureInput => ({
        projectId,
        invoice: f.invoice,
        subscription: f.subscription,
        customer: f.customer,
        currency: f.currency,
        accountCurrency: account.currency,
        failedAt: f.firstFailedAt,
        settledAt: f.recoveredAt ?? f.closedAt,
        mrr: Math.round(mrr) / 100,
      }),
    );
  });
}

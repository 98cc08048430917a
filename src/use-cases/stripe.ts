import { type SubscriptionInvoice, withBilledHistory } from '../domain/billed-history.js';
import type { Ctx } from '../domain/ctx.js';
import {
  type MonthMrr,
  monthEnd,
  mrrByCurrency,
  type SubscriptionHistory,
  sameBilling,
  stateAt,
} from '../domain/mrr.js';
import type { InvoicePayment } from '../domain/payment-failure.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { StripeAccountRow } from '../store/stripe-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
import { failuresSince, recordPayments, unpaidFailures } from './payment-failures.js';
import type { createProjectUseCases } from './projects.js';

/** What `stripe connect` takes, as a person types it. */
export interface StripeConnectInput {
  key: string;
  /** The project every product feeds unless mapped. */
  project?: string;
  /** `prod_X=Project name`, one per product. */
  map?: readonly string[];
}

/** A connect request checked before anyone asks Stripe: the key's kind, the projects. */
export interface StripeConnectPlan {
  key: string;
  defaultProjectId: number | null;
  products: Array<{ productId: string; projectId: number; projectName: string }>;
  /** What the person should know but need not fix (a live secret key where a read-only one does). */
  warnings: string[];
}

/** The account as Stripe answered for the key. */
export interface VerifiedStripeAccount {
  accountId: string;
  name: string;
  /** Its default currency, lowercase: the MRR that feeds the revenue milestone. */
  currency: string;
}

/** A connected account as shown: never its key. */
export interface StripeAccountView {
  accountId: string;
  name: string;
  currency: string;
  defaultProject: string | null;
  products: Array<{ productId: string; project: string }>;
  syncedAt: string | null;
  /** When the last read failed, and why; null once a read works again. */
  failedAt: string | null;
  failure: string | null;
}

/** What a sync (or one subscription's update) did. */
export interface AccountSync {
  account: string;
  subscriptions: number;
  /** Project-months written. */
  written: number;
  /** Typed records they replaced. */
  replaced: number;
  /** MRR this month per currency, in major units: the account's feeds the milestone, others are shown apart. */
  mrrNow: Record<string, number>;
  /** Products sold with no project to feed (no --map for them, and no --project). */
  unmapped: string[];
  /** Which of Stripe's data the key reads: a live key sees no test-mode subscriptions, and the reverse. */
  mode: 'live' | 'test';
  /** Invoices whose payment failed in the last weeks (see failuresSince) and that are still unpaid. */
  unpaidFailures: number;
}

/** The invoices a sync reads to rebuild the subscriptions it has not seen before. */
export interface InvoicesWanted {
  /** Made at or after this (ISO 8601): when the earliest of them began billing, or the first month kept. */
  since: string;
  /** Now, as the sync counts it (ISO 8601). */
  until: string;
  subscriptions: ReadonlySet<string>;
}

/** Where handled Stripe event ids are kept (`processed_events.source`). */
const STRIPE_EVENTS = 'stripe';

/** How far back months are written. */
const BACKFILL_MONTHS = 24;

/** The first instant of the earliest month a sync writes, 24 months back from `now`'s (ISO 8601). */
function firstMonthKept(now: Date): string {
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
 * A stored history brought up to what Stripe says now (`current`, re-read at `at`): a state that
 * bills differently is added from `at` on, and an end Stripe reports is added where it falls; the
 * earlier states stay, so the history keeps every change seen.
 */
export function mergeHistory(
  stored: SubscriptionHistory | null,
  current: SubscriptionHistory,
  at: string,
): SubscriptionHistory {
  if (stored === null) return current;
  const states = [...stored.states];
  const was = stateAt(stored, at);
  const now = stateAt(current, at);
  if (now !== null && (was === null || !sameBilling(was, now))) states.push({ ...now, at });
  for (const s of current.states) {
    if (s.at > at && !states.some((k) => k.at === s.at && sameBilling(k, s))) states.push(s);
  }
  states.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { ...current, states };
}

/** One project's month from the billing arithmetic, in minor units of the account's currency. */
export interface BilledProjectMonth {
  projectId: number;
  figures: MonthMrr;
}

const KEY = /^(rk|sk)_(test|live)_[A-Za-z0-9]{8,247}$/;
const MAP_ENTRY = /^(prod_[A-Za-z0-9]{1,100})\s*=\s*(.+)$/;

/** Minor units to dollars (cents to dollars), to the cent. */
const major = (minor: number): number => Math.round(minor) / 100;

export function createStripeUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
  projects: ReturnType<typeof createProjectUseCases>,
) {
  const { store } = deps;

  function view(ctx: Ctx, a: StripeAccountRow): StripeAccountView {
    const names = new Map(store.projects.list(ctx.workspaceId).map((p) => [p.id, p.name]));
    return {
      accountId: a.accountId,
      name: a.name,
      currency: a.currency,
      defaultProject: a.defaultProjectId === null ? null : (names.get(a.defaultProjectId) ?? null),
      products: [...store.stripe.products(a.id)].map(([productId, projectId]) => ({
        productId,
        project: names.get(projectId) ?? '?',
      })),
      syncedAt: a.syncedAt,
      failedAt: a.failedAt,
      failure: a.failure,
    };
  }

  /**
   * Every month of the account worked out again from its stored histories: split by the project
   * each product feeds, in the account's currency, written over the last figures (recordMonths).
   */
  function recompute(ctx: Ctx, account: StripeAccountRow): AccountSync {
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
          states: h.states.map((s) => ({ ...s, lines: s.lines.filter((l) => projectOf(l.product) === p) })),
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
    const { written, replaced } = writeMonths(ctx, account, billed);
    const thisMonth = months.at(-1) ?? '';
    const mrrNow: Record<string, number> = {};
    for (const [currency, series] of mrrByCurrency(histories, [thisMonth]))
      mrrNow[currency] = major(series[0]?.mrr ?? 0);
    return {
      account: account.accountId,
      subscriptions: histories.length,
      written,
      replaced,
      mrrNow,
      unmapped: [...unmapped],
      mode: /^[rs]k_live_/.test(account.apiKey) ? 'live' : 'test',
      unpaidFailures: unpaidFailures(store, account.id, failuresSince(now)),
    };
  }

  /**
   * Writes each project's months: a month's record is Stripe's MRR at the month's end (in dollars
   * of the account's currency), its active subscriptions, customer churn and MRR movements, over
   * the last sync's; a typed record of the same project overlapping that month is replaced. Call
   * inside a write transaction.
   */
  function writeMonths(
    ctx: Ctx,
    account: StripeAccountRow,
    months: readonly BilledProjectMonth[],
  ): { written: number; replaced: number } {
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

  /** One subscription as Stripe has it now, merged into its history; the months worked out again. */
  function applyUpdate(ctx: Ctx, accountId: string, current: SubscriptionHistory): AccountSync {
    const account = requireAccount(ctx, accountId);
    const now = nowIso(deps);
    store.stripe.putHistory(
      account.id,
      mergeHistory(store.stripe.history(account.id, current.id), current, now),
      now,
    );
    return recompute(ctx, account);
  }

  function requireAccount(ctx: Ctx, accountId: string): StripeAccountRow {
    const found = store.stripe.accounts(ctx.workspaceId).find((a) => a.accountId === accountId);
    if (!found)
      throw new NotFoundError(
        `Stripe account ${accountId} is not connected: \`goalpost stripe connect --key rk_…\``,
      );
    return found;
  }

  return {
    /**
     * Checks a connect request before Stripe is asked anything: the key's form, the project, each
     * `prod_…=Project` entry. A live secret key works, with a warning: a restricted read-only one
     * is all Goalpost needs. @throws ValidationError naming the bad part; NotFoundError for a project.
     */
    planConnect(ctx: Ctx, input: StripeConnectInput): StripeConnectPlan {
      members.authorize(ctx, 'admin', 'connecting Stripe');
      const key = (input.key ?? '').trim();
      const kind = KEY.exec(key);
      if (!kind) {
        throw new ValidationError(
          'key: a Stripe API key, rk_live_… (a restricted key, read-only, is enough) or rk_test_…',
          'key',
        );
      }
      const map = input.map ?? [];
      if (input.project === undefined && map.length === 0) {
        throw new ValidationError(
          'say which project the revenue feeds: --project "Name", or --map prod_X="Name" for each product',
          'project',
        );
      }
      const defaultProject = input.project === undefined ? null : projects.requireProject(ctx, input.project);
      const products = map.map((entry) => {
        const m = MAP_ENTRY.exec(entry.trim());
        if (!m?.[1] || !m[2]) {
          throw new ValidationError(
            `map: "${entry}" is not prod_…=Project, like prod_NbmGQ2="Basic EDU Apps"`,
            'map',
          );
        }
        const project = projects.requireProject(ctx, m[2].trim().replace(/^"(.*)"$/, '$1'));
        return { productId: m[1], projectId: project.id, projectName: project.name };
      });
      const warnings =
        kind[1] === 'sk' && kind[2] === 'live'
          ? [
              'this is a live secret key, which can do anything in your Stripe account; Goalpost only reads: a restricted key with read access to subscriptions, invoices, products and prices is enough (Developers → API keys → Create restricted key)',
            ]
          : [];
      return { key, defaultProjectId: defaultProject?.id ?? null, products, warnings };
    },

    /** Connects the account Stripe confirmed for the plan's key (again: updates it). */
    connect(ctx: Ctx, plan: StripeConnectPlan, account: VerifiedStripeAccount): StripeAccountView {
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'connecting Stripe');
        const row = store.stripe.putAccount(
          {
            workspaceId: ctx.workspaceId,
            accountId: account.accountId,
            name: account.name,
            currency: account.currency.toLowerCase(),
            apiKey: plan.key,
            defaultProjectId: plan.defaultProjectId,
            createdBy: ctx.actor,
          },
          nowIso(deps),
        );
        store.stripe.setProducts(row.id, plan.products);
        return view(ctx, row);
      });
    },

    /**
     * The connected accounts a webhook event about `subscriptionId` may belong to, as the
     * connector tries them: those that hold it first, then every other (a new subscription is
     * held by none yet). With their workspace and key, for the connector only.
     */
    candidatesFor(subscriptionId: string): Array<{ workspaceId: string; accountId: string; key: string }> {
      const holders = new Set(store.stripe.holdersOf(subscriptionId));
      return store.stripe
        .allAccounts()
        .sort((a, b) => Number(holders.has(b.id)) - Number(holders.has(a.id)))
        .map((a) => ({ workspaceId: a.workspaceId, accountId: a.accountId, key: a.apiKey }));
    },

    /**
     * {@link update} for webhook event `eventId`, once: the same event again (Stripe retries until
     * it gets a 2xx) changes nothing. An invoice event also hands over its invoice as Stripe has it
     * now: a failed payment is kept, or marked paid. The update and the mark land together.
     */
    updateOnce(
      ctx: Ctx,
      eventId: string,
      accountId: string,
      current: SubscriptionHistory,
      invoice?: InvoicePayment,
    ): { duplicate: true } | { duplicate: false; sync: AccountSync } {
      return store.transaction(() => {
        if (store.processed.outcome(ctx.workspaceId, STRIPE_EVENTS, eventId) !== null)
          return { duplicate: true };
        if (invoice !== undefined)
          recordPayments(store, requireAccount(ctx, accountId).id, [invoice], nowIso(deps));
        const sync = applyUpdate(ctx, accountId, current);
        store.processed.mark(ctx.workspaceId, STRIPE_EVENTS, eventId, 'delivered', nowIso(deps));
        return { duplicate: false, sync };
      });
    },

    /** The key a connected account syncs with (for the connector only: never shown). */
    keyOf: (ctx: Ctx, accountId: string): string => requireAccount(ctx, accountId).apiKey,

    /** The workspaces with a connected account, for the bot's scheduled read. */
    connectedWorkspaces: (): string[] => [...new Set(store.stripe.allAccounts().map((a) => a.workspaceId))],

    accounts: (ctx: Ctx): StripeAccountView[] =>
      store.stripe.accounts(ctx.workspaceId).map((a) => view(ctx, a)),

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
      const stored = store.stripe.subscriptionIds(requireAccount(ctx, accountId).id);
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

    /**
     * A full sync: the account's subscriptions as Stripe has them now replace the stored ones (each
     * merged with what was stored, so changes seen before stay), then every month is worked out
     * again. A subscription seen for the first time gets its earlier states from its `invoices`
     * (withBilledHistory), so the months before it carry what was billed. Its recent invoices
     * (`payments`, from paymentsSince on) record the failed payments; failures older than that are
     * dropped. One transaction.
     */
    sync(
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
        const account = requireAccount(ctx, accountId);
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
        return recompute(ctx, account);
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

    /** Records that reading the account failed, and why: the digest warns until a read works again. */
    recordReadFailure(ctx: Ctx, accountId: string, failure: string): void {
      store.transaction(() =>
        store.stripe.setFailed(requireAccount(ctx, accountId).id, nowIso(deps), failure),
      );
    },

    /** The project a product's revenue feeds, by the account's map, else its default project; null if neither. */
    projectOf(ctx: Ctx, accountId: string): (productId: string) => number | null {
      const account = requireAccount(ctx, accountId);
      const mapped = store.stripe.products(account.id);
      return (productId) => mapped.get(productId) ?? account.defaultProjectId;
    },

    /** Writes months worked out elsewhere, in one transaction (see writeMonths). */
    recordMonths(
      ctx: Ctx,
      accountId: string,
      months: readonly BilledProjectMonth[],
    ): { written: number; replaced: number } {
      return store.transaction(() => writeMonths(ctx, requireAccount(ctx, accountId), months));
    },
  };
}

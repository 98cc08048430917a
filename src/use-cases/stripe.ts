import type { Ctx } from '../domain/ctx.js';
import type { MonthMrr } from '../domain/mrr.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { StripeAccountRow } from '../store/stripe-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
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
}

/** One project's month from the billing arithmetic, in minor units of the account's currency. */
export interface BilledProjectMonth {
  projectId: number;
  figures: MonthMrr;
}

const KEY = /^(rk|sk)_(test|live)_[A-Za-z0-9]{8,247}$/;
const MAP_ENTRY = /^(prod_[A-Za-z0-9]{1,100})\s*=\s*(.+)$/;

/** `2026-03` → `2026-03-31`. */
const lastDay = (month: string): string => {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

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
    };
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

    /** The key a connected account syncs with (for the connector only: never shown). */
    keyOf: (ctx: Ctx, accountId: string): string => requireAccount(ctx, accountId).apiKey,

    accounts: (ctx: Ctx): StripeAccountView[] =>
      store.stripe.accounts(ctx.workspaceId).map((a) => view(ctx, a)),

    /** The project a product's revenue feeds, by the account's map, else its default project; null if neither. */
    projectOf(ctx: Ctx, accountId: string): (productId: string) => number | null {
      const account = requireAccount(ctx, accountId);
      const mapped = store.stripe.products(account.id);
      return (productId) => mapped.get(productId) ?? account.defaultProjectId;
    },

    /**
     * Writes each project's months from the account's billing, in one transaction: a month's record
     * is Stripe's MRR at the month's end (in dollars of the account's currency), its active
     * subscriptions, customer churn and MRR movements, written over the last sync's; a typed record
     * of the same project overlapping that month is replaced. Returns how many months were written
     * and how many typed records they replaced.
     */
    recordMonths(
      ctx: Ctx,
      accountId: string,
      months: readonly BilledProjectMonth[],
    ): { written: number; replaced: number } {
      return store.transaction(() => {
        const account = requireAccount(ctx, accountId);
        const now = nowIso(deps);
        let replaced = 0;
        for (const { projectId, figures: f } of months) {
          const periodStart = `${f.month}-01`;
          const periodEnd = lastDay(f.month);
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
      });
    },
  };
}

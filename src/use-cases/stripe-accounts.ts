import type { Ctx } from '../domain/ctx.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Store } from '../store/create-store.js';
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
  /** When the last read failed, and why; null once a read works again. */
  failedAt: string | null;
  failure: string | null;
}

const KEY = /^(rk|sk)_(test|live)_[A-Za-z0-9]{8,247}$/;
const MAP_ENTRY = /^(prod_[A-Za-z0-9]{1,100})\s*=\s*(.+)$/;

/** Stripe account `accountId` as connected in the caller's workspace; undefined when it is not. */
export const findAccount = (store: Store, ctx: Ctx, accountId: string): StripeAccountRow | undefined =>
  store.stripe.accounts(ctx.workspaceId).find((a) => a.accountId === accountId);

/** The connected account `accountId` of the caller's workspace. @throws NotFoundError saying how to connect it. */
export function requireAccount(store: Store, ctx: Ctx, accountId: string): StripeAccountRow {
  const found = findAccount(store, ctx, accountId);
  if (!found)
    throw new NotFoundError(
      `Stripe account ${accountId} is not connected: \`goalpost stripe connect --key rk_…\``,
    );
  return found;
}

/** A connected account as it is shown: its projects by name, never its key. */
function view(store: Store, ctx: Ctx, a: StripeAccountRow): StripeAccountView {
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

/** Connecting a Stripe account to projects, and the accounts a workspace (or a webhook event) has. */
export function createStripeAccountUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
  projects: ReturnType<typeof createProjectUseCases>,
) {
  const { store } = deps;
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
        return view(store, ctx, row);
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

    /** The key a connected account syncs with (for the connector only: never shown). */
    keyOf: (ctx: Ctx, accountId: string): string => requireAccount(store, ctx, accountId).apiKey,

    /** The workspaces with a connected account, for the bot's scheduled read. */
    connectedWorkspaces: (): string[] => [...new Set(store.stripe.allAccounts().map((a) => a.workspaceId))],

    accounts: (ctx: Ctx): StripeAccountView[] =>
      store.stripe.accounts(ctx.workspaceId).map((a) => view(store, ctx, a)),

    /** Records that reading the account failed, and why: the digest warns until a read works again. */
    recordReadFailure(ctx: Ctx, accountId: string, failure: string): void {
      store.transaction(() =>
        store.stripe.setFailed(requireAccount(store, ctx, accountId).id, nowIso(deps), failure),
      );
    },
  };
}

import Stripe from 'stripe';
import {
  ConfigError,
  ForbiddenError,
  packageVersion,
  ServiceError,
  ValidationError,
  type VerifiedStripeAccount,
} from '../../src/index.js';

/**
 * A Stripe client for `key`, at `apiBase` when set (STRIPE_API_BASE: a proxy, the tests' fake),
 * that retries what Stripe says may be retried (429, Stripe-Should-Retry) a few times, and sends
 * no telemetry.
 */
export function createStripeClient(key: string, apiBase: string | undefined): Stripe {
  const base = apiBase === undefined ? null : new URL(apiBase);
  const protocol = base?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(key, {
    ...(base === null
      ? {}
      : {
          host: base.hostname,
          port: base.port === '' ? (protocol === 'http' ? 80 : 443) : Number(base.port),
          protocol,
        }),
    maxNetworkRetries: 3,
    timeout: 30_000,
    telemetry: false,
    appInfo: { name: 'Goalpost', version: packageVersion() },
  });
}

/**
 * What a Stripe failure means to the person who ran the command: a refused key, a key without a
 * permission (naming it, as Stripe does), or Stripe not answering.
 */
export function stripeProblem(error: unknown, action: string): Error {
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return new ConfigError(
      `Stripe refused the key (${error.message}); make a restricted key (Developers → API keys → Create restricted key) and connect again`,
    );
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    return new ForbiddenError(
      `the Stripe key may not ${action} (${error.message}); give the restricted key read access to subscriptions, invoices, products and prices; nothing was changed`,
    );
  }
  if (error instanceof Stripe.errors.StripeError) {
    return new ServiceError(
      `Stripe could not ${action} (${error.message}); nothing was changed, try again later`,
      error,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The account a key belongs to: its id, its name, and its default currency. */
export async function verifyAccount(stripe: Stripe): Promise<VerifiedStripeAccount> {
  let account: Stripe.Account;
  try {
    account = await stripe.accounts.retrieveCurrent();
  } catch (error) {
    throw stripeProblem(error, 'read the account');
  }
  return {
    accountId: account.id,
    name: account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? '',
    currency: (account.default_currency ?? 'usd').toLowerCase(),
  };
}

/** How many of an account's products a refused --map names, so that a typo's fix is in sight. */
const PRODUCTS_NAMED = 10;

/**
 * Refuses product ids that are not products of the account (`accountId`), before anything is
 * connected: a --map with a typo (`prod_mobil`) connected and fed no project, the product's MRR
 * counted nowhere. The refusal names the account's products (the first PRODUCTS_NAMED).
 * @throws ValidationError naming the ids Stripe does not know and the products it has.
 */
export async function verifyProducts(
  stripe: Stripe,
  accountId: string,
  productIds: readonly string[],
): Promise<void> {
  const missing: string[] = [];
  for (const id of new Set(productIds)) {
    try {
      await stripe.products.retrieve(id);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing')
        missing.push(id);
      else throw stripeProblem(error, 'read products');
    }
  }
  if (missing.length === 0) return;
  let known: Stripe.Product[];
  try {
    known = (await stripe.products.list({ limit: PRODUCTS_NAMED })).data;
  } catch (error) {
    throw stripeProblem(error, 'list products');
  }
  const names = known.map((p) => `${p.id} (${p.name})`).join(', ');
  throw new ValidationError(
    `map: ${missing.join(' and ')} ${missing.length === 1 ? 'is not a product' : 'are not products'} of Stripe account ${accountId}; ${known.length === 0 ? 'it has no products' : `its products: ${names}${known.length === PRODUCTS_NAMED ? ', …' : ''}`}`,
    'map',
  );
}

/** Waits `ms` milliseconds: how a call rate-limited by Stripe waits before it is asked again. */
export const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** How many times a call rate-limited by Stripe is asked again, waiting 1, 2, 4… s in between. */
const RATE_LIMIT_RETRIES = 5;

/** `call`, asked again after a growing wait while Stripe answers 429; any other failure as stripeProblem says. */
export async function withBackoff<T>(
  call: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  action: string,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeRateLimitError) || attempt >= RATE_LIMIT_RETRIES) {
        throw stripeProblem(error, action);
      }
      await sleep(1000 * 2 ** attempt);
    }
  }
}

/**
 * Every item of a Stripe list in Stripe's order, a page at a time (`page(after)` asks for the one
 * after the id `after`; the first, after `from`), each page's rate limit waited out (withBackoff).
 * Stop early by leaving the loop.
 */
export async function* listAll<T extends { id?: string }>(
  page: (after: string | undefined) => Promise<Stripe.ApiList<T>>,
  action: string,
  sleep: (ms: number) => Promise<void> = wait,
  from?: string,
): AsyncGenerator<T> {
  let after = from;
  for (;;) {
    const current = await withBackoff(() => page(after), sleep, action);
    yield* current.data;
    const last = current.data.at(-1);
    if (!current.has_more || last?.id === undefined) return;
    after = last.id;
  }
}

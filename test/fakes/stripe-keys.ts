import { type StripeAnswer, stripeError } from './stripe-http.js';

/**
 * What an API key may do: a secret key (`sk_test_…`, `sk_live_…`) everything; a restricted key
 * (`rk_test_…`, `rk_live_…`) only what its permissions name, in Stripe's words
 * (`rak_subscription_read`; a `_write` permission reads too).
 */
export type FakeStripeKey = 'secret' | { permissions: readonly string[] };

/** Who is asking: the key, the mode it works in, and what it may read (null: everything). */
export interface StripeCaller {
  key: string;
  livemode: boolean;
  permissions: ReadonlySet<string> | null;
}

const SECRET = /^sk_(test|live)_\S+$/;
const RESTRICTED = /^rk_(test|live)_\S+$/;
const PERMISSION = /^rak_[a-z_]+_(read|write)$/;

/** A key as Stripe shows it in errors: its first eight characters, a star for each hidden one, its last `tail`. */
export function maskKey(key: string, tail: number): string {
  const head = Math.min(8, Math.max(0, key.length - tail));
  const shown = key.slice(-tail);
  return `${key.slice(0, head)}${'*'.repeat(Math.max(0, key.length - head - shown.length))}${shown}`;
}

function checkGrant(key: string, grant: FakeStripeKey): void {
  if (grant === 'secret' && !SECRET.test(key))
    throw new Error(`fake Stripe: a secret key starts sk_test_ or sk_live_, not ${key}`);
  if (grant === 'secret') return;
  if (!RESTRICTED.test(key))
    throw new Error(`fake Stripe: a restricted key starts rk_test_ or rk_live_, not ${key}`);
  const bad = grant.permissions.find((p) => !PERMISSION.test(p));
  if (bad) throw new Error(`fake Stripe: "${bad}" is not a permission like rak_subscription_read`);
}

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** The key an `Authorization` header carries: `Bearer KEY`, or Basic auth with the key as the user. */
export function keyOf(header: string | undefined): string | null {
  const [scheme, credentials] = (header ?? '').trim().split(/\s+/, 2);
  if (!credentials) return null;
  if (/^bearer$/i.test(scheme ?? '')) return credentials;
  if (!/^basic$/i.test(scheme ?? '')) return null;
  const user = Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
  return user ? user : null;
}

/** The keys a fake accepts, and Stripe's refusals for the others and for what a key may not read. */
export function createKeys(config: Record<string, FakeStripeKey>) {
  const grants = new Map<string, FakeStripeKey>();
  const add = (key: string, grant: FakeStripeKey) => {
    checkGrant(key, grant);
    grants.set(key, grant);
  };
  for (const [key, grant] of Object.entries(config)) add(key, grant);

  function authenticate(header: string | undefined): StripeCaller | StripeAnswer {
    const key = keyOf(header);
    if (key === null) return stripeError(401, NO_KEY);
    const grant = grants.get(key);
    if (!grant) return stripeError(401, `Invalid API Key provided: ${maskKey(key, 4)}`);
    const permissions = grant === 'secret' ? null : new Set(grant.permissions);
    return { key, livemode: key.includes('_live_'), permissions };
  }

  /** Whether the caller may read what `permission` (`rak_…_read`) guards; a write permission reads too. */
  const allows = (caller: StripeCaller, permission: string): boolean =>
    caller.permissions === null ||
    caller.permissions.has(permission) ||
    caller.permissions.has(permission.replace(/_read$/, '_write'));

  /** Stripe's 403 for a restricted key, naming the permission that would let the request through. */
  const refusal = (caller: StripeCaller, permission: string, account: string): StripeAnswer =>
    stripeError(
      403,
      `The provided key '${maskKey(caller.key, 6)}' does not have the required permissions for this endpoint on account '${account}'. Having the '${permission}' permission would allow this request to continue.`,
    );

  return { add, authenticate, allows, refusal };
}

export type Keys = ReturnType<typeof createKeys>;

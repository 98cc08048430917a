import { createHash } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number): string {
  let out = '';
  let rest = n;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}

/** Fourteen base-62 characters derived from `seed`, standing in for the account part of Stripe's ids. */
function tag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 14), (byte) => BASE62[byte % 62]).join('');
}

/**
 * Ids shaped like Stripe's (`sub_1Qx…`, 24 characters after the prefix), unique across the fake
 * and the same from run to run for the same account, so tests and snapshots are stable.
 */
export function createIds(seed: string) {
  const account = tag(seed);
  let counter = 0;
  return (prefix: string): string => {
    counter += 1;
    return `${prefix}_1${account}${base62(counter).padStart(9, '0')}`;
  };
}

export type NextId = ReturnType<typeof createIds>;

/** A customer's invoice prefix: eight upper-case hex characters, fixed per customer, as Stripe assigns them. */
export const invoicePrefix = (customerId: string): string =>
  createHash('sha256').update(customerId).digest('hex').slice(0, 8).toUpperCase();

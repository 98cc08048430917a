import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A Node built-in module, loaded on first use: for code that most runs never reach (posting a
 * webhook, checking its address), whose built-ins (net, dns, http, https) would otherwise load at
 * every start, a tenth of what a short CLI command costs.
 */
export function lazyBuiltin<T>(name: `node:${string}`): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load(name) as T;
    return loaded;
  };
}

/**
 * `node:crypto`, on first use: hashing, random tokens and ids. Loaded at start it cost every
 * command 0.8 MB (OpenSSL's code and the module), and most commands never hash anything.
 */
export const nodeCrypto = lazyBuiltin<typeof Crypto>('node:crypto');

/** The SHA-256 of a text (as UTF-8), in hex: `node:crypto` is loaded the first time. */
export function sha256Hex(text: string): string {
  return nodeCrypto().createHash('sha256').update(text, 'utf8').digest('hex');
}

import { sha256Hex } from '../domain/lazy-builtin.js';
import { significantTokens } from './tokens.js';

/** A title's normal form for dedup: its significant words, sorted, each once. */
export function normaliseTitle(title: string): string[] {
  return significantTokens(title).sort();
}

/**
 * The dedup fingerprint of a task: sha256 of `${projectId ?? '-'}|${normalised words}`, first 32 hex
 * characters. Titles that differ only in case, punctuation, stopwords, plurals or numbers share it.
 */
export function titleFingerprint(projectId: number | null, title: string): string {
  return fingerprintOf(projectId, fingerprintWords(title));
}

/** A title's normal form without numbers: "add $783/month by 2027-02" and "add $999/month by 2027-03" are the same work. */
export const titleWords = (title: string): string[] =>
  normaliseTitle(title).filter((word) => !/^\d+$/.test(word));

/** What a title's fingerprint is made of: its normal form, without numbers, as one string. */
export function fingerprintWords(title: string): string {
  return titleWords(title).join(' ');
}

/** The fingerprint of a title on project `projectId`, from its fingerprintWords. */
export function fingerprintOf(projectId: number | null, words: string): string {
  return hashFingerprint(fingerprintSource(projectId, words));
}

/**
 * What a fingerprint is the hash of: two titles share a fingerprint exactly when they share this
 * (but for a SHA-256 collision), so work compared with other work in memory compares it instead,
 * and hashes only what is stored or compared with stored work.
 */
export function fingerprintSource(projectId: number | null, words: string): string {
  return `${projectId ?? '-'}|${words}`;
}

/** The fingerprint of a fingerprintSource. */
export function hashFingerprint(source: string): string {
  return sha256Hex(source).slice(0, 32);
}

/** Jaccard similarity of two word sets; two empty sets are identical (1). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}

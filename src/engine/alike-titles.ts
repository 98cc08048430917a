import { normaliseName } from '../domain/compare-text.js';
import { normaliseTitle, titleWords } from './fingerprint.js';

/**
 * The words of a title as alikeWords compares them: its normal form, without numbers, or with them
 * (`numbers`: "Support iOS 17" and "Support iOS 18" are two pieces of work, as are a workspace's
 * "Crash 0 in Busy project 238" and "Crash 1 in …").
 */
export const alikeWordsOf = (title: string, numbers = false): string[] =>
  numbers ? normaliseTitle(normaliseName(title)) : titleWords(normaliseName(title));

/** Two words alike: the same, or one the other's start, five letters or more ("automatic", "automatically"). */
const alikeWord = (a: string, b: string): boolean =>
  a === b || (Math.min(a.length, b.length) >= 5 && (a.startsWith(b) || b.startsWith(a)));

/**
 * The words of `ours` alike one of `theirs` (both as alikeWordsOf gives them) when the two titles
 * read as the same work in other words ("Late payment reminders sent automatically" beside
 * "Automatic payment reminders"): at least two words alike, and at least two thirds of the shorter
 * title's; with `whole`, every word of the shorter title, of three at least; null when they do
 * not. Never read as one piece of work (a team may mean two), only said: `feature add` names the
 * open item a new one reads like (once, as it is typed), and a plan's card the one of its batch
 * (`whole`: a card says it every day, and two thirds named "iOS push notifications" beside
 * "Android push notifications", and "Export invoices to CSV" beside "Import invoices from CSV").
 */
export function alikeWords(
  ours: readonly string[],
  theirs: readonly string[],
  whole = false,
): string[] | null {
  if (ours.length < 2) return null;
  const shared = ours.filter((w) => theirs.some((t) => alikeWord(w, t)));
  const shorter = Math.min(ours.length, theirs.length);
  if (whole) return shorter >= 3 && shared.length >= shorter ? shared : null;
  const needed = Math.max(2, Math.ceil((2 / 3) * shorter));
  return shared.length >= needed ? shared : null;
}

import { noDislike } from './reason-dates.js';

/**
 * Who may own work that is not the team's: a department, a team or squad, an agency. Said of a
 * reason: "marketing owns acquisition", "that belongs to sales", "it's the CS team's job".
 */
const OWNER = String.raw`(?:marketing|sales|support|customer success|cs|finance|legal|ops|operations|growth|design|data|hr|security|partnerships|bizdev|the agency|an agency|our agency|a contractor|the (?:[\w-]+ ){1,2}(?:team|squad|department|dept|group))`;

/** What a team's own part of work is called, after "not our": its job, remit, responsibility… */
const REMIT = String.raw`(?:job|remit|responsibility|department|domain|area|business)(?!\s+(?:of|model|plan|case|focus|goal))`;

/**
 * The phrases that say the work is someone else's: an owner named owning it ("marketing owns
 * acquisition", "acquisition is owned by the growth squad", "that belongs to sales", "handled by
 * the agency"), its being an owner's job ("the CS team's job", "marketing's call" is not: a call is
 * who decides), or the team saying it is not its own ("not our job", "outside our remit").
 */
const NOT_OURS = new RegExp(
  [
    String.raw`\b${OWNER}(?: team| squad)? (?:owns|handles)\b`,
    String.raw`\b(?:owned|handled|run|done) by ${OWNER}\b`,
    String.raw`\bbelongs? to ${OWNER}\b`,
    String.raw`\b${OWNER}(?: team| squad)?'s (?:job|remit|responsibility|work)\b`,
    String.raw`\bnot (?:our|my|the team's) ${REMIT}\b`,
    String.raw`\b(?:out of|outside) our (?:scope|remit)\b`,
  ].join('|'),
);

/**
 * Whether a rejection's reason says the work is not the team's to do, wherever it is (see NOT_OURS):
 * such a reason is about the kind of work, not the product it was proposed for. A review rejected an
 * acquisition experiment for one product as "marketing owns acquisition" and found the same
 * playbook's task on the next product at P8, without a word of it. Never a reason that names one of
 * `products` (whole words: "an agency owns Tallyo's ads" is Tallyo's), nor one that says the work
 * waits for a time or a task, or duplicates other work (see noDislike: "we own it, not this month"
 * is no answer for every product; "duplicate of the growth plan the marketing team owns" holds as
 * long as memory keeps it, and must not do so everywhere). A wrong reading holds work as long as a
 * rejection is remembered (240 days), on every product, so only plain phrases count: "we'll build
 * our own", "blocked on another team", "out of scope for this sprint", "the data does not support
 * this", "ops runs this by hand", "the team does not have capacity" or "not our area of focus" are
 * not (a review found the last four read as someone else's work).
 */
export function notTheTeamsWork(
  reason: string | null,
  products: readonly (string | null)[],
  at: number,
): boolean {
  if (reason === null) return false;
  const text = reason.toLowerCase().replaceAll('’', "'");
  if (!NOT_OURS.test(text) || noDislike(reason, at)) return false;
  return !products.some((name) => name !== null && name.trim() !== '' && namesWord(text, name.toLowerCase()));
}

/** Whether `text` has `name` as words of its own, not inside others ("Mark" is not in "marketing"). */
function namesWord(text: string, name: string): boolean {
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u').test(text);
}

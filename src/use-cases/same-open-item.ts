import { normaliseName } from '../domain/compare-text.js';
import { alikeWords, alikeWordsOf } from '../engine/alike-titles.js';
import { normaliseTitle } from '../engine/fingerprint.js';
import type { OpenItem } from '../store/project-repository.js';
import type { UseCaseDeps } from './deps.js';

/**
 * The open item of a project's kind (features not done, bugs open) whose title reads as `title`,
 * `except` aside: the same words once case, punctuation, stopwords and plurals are set aside, what
 * dedup calls the same work. The plan would propose the two once but share the project's stake
 * between both, so each of the project's items would be shown worth less than it is. Null when
 * none does, or when the title has no significant word to compare.
 */
export function sameOpenItem(
  store: UseCaseDeps['store'],
  projectId: number,
  kind: 'feature' | 'bug',
  title: string,
  except?: number,
): OpenItem | null {
  // Compared as normaliseName keeps names: an item stored before, with a zero-width space, is found.
  const words = normaliseTitle(normaliseName(title)).join(' ');
  if (words === '') return null;
  return (
    store.projects
      .openItems(projectId, kind)
      .find((i) => i.id !== except && normaliseTitle(normaliseName(i.title)).join(' ') === words) ?? null
  );
}

/** Why an item that reads as `same` is refused: the second sentence of the refusal. */
export const SAME_WORK =
  "Two open items that read the same are one piece of work: the plan would propose it once but share the project's stake between both";

/** An open item whose title shares most of its words with another's (see alikeOpenItem). */
export interface AlikeItem {
  id: number;
  title: string;
  /** The words the two titles share, as the new title has them. */
  shared: string[];
}

/**
 * The open item of a project's kind that most reads as the same work in other words as `title`
 * ("Late payment reminders sent automatically" beside "Automatic payment reminders"): at least two
 * words alike, and at least two thirds of the shorter title's; null when none does. Not refused,
 * as sameOpenItem's are: a team may mean two pieces of work. Said, so a lead who typed the same
 * work twice can drop one: a review found both proposed side by side, each claiming its share of
 * the gap.
 */
export function alikeOpenItem(
  store: UseCaseDeps['store'],
  projectId: number,
  kind: 'feature' | 'bug',
  title: string,
  except: number,
): AlikeItem | null {
  const words = alikeWordsOf(title);
  if (words.length < 2) return null;
  let best: AlikeItem | null = null;
  for (const item of store.projects.openItems(projectId, kind)) {
    if (item.id === except) continue;
    const shared = alikeWords(words, alikeWordsOf(item.title));
    if (shared !== null && shared.length > (best?.shared.length ?? 0))
      best = { id: item.id, title: item.title, shared };
  }
  return best;
}

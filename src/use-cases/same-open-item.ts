import { normaliseName } from '../domain/compare-text.js';
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

import type { BacklogRef } from '../domain/task.js';
import { alikeWords, alikeWordsOf } from './alike-titles.js';
import { BacklogItem } from './BacklogItem.js';
import type { Draft } from './draft.js';

/** An item as a card names it: `feature #5 'Automatic payment reminders'`, or its issue's ref. */
const named = (ref: BacklogRef, title: string): string =>
  `${ref.source ? ref.source.ref : `${ref.kind} #${ref.id}`} '${title}'`;

/** How to take an item out of the backlog for good, after "or": the command, or its issue to close. */
const dropIt = (ref: BacklogRef): string =>
  ref.source
    ? `close ${ref.source.ref} on GitHub as a duplicate`
    : ref.kind === 'feature'
      ? `\`goalpost feature drop ${ref.id}\` takes it out of the backlog`
      : `\`goalpost bug set ${ref.id} wontfix\` closes it`;

/**
 * A reasoning line for each backlog item of a batch (`drafts`, best first) whose title reads as an
 * item's of the same project and kind chosen before it, in other words (see alikeWords): both stay
 * proposed, one piece of work or two being the team's call, and the lower one's card names the
 * other and how to drop it. A review's invoicing team found "Automatic payment reminders" and
 * "Late payment reminders sent automatically" proposed side by side, each with its share of the
 * gap, and nothing on either card saying so.
 */
export function twinNotes(drafts: readonly Draft[]): Map<Draft, string> {
  const notes = new Map<Draft, string>();
  const before: Array<{ item: BacklogItem; ref: BacklogRef; words: string[] }> = [];
  for (const draft of drafts) {
    const ref = draft.item;
    if (!(draft instanceof BacklogItem) || ref === null) continue;
    const words = alikeWordsOf(draft.ownTitle, true);
    const twin = before.find(
      (b) =>
        b.item.projectId === draft.projectId &&
        b.ref.kind === ref.kind &&
        alikeWords(words, b.words, true) !== null,
    );
    if (twin !== undefined) {
      notes.set(
        draft,
        `Reads like ${named(twin.ref, twin.item.ownTitle)}, also in this batch: if they are one piece of work, reject this one as a duplicate, or ${dropIt(ref)}`,
      );
    }
    before.push({ item: draft, ref, words });
  }
  return notes;
}

import type { DigestHeaderView } from '../domain/reply.js';

/** "1 new task", "5 new tasks". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * "5 new tasks proposed, 5 awaiting a decision, 1 skipped as a duplicate."; for a digest that only
 * shows the open batch, "3 tasks awaiting a decision; only approvers propose new ones."
 */
export function batchSentence(b: DigestHeaderView['batch']): string {
  if (b.showOnly) {
    return `${plural(b.proposed, 'task', 'tasks')} awaiting a decision; only approvers propose new ones.`;
  }
  const skipped =
    b.skipped > 0 ? `, ${b.skipped} skipped as ${b.skipped === 1 ? 'a duplicate' : 'duplicates'}` : '';
  return `${plural(b.newTasks, 'new task', 'new tasks')} proposed, ${b.proposed} awaiting a decision${skipped}.`;
}

/** A labelled line of a vision, in the order every surface shows it. */
export interface VisionFact {
  label: 'Primary goal' | 'Vision' | 'Focus';
  /** The team's own words: each surface escapes them for its markup. */
  text: string;
}

/** The vision as labelled lines: primary goal, statement, focus areas (when there are any). */
export function visionFacts(v: {
  statement: string;
  primaryGoal: string;
  focusAreas: readonly string[];
}): VisionFact[] {
  const facts: VisionFact[] = [
    { label: 'Primary goal', text: v.primaryGoal },
    { label: 'Vision', text: v.statement },
  ];
  if (v.focusAreas.length > 0) facts.push({ label: 'Focus', text: v.focusAreas.join(', ') });
  return facts;
}

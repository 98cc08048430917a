import type { Project } from '../domain/project.js';
import type { Draft } from './draft.js';
import { goalWords } from './goal-value.js';
import type { Signal } from './types.js';

/** Words that say a piece of work is about keeping customers. */
const CHURN_WORDS = ['churn', 'cancel', 'cancellation', 'retention', 'retain', 'downgrade', 'winback'];
/**
 * Words that say a piece of work is about collecting failed payments. Narrow on purpose: "payment"
 * or "retry" alone name checkout work and upload retries, which recover nothing.
 */
const FAILED_PAYMENT_WORDS = ['dunning', 'declined', 'decline'];

/** Signals whose dollars the backlog items serving them share (the others' items keep their own). */
const SHARED_STAKES: ReadonlySet<string> = new Set(['goal_off_track', 'churn_rise', 'payment_failures']);

/** An item serving a signal, and why it counts: it is linked to the goal, or it names these words. */
interface Serving {
  draft: Draft;
  linked: boolean;
  words: string[];
}

/**
 * Hands each signal to the backlog items that already serve it, and returns the signals nothing
 * serves (playbooks answer those). Served signals add their fact and urgency to the items:
 * - near completion: the project's open features;
 * - revenue gap of a project: its open features and critical bugs (its growth work);
 * - neglected focus area: items of projects in that area;
 * - stale project: its open items;
 * - a goal off track or at risk: the items linked to it (`feature add … --goal`), or, when the team
 *   linked none, items whose title or project names what the goal measures (`active_sellers` →
 *   'seller'); they share the goal's value;
 * - a churn rise: the project's items that name churn, cancellation or retention; they share what
 *   the rise costs;
 * - a spike of failed payments: the project's items that name dunning or declined payments; they
 *   share the MRR at risk.
 * A workspace-wide revenue gap is served by no item.
 */
export function serveSignals(
  signals: readonly Signal[],
  backlog: readonly Draft[],
  projects: readonly Project[],
): Signal[] {
  const byProject = new Map<number, Draft[]>();
  for (const d of backlog) {
    if (d.projectId === null) continue;
    const list = byProject.get(d.projectId) ?? [];
    list.push(d);
    byProject.set(d.projectId, list);
  }
  const focusOf = new Map(projects.map((p) => [p.id, p.focusAreas]));
  const unserved: Signal[] = [];
  for (const signal of signals) {
    const serving = servingItems(signal, byProject, focusOf, backlog);
    if (serving.length === 0) unserved.push(signal);
    for (const { draft } of serving) draft.signals.push(signal);
    if (SHARED_STAKES.has(signal.kind) && signal.stake !== null) {
      for (const { draft, linked, words } of serving) {
        draft.goalId ??= signal.goalId ?? null;
        const because = linked ? 'linked to it' : `it names ${words.map((w) => `'${w}'`).join(' and ')}`;
        draft.claims.push({
          stake: signal.stake,
          weight: 1 / serving.length,
          why:
            serving.length === 1
              ? `the only open item that serves it (${because}), so it gets all of`
              : `1 of ${serving.length} open items that serve it (${because}), sharing`,
        });
      }
    }
  }
  return unserved;
}

function servingItems(
  signal: Signal,
  byProject: ReadonlyMap<number, Draft[]>,
  focusOf: ReadonlyMap<number, readonly string[]>,
  backlog: readonly Draft[],
): Serving[] {
  const own = signal.projectId === null ? [] : (byProject.get(signal.projectId) ?? []);
  const plain = (drafts: readonly Draft[]): Serving[] =>
    drafts.map((draft) => ({ draft, linked: false, words: [] }));
  switch (signal.kind) {
    case 'near_completion':
      return plain(own.filter((d) => d.item?.kind === 'feature'));
    case 'revenue_gap':
      return plain(own.filter((d) => d.item?.kind === 'feature' || d.itemDetail?.severity === 'critical'));
    case 'stale_project':
      return plain(own);
    case 'focus_gap': {
      const area = signal.focusArea;
      if (area === null) return [];
      return plain(
        [...byProject.entries()]
          .filter(([id]) => focusOf.get(id)?.includes(area))
          .flatMap(([, drafts]) => drafts),
      );
    }
    case 'goal_off_track': {
      const linked = backlog.filter((d) => d.goalId !== null && d.goalId === signal.goalId);
      if (linked.length > 0) return linked.map((draft) => ({ draft, linked: true, words: [] }));
      return naming(backlog, goalWords(signal.params.metric ?? ''));
    }
    case 'churn_rise':
      return naming(own, CHURN_WORDS);
    case 'payment_failures':
      return naming(own, FAILED_PAYMENT_WORDS);
    default:
      return [];
  }
}

/** The drafts whose subject names one of `words`, with the words each names. */
function naming(drafts: readonly Draft[], words: readonly string[]): Serving[] {
  if (words.length === 0) return [];
  const wanted = new Set(words);
  return drafts.flatMap((draft): Serving[] => {
    const named = draft.aboutWords.filter((w) => wanted.has(w));
    return named.length === 0 ? [] : [{ draft, linked: false, words: named }];
  });
}

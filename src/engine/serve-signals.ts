import type { Project } from '../domain/project.js';
import type { Draft } from './draft.js';
import { goalWords } from './goal-value.js';
import { significantTokens } from './tokens.js';
import type { Signal } from './types.js';

/**
 * Hands each signal to the backlog items that already serve it, and returns the signals nothing
 * serves (playbooks answer those). Served signals add their fact and urgency to the items:
 * - near completion: the project's open features;
 * - revenue gap of a project: its open features and critical bugs (its growth work);
 * - neglected focus area: items of projects in that area;
 * - stale project: its open items;
 * - a goal off track or at risk: items whose title or project names what the goal measures
 *   (`active_sellers` → 'seller'); they share the goal's value;
 * - a churn rise: the project's items that name churn, cancellation or retention; they share what
 *   the rise costs.
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
    for (const d of serving) d.signals.push(signal);
    const words = signal.kind === 'goal_off_track' ? goalWords(signal.params.metric ?? '') : CHURN_WORDS;
    if ((signal.kind === 'goal_off_track' || signal.kind === 'churn_rise') && signal.stake !== null) {
      const named = words.map((w) => `'${w}'`).join(' or ');
      for (const d of serving) {
        d.goalId ??= signal.goalId ?? null;
        d.claims.push({
          stake: signal.stake,
          weight: 1 / serving.length,
          why:
            serving.length === 1
              ? `the only open item that names ${named}, so it gets all of`
              : `1 of ${serving.length} open items that name ${named}, sharing`,
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
): Draft[] {
  const own = signal.projectId === null ? [] : (byProject.get(signal.projectId) ?? []);
  switch (signal.kind) {
    case 'near_completion':
      return own.filter((d) => d.item?.kind === 'feature');
    case 'revenue_gap':
      return own.filter((d) => d.item?.kind === 'feature' || d.itemDetail?.severity === 'critical');
    case 'stale_project':
      return own;
    case 'focus_gap': {
      const area = signal.focusArea;
      if (area === null) return [];
      return [...byProject.entries()]
        .filter(([id]) => focusOf.get(id)?.includes(area))
        .flatMap(([, drafts]) => drafts);
    }
    case 'goal_off_track':
      return naming(backlog, goalWords(signal.params.metric ?? ''));
    case 'churn_rise':
      return naming(own, CHURN_WORDS);
    default:
      return [];
  }
}

/** Words that say a piece of work is about keeping customers. */
const CHURN_WORDS = ['churn', 'cancel', 'cancellation', 'retention', 'retain', 'downgrade', 'winback'];

/** The drafts whose subject names one of `words`. */
function naming(drafts: readonly Draft[], words: readonly string[]): Draft[] {
  if (words.length === 0) return [];
  const wanted = new Set(words);
  return drafts.filter((d) => significantTokens(d.about).some((w) => wanted.has(w)));
}

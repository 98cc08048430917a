import type { Bug, Feature, Project } from '../domain/project.js';
import { listed } from '../domain/word-list.js';
import { SEVERITY_AT_RISK, TEAM_PRIORITY_WEIGHT } from '../engine/BacklogItem.js';
import { formatShare, possessive } from '../engine/format.js';
import type { PriorityChange } from '../use-cases/feature-priority.js';
import type { BugSeverityChange, FeatureDrop } from '../use-cases/item-status.js';

// What changing the backlog says, on the command line and in chat alike: the command line says
// it as it always has; chat names the project and who added an item, for the channel to read.

/** Who added an item, and to which project, as chat says it: `Tallyo by @ria`. */
export interface AddedWhere {
  project: string;
  by: string;
}

/** A feature just added, with the one it comes after and an open one it reads like. */
export type AddedFeature = Pick<
  Feature,
  'id' | 'title' | 'status' | 'upkeep' | 'priority' | 'estimateHours'
> & {
  after: Pick<Feature, 'id' | 'title' | 'status'> | null;
  alike: { id: number; title: string; shared: readonly string[] } | null;
};

/**
 * `Feature 12 added: Annual plans (planned, high priority, estimated 6 h)`, in chat `Feature 12
 * added to Tallyo by @ria: …`; a title that reads like an open feature's says so, and how to drop it.
 */
export function featureAddedText(f: AddedFeature, where?: AddedWhere): string {
  const facts = [
    f.status.replace('_', ' '),
    ...(f.upkeep ? ['upkeep'] : []),
    ...(f.priority === undefined ? [] : [`${f.priority} priority`]),
    ...(f.estimateHours === null ? [] : [`estimated ${f.estimateHours} h`]),
    ...(f.after === null
      ? []
      : [
          `after feature ${f.after.id} '${f.after.title}'${f.after.status === 'done' ? ', done already' : ''}`,
        ]),
  ];
  const head = `Feature ${f.id} added${where === undefined ? '' : ` to ${where.project} by ${where.by}`}: ${f.title} (${facts.join(', ')})`;
  if (f.alike === null) return head;
  return `${head}\n  It reads like feature ${f.alike.id}, '${f.alike.title}', open on its project (both say ${f.alike.shared.join(', ')}): if it is the same work, \`goalpost feature drop ${f.id}\`; two items for one piece of work are proposed side by side, each with its share of the project's stake.`;
}

/**
 * `Bug 4 recorded (critical): it blocks its project.`, in chat `Bug 4 recorded in Tallyo by @ria,
 * 'Checkout crashes on Safari' (critical): …`. A low bug says plans leave it to the team: a
 * reviewer's 15-minute typo never appeared in three weeks of plans, while days with nothing to
 * propose said the backlog needed more.
 */
export function bugAddedText(
  b: Pick<Bug, 'id' | 'title' | 'severity' | 'estimateHours' | 'affects'>,
  where?: AddedWhere,
): string {
  const facts = [
    b.severity,
    ...(b.estimateHours === null ? [] : [`estimated ${b.estimateHours} h`]),
    ...(b.affects === undefined
      ? []
      : [`affecting ${formatShare(b.affects)} of what its product earns or is to win`]),
  ];
  const named = where === undefined ? '' : ` in ${where.project} by ${where.by}, '${b.title}'`;
  const blocks = b.severity === 'critical' ? ': it blocks its project' : '';
  const low =
    b.severity === 'low'
      ? ` A low bug is never proposed by a plan: it is the team's to pick up when it likes (\`goalpost bug set ${b.id} fixed\` when done); \`goalpost bug severity ${b.id} medium\` has plans weigh it.`
      : '';
  return `Bug ${b.id} recorded${named} (${facts.join(', ')})${blocks}.${low}`;
}

/** `Project "Tallyo" added (revenue-bearing).`, in chat `… added by @ria …`. */
export function projectAddedText(p: Pick<Project, 'name' | 'revenueBearing'>, by?: string): string {
  return `Project "${p.name}" added${by === undefined ? '' : ` by ${by}`}${p.revenueBearing ? ' (revenue-bearing)' : ''}.`;
}

/** A line for the proposals a change to an item withdrew (none: no line). */
export const withdrawnLines = (withdrawn: readonly string[]): string[] =>
  withdrawn.length === 0
    ? []
    : [
        `${withdrawn.join(', ')}, still proposed from it, ${withdrawn.length === 1 ? 'is' : 'are'} withdrawn (cancelled).`,
      ];

/** What `feature priority` left, and what a plan does with it. */
export function priorityText(r: PriorityChange): string {
  const what = `Feature ${r.id} ('${r.title}')`;
  if (r.unchanged) {
    return `${what} ${r.priority === null ? 'had no priority' : `was ${r.priority} priority`} already; nothing changed.`;
  }
  // What the tiers do with it (see tierOf, tierClaiming), not only its weight.
  const effect =
    r.priority === 'critical'
      ? `plans weigh its score ×${TEAM_PRIORITY_WEIGHT.critical} and put it first, as a critical bug, after the critical bugs that outscore it`
      : r.priority === 'high'
        ? `plans weigh its score ×${TEAM_PRIORITY_WEIGHT.high} and never put it among the fill-ins, whatever it claims`
        : r.priority === 'low'
          ? 'plans score it half and put it after the rest of the work, among medium bugs and upkeep, by score'
          : 'plans rank it by its value alone';
  const closed = r.open ? '' : ' (it is done: no plan proposes it, reopened it would count)';
  return `${what} is ${r.priority === null ? 'of no set priority' : `${r.priority} priority`} now${closed}: ${effect}${r.open ? ' (a proposal made from it is valued again by the next saved plan)' : ''}.`;
}

/**
 * What `feature drop` did: `Feature 6, "Dark mode", is out of Invoicely's backlog: no plan proposes
 * it again. T-1, still proposed from it, is withdrawn (cancelled). Feature 8, "Theme editor", waits
 * for it no more.`
 */
export function featureDropText(r: FeatureDrop): string {
  const one = r.withdrawn.length === 1;
  const withdrawn =
    r.withdrawn.length === 0
      ? ''
      : ` ${listed(r.withdrawn)}, still proposed from it, ${one ? 'is' : 'are'} withdrawn (cancelled).`;
  const freed =
    r.freed.length === 0
      ? ''
      : ` ${listed(r.freed.map((f) => `Feature ${f.id}, "${f.title}",`))} ${r.freed.length === 1 ? 'waits' : 'wait'} for it no more.`;
  return `Feature ${r.id}, "${r.title}", is out of ${possessive(r.project)} backlog: no plan proposes it again.${withdrawn}${freed}`;
}

/** What `bug severity` did: the bug's severity now, what plans make of it, and what it withdrew. */
export function severityText(r: BugSeverityChange): string {
  const what = `Bug ${r.id} ('${r.title}')`;
  if (r.unchanged) return `${what} was ${r.severity} already; nothing changed.`;
  const effect = r.closed
    ? 'it is closed: no plan proposes it, reopened it would count'
    : r.severity === 'low'
      ? 'plans never propose it'
      : r.severity === 'critical'
        ? 'it blocks its project, and plans put it first'
        : `plans weigh it as a ${r.severity} bug from the next one`;
  const lines = [`${what} is ${r.severity} now (was ${r.was}): ${effect}.`];
  if (r.affectsAbove !== undefined && !r.closed)
    lines.push(
      `The team judged it affects ${formatShare(r.affectsAbove)} of what its product earns or is to win, more than a ${r.severity} bug threatens: plans count ${formatShare(SEVERITY_AT_RISK[r.severity])} (\`goalpost bug affects ${r.id} <share>\` says less).`,
    );
  lines.push(...withdrawnLines(r.withdrawn));
  if (r.underWay.length > 0) {
    const one = r.underWay.length === 1;
    lines.push(
      `${r.underWay.join(', ')} ${one ? 'is' : 'are'} approved or under way on it: the team's to finish (\`goalpost done ${r.underWay[0]}\`) or cancel.`,
    );
  }
  return lines.join('\n');
}

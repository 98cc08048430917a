import type { Bug, Feature, Project } from '../domain/project.js';
import { formatShare } from '../engine/format.js';

// What adding to the backlog says, on the command line and in chat alike: the command line says
// it as it always has; chat names the project and who added it, for the channel to read.

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
    f.status,
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
    ...(b.affects === undefined ? [] : [`affecting ${formatShare(b.affects)} of what its product earns`]),
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

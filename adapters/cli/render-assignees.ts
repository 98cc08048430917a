import {
  type Assignee,
  type AssigneeChange,
  type AssigneeRemoval,
  type AssigneeUpdate,
  handOn,
  takes,
  worksOn,
} from '../../src/index.js';
import { table } from './format.js';

export function renderAssignees(list: Assignee[]): string {
  if (list.length === 0) return 'No assignees yet: `goalpost assignee add dev_worker1 --kind worker`.';
  // Who works where, once anyone is given projects (`assignee set --project`); what kinds of work
  // each takes, once anyone is given kinds (`--category`).
  const where = list.some((a) => a.projects.length > 0);
  const kinds = list.some((a) => a.categories.length > 0);
  return table(
    [
      'name',
      'kind',
      'capacity',
      'slack',
      'discord',
      'github',
      ...(where ? ['works on'] : []),
      ...(kinds ? ['takes'] : []),
    ],
    list.map((a) => [
      a.name,
      a.kind,
      String(a.capacity),
      a.slackUser ?? '—',
      a.discordUser ?? '—',
      a.githubLogin ?? '—',
      ...(where ? [worksOn(a.projects)] : []),
      ...(kinds ? [takes(a.categories)] : []),
    ]),
  );
}

/**
 * After `assignee set`: each field that changed, from what to what, and what became of their
 * tasks of projects they no longer work on.
 */
export function renderAssigneeUpdate(r: AssigneeUpdate): string {
  if (r.changed.length === 0) return `${r.assignee.name} already had those settings; nothing changed.`;
  const shown = (c: AssigneeChange, v: string | number | null) =>
    v === null
      ? c.field === 'projects'
        ? 'any project'
        : c.field === 'categories'
          ? 'any kind'
          : 'none'
      : String(v);
  const changes = r.changed.map((c) => `${c.field} ${shown(c, c.from)} → ${shown(c, c.to)}`);
  const many = (refs: string[]) => refs.length > 1;
  // What the work left is of: projects they left, kinds of work they no longer take, or either.
  const moved = (field: AssigneeChange['field']) => r.changed.some((c) => c.field === field);
  const name = r.assignee.name;
  const of =
    moved('projects') && moved('categories')
      ? `of projects ${name} no longer works on or kinds of work ${name} no longer takes`
      : moved('categories')
        ? `of kinds of work ${name} no longer takes`
        : `of projects ${name} no longer works on`;
  const claim = moved('categories') ? 'whoever may take it' : 'whoever works on the project';
  const routed =
    r.unassigned.length > 0
      ? ` ${r.unassigned.join(', ')}, ${of}, ${many(r.unassigned) ? 'are' : 'is'} routed to nobody now (\`goalpost assign <ref> <name>\` gives ${many(r.unassigned) ? 'one' : 'it'} to someone; ${claim} may claim ${many(r.unassigned) ? 'them' : 'it'} once approved).`
      : '';
  const held =
    r.stillHolds.length > 0
      ? ` ${r.stillHolds.join(', ')}, ${of}, ${many(r.stillHolds) ? 'are' : 'is'} still under way with ${name}: ${handOn(r.stillHolds)}.`
      : '';
  return `Assignee ${r.assignee.name}: ${changes.join(', ')}.${routed}${held}`;
}

/** After `assignee remove`: what became of its open tasks, and that its history stays. */
export function renderAssigneeRemoval(r: AssigneeRemoval): string {
  const many = r.unassigned.length > 1;
  // As the tasks' Route lines say it (see assignee set).
  const tasks =
    r.unassigned.length > 0
      ? ` ${r.unassigned.join(', ')} ${many ? 'are' : 'is'} routed to nobody now (\`goalpost assign <ref> <name>\` gives ${many ? 'one' : 'it'} to someone; whoever works on the project may claim ${many ? 'them' : 'it'} once approved).`
      : '';
  const [they, their] = r.assignee.kind === 'worker' ? ['it', 'Its'] : ['them', 'Their'];
  return `Assignee ${r.assignee.name} removed: no new work is routed to ${they}.${tasks} ${their} past outcomes stay in the history.`;
}

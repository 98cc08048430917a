// The team's records for the terminal: projects, features, bugs, revenue, playbooks.
import type {
  Bug,
  Feature,
  Playbook,
  Project,
  ProjectUpdate,
  RevenueRecord,
  TaskSummary,
} from '../../src/index.js';
import { formatRate, formatShare, teamPriorityOf } from '../../src/index.js';
import { pct, table, usd } from './format.js';

export function renderProjects(projects: Project[]): string {
  if (projects.length === 0) return 'No projects yet: `goalpost project add "Name"`.';
  return table(
    ['name', 'status', 'revenue-bearing', 'focus'],
    projects.map((p) => [p.name, p.status, p.revenueBearing ? 'yes' : 'no', p.focusAreas.join(', ') || '—']),
  );
}

/** A `github` column (the issue an item comes from) when any of `items` was synced; none otherwise. */
function githubColumn(items: ReadonlyArray<Feature | Bug>): {
  head: string[];
  cell: (i: Feature | Bug) => string[];
} {
  if (!items.some((i) => i.source !== null)) return { head: [], cell: () => [] };
  return { head: ['github'], cell: (i) => [i.source?.ref ?? '—'] };
}

/** Open tasks as a project's or a goal's end names them: "T-1 (approved, routed to agent7), T-4 (proposed)". */
export function openTaskList(tasks: readonly TaskSummary[]): string {
  return tasks
    .map((t) => `${t.ref} (${t.status.replace('_', ' ')}${t.assignee ? `, routed to ${t.assignee}` : ''})`)
    .join(', ');
}

/**
 * After `project set`: where the project stands, and, once it is paused or done, its open tasks
 * and what becomes of them.
 */
export function renderProjectUpdate(p: ProjectUpdate): string {
  const bearing =
    p.revenueBearingSet === true
      ? p.revenueBearing
        ? ', revenue-bearing: its work shares the revenue gap (proposals made from it are valued again by the next saved plan)'
        : ', not revenue-bearing: its work shares no part of the revenue gap (proposals made from it are valued again by the next saved plan)'
      : '';
  const line = `Project "${p.name}" is ${p.status}, on ${p.focusAreas.join(', ') || 'no focus area'}${bearing}.`;
  if (p.openTasks.length === 0) return line;
  const started = p.openTasks.filter((t) => t.status === 'in_progress');
  const waiting = p.openTasks.filter((t) => t.status !== 'in_progress');
  const resume = `\`goalpost project set "${p.name}" active\``;
  const end = '`goalpost cancel <ref>` ends one';
  const waits =
    p.status === 'paused'
      ? `Its tasks not yet started wait while it is paused (the queue hands out none of them): ${openTaskList(waiting)}. ${resume} resumes them; ${end}.`
      : `Its tasks not yet started are not handed out now it is done: ${openTaskList(waiting)}. ${end} its end makes moot; ${resume} hands them out again.`;
  return [
    line,
    ...(waiting.length === 0 ? [] : [waits]),
    ...(started.length === 0
      ? []
      : [`Under way, these keep going until done or failed: ${openTaskList(started)}; ${end}.`]),
  ].join('\n');
}

/** An `estimate` column once any item is estimated: `3 h`, or `—` for the default. */
function estimateColumn(items: ReadonlyArray<{ estimateHours: number | null }>) {
  const any = items.some((i) => i.estimateHours !== null);
  return {
    head: any ? ['estimate'] : [],
    cell: (i: { estimateHours: number | null }) =>
      any ? [i.estimateHours === null ? '—' : `${i.estimateHours} h`] : [],
  };
}

/**
 * A project's features; a `kind` column (feature or upkeep) once any of them is upkeep, an `after`
 * column (the features each waits for) once any waits.
 */
export function renderFeatures(features: ReadonlyArray<Feature & { after?: readonly number[] }>): string {
  const github = githubColumn(features);
  const estimate = estimateColumn(features);
  const kind = features.some((f) => f.upkeep) ? ['kind'] : [];
  const after = features.some((f) => (f.after?.length ?? 0) > 0) ? ['after'] : [];
  // The team's priority: a synced feature's from GitHub's labels (as a plan reads it: see
  // BacklogItem's teamPriority), any other's as typed.
  const priority = features.some((f) => teamPriorityOf(f) !== null) ? ['priority'] : [];
  return table(
    ['id', 'status', ...kind, ...priority, ...after, ...estimate.head, ...github.head, 'title'],
    features.map((f) => [
      String(f.id),
      f.status,
      ...(kind.length > 0 ? [f.upkeep ? 'upkeep' : 'feature'] : []),
      ...(priority.length > 0 ? [teamPriorityOf(f) ?? '—'] : []),
      ...(after.length > 0 ? [f.after?.length ? f.after.join(', ') : '—'] : []),
      ...estimate.cell(f),
      ...github.cell(f),
      f.title,
    ]),
  );
}

/**
 * Bugs; an `affects` column once the team judged any (`bug affects`): the share of what its product
 * earns each puts at risk, or `—` for its severity's.
 */
export function renderBugs(bugs: Bug[], projects: Project[]): string {
  if (bugs.length === 0) return 'No bugs recorded.';
  const name = new Map(projects.map((p) => [p.id, p.name]));
  const github = githubColumn(bugs);
  const estimate = estimateColumn(bugs);
  const affects = bugs.some((b) => b.affects !== undefined) ? ['affects'] : [];
  return table(
    ['id', 'severity', 'status', 'project', ...estimate.head, ...affects, ...github.head, 'title'],
    bugs.map((b) => [
      String(b.id),
      b.severity,
      b.status,
      name.get(b.projectId) ?? '?',
      ...estimate.cell(b),
      ...(affects.length > 0 ? [b.affects === undefined ? '—' : formatShare(b.affects)] : []),
      ...github.cell(b),
      b.title,
    ]),
  );
}

export function renderRevenueRecords(records: RevenueRecord[], projects: Project[]): string {
  if (records.length === 0) return 'No revenue recorded yet.';
  const name = new Map(projects.map((p) => [p.id, p.name]));
  // Months from Stripe say how MRR moved, and where each figure comes from.
  const billed = records.some((r) => r.movements !== null);
  const moved = (r: RevenueRecord): string[] => {
    if (!billed) return [];
    const m = r.movements;
    return m === null
      ? ['typed', '—', '—', '—', '—']
      : ['Stripe', usd(m.newMrr), usd(m.expansion), usd(m.contraction), usd(m.churned)];
  };
  return table(
    [
      'from',
      'to',
      'project',
      'actual',
      'subs',
      'churn',
      ...(billed ? ['source', 'new', 'expansion', 'contraction', 'churned'] : []),
    ],
    records.map((r) => [
      r.periodStart,
      r.periodEnd,
      r.projectId === null ? '(workspace)' : (name.get(r.projectId) ?? '?'),
      usd(r.actual),
      r.subscriptions === null ? '—' : String(r.subscriptions),
      r.churnRate === null ? '—' : formatRate(r.churnRate),
      ...moved(r),
    ]),
  );
}

export function renderPlaybooks(playbooks: Playbook[]): string {
  return table(
    ['key', 'signal', 'focus', 'category', 'effort', 'share', 'after', 'recurs', 'title'],
    playbooks.map((p) => [
      p.key,
      p.signal,
      p.focusArea ?? '*',
      p.category,
      `${p.effortHours} h`,
      pct(p.impactShare),
      p.dependsOn.join(',') || '—',
      p.recurDays === null ? 'once' : `${p.recurDays} d`,
      p.title,
    ]),
  );
}

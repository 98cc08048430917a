import type {
  Bug,
  Feature,
  GenerateResult,
  Playbook,
  Project,
  RevenueRecord,
  StrandedProject,
  Subscription,
  Task,
  TaskEvent,
  TaskRun,
  TransitionResult,
  Vision,
  WorkspaceState,
} from '../../src/index.js';
import { compareText, formatMinutes, itemSourceText, strandedSentences } from '../../src/index.js';
import { bar, pct, plural, RULE, score, table, usd } from './format.js';

export function renderVision(v: Vision): string {
  const targets = Object.entries(v.revenueTargets)
    .sort(([a], [b]) => compareText(a, b))
    .map(([m, t]) => `${m}: ${usd(t)}/month`);
  const metrics = Object.entries(v.successMetrics).map(([k, t]) => `${k}: ${t}`);
  return [
    `Vision (version ${v.version}, set by ${v.createdBy} at ${v.createdAt})`,
    `  Statement:        ${v.statement}`,
    `  Primary goal:     ${v.primaryGoal}`,
    `  Focus areas:      ${v.focusAreas.join(', ') || '—'}`,
    `  Revenue targets:  ${targets.join(', ') || '—'}`,
    `  Success metrics:  ${metrics.join(', ') || '—'}`,
  ].join('\n');
}

export function renderRevenue(s: WorkspaceState['revenue']): string {
  const lines = [`Revenue now:      ${usd(s.current)}/month (${plural(s.subscriptions, 'subscription')})`];
  if (s.monthlyGrowth !== null)
    lines.push(`Growth:           ${s.monthlyGrowth >= 0 ? '+' : ''}${usd(s.monthlyGrowth)}/month`);
  if (s.milestone) {
    lines.push(
      `Milestone:        ${usd(s.milestone.target)}/month by ${s.milestone.month}  ${bar(s.pctOfTarget)}`,
      `Gap:              ${usd(s.gap)}${s.monthsLeft === null ? '' : ` with ${s.monthsLeft.toFixed(1)} months left`}`,
    );
    if (s.requiredPace !== null && s.gap > 0)
      lines.push(`Required pace:    +${usd(s.requiredPace)}/month each month`);
    if (s.onTrack !== null) lines.push(`On track:         ${s.onTrack ? 'yes' : 'no'}`);
  } else {
    lines.push('Milestone:        none set (`goalpost vision set revenue_targets 2026-03=999`)');
  }
  lines.push(
    `Churn:            ${s.churn === null ? 'unknown (no current record measures it)' : `${pct(s.churn)} (weighted by revenue)`}`,
  );
  for (const stale of s.stale) {
    lines.push(
      `Not counted:      ${usd(stale.mrr)}/month recorded for ${stale.record.periodStart}..${stale.record.periodEnd}, too old to count as now`,
    );
  }
  return lines.join('\n');
}

export function renderState(s: WorkspaceState): string {
  const projects = s.projects.map((p) => [
    p.project.name,
    p.project.status,
    p.completion === null ? '—' : `${bar(p.completion, 10)} (${p.featuresDone}/${p.featuresTotal})`,
    String(p.blockers.length),
    p.project.revenueBearing ? usd(p.monthlyRevenue) : '—',
    p.stale ? `stale (${Math.round(p.idleDays)} d)` : '',
  ]);
  const blockers = s.projects.flatMap((p) =>
    p.blockers.map((b) => `  - ${p.project.name}: ${b.title} (bug ${b.id})`),
  );
  return [
    RULE,
    `STATE at ${s.now}`,
    RULE,
    renderRevenue(s.revenue),
    '',
    'Projects:',
    projects.length
      ? table(['name', 'status', 'completion', 'blockers', 'revenue', ''], projects)
      : '  none yet',
    '',
    'Blockers (open critical bugs):',
    blockers.length ? blockers.join('\n') : '  none',
    '',
    'Opportunities:',
    s.opportunities.length ? s.opportunities.map((o) => `  - ${o}`).join('\n') : '  none',
    s.neglectedFocusAreas.length
      ? `\nFocus areas without recent work: ${s.neglectedFocusAreas.join(', ')}`
      : '',
    renderStranded(s.strandedProjects, s.focusAreas),
  ]
    .join('\n')
    .trimEnd();
}

/** Titles a summary line quotes before it says how many more there are. */
const CUT_SHOWN = 3;

/** "8 candidates; 5 proposed (cap 5), 3 cut by the cap: "A", "B", "C"": nothing the cap hid. */
function batchCounts(r: GenerateResult): string {
  const line = `${plural(r.generated, 'candidate')}; ${r.proposed} proposed (cap ${r.maxTasks})`;
  if (r.cutByCap.length === 0) return line;
  const shown = r.cutByCap.slice(0, CUT_SHOWN).map((c) => `"${c.title}"`);
  const more = r.cutByCap.length - shown.length;
  return `${line}, ${r.cutByCap.length} cut by the cap: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The projects left on focus areas the vision dropped, and how to move each; '' when there are none. */
export function renderStranded(stranded: readonly StrandedProject[], focusAreas: readonly string[]): string {
  if (stranded.length === 0) return '';
  return ['', ...strandedSentences(stranded, focusAreas)].join('\n');
}

export function renderBatch(r: GenerateResult): string {
  const duplicates = r.skipped.filter((s) => s.reason === 'duplicate');
  const held = r.skipped.filter((s) => s.reason !== 'duplicate');
  const out = [
    RULE,
    `TASK GENERATION SUMMARY${r.dryRun ? ' (dry run: nothing saved)' : ` (batch ${r.batchId})`}`,
    RULE,
    batchCounts(r),
    `Skipped:          ${plural(duplicates.length, 'duplicate')}${held.length ? `, ${held.length} done or rejected before` : ''}`,
    `Revenue impact:   ${usd(r.revenueImpact)}/month`,
    RULE,
  ];
  if (r.tasks.length === 0) out.push('', 'Nothing to propose: no signal calls for new work right now.');
  r.tasks.forEach((t, i) => {
    out.push(
      '',
      `${r.dryRun ? `#${i + 1}` : t.ref}  [${t.priority}] ${t.title}`,
      `   Category:   ${t.category.padEnd(16)} Project:   ${t.projectName ?? '—'}`,
      `   Revenue:    ${`${usd(t.revenueImpact)}/month`.padEnd(16)} Alignment: ${pct(t.alignment)}   Score: ${score(t.score)}`,
      `   Assignee:   ${t.assignee ?? '—'}`,
    );
    if (t.item) out.push(`   From:       ${itemSourceText(t.item)}`);
    if (t.dependsOn.length) out.push(`   After:      ${t.dependsOn.join(', ')}`);
    out.push('   Why:', ...t.reasoning.map((line, n) => `     ${n + 1}. ${line}`));
  });
  if (duplicates.length) {
    out.push('', 'Skipped as duplicates:');
    for (const s of duplicates)
      out.push(`  - "${s.title}" duplicates ${s.duplicateOf} (similarity ${s.similarity.toFixed(2)})`);
  }
  if (held.length) {
    out.push('', 'Not proposed again:');
    for (const s of held) out.push(`  - "${s.title}": ${s.note ?? s.reason}`);
  }
  if (r.cycles.length) {
    out.push('', 'Dependency cycles (tasks kept, ordered by score):');
    for (const c of r.cycles) out.push(`  - ${c.join(' → ')}`);
  }
  return out.join('\n');
}

export function renderTasks(tasks: Task[]): string {
  if (tasks.length === 0) return 'No tasks match.';
  return table(
    ['ref', 'pri', 'status', 'category', 'impact/mo', 'assignee', 'title'],
    tasks.map((t) => [
      t.ref,
      String(t.priority),
      t.status,
      t.category,
      usd(t.revenueImpact),
      t.assignee ?? '—',
      t.title.length > 70 ? `${t.title.slice(0, 69)}…` : t.title,
    ]),
  );
}

/** The last lines of a run's output, indented under it. */
function outputTail(output: string, lines = 8): string[] {
  const all = output.trimEnd().split('\n');
  if (output.trim() === '') return ['      (no output)'];
  return [
    ...(all.length > lines ? [`      … ${all.length - lines} earlier lines (--json shows all)`] : []),
    ...all.slice(-lines).map((l) => `      | ${l}`),
  ];
}

export function renderTask({
  task: t,
  events,
  runs = [],
}: {
  task: Task;
  events: TaskEvent[];
  runs?: TaskRun[];
}): string {
  return [
    `${t.ref}  [${t.priority}] ${t.title}`,
    `  Status:     ${t.status}`,
    `  Category:   ${t.category}   Project: ${t.projectName ?? '—'}   Playbook: ${t.playbookKey ?? '—'}`,
    `  Revenue:    ${usd(t.revenueImpact)}/month   Alignment: ${pct(t.alignment)}   Confidence: ${pct(t.confidence)}   Effort: ${t.effortHours} h   Score: ${score(t.score)}`,
    `  Assignee:   ${t.assignee ?? '—'}`,
    `  After:      ${t.dependsOn.join(', ') || '—'}`,
    ...(t.item ? [`  From:       ${itemSourceText(t.item, t.status)}`] : []),
    ...(t.issue ? [`  Issue:      ${t.issue.ref} ${t.issue.url} (closing it closes the task)`] : []),
    '  Why:',
    ...t.reasoning.map((line, n) => `    ${n + 1}. ${line}`),
    '  History:',
    ...events.map(
      (e) =>
        `    ${e.createdAt}  ${e.type.padEnd(9)} by ${e.actor} via ${e.source}${e.note ? ` — ${e.note}` : ''}`,
    ),
    ...(runs.length === 0
      ? []
      : [
          '  Runs:',
          ...runs.flatMap((r) => [
            `    #${r.attempt} ${r.startedAt}  ${r.assignee} on ${r.worker}: ${r.result ?? 'running'}${r.exitCode === null ? '' : ` (exit ${r.exitCode})`}${r.signal ? ` (${r.signal})` : ''}${r.minutes === null ? '' : ` in ${formatMinutes(r.minutes)}`}`,
            ...(r.result === null ? [] : outputTail(r.output)),
          ]),
        ]),
  ].join('\n');
}

export function renderTransition(r: TransitionResult): string {
  if (!r.changed) return `${r.task.ref} was already ${r.task.status.replace('_', ' ')}; nothing changed`;
  return [
    `${r.task.ref} is now ${r.task.status.replace('_', ' ')}: ${r.task.title}`,
    ...r.released.map((d) => `  ${d.note}`),
  ].join('\n');
}

/** After `goalpost assign`: who the task is routed to now. */
export function renderAssignment(r: { task: Task; changed: boolean }): string {
  return r.changed
    ? `${r.task.ref} is routed to ${r.task.assignee ?? 'nobody'}: ${r.task.title}`
    : `${r.task.ref} was already routed to ${r.task.assignee ?? 'nobody'}; nothing changed`;
}

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

export function renderFeatures(features: Feature[]): string {
  const github = githubColumn(features);
  return table(
    ['id', 'status', ...github.head, 'title'],
    features.map((f) => [String(f.id), f.status, ...github.cell(f), f.title]),
  );
}

export function renderBugs(bugs: Bug[], projects: Project[]): string {
  if (bugs.length === 0) return 'No bugs recorded.';
  const name = new Map(projects.map((p) => [p.id, p.name]));
  const github = githubColumn(bugs);
  return table(
    ['id', 'severity', 'status', 'project', ...github.head, 'title'],
    bugs.map((b) => [
      String(b.id),
      b.severity,
      b.status,
      name.get(b.projectId) ?? '?',
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
      String(r.subscriptions),
      r.churnRate === null ? '—' : pct(r.churnRate),
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

/** A subscription as the schedule commands name it: `#3 digest → slack C0123`. */
export const subscriptionWhere = (s: Pick<Subscription, 'id' | 'kind' | 'platform' | 'channelId'>): string =>
  `#${s.id} ${s.kind} → ${s.platform} ${s.channelId}`;

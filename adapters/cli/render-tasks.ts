// Tasks for the terminal: the list, one task with its history and runs, a step taken.
import type {
  AffectsSuggested,
  RejectionHold,
  RetryResult,
  Task,
  TaskEvent,
  TaskRun,
  TransitionResult,
  WaitsSuggested,
} from '../../src/index.js';
import {
  affectsText,
  alreadyRetried,
  blockedText,
  clipToWidth,
  doneText,
  type FailedBackBy,
  failedBackText,
  formatMinutes,
  formatScore,
  formatWorkMinutes,
  holdText,
  impactInList,
  issueLeftOpenText,
  itemSourceText,
  leftOpenText,
  moveText,
  OUTPUT_CUT,
  RUN_OUTPUT_LIMIT,
  reasoningNow,
  rejectionText,
  retriedTo,
  splitText,
  titleInList,
  waitsText,
  withoutControlCharacters,
} from '../../src/index.js';
import { estimate, pct, table } from './format.js';

export function renderTasks(tasks: Task[], openByDefault = false): string {
  // Listed without --status: open work only, as chat lists it; said, so history is not taken for gone.
  const more = openByDefault ? '\n(open tasks only: `--status all` lists every status)' : '';
  if (tasks.length === 0) return `${openByDefault ? 'No open tasks.' : 'No tasks match.'}${more}`;
  return `${table(
    ['ref', 'pri', 'status', 'category', 'impact', 'assignee', 'title'],
    tasks.map((t) => [
      t.ref,
      String(t.priority),
      t.status,
      t.category,
      // As chat's list says it: work valued by a goal is not "$0.00".
      impactInList(t),
      t.assignee ?? '—',
      // 70 columns as shown: a CJK title is cut at half the characters, never inside an emoji.
      titleInList(t, clipToWidth, 70),
    ]),
  )}${more}`;
}

/**
 * A line of output as a terminal leaves it: what follows its last carriage return (a progress bar
 * writes over itself; a Windows line end is no return), without colour and cursor codes.
 */
function asShown(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return withoutControlCharacters(text.slice(text.lastIndexOf('\r') + 1));
}

/**
 * The last lines of a run's output, indented under it, as text: a command's colour and cursor
 * sequences (and carriage returns, which would write over the line) would otherwise reach the
 * reader's terminal and act there. `--json` keeps the output as it was recorded.
 */
function outputTail(output: string, lines = 8): string[] {
  if (output.trim() === '') return ['      (no output)'];
  // Cut when it was recorded, what is kept is a tail: said as such, not as the whole (a review's
  // 200,002 lines read "… 835 earlier lines (--json shows all)", the cut's mark among them).
  const cut = output.startsWith(OUTPUT_CUT);
  const all = (cut ? output.slice(OUTPUT_CUT.length) : output).trimEnd().split('\n');
  const earlier = all.length - lines;
  return [
    ...(cut
      ? [
          `      … the output was longer than the ${RUN_OUTPUT_LIMIT / 1024} KiB a run keeps: its start is gone${earlier > 0 ? `; ${earlier} earlier lines of what was kept (--json shows them)` : ''}`,
        ]
      : earlier > 0
        ? [`      … ${earlier} earlier lines (--json shows all)`]
        : []),
    ...all.slice(-lines).map((l) => `      | ${asShown(l)}`),
  ];
}

/**
 * Whom an outcome was credited to, and the minutes it took, as learning counts it: `, credited to
 * ana (30 min)`. Someone may record it for another (`done T-1 --assignee ana` while bot1 held it),
 * and the history says so.
 */
function creditOf(e: TaskEvent): string {
  const { assignee, minutes, heldBy } = e.data;
  if (e.type === 'failed' && e.data.blocked === true)
    return typeof heldBy === 'string' ? `, blocked: not counted against ${heldBy}` : ', blocked';
  if ((e.type !== 'done' && e.type !== 'failed') || typeof assignee !== 'string') return '';
  return `, credited to ${assignee}${typeof minutes === 'number' ? ` (${formatWorkMinutes(minutes)})` : ''}`;
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
  // The history's type column as wide as its longest type (`unassigned`, `dependency_released`).
  const typeWidth = Math.max(9, ...events.map((e) => e.type.length));
  return [
    `${t.ref}  [${t.priority}] ${t.title}`,
    `  Status:     ${t.status}`,
    `  Category:   ${t.category}   Project: ${t.projectName ?? '—'}   Playbook: ${t.playbookKey ?? '—'}`,
    `  Revenue:    ${estimate(t.revenueImpact)}/month   Alignment: ${pct(t.alignment)}   Confidence: ${pct(t.confidence)}   Effort: ${t.effortHours} h   Score: ${formatScore(t.score)}`,
    ...(t.goalValue > 0 ? [`  Goal value: ${estimate(t.goalValue)}/month toward its goal`] : []),
    `  Assignee:   ${t.assignee ?? '—'}`,
    `  After:      ${t.dependsOn.join(', ') || '—'}`,
    ...(t.item ? [`  From:       ${itemSourceText(t.item, t.status)}`] : []),
    ...(t.issue ? [`  Issue:      ${t.issue.ref} ${t.issue.url} (closing it closes the task)`] : []),
    '  Why:',
    ...reasoningNow(t).map((line, n) => `    ${n + 1}. ${line}`),
    '  History:',
    ...events.map(
      (e) =>
        `    ${e.createdAt}  ${e.type.padEnd(typeWidth)} by ${e.actor} via ${e.source}${creditOf(e)}${e.note ? ` — ${e.note}` : ''}`,
    ),
    ...(runs.length === 0
      ? []
      : [
          '  Runs:',
          ...runs.flatMap((r) => [
            `    run #${r.id}, attempt ${r.attempt}, ${r.startedAt}  ${r.assignee} on ${r.worker}: ${r.result ?? 'running'}${r.exitCode === null ? '' : ` (exit ${r.exitCode})`}${r.signal ? ` (${r.signal})` : ''}${r.minutes === null ? '' : ` in ${formatMinutes(r.minutes)}`}`,
            ...(r.result === null ? [] : outputTail(r.output)),
          ]),
        ]),
  ].join('\n');
}

export function renderTransition(
  r: TransitionResult & {
    held?: RejectionHold;
    proposedAgainFrom?: string;
    proposedAgainBy?: FailedBackBy;
    itemLeftOpen?: string;
    issueLeftOpen?: { ref: string; url: string };
    already?: string | null;
    splitSuggested?: true;
    doneSuggested?: true;
    moveSuggested?: true;
    affectsSuggested?: AffectsSuggested;
    waitsSuggested?: WaitsSuggested;
  },
): string {
  if (!r.changed)
    return `${r.task.ref} was already ${r.task.status.replace('_', ' ')}${r.already ? ` (${r.already})` : ''}; nothing changed`;
  // A feature rejected as too big is told how to split it, rather than how to drop it for good.
  const split = r.splitSuggested ? splitText(r.task) : null;
  const done = r.doneSuggested ? doneText(r.task) : null;
  const move = r.moveSuggested ? moveText(r.task) : null;
  const affects = r.affectsSuggested ? affectsText(r.task, r.affectsSuggested) : null;
  // A feature whose reason waits for another is told how to make it wait, rather than how to drop it.
  const waits = r.waitsSuggested ? waitsText(r.task, r.waitsSuggested) : null;
  return [
    `${r.task.ref} is now ${r.task.status.replace('_', ' ')}${r.overturned ? `, after all (it was ${rejectionText(r.overturned)})` : ''}: ${r.task.title}`,
    ...(r.held ? [`  Its work is ${holdText(r.held)}.`] : []),
    ...(split === null ? [] : [`  ${split.replace(/^t/, 'T')}.`]),
    ...(done === null ? [] : [`  ${done.replace(/^./, (c) => c.toUpperCase())}.`]),
    ...(move === null ? [] : [`  ${move.replace(/^o/, 'O')}.`]),
    ...(affects === null ? [] : [`  ${affects.replace(/^t/, 'T')}.`]),
    ...(waits === null ? [] : [`  ${waits.replace(/^w/, 'W')}.`]),
    ...(r.blocked ? [`  ${blockedText(r.task.assignee).replace(/^a/, 'A')}.`] : []),
    ...(r.held &&
    split === null &&
    waits === null &&
    move === null &&
    (r.held.byReason === undefined ||
      (!r.held.byReason.duplicate && (r.held.byReason.notOurs === true || r.held.byReason.judged === true)))
      ? forGood(r.task)
      : []),
    ...(r.proposedAgainFrom
      ? [`  ${failedBackText(r.proposedAgainFrom, r.proposedAgainBy).replace(/^p/, 'P')}.`]
      : []),
    ...(r.itemLeftOpen ? [`  Its ${leftOpenText(r.itemLeftOpen)}.`] : []),
    ...(r.issueLeftOpen ? [`  Its ${issueLeftOpenText(r.issueLeftOpen)}`] : []),
    ...(r.setRight ?? []).map((line) => `  It ${line}.`),
    ...(r.over ? [`  ${r.over}.`] : []),
    ...r.released.map((d) => `  ${d.note}`),
  ].join('\n');
}

/**
 * Beside a rejection that asked for no time and named no duplicate: how to take its backlog item
 * out for good, as a rejection only holds the work back for a while (a review's "we don't do this"
 * came back 13 days later, as its goal slipped); one saying the work is not the team's holds it
 * only as long as a rejection is remembered. [] for work from no backlog item.
 */
function forGood(task: TransitionResult['task']): string[] {
  const { item } = task;
  if (item === null) return [];
  const what = item.kind === 'feature' ? 'Not doing it at all?' : 'Not fixing it at all?';
  if (item.source)
    return [
      `  ${what} Close ${item.source.ref} on GitHub as not planned: its ${item.kind} leaves the backlog for good.`,
    ];
  const command = item.kind === 'feature' ? `feature drop ${item.id}` : `bug set ${item.id} wontfix`;
  return [`  ${what} \`goalpost ${command}\` takes ${item.kind} ${item.id} out of the backlog for good.`];
}

/** After `goalpost retry`: the new task doing the failed one's work, or the one that already does. */
export function renderRetry(r: RetryResult): string {
  if (!r.changed) return alreadyRetried(r);
  return [
    `${r.failed.ref} is retried as ${r.task.ref}, approved ${retriedTo(r.task)}: ${r.task.title}`,
    ...r.said.map((line) => `  It ${line}.`),
  ].join('\n');
}

/** After `goalpost assign`: who the task is routed to now. */
export function renderAssignment(r: {
  task: Task;
  changed: boolean;
  outside: string | null;
  over: string | null;
}): string {
  const said = r.changed
    ? `${r.task.ref} is routed to ${r.task.assignee ?? 'nobody'}: ${r.task.title}`
    : `${r.task.ref} was already routed to ${r.task.assignee ?? 'nobody'}; nothing changed`;
  return [
    said,
    ...(r.outside === null ? [] : [`(${r.outside}: given by hand, it is theirs all the same.)`]),
    ...(r.over === null ? [] : [`(${r.over}.)`]),
  ].join('\n');
}

import * as z from 'zod';
import { formatMinutes } from '../../domain/duration.js';
import { reply } from '../../domain/reply.js';
import { OPEN_STATUSES, TASK_STATUSES, type TaskStatus, titleInList } from '../../domain/task.js';
import { reasonExample, TASK_ACTIONS, type TaskAction } from '../../domain/task-lifecycle.js';
import { MINUTES_FORM, oneOf, taskRef, typedMinutes, typedTaskRef } from '../../domain/validate.js';
import { impactInList, taskCard } from '../../views/cards.js';
import { decisionReply, retryReply } from '../../views/decision-reply.js';
import { mention, parseMention } from '../../views/mention.js';
import { type CommandDef, defineCommand } from '../define-command.js';

const note = z.string().trim().max(1000, { error: 'at most 1000 characters' }).optional();
/** The reason an action takes, its example fitting it (a failure is no rejection). */
const reasonOf = (action: TaskAction) =>
  z
    .string({ error: `say why, e.g. "${reasonExample(action)}"` })
    .trim()
    .min(1, { error: `say why, e.g. "${reasonExample(action)}"` })
    .max(1000, { error: 'at most 1000 characters' });
/** Minutes, or a duration (`1h30m`), read as the outcome's own schema reads them (see typedMinutes). */
const minutes = z
  .string()
  .refine((v) => typedMinutes(v) !== null, {
    error: (i) => `${MINUTES_FORM} (got ${JSON.stringify(i.input)})`,
  })
  .optional();

/**
 * approve, reject, start, done, fail, cancel: every one goes through `app.decisions.decide`. Whether it
 * needs a reason comes from the lifecycle table, so the grammar and the rule cannot disagree.
 */
/** A note of nothing but task refs: `approve T-6 T-8` meant two tasks, not T-6 with the note "T-8". */
const ONLY_REFS = /^\s*t-\d+(?:[\s,]+(?:and\s+)?t-\d+)*\s*$/i;

/**
 * A note or reason that is nothing but task refs, refused with nothing done: one task a command,
 * as its card's buttons take them (`approve T-6 T-8` would approve T-6 with the note "T-8").
 */
const notRefs = <T extends z.ZodType<string | undefined>>(
  text: T,
  action: string,
  needsReason: boolean,
  past: string,
) =>
  text.refine((v) => v === undefined || !ONLY_REFS.test(v), {
    error: (i) =>
      `${action} takes one task: ${JSON.stringify(String(i.input).trim())} reads as more tasks, not a ${needsReason ? 'reason' : 'note'}; ${action} each on its own (\`/goalpost ${action} ${String(
        i.input,
      )
        .trim()
        .split(/[\s,]+/)[0]
        ?.toUpperCase()}${needsReason ? ' <reason>' : ''}\`), nothing was ${past}`,
  });

function decisionCommand(action: TaskAction, usage: string, summary: string): CommandDef {
  const { needsReason, past } = TASK_ACTIONS[action];
  const withMinutes = action === 'done' || action === 'fail';
  return defineCommand({
    name: action,
    usage,
    summary,
    role: TASK_ACTIONS[action].role,
    args: {
      positionals: ['ref', needsReason ? '...reason' : '...note'],
      options: withMinutes ? ['minutes'] : [],
    },
    schema: z.object({
      ref: taskRef(),
      reason: needsReason
        ? notRefs(reasonOf(action), action, needsReason, past)
        : notRefs(note, action, needsReason, past),
      note: notRefs(note, action, needsReason, past),
      minutes,
    }),
    run: ({ app, ctx, invocation }, input) => {
      const text = input.reason ?? input.note;
      const result = app.decisions.decide(ctx, {
        ref: input.ref,
        action,
        ...(text ? { note: text } : {}),
        ...(input.minutes === undefined ? {} : { minutes: input.minutes }),
        ...(invocation.eventId ? { eventId: invocation.eventId } : {}),
      });
      return decisionReply(app, ctx, result, text);
    },
  });
}

/** How many waiting tasks chat's `queue` lists. */
const WAITING_LISTED = 10;

/** A listing's status; a task's ref there (`tasks T-1`) is told where that task is shown. */
/** The order a listing of `status` comes in (the store's: see TaskRepository.list), as its title says it. */
function listedIn(status: TaskStatus | 'open' | 'all'): string {
  if (status === 'all') return 'open ones highest priority first, then closed ones the latest first';
  return status === 'open' || OPEN_STATUSES.includes(status) ? 'highest priority first' : 'the latest first';
}

const statusFilter = oneOf(['open', ...TASK_STATUSES, 'all'] as const, (typed) => {
  const ref = typedTaskRef(typed);
  return ref === null ? null : `${ref} is a task, not a status; \`/goalpost task ${ref}\` shows it`;
});

export const taskCommands: CommandDef[] = [
  defineCommand({
    name: 'queue',
    usage: 'queue',
    summary: 'who holds which task, and what waits',
    role: 'member',
    args: { positionals: [] },
    schema: z.object({}),
    run: ({ app, ctx }) => {
      const q = app.queue.view(ctx);
      const waiting = q.waiting.length;
      return reply.ephemeral(
        {
          kind: 'table',
          title: 'Claimed',
          columns: ['ref', 'held by', 'for', 'lease left', 'attempt', 'title'],
          rows: q.claims.map((c) => [
            c.task.ref,
            c.task.claimedBy ?? '—',
            formatMinutes(c.heldMinutes),
            formatMinutes(c.leaseLeftMinutes),
            String(c.task.attempts),
            titleInList(c.task),
          ]),
          empty: q.started.length === 0 ? 'Nobody holds a task right now.' : 'No worker holds a lease.',
        },
        ...(q.started.length === 0
          ? []
          : [
              {
                kind: 'table' as const,
                title: 'Started, no lease',
                columns: ['ref', 'assignee', 'for', 'title'],
                rows: q.started.map((s) => [
                  s.task.ref,
                  s.task.assignee ?? '—',
                  formatMinutes(s.heldMinutes),
                  titleInList(s.task),
                ]),
                empty: '',
              },
            ]),
        // Which work waits, best first, as many as a message has room for: a count alone left a
        // worker's owner asking which task.
        ...(waiting === 0
          ? []
          : [
              {
                kind: 'table' as const,
                title: 'Waiting to be claimed',
                columns: ['ref', 'pri', 'routed to', 'title'],
                rows: q.waiting
                  .slice(0, WAITING_LISTED)
                  .map((t) => [t.ref, String(t.priority), t.assignee ?? 'nobody yet', titleInList(t)]),
                empty: '',
              },
            ]),
        reply.text(
          [
            `${waiting === 0 ? 'No approved task waits' : `${waiting} approved task${waiting === 1 ? '' : 's'} wait${waiting === 1 ? 's' : ''}`} to be claimed${waiting > WAITING_LISTED ? ` (the first ${WAITING_LISTED} listed; on the command line, \`goalpost queue list\` lists them all)` : ''}${q.requeued.length ? `; back in the queue after a lost lease: ${q.requeued.join(', ')}` : ''}${q.expiredFailed.length ? `; failed after its last lost lease: ${q.expiredFailed.join(', ')}` : ''}.`,
            ...q.blocked.map((b) => `• ${b.reason}`),
          ].join('\n'),
        ),
      );
    },
  }),
  defineCommand({
    name: 'tasks',
    usage: 'tasks [open|proposed|approved|in_progress|done|failed|rejected|cancelled|all]',
    summary: 'list tasks (default: open ones)',
    role: 'member',
    // `--status open` too, as the command line writes it.
    args: { positionals: ['status'], options: ['status'] },
    schema: z.object({ status: statusFilter.default('open') }),
    run: ({ app, ctx }, input) => {
      const tasks = app.tasks.summaries(ctx, {
        status: input.status === 'all' ? [] : [input.status],
        limit: 50,
      });
      return reply.ephemeral({
        kind: 'table',
        title: `Tasks (${input.status}), ${listedIn(input.status)}`,
        columns: ['ref', 'P', 'status', 'title', 'assignee', 'impact'],
        rows: tasks.map((t) => [
          t.ref,
          String(t.priority),
          t.status.replace('_', ' '),
          titleInList(t),
          t.assignee ?? '—',
          impactInList(t),
        ]),
        // Asked for one status, the others may hold work: no batch to propose for "none approved".
        empty:
          input.status === 'open' || input.status === 'all'
            ? 'No tasks here. `/goalpost digest` proposes a batch.'
            : `No ${input.status.replace('_', ' ')} tasks. \`/goalpost tasks\` lists the open ones, \`/goalpost tasks all\` every one.`,
        clip: 3,
      });
    },
  }),
  defineCommand({
    name: 'task',
    usage: 'task T-12',
    summary: 'one task with its reasoning',
    role: 'member',
    args: { positionals: ['ref'] },
    schema: z.object({ ref: taskRef() }),
    run: ({ app, ctx }, input) => {
      const { task, events } = app.tasks.show(ctx, input.ref);
      return reply.ephemeral({ kind: 'task', card: taskCard(task, events) });
    },
  }),
  decisionCommand('approve', 'approve T-12 [note]', 'approve a task, even one rejected (approver)'),
  decisionCommand('reject', 'reject T-12 <reason>', 'reject a task, saying why (approver)'),
  decisionCommand('start', 'start T-12', 'start work on an approved task'),
  decisionCommand('done', 'done T-12 [note] [--minutes 45]', 'record a task as done'),
  decisionCommand('fail', 'fail T-12 <reason> [--minutes 45]', 'record a task as failed, saying why'),
  decisionCommand('cancel', 'cancel T-12 [note]', 'cancel a task nobody will do (approver)'),
  defineCommand({
    name: 'assign',
    usage: 'assign T-12 <@user|assignee>',
    summary: 'route a task to someone by hand (approver)',
    role: 'approver',
    args: { positionals: ['ref', 'who'] },
    schema: z.object({
      ref: taskRef(),
      who: z.string({ error: 'whom to assign, like @ana or dev_worker1' }).min(1),
    }),
    run: ({ app, ctx, invocation }, input) => {
      const user = parseMention(input.who, invocation.platform);
      const linked = user ? app.decisions.assigneeForUser(ctx, user) : null;
      const name = linked ?? input.who.replace(/^@/, '');
      const result = app.decisions.assign(ctx, input.ref, name);
      if (!result.changed) {
        return reply.ephemeral(
          reply.text(`${result.task.ref} is already assigned to ${name}; nothing changed.`),
        );
      }
      const { task, events } = app.tasks.show(ctx, input.ref);
      const outside =
        (result.outside === null ? '' : ` (${result.outside}: given by hand, it is theirs all the same)`) +
        (result.over === null ? '' : ` (${result.over})`);
      return {
        ...reply.channel(
          reply.text(
            `${task.ref} assigned to ${name} by ${mention(ctx.actor)} — ${task.title}${outside}`,
            'success',
          ),
        ),
        updates: [taskCard(task, events)],
      };
    },
  }),
  defineCommand({
    name: 'retry',
    usage: 'retry T-12 [note]',
    summary: 'try a failed task again (approver)',
    role: 'approver',
    args: { positionals: ['ref', '...note'] },
    schema: z.object({ ref: taskRef(), note: notRefs(note, 'retry', false, 'retried') }),
    run: ({ app, ctx }, input) =>
      retryReply(app, ctx, app.decisions.retry(ctx, input.ref, input.note), input.note),
  }),
];

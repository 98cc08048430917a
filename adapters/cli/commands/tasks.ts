import type { Command } from 'commander';
import { TASK_ACTIONS, type TaskAction, UserError } from '../../../src/index.js';
import { renderAssignment, renderRetry, renderTask, renderTasks, renderTransition } from '../render-tasks.js';
import type { Runner } from '../runner.js';
import { collectList } from '../runner.js';

const DESCRIPTIONS: Record<TaskAction, string> = {
  approve: 'approve a proposed task, or a rejected one after all',
  reject: 'reject a task (needs --reason)',
  start: 'start an approved task',
  done: 'mark a task done',
  fail: 'mark a task failed (needs --reason)',
  cancel: 'cancel an open task',
};

export function registerTaskCommands(program: Command, run: Runner<'tasks' | 'decisions'>): void {
  program
    .command('tasks')
    .description('list tasks: open ones highest priority first, then closed ones the latest first')
    // As in chat (`tasks approved`): a review's `goalpost tasks approved` was refused as too many
    // arguments.
    .argument('[statuses...]', 'the same as --status, as chat takes it: tasks approved, tasks done failed')
    .option(
      '--status <statuses>',
      'proposed, approved, in_progress, done, failed, rejected, cancelled, open (every open one: the default, as in chat) or all',
      collectList,
    )
    .option('--limit <n>', 'at most this many', '100')
    .action((statuses: string[], o: { status?: string[]; limit: string }, cmd: Command) => {
      if (statuses.length > 0 && o.status !== undefined)
        cmd.error(
          'error: give the statuses once: `goalpost tasks approved` or `goalpost tasks --status approved`',
        );
      const status = statuses.length > 0 ? statuses.flatMap((s) => collectList(s)) : o.status;
      return run(
        cmd,
        (s) => s.app().tasks.list(s.ctx(), { status: status ?? ['open'], limit: o.limit }),
        (tasks) => renderTasks(tasks, status === undefined),
      );
    });
  const task = program
    .command('task')
    .description('one task')
    .showHelpAfterError('(`goalpost task show <ref>` shows a task, like `goalpost task show T-1`)');
  task
    .command('show <ref>')
    .description('a task with its reasoning and history')
    .action((ref: string, _o, cmd: Command) => run(cmd, (s) => s.app().tasks.show(s.ctx(), ref), renderTask));

  program
    .command('assign <ref> <assignee>')
    .description('route a task to an assignee by hand (a worker agent then claims it)')
    .action((ref: string, assignee: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().decisions.assign(s.ctx(), ref, assignee), renderAssignment),
    );

  program
    .command('retry <ref>')
    .description('try a failed task again, as a new approved task')
    .option('--note <text>', 'a note for the record')
    .option('--reason <text>', 'the same as --note')
    .action((ref: string, o: { note?: string; reason?: string }, cmd: Command) =>
      run(
        cmd,
        (s) => {
          if (o.reason !== undefined && o.note !== undefined) {
            throw new UserError('--note and --reason are the same note: give one');
          }
          return s.app().decisions.retry(s.ctx(), ref, o.reason ?? o.note);
        },
        renderRetry,
      ),
    );

  for (const action of Object.keys(TASK_ACTIONS) as TaskAction[]) {
    const needsReason = TASK_ACTIONS[action].needsReason;
    const c = program
      .command(`${action} <ref>`)
      .description(DESCRIPTIONS[action])
      .showHelpAfterError(
        `(\`goalpost ${action} <ref>${needsReason ? ' --reason "…"' : ' [--note "…"]'}\`, the ${needsReason ? 'reason' : 'note'} quoted; \`goalpost help ${action}\` shows the options)`,
      );
    if (needsReason) c.requiredOption('--reason <text>', 'why');
    else c.option('--note <text>', 'a note for the record').option('--reason <text>', 'the same as --note');
    if (action === 'done' || action === 'fail') {
      c.option('--assignee <name>', 'who did it (default: who claimed or was routed the task)').option(
        '--minutes <n>',
        'how long it took (default: measured from start, or approval)',
      );
    }
    c.action(
      (
        ref: string,
        o: { reason?: string; note?: string; assignee?: string; minutes?: string },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) => {
            // One note under two names: both at once would keep one and drop the other unsaid.
            if (o.reason !== undefined && o.note !== undefined) {
              throw new UserError('--note and --reason are the same note: give one');
            }
            return s.app().decisions.decide(s.ctx(), {
              ref,
              action,
              ...((o.reason ?? o.note) ? { note: o.reason ?? o.note } : {}),
              assignee: o.assignee,
              minutes: o.minutes,
            });
          },
          renderTransition,
        ),
    );
  }
}

import type { Command } from 'commander';
import {
  channelText,
  digestLayoutCell,
  digestLayoutWords,
  hostTimeZone,
  type SavedSubscription,
  type SubscriptionInfo,
} from '../../../src/index.js';
import { table } from '../format.js';
import type { Runner } from '../runner.js';
import { subscriptionWhere as where } from '../subscription-where.js';

function renderList(list: SubscriptionInfo[]): string {
  if (list.length === 0) return 'No subscriptions yet: `goalpost schedule add 09:00 Europe/Berlin`.';
  return table(
    ['id', 'kind', 'where', 'when', 'days', 'layout', 'next', 'last run'],
    list.map((s) => [
      String(s.id),
      s.kind,
      channelText(s),
      `${s.time} ${s.timeZone}`,
      s.daysText,
      s.kind === 'digest' ? digestLayoutCell(s) : '—',
      s.nextLocal,
      s.lastRun ? `${s.lastRun.status} ${s.lastRun.localDate}` : '—',
    ]),
  );
}

/** How a digest is laid out and nudged: ", one post, its tasks in its thread, reminders after 1 working day". */
const layoutWords = (s: SavedSubscription): string =>
  s.kind === 'digest' ? `, ${digestLayoutWords(s).join(', ')}` : '';

/**
 * A saved subscription, saying what it replaced and why its time zone is the one it is when none
 * was given (`defaultWhy`: from GOALPOST_TIME_ZONE, or this machine's).
 */
function renderSaved(s: SavedSubscription, defaultWhy: string): string {
  const next = s.next ? `; next: ${s.nextLocal} ${s.timeZone} (${s.next.at})` : '';
  const cap = s.maxTasks === null ? '' : `, up to ${s.maxTasks} tasks`;
  const zone =
    s.zoneFrom === 'kept' ? '; the time zone it had' : s.zoneFrom === 'default' ? `; ${defaultWhy}` : '';
  const details = `(${s.daysText}${cap}${layoutWords(s)}${zone})${next}.`;
  const old = s.previous;
  if (old === null) return `Subscribed ${where(s)} at ${s.time} ${s.timeZone} ${details}`;
  const was = `${old.time}${old.timeZone === s.timeZone ? '' : ` ${old.timeZone}`}`;
  return `Changed ${where(s)} from ${was} to ${s.time} ${s.timeZone} ${details}`;
}

/** `goalpost schedule list|add|remove|run-due`: digest and report subscriptions. */
export function registerScheduleCommands(program: Command, run: Runner): void {
  const schedule = program
    .command('schedule')
    .description('scheduled digests and weekly reports: when and where they are posted');
  schedule
    .command('list', { isDefault: true })
    .description('every subscription with its next run in its own time zone')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().subscriptions.list(s.ctx()), renderList));
  schedule
    .command('add <time> [timezone]')
    .description(
      'post the digest (or report) at a local time HH:MM (zone: the one it had, else GOALPOST_TIME_ZONE or this machine’s)',
    )
    .option('--kind <kind>', 'digest or report', 'digest')
    .option('--days <days>', 'weekdays, daily, mon,wed,fri or mon-fri (default: weekdays; report: mon)')
    .option('--max-tasks <n>', 'cap of new tasks per digest (1–50)')
    .option('--style <style>', 'thread (one post, tasks in its thread; default), cards or compact')
    .option(
      '--remind-after <time>',
      'one reminder of undecided tasks after 1d (working days, default), 4h, or off',
    )
    .option('--channel <id>', 'channel id', 'console')
    .option('--platform <platform>', 'console, slack or discord', 'console')
    .action(
      (
        time: string,
        timeZone: string | undefined,
        o: {
          kind: string;
          days?: string;
          maxTasks?: string;
          style?: string;
          remindAfter?: string;
          channel: string;
          platform: string;
        },
        cmd: Command,
      ) => {
        let defaultWhy = "this machine's time zone";
        return run(
          cmd,
          (s) => {
            const configured = s.config().schedule.defaultTimeZone;
            if (configured) defaultWhy = 'from GOALPOST_TIME_ZONE';
            return s.app().subscriptions.subscribe(s.ctx(), {
              kind: o.kind,
              platform: o.platform,
              channelId: o.channel,
              time,
              ...(timeZone === undefined ? {} : { timeZone }),
              defaultTimeZone: configured ?? hostTimeZone(),
              days: o.days,
              maxTasks: o.maxTasks,
              style: o.style,
              remindAfter: o.remindAfter,
            });
          },
          (r) => renderSaved(r, defaultWhy),
        );
      },
    );
  schedule
    .command('remove <id>')
    .description('stop a subscription')
    .action((id: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().subscriptions.remove(s.ctx(), id),
        (r) => `Removed ${where(r)}.`,
      ),
    );
  schedule
    .command('run-due')
    .description(
      "post what is due at --now (or now) in every workspace, or --workspace's alone: console subscriptions print here; cron-friendly",
    )
    .option(
      '--grace <minutes>',
      'how late a digest may still be posted (default GOALPOST_DIGEST_GRACE_MINUTES)',
    )
    .action(async (o: { grace?: string }, cmd: Command) => {
      // The chat bot that builds the posts loads only for this command.
      const { runDueNow, renderRunDue, runDueExit } = await import('./schedule-run-due.js');
      // --workspace as typed: GOALPOST_WORKSPACE, set for the other commands, does not narrow a cron job.
      const { workspace } = cmd.optsWithGlobals<{ workspace?: string }>();
      return run(cmd, (s) => runDueNow(s, o.grace, workspace), renderRunDue, runDueExit);
    });
}

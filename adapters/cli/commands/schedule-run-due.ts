// `goalpost schedule run-due`'s work, loaded only when that command runs: it builds digests
// through the chat bot, which no other CLI command needs.

import { type RunResult, runDue } from '../../../src/chat.js';
import { type ChatPort, type Clock, ERRORS, silentLogger, ValidationError } from '../../../src/index.js';
import { renderMessages } from '../../console/render-reply.js';
import type { CliSession } from '../session.js';
import { subscriptionWhere as where } from '../subscription-where.js';

/** What `schedule run-due` did: one result per subscription, and what it printed for the console. */
export interface RunDueOutput {
  now: string;
  /** The workspace the run was narrowed to (`--workspace`), or null: every workspace's. */
  workspace: string | null;
  results: RunResult[];
  console: Array<{ workspaceId: string; channelId: string; text: string }>;
}

/** A console ChatPort that keeps what it posts, to print with the run's results. */
function consolePort(clock: Clock, posts: RunDueOutput['console']): ChatPort {
  const stamp = clock.now().getTime().toString(36);
  let n = 0;
  return {
    platform: 'console',
    post: async (target, messages) => {
      posts.push({
        workspaceId: target.workspaceId,
        channelId: target.channelId,
        text: renderMessages(messages),
      });
      return messages.map(() => `cli-${stamp}-${++n}`);
    },
  };
}

const LINES: Record<RunResult['status'], (r: RunResult) => string> = {
  posted: (r) =>
    `posted for ${r.localDate}${r.batch === null ? '' : ` (batch ${r.batch})`}, ${r.messages} messages`,
  already_posted: (r) => `already posted for ${r.localDate}`,
  missed: (r) => `missed ${r.localDate}: ${r.reason ?? ''}`,
  no_port: (r) => `no ${r.platform} connection here; a running bot connected to ${r.platform} posts it`,
  failed: (r) => `failed for ${r.localDate}: ${r.reason ?? 'unknown error'}`,
  refused: (r) => `refused by the platform for ${r.localDate}, not retried: ${r.reason ?? 'unknown reason'}`,
  held: (r) => `held for ${r.localDate}: ${r.reason ?? ''}`,
  not_due: () => 'nothing due yet',
};

/**
 * The posts printed here, then a line per subscription. A run that served several workspaces
 * names each post's and line's (`acme: #1 digest → console: posted …`): two teams' digests look
 * alike.
 */
export function renderRunDue(out: RunDueOutput): string {
  if (out.results.length === 0) {
    return `Nothing scheduled${out.workspace === null ? '' : ` in workspace ${out.workspace}`} (at ${out.now}).`;
  }
  const several = new Set(out.results.map((r) => r.workspaceId)).size > 1;
  const whose = (workspaceId: string) => (several ? `${workspaceId}: ` : '');
  const posts = out.console.map((p) => (several ? `── workspace ${p.workspaceId} ──\n${p.text}` : p.text));
  const lines = out.results.map(
    (r) => `${whose(r.workspaceId)}${where({ id: r.subscriptionId, ...r })}: ${LINES[r.status](r)}`,
  );
  return [...posts, ...(posts.length ? [''] : []), ...lines].join('\n');
}

/**
 * The exit code of a run, once its lines are printed: the first subscription that failed or was
 * refused ends it as that failure would end any command (75 for a busy database, 74 for a full
 * disk, 69 for a platform's refusal; 1 for a run given up after its attempts), so a cron job does
 * not read a digest nobody got as done. Missed, held and already posted runs are no failure.
 */
export function runDueExit(out: RunDueOutput): number {
  const failed = out.results.find((r) => r.status === 'failed' || r.status === 'refused');
  if (failed === undefined) return 0;
  return failed.error === null ? 1 : ERRORS[failed.error].exit;
}

/**
 * Posts what is due at the session's clock; `grace` is the --grace option as typed. Every
 * workspace's subscriptions (a cron job serves the whole database), or only `workspace`'s when the
 * command line names one.
 */
export async function runDueNow(
  s: CliSession,
  graceOption: string | undefined,
  workspace: string | undefined,
): Promise<RunDueOutput> {
  const grace = graceOption === undefined ? s.config().schedule.graceMinutes : Number(graceOption);
  if (!Number.isInteger(grace) || grace < 0 || grace > 10_080) {
    throw new ValidationError(
      `--grace: whole minutes from 0 to 10080, like 180 (got "${graceOption}")`,
      'grace',
    );
  }
  // The workspace named, as every command takes it: one new beside others is said (a typo).
  if (workspace !== undefined) s.ctx();
  const clock = s.clock();
  const posts: RunDueOutput['console'] = [];
  const results = await runDue(
    {
      app: s.app(),
      ports: { console: consolePort(clock, posts) },
      clock,
      logger: silentLogger,
      graceMinutes: grace,
      rethrow: true,
    },
    workspace === undefined ? {} : { workspaceId: workspace },
  );
  return { now: clock.now().toISOString(), workspace: workspace ?? null, results, console: posts };
}

import type { Command } from 'commander';
import { MAX_LEASE_MINUTES, positiveInt, UserError, ValidationError, validate } from '../../../src/index.js';
import { localBackend, type WorkerBackend } from '../../worker/backend.js';
import { httpBackend } from '../../worker/http-backend.js';
import { createWorker } from '../../worker/run-worker.js';
import { collectList, type Runner } from '../runner.js';
import type { CliSession } from '../session.js';

interface WorkerFlags {
  assignee: string;
  exec: string;
  api?: string;
  token?: string;
  concurrency: string;
  leaseMinutes?: string;
  heartbeat?: string;
  timeout: string;
  poll: string;
  grace: string;
  once?: boolean;
  passEnv: string[];
}

/**
 * What a task command may see of the worker's environment: enough to run programs and nothing
 * that speaks for Goalpost (its tokens and secrets stay here), plus what `--pass-env` names.
 */
export const BASE_COMMAND_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'] as const;

function commandEnv(env: Record<string, string | undefined>, pass: readonly string[]) {
  const names = new Set<string>([...BASE_COMMAND_ENV, ...pass]);
  return Object.fromEntries([...names].flatMap((n) => (env[n] === undefined ? [] : [[n, env[n]]])));
}

/**
 * The most each of the worker's numeric flags may be: what a person would mean, and short of what
 * Node's timers hold (about 24.8 days in ms; past it a timer fires at once, so `--timeout 2200000`
 * failed a task in 0 s as timed out, and a lease of 99,999,999 minutes was renewed 2,639 times in
 * 3 s).
 */
const MOST = {
  concurrency: { limit: 64, example: 2, said: 'commands at once from 1 to 64, like 2' },
  'lease-minutes': {
    limit: MAX_LEASE_MINUTES,
    example: 30,
    said: `whole minutes from 1 to ${MAX_LEASE_MINUTES} (a week), like 30`,
  },
  heartbeat: {
    limit: MAX_LEASE_MINUTES * 60,
    example: 60,
    said: `whole seconds from 1 to ${MAX_LEASE_MINUTES * 60} (a week), like 60`,
  },
  timeout: { limit: 7 * 86_400, example: 3600, said: 'whole seconds from 1 to 604800 (a week), like 3600' },
  poll: { limit: 3_600, example: 5, said: 'whole seconds from 1 to 3600 (an hour), like 5' },
  grace: { limit: 3_600, example: 30, said: 'whole seconds from 1 to 3600 (an hour), like 30' },
} as const;

/** A whole number from 1 to the flag's most (see MOST). @throws ValidationError naming the flag. */
function whole(flag: keyof typeof MOST, value: string): number {
  const { limit, example, said } = MOST[flag];
  try {
    return validate(positiveInt(example, { limit, error: said }), value);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`--${flag}: ${error.message}`, flag);
    throw error;
  }
}

/** `--heartbeat` in ms: a third of the lease unless given, and always shorter than the lease. */
function heartbeatMs(o: WorkerFlags, leaseMinutes: number): number {
  if (o.heartbeat === undefined) return Math.max(1_000, (leaseMinutes * 60_000) / 3);
  const ms = whole('heartbeat', o.heartbeat) * 1000;
  if (ms >= leaseMinutes * 60_000) {
    throw new ValidationError(
      `--heartbeat: renew more often than the lease runs out (under ${leaseMinutes * 60} s for --lease-minutes ${leaseMinutes})`,
      'heartbeat',
    );
  }
  return ms;
}

function backendFor(s: CliSession, o: WorkerFlags): WorkerBackend {
  if (o.api !== undefined) {
    const token = o.token ?? s.env().GOALPOST_TOKEN;
    if (!token)
      throw new UserError('--api needs a token: --token <token> or GOALPOST_TOKEN (`goalpost token create`)');
    return httpBackend(o.api, token);
  }
  const cli = s.ctx();
  // Names match in any case, and the queue holds claims under the name the assignee was added
  // with: the worker's steps are recorded under that one too, not as typed. An unknown name is
  // refused here, as the queue would refuse it.
  const name = s.app().assignees.require(cli, o.assignee).name;
  const ctx = { ...cli, actor: `worker:${name}`, source: 'worker' as const, role: 'member' as const };
  return localBackend(s.app(), ctx, s.config().dbPath, () => {});
}

export function registerWorkerCommands(program: Command, run: Runner): void {
  program
    .command('worker')
    .description('run approved tasks routed to an assignee with a command, and record how each ended')
    .requiredOption('--assignee <name>', 'the worker agent whose tasks to run (an assignee of kind worker)')
    .requiredOption(
      '--exec <command>',
      'shell command run per task; the task arrives as JSON on stdin and GOALPOST_TASK_*',
    )
    .option('--api <url>', 'a running Goalpost (remote mode) instead of the database file')
    .option('--token <token>', 'API token for --api (env GOALPOST_TOKEN)')
    .option('--concurrency <n>', 'commands at once', '1')
    .option(
      '--lease-minutes <n>',
      'lease per claim, renewed while the command runs (default GOALPOST_LEASE_MINUTES)',
    )
    .option(
      '--heartbeat <seconds>',
      'renew the lease this often, and stop a command whose claim is gone (default: a third of the lease)',
    )
    .option('--timeout <seconds>', 'kill a command running longer, and fail its task', '3600')
    .option('--poll <seconds>', 'wait between looks at an empty queue', '5')
    .option(
      '--grace <seconds>',
      'on SIGTERM, how long running commands may finish before they are released',
      '30',
    )
    .option('--once', 'run one task (or find none) and exit: for cron and CI')
    .option(
      '--pass-env <names>',
      'also give commands these environment variables (comma list, repeatable); they get only PATH, HOME, LANG, LC_ALL, TZ, TMPDIR otherwise',
      collectList,
      [],
    )
    .action((o: WorkerFlags, cmd: Command) =>
      run(
        cmd,
        async (s) => {
          const leaseMinutes =
            o.leaseMinutes === undefined
              ? s.config().learning.leaseMinutes
              : whole('lease-minutes', o.leaseMinutes);
          const options = {
            assignee: o.assignee,
            exec: o.exec,
            concurrency: whole('concurrency', o.concurrency),
            leaseMinutes,
            heartbeatMs: heartbeatMs(o, leaseMinutes),
            timeoutMs: whole('timeout', o.timeout) * 1000,
            pollMs: whole('poll', o.poll) * 1000,
            graceMs: whole('grace', o.grace) * 1000,
            once: o.once === true,
            log: (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
            env: commandEnv(s.env(), o.passEnv),
          };
          if (o.exec.trim() === '')
            throw new ValidationError('--exec: a command to run, like ./scripts/run-task.sh', 'exec');
          const backend = backendFor(s, o);
          const worker = createWorker(backend, options);
          const stop = () => worker.stop();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
          try {
            return { ran: await worker.run() };
          } finally {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            await backend.close();
          }
        },
        (r) => `Worker stopped after ${r.ran} task${r.ran === 1 ? '' : 's'}.`,
      ),
    );
}

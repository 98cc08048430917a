import type * as ChildProcesses from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ClaimRef, RunReport } from '../../src/index.js';
import {
  formatMinutes,
  lazyBuiltin,
  RUN_OUTPUT_LIMIT,
  type Task,
  UserError,
  withoutControlCharacters,
} from '../../src/index.js';
import { claimIsGone, type WorkerBackend } from './backend.js';
import { finishWithinLease } from './finish-within-lease.js';

// Loaded when a worker starts: the CLI holds this module for `worker`, which few runs are.
const childProcesses = lazyBuiltin<typeof ChildProcesses>('node:child_process');

export interface WorkerOptions {
  assignee: string;
  /** A shell command line, run with `sh -c` in its own process group. */
  exec: string;
  /** Commands at once. */
  concurrency: number;
  leaseMinutes: number;
  /**
   * How often a running task's lease is renewed (shorter than the lease). It is also how soon a
   * claim that is gone (task cancelled, finished elsewhere, lease run out) stops the command.
   */
  heartbeatMs: number;
  /** A run longer than this is killed (its whole process group) and counts as failed. */
  timeoutMs: number;
  /** How often an idle slot asks for work. */
  pollMs: number;
  /** After SIGTERM, how long running commands may finish before they are killed and released. */
  graceMs: number;
  /** Run one task (or find none) and stop. */
  once: boolean;
  /** One line per claim, heartbeat and outcome. */
  log(line: string): void;
  /** The environment commands run in, already narrowed to what they may see (plus GOALPOST_TASK_*). */
  env: Record<string, string | undefined>;
}

/** Characters of stderr that become a failure's reason. */
const REASON_CHARS = 600;
/** Exit codes with which `sh -c` says the command could not be started (not executable, not found). */
const CANNOT_START = new Set([126, 127]);

/**
 * The program a command line starts (`./run-task.sh` of `FOO=1 ./run-task.sh --fast`), unquoted;
 * null when the line starts with shell syntax whose program a word cannot say (`(cd x && …)`).
 */
function programOf(exec: string): string | null {
  const words = exec.trim().split(/\s+/);
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (first === undefined || /^[({!]/.test(first)) return null;
  return first.replace(/^(['"])(.*)\1$/, '$2');
}

/**
 * Whether the program a command line starts can be run (see programOf): a path, executable; a
 * name, one `sh` finds (a builtin, or on PATH). A command whose program runs and which exits
 * 126 or 127 started: it is something it ran itself that was not found, after it did its work,
 * and its run is an outcome (a review's script pushed its branch, then called a tool not
 * installed: released as "could not be started" with no outcome, it was run again, four times).
 */
function startable(exec: string, env: Record<string, string | undefined>): boolean {
  const program = programOf(exec);
  if (program === null) return true;
  if (program.includes('/')) {
    try {
      accessSync(program, constants.X_OK);
      return statSync(program).isFile();
    } catch {
      return false;
    }
  }
  return (
    childProcesses().spawnSync('sh', ['-c', 'command -v -- "$1" >/dev/null 2>&1', 'sh', program], { env })
      .status === 0
  );
}
/** Between the SIGTERM that asks a command to stop and the SIGKILL that makes it. */
const KILL_AFTER_MS = 2_000;

/** The task as the command sees it, on stdin and in GOALPOST_TASK_* variables. */
export function taskPayload(task: Task) {
  return {
    ref: task.ref,
    title: task.title,
    category: task.category,
    project: task.projectName,
    priority: task.priority,
    reasoning: task.reasoning,
    attempt: task.attempts,
  };
}

function taskEnv(task: Task): Record<string, string> {
  return {
    GOALPOST_TASK_REF: task.ref,
    GOALPOST_TASK_TITLE: task.title,
    GOALPOST_TASK_CATEGORY: task.category,
    GOALPOST_TASK_PROJECT: task.projectName ?? '',
    GOALPOST_TASK_REASONING: task.reasoning.join('\n'),
    GOALPOST_TASK_ATTEMPT: String(task.attempts),
  };
}

/** Kills a command's whole process group (it was spawned detached, so its pid is the group's). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * A watchman's script: it reads one line from a pipe only the worker writes. The worker writes
 * `ended` once the command has closed; anything else — the pipe closing because the worker was
 * killed outright (SIGKILL, the OOM killer) — stops the command's group as the worker would have
 * (SIGTERM, SIGKILL 2 s later). `kill -TERM -N` rather than `kill -TERM -- -N`: dash's kill, Debian's
 * `sh`, refuses the `--`.
 */
const WATCH_SCRIPT =
  'read -r said; [ "$said" = ended ] && exit 0; kill -TERM "-$1" 2>/dev/null; sleep 2; kill -KILL "-$1" 2>/dev/null; exit 0';

/**
 * Watches a command for a worker that may die without stopping it: a worker killed by SIGKILL
 * cannot kill its commands, and one left running would run beside the next worker's run of the
 * same task once the lease runs out. The watchman is a `sh` of its own (detached, so neither the
 * command's group nor a ^C to the worker takes it); the returned function tells it the command
 * has ended, and it exits.
 */
function watchGroup(child: ChildProcess): () => void {
  if (child.pid === undefined) return () => {};
  const watchman = childProcesses().spawn('sh', ['-c', WATCH_SCRIPT, 'watchman', String(child.pid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchman.on('error', () => {}); // no watchman: the command runs as it did before one was asked for
  watchman.stdin?.on('error', () => {});
  return () => {
    watchman.stdin?.end('ended\n');
  };
}

/** Asks a command's process group to stop, and kills it if it has not after KILL_AFTER_MS. */
function stopGroup(child: ChildProcess): void {
  killGroup(child, 'SIGTERM');
  setTimeout(() => killGroup(child, 'SIGKILL'), KILL_AFTER_MS).unref();
}

/**
 * The assigner loop of the seed, as a process: claims the next task for its assignee, runs the
 * command with the task, renews the lease while it runs, and records how it ended. Resolves
 * with the number of tasks it ran once it has stopped (`stop()`, or `once`).
 */
export function createWorker(backend: WorkerBackend, options: WorkerOptions) {
  const id = `${hostname()}:${process.pid}`;
  const running = new Map<string, ChildProcess>();
  let stopping = false;
  let ran = 0;
  const sleepers = new Set<() => void>();
  let failure: Error | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const minutesSince = (started: number) => Math.round(((Date.now() - started) / 60_000) * 100) / 100;

  /**
   * Records the run of a claim that is gone: `finish` keeps it as `lost` and leaves the task
   * alone. Not fatal when it fails: the task has moved on either way.
   */
  async function recordLost(claim: ClaimRef, started: number, output: string, why: string): Promise<void> {
    const ref = String(claim.ref);
    const report: RunReport = {
      success: false,
      exitCode: null,
      signal: null,
      timedOut: false,
      minutes: minutesSince(started),
      reason: `the claim is gone: ${why}`,
      output,
    };
    try {
      const finished = await backend.finish(claim, report);
      // The claim is named by its run, so a report of a claim that is gone is never recorded as
      // the task's outcome; `recorded` here would mean the core failed to tell.
      options.log(
        finished.recorded
          ? `${ref}: the claim came back meanwhile; recorded as failed`
          : `${ref}: run recorded as lost; ${finished.why}`,
      );
    } catch (error) {
      options.log(`${ref}: could not record the lost run: ${(error as Error).message}`);
    }
  }

  async function runTask(task: Task, runId: number | null, claimedAt: number): Promise<void> {
    const claim: ClaimRef = { ref: task.ref, assignee: options.assignee, runId };
    const started = Date.now();
    // When the lease runs out, as this worker knows it: from before it asked for it, or renewed it.
    let leaseEnds = claimedAt + options.leaseMinutes * 60_000;
    options.log(`claimed ${task.ref} "${task.title}" (attempt ${task.attempts}) for ${options.assignee}`);
    const child = childProcesses().spawn('sh', ['-c', options.exec], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...options.env, ...taskEnv(task) },
    });
    running.set(task.ref, child);
    const ended = watchGroup(child);
    let output = '';
    let stderr = '';
    // One character more than a run keeps: what is sent fits the API's report limit whatever the
    // command printed, and the store, which keeps the tail, still marks the output as cut.
    const keep = (text: string, isErr: boolean) => {
      output = (output + text).slice(-(RUN_OUTPUT_LIMIT + 1));
      if (isErr) stderr = (stderr + text).slice(-REASON_CHARS * 4);
    };
    // Decoded as text by the streams, so a character split between two reads arrives whole.
    child.stdout?.setEncoding('utf8').on('data', (text: string) => keep(text, false));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => keep(text, true));
    child.stdin?.on('error', () => {}); // a command that never reads stdin
    child.stdin?.end(`${JSON.stringify(taskPayload(task))}\n`);

    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      options.log(
        `${task.ref}: timed out after ${Math.round(options.timeoutMs / 1000)} s; killing its process group`,
      );
      stopGroup(child);
    }, options.timeoutMs);

    // Set once a heartbeat learns the claim is gone: the run is recorded as lost right then, so
    // nothing of this run can land on the task after it moved on.
    let lost: Promise<void> | null = null;
    let exited = false;
    const heartbeat = setInterval(() => {
      const asked = Date.now();
      backend.renew(claim, options.leaseMinutes).then(
        () => {
          leaseEnds = asked + options.leaseMinutes * 60_000;
          if (!exited) options.log(`${task.ref}: heartbeat, lease renewed for ${options.leaseMinutes} min`);
        },
        (error: Error) => {
          if (exited || lost) return;
          if (!claimIsGone(error)) {
            options.log(
              `${task.ref}: could not renew the lease: ${error.message}; the command keeps running, trying again at the next heartbeat`,
            );
            return;
          }
          clearInterval(heartbeat);
          options.log(`${task.ref}: the claim is gone (${error.message}); stopping the command`);
          stopGroup(child);
          lost = recordLost(claim, started, output, error.message);
        },
      );
    }, options.heartbeatMs);

    const exit = await new Promise<{ code: number | null; signal: string | null; spawnError: Error | null }>(
      (resolve) => {
        child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
        child.once('close', (code, signal) => resolve({ code, signal, spawnError: null }));
      },
    );
    ended();
    exited = true;
    clearTimeout(timeout);
    clearInterval(heartbeat);
    running.delete(task.ref);
    if (lost) {
      await lost;
      return;
    }
    const minutes = minutesSince(started);

    if (
      exit.spawnError ||
      (exit.code !== null &&
        CANNOT_START.has(exit.code) &&
        !timedOut &&
        !startable(options.exec, options.env))
    ) {
      const why = exit.spawnError?.message ?? stderr.trim().split('\n').at(-1) ?? `exit ${exit.code}`;
      await backend.release(claim, `the command could not be started: ${why}`, output);
      options.log(`${task.ref}: released — the command could not be started (${why})`);
      failure = new UserError(`the command could not be started: ${why} (\`${options.exec}\`)`);
      stopping = true;
      return;
    }
    if (stopping && exit.signal !== null && !timedOut) {
      try {
        await backend.release(claim, 'the worker stopped before the command finished', output);
      } catch (error) {
        // The claim went between two heartbeats: nothing to give back, the run is lost.
        if (!claimIsGone(error)) throw error;
        await recordLost(claim, started, output, (error as Error).message);
        return;
      }
      options.log(`${task.ref}: released (the worker is stopping)`);
      return;
    }
    const success = exit.code === 0 && !timedOut;
    const tailOfStderr = stderr.trim().slice(-REASON_CHARS);
    const report: RunReport = {
      success,
      exitCode: exit.code,
      signal: exit.signal,
      timedOut,
      minutes,
      reason: success
        ? null
        : timedOut
          ? `timed out after ${Math.round(options.timeoutMs / 1000)} s${tailOfStderr ? `: ${tailOfStderr}` : ''}`
          : `exit ${exit.code ?? exit.signal}${tailOfStderr ? `: ${tailOfStderr}` : ''}`,
      output,
    };
    const outcome = success
      ? 'exited 0 (done)'
      : timedOut
        ? 'timed out (failed)'
        : `ended with ${exit.code === null ? `signal ${exit.signal}` : `exit ${exit.code}`} (failed)`;
    const finished = await finishWithinLease(
      backend,
      { ...options, sleep, stopping: () => stopping },
      { claim, report, outcome, leaseEnds },
    );
    ran += 1;
    options.log(
      finished.recorded
        ? `${task.ref}: ${success ? 'done' : 'failed'} in ${formatMinutes(minutes)}${success ? '' : ` (${withoutControlCharacters(report.reason?.split('\n')[0] ?? '')})`}`
        : `${task.ref}: ${finished.why}`,
    );
  }

  /** Stops claiming, as after a failure no slot can go on from: the commands running finish first. */
  function fail(error: unknown): void {
    failure ??= error instanceof Error ? error : new Error(String(error));
    stopping = true;
    for (const wake of [...sleepers]) wake();
  }

  async function slot(): Promise<void> {
    // A claim the API cannot answer for now (a bot restarting for a deploy, its database busy) is
    // asked again at the poll interval, as a run's outcome is recorded again: a review's bot,
    // restarted, took down every idle remote worker, and one with a command running kept claiming
    // after it had said it stopped, its SIGTERM no longer heard, a task stranded and run twice.
    let down: string | null = null;
    while (!stopping) {
      const asked = Date.now();
      let claimed: Awaited<ReturnType<WorkerBackend['claim']>>;
      try {
        claimed = await backend.claim(options.assignee, options.leaseMinutes, id);
      } catch (error) {
        const passing = options.once ? null : backend.passing(error);
        if (passing === null) return fail(error);
        if (down === null)
          options.log(
            `${passing}: asking for work again every ${Math.max(1, Math.round(options.pollMs / 1000))} s`,
          );
        down = passing;
        await sleep(options.pollMs);
        continue;
      }
      if (down !== null) options.log('the API answers again');
      down = null;
      const { task, reason, runId } = claimed;
      // What the claim's sweep did first, said where the worker's author reads: a task failed for
      // its lease running out the last time allowed read "nothing to do: no approved task is
      // waiting for bot1" in a review, the failure in the API's answer alone.
      for (const ref of claimed.requeued ?? [])
        options.log(`${ref}: back in the queue, its lease having run out`);
      for (const ref of claimed.expiredFailed ?? [])
        options.log(`${ref}: failed, its lease having run out the last time allowed (GOALPOST_MAX_ATTEMPTS)`);
      if (!task) {
        if (options.once) {
          options.log(`nothing to do: ${reason}`);
          stopping = true;
          return;
        }
        await sleep(options.pollMs);
        continue;
      }
      try {
        await runTask(task, runId, asked);
      } catch (error) {
        return fail(error);
      }
      if (options.once) stopping = true;
    }
  }

  return {
    id,
    /** Runs until stopped; rejects when a command could not be started (its task released). */
    async run(): Promise<number> {
      await backend.check(options.assignee);
      // Nothing is claimed for a command that cannot start: its task would only be given back.
      if (!startable(options.exec, options.env)) {
        throw new UserError(
          `the command could not be started: ${programOf(options.exec)} is not found or not executable (\`${options.exec}\`); nothing was claimed`,
        );
      }
      options.log(
        `worker ${id} for ${options.assignee} on ${backend.where}: up to ${options.concurrency} at once, lease ${options.leaseMinutes} min, timeout ${Math.round(options.timeoutMs / 1000)} s`,
      );
      const slots = options.once ? 1 : options.concurrency;
      await Promise.all(Array.from({ length: slots }, () => slot()));
      if (failure) throw failure;
      return ran;
    },
    /**
     * SIGTERM: stop claiming; running commands may finish within the grace period, then their
     * process groups are killed and their tasks released.
     */
    stop(): void {
      if (stopping) return;
      stopping = true;
      for (const wake of [...sleepers]) wake();
      options.log(
        running.size
          ? `stopping: waiting up to ${Math.round(options.graceMs / 1000)} s for ${[...running.keys()].join(', ')}`
          : 'stopping',
      );
      setTimeout(() => {
        for (const child of running.values()) killGroup(child, 'SIGKILL');
      }, options.graceMs).unref();
    },
  };
}

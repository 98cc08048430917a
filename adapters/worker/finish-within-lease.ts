import type { ClaimRef, FinishResult, RunReport } from '../../src/index.js';
import { asGoalpostError, GoalpostError } from '../../src/index.js';
import type { WorkerBackend } from './backend.js';

/** The first wait before recording an outcome again, doubled each time up to the longest. */
const RETRY_FIRST_MS = 500;
const RETRY_LONGEST_MS = 10_000;

/** What finishWithinLease needs of the worker (see WorkerOptions): a sleep its stop wakes, and whether it is stopping. */
interface Worker {
  assignee: string;
  log(line: string): void;
  sleep: (ms: number) => Promise<void>;
  stopping: () => boolean;
}

/** A run that has ended: its claim, its report, how it ended in words, and when its lease runs out. */
interface Ended {
  claim: ClaimRef;
  report: RunReport;
  /** `exited 0 (done)`, `timed out (failed)`: what the command did, for the log and the refusal. */
  outcome: string;
  /** When the lease the run ended under runs out, in milliseconds. */
  leaseEnds: number;
}

/**
 * Records how a run ended, trying again (waits doubling) while the failure is passing (see
 * WorkerBackend.passing), the lease the run ended under lasts and the worker is not stopping: the
 * command has run, so a busy database cannot be answered with "try again". The lease is not
 * renewed meanwhile: renewed, it outlived any failure that lets a renewal through (a disk with
 * room for a renewal and none for a run's output), and the worker never gave up.
 * @throws the failure, saying what became of the outcome, once the lease has run out or the
 * worker is stopped (SIGTERM); any other failure as it came.
 */
export async function finishWithinLease(
  backend: WorkerBackend,
  worker: Worker,
  { claim, report, outcome, leaseEnds }: Ended,
): Promise<FinishResult> {
  const ref = String(claim.ref);
  const ends = new Date(leaseEnds).toISOString();
  let wait = RETRY_FIRST_MS;
  for (let tries = 1; ; tries++) {
    try {
      const finished = await backend.finish(claim, report);
      if (tries > 1) worker.log(`${ref}: outcome recorded at try ${tries}`);
      return finished;
    } catch (error) {
      const why = backend.passing(error);
      if (why === null) throw error;
      const over =
        Date.now() >= leaseEnds
          ? `until the lease ran out at ${ends}`
          : worker.stopping()
            ? 'until the worker was stopped'
            : null;
      if (over !== null) {
        const e = asGoalpostError(error);
        const output = report.output.trim() === '' ? '' : `; its output follows in the log`;
        if (output)
          worker.log(`${ref}: the output of the run whose outcome was not recorded:\n${report.output}`);
        throw new GoalpostError(
          e.code,
          `${ref}: the command ${outcome}, but that was not recorded: ${why} (${tries} tries, ${over}). Nothing of the run was written: ${ref} stays claimed by ${worker.assignee} until the queue is next read or claimed from, then counts as a lost lease (back to the queue to run again, or failed if that was its last attempt)${output}`,
        );
      }
      const ms = Math.min(wait, leaseEnds - Date.now());
      worker.log(
        `${ref}: could not record that the command ${outcome}: ${why}; trying again in ${(ms / 1000).toFixed(1)} s, until the lease runs out at ${ends}`,
      );
      await worker.sleep(ms);
      wait = Math.min(wait * 2, RETRY_LONGEST_MS);
    }
  }
}

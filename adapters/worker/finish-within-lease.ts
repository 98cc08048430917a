import type { ClaimRef, FinishResult, RunReport } from '../../src/index.js';
import { asGoalpostError, GoalpostError } from '../../src/index.js';
import type { WorkerBackend } from './backend.js';

/** The first wait before recording an outcome again, doubled each time up to the longest. */
const RETRY_FIRST_MS = 500;
const RETRY_LONGEST_MS = 10_000;

/** What finishWithinLease needs of the worker (see WorkerOptions), and a sleep its stop wakes. */
interface Worker {
  assignee: string;
  leaseMinutes: number;
  heartbeatMs: number;
  log(line: string): void;
  sleep: (ms: number) => Promise<void>;
}

/** A run that has ended: its claim, its report, how it ended in words, and when its lease runs out. */
interface Ended {
  claim: ClaimRef;
  report: RunReport;
  /** `exited 0 (done)`, `timed out (failed)`: what the command did, for the log and the refusal. */
  outcome: string;
  /** When the lease last taken runs out, in milliseconds. */
  leaseEnds: number;
}

/**
 * Records how a run ended, trying again (waits doubling, the lease renewed as the heartbeat did)
 * while the failure is passing (see WorkerBackend.passing) and the lease lasts: the command has
 * run, so a busy database cannot be answered with "try again".
 * @throws the failure, saying what became of the outcome, once the lease has run out; any other
 * failure as it came.
 */
export async function finishWithinLease(
  backend: WorkerBackend,
  worker: Worker,
  { claim, report, outcome, leaseEnds }: Ended,
): Promise<FinishResult> {
  const ref = String(claim.ref);
  let ends = leaseEnds;
  let wait = RETRY_FIRST_MS;
  let lastRenewal = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      const finished = await backend.finish(claim, report);
      if (tries > 1) worker.log(`${ref}: outcome recorded at try ${tries}`);
      return finished;
    } catch (error) {
      const why = backend.passing(error);
      if (why === null) throw error;
      if (Date.now() >= ends) {
        const e = asGoalpostError(error);
        const output = report.output.trim() === '' ? '' : `; its output follows in the log`;
        if (output)
          worker.log(`${ref}: the output of the run whose outcome was not recorded:\n${report.output}`);
        throw new GoalpostError(
          e.code,
          `${ref}: the command ${outcome}, but that was not recorded: ${why} (${tries} tries, until the lease ran out at ${new Date(ends).toISOString()}). Nothing of the run was written: ${ref} stays claimed by ${worker.assignee} until the queue is next read or claimed from, then counts as a lost lease (back to the queue to run again, or failed if that was its last attempt)${output}`,
        );
      }
      const ms = Math.min(wait, ends - Date.now());
      worker.log(
        `${ref}: could not record that the command ${outcome}: ${why}; trying again in ${(ms / 1000).toFixed(1)} s, until the lease runs out at ${new Date(ends).toISOString()}`,
      );
      await worker.sleep(ms);
      wait = Math.min(wait * 2, RETRY_LONGEST_MS);
      if (Date.now() - lastRenewal >= worker.heartbeatMs) {
        lastRenewal = Date.now();
        try {
          await backend.renew(claim, worker.leaseMinutes);
          ends = lastRenewal + worker.leaseMinutes * 60_000;
          worker.log(`${ref}: lease renewed for ${worker.leaseMinutes} min while the outcome waits`);
        } catch {
          // Busy as well, or the claim is gone: finishing says which, keeping the run as lost.
        }
      }
    }
  }
}

import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import type { Reply } from '../domain/reply.js';
import type { GenerateResult } from '../use-cases/generate.js';
import type { LearnResult } from '../use-cases/learning.js';
import { type DigestOptions, digestReply, reportReply } from '../views/digest.js';

/** What `generate` takes: the batch options, as the engine validates them. */
export type GenerateInput = NonNullable<Parameters<Goalpost['engine']['generate']>[1]>;

/**
 * The work too heavy for the thread that answers chat and HTTP: a digest (plans a batch over the
 * whole workspace), a generated batch, the weekly report, a full learning rebuild. better-sqlite3 is synchronous, so run
 * on the event loop these would hold every Slack and Discord ack behind them; `threadJobs` runs
 * them on a thread of their own with its own connection, `inlineJobs` on the caller's (an in-memory
 * database, tests, the CLI).
 */
export interface HeavyJobs {
  digest(ctx: Ctx, options: DigestOptions): Promise<Reply>;
  report(ctx: Ctx, since?: string): Promise<Reply>;
  /** `app.engine.generate`: the same result, and the same errors. */
  generate(ctx: Ctx, options: GenerateInput): Promise<GenerateResult>;
  /** `app.learning.learn`: the same result, and the same errors. */
  learn(ctx: Ctx): Promise<LearnResult>;
  close(): Promise<void>;
}

/** One job as it crosses to the job thread: plain data. */
export type JobRequest =
  | { kind: 'digest'; ctx: Ctx; options: DigestOptions }
  | { kind: 'report'; ctx: Ctx; since?: string }
  | { kind: 'generate'; ctx: Ctx; options: GenerateInput }
  | { kind: 'learn'; ctx: Ctx };

/** Runs a job against an app: the one place both runners share. */
export function runJob(app: Goalpost, job: JobRequest): Reply | GenerateResult | LearnResult {
  switch (job.kind) {
    case 'digest':
      return digestReply(app, job.ctx, job.options);
    case 'report':
      return reportReply(app, job.ctx, job.since);
    case 'generate':
      return app.engine.generate(job.ctx, job.options);
    case 'learn':
      return app.learning.learn(job.ctx);
  }
}

/** HeavyJobs over one way of running a job request: the mapping both runners share. */
export function jobsVia(run: <T>(job: JobRequest) => Promise<T>, close: () => Promise<void>): HeavyJobs {
  return {
    digest: (ctx, options) => run({ kind: 'digest', ctx, options }),
    report: (ctx, since) =>
      run(since === undefined ? { kind: 'report', ctx } : { kind: 'report', ctx, since }),
    generate: (ctx, options) => run({ kind: 'generate', ctx, options }),
    learn: (ctx) => run({ kind: 'learn', ctx }),
    close,
  };
}

/** Jobs on the calling thread, for an in-memory database (another thread cannot share it) and tests. */
export function inlineJobs(app: Goalpost): HeavyJobs {
  return jobsVia(
    async <T>(job: JobRequest) => runJob(app, job) as T,
    async () => {},
  );
}

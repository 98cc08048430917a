import { z } from 'zod';
import { type Loose, positiveInt, validate } from '../domain/validate.js';
import { analyseState } from '../engine/analyse-state.js';
import { planBatch } from '../engine/plan-batch.js';
import type { BatchPlan, CandidateTask, WorkspaceState } from '../engine/types.js';
import type { Ctx, UseCaseDeps } from './deps.js';
import type { createGoalUseCases } from './goals.js';
import { loadEngineInput } from './load-engine-input.js';
import { routeBatch } from './route-batch.js';
import type { createVisionUseCases } from './vision.js';
import { enqueueBatchGenerated } from './webhook-events.js';

/** A task of a generated batch: a ref once persisted, null in a dry run. */
export interface BatchTask extends Omit<CandidateTask, 'key'> {
  ref: string | null;
}

/** The seed's summary plus the tasks, in execution order. */
export interface GenerateResult {
  dryRun: boolean;
  batchId: number | null;
  generated: number;
  unique: number;
  queued: number;
  skipped: BatchPlan['skipped'];
  cycles: string[][];
  revenueImpact: number;
  tasks: BatchTask[];
}

const generateInput = z.object({
  dryRun: z.boolean().default(false),
  maxTasks: positiveInt(5)
    .pipe(z.number().max(50, { error: 'at most 50 tasks per batch' }))
    .optional(),
});

export function createGenerateUseCases(
  deps: UseCaseDeps,
  vision: ReturnType<typeof createVisionUseCases>,
  goals: ReturnType<typeof createGoalUseCases>,
) {
  const { store, clock } = deps;
  return {
    /** Where the workspace stands: revenue against the current milestone, projects, blockers. */
    state(ctx: Ctx): WorkspaceState {
      return analyseState(loadEngineInput(store, vision.show(ctx), clock.now(), goals.list(ctx)));
    },

    /**
     * Plans a batch and, unless `dryRun`, persists it as proposed tasks in one transaction
     * (planning inside it, so two concurrent runs never propose the same task twice).
     */
    generate(ctx: Ctx, input: Loose<typeof generateInput> = {}): GenerateResult {
      const opts = validate(generateInput, input);
      const maxTasks = opts.maxTasks ?? deps.maxTasks;
      const run = (): GenerateResult => {
        const now = clock.now();
        const planned = planBatch(loadEngineInput(store, vision.show(ctx), now, goals.list(ctx)), {
          maxTasks,
        });
        const plan = {
          ...planned,
          tasks: routeBatch(deps, ctx.workspaceId, planned.tasks, now.toISOString()),
        };
        const summary = {
          generated: plan.generated,
          unique: plan.unique,
          skipped: plan.skipped,
          cycles: plan.cycles,
          revenueImpact: plan.revenueImpact,
        };
        if (opts.dryRun) {
          const position = new Map(plan.tasks.map((t, i) => [t.key, `#${i + 1}`]));
          const tasks = plan.tasks.map(({ key: _key, ...t }) => ({
            ...t,
            ref: null,
            dependsOn: t.dependsOn.map((d) => position.get(d) ?? d),
          }));
          return { dryRun: true, batchId: null, queued: 0, ...summary, tasks };
        }
        return persist(ctx, plan, maxTasks, summary, now.toISOString());
      };
      return opts.dryRun ? run() : store.transaction(run);
    },
  };

  function persist(
    ctx: Ctx,
    plan: BatchPlan,
    maxTasks: number,
    summary: Omit<GenerateResult, 'dryRun' | 'batchId' | 'queued' | 'tasks'>,
    now: string,
  ): GenerateResult {
    const batchId = store.tasks.insertBatch(
      {
        workspaceId: ctx.workspaceId,
        generated: plan.generated,
        unique: plan.unique,
        queued: plan.tasks.length,
        skipped: plan.skipped.length,
        revenueImpact: plan.revenueImpact,
        maxTasks,
        summary: { skipped: plan.skipped, cycles: plan.cycles },
        actor: ctx.actor,
        source: ctx.source,
      },
      now,
    );
    let seq = store.tasks.nextSeq(ctx.workspaceId);
    const ids = new Map<string, { id: number; ref: string }>();
    const tasks: BatchTask[] = [];
    for (const c of plan.tasks) {
      const ref = `T-${seq}`;
      const id = store.tasks.insert(
        {
          workspaceId: ctx.workspaceId,
          batchId,
          title: c.title,
          category: c.category,
          projectId: c.projectId,
          playbookKey: c.playbookKey,
          signal: c.signal,
          subject: c.subject,
          goalId: c.goalId,
          focusArea: c.focusArea,
          priority: c.priority,
          revenueImpact: c.revenueImpact,
          alignment: c.alignment,
          confidence: c.confidence,
          effortHours: c.effortHours,
          score: c.score,
          reasoning: c.reasoning,
          assignee: c.assignee,
          fingerprint: c.fingerprint,
        },
        seq,
        now,
      );
      seq += 1;
      ids.set(c.key, { id, ref });
      const dependsOn: string[] = [];
      for (const dep of c.dependsOn) {
        const target =
          ids.get(dep) ?? (/^T-\d+$/.test(dep) ? store.tasks.findByRef(ctx.workspaceId, dep) : null);
        if (!target) continue; // a prerequisite outside the batch that is no longer open
        store.tasks.addDependency(id, target.id);
        dependsOn.push(target.ref);
      }
      store.tasks.appendEvent(
        {
          workspaceId: ctx.workspaceId,
          taskId: id,
          type: 'created',
          fromStatus: null,
          toStatus: 'proposed',
          actor: ctx.actor,
          source: ctx.source,
          note: null,
          data: { batchId },
        },
        now,
      );
      const { key: _key, ...rest } = c;
      tasks.push({ ...rest, ref, dependsOn });
    }
    enqueueBatchGenerated(store, ctx, batchId, tasks, now);
    return { dryRun: false, batchId, queued: tasks.length, ...summary, tasks };
  }
}

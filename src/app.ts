import type { Clock } from './domain/clock.js';
import type { Ctx } from './domain/ctx.js';
import type { LearningConfig } from './domain/learning-config.js';
import type { Logger } from './domain/logger.js';
import { DEFAULT_PLAYBOOKS } from './engine/default-playbooks.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS } from './engine/memory.js';
import type { Store } from './store/create-store.js';
import { createAssigneeUseCases } from './use-cases/assignees.js';
import { createChatMessageUseCases } from './use-cases/chat-messages.js';
import { createDecisionUseCases } from './use-cases/decisions.js';
import { createDemoUseCases } from './use-cases/demo.js';
import { createGenerateUseCases } from './use-cases/generate.js';
import { createGoalUseCases } from './use-cases/goals.js';
import { createInstallationUseCases } from './use-cases/installations.js';
import { createLearningUseCases } from './use-cases/learning.js';
import { createMemberUseCases } from './use-cases/members.js';
import { createPlaybookUseCases } from './use-cases/playbooks.js';
import { createProjectUseCases } from './use-cases/projects.js';
import { createQueueUseCases } from './use-cases/queue.js';
import { createReportUseCases } from './use-cases/report.js';
import { createRevenueUseCases } from './use-cases/revenue.js';
import { createSubscriptionUseCases } from './use-cases/subscriptions.js';
import { createTaskUseCases } from './use-cases/tasks.js';
import { createTokenUseCases } from './use-cases/tokens.js';
import { createVisionUseCases } from './use-cases/vision.js';
import { createWebhookUseCases } from './use-cases/webhooks.js';

/** Learning defaults when the caller passes none (the config's defaults). */
export const DEFAULT_LEARNING_CONFIG: LearningConfig = {
  halfLifeDays: 30,
  policy: 'thompson',
  leaseMinutes: 30,
  maxAttempts: 3,
  seed: 'goalpost',
};

/** What the facade needs: a migrated store, a clock, a logger, and defaults from config. */
export interface GoalpostDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  maxTasks?: number;
  /** Days a rejected task stays away unless its facts change (GOALPOST_REJECT_COOLDOWN_DAYS). */
  rejectCooldownDays?: number;
  learning?: Partial<LearningConfig>;
  /** Platform users who are admins of every workspace (GOALPOST_ADMINS). */
  admins?: readonly string[];
}

/**
 * The use-case facade every adapter (CLI, console, HTTP, Slack, Discord) calls. Each use case
 * takes a `Ctx` (workspace, actor, source) first; the workspace is created on first use, with
 * the default playbooks.
 */
export function createGoalpost(input: GoalpostDeps) {
  const deps = {
    ...input,
    maxTasks: input.maxTasks ?? 5,
    rejectCooldownDays: input.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS,
    learning: { ...DEFAULT_LEARNING_CONFIG, ...input.learning },
    admins: input.admins ?? [],
  };
  const vision = createVisionUseCases(deps);
  const projects = createProjectUseCases(deps);
  const revenue = createRevenueUseCases(deps, projects);
  const goals = createGoalUseCases(deps);
  const engine = createGenerateUseCases(deps, vision, goals);
  const report = createReportUseCases(deps, goals);
  const tasks = createTaskUseCases(deps);
  const playbooks = createPlaybookUseCases(deps);
  const demo = createDemoUseCases(deps);
  const assignees = createAssigneeUseCases(deps);
  const learning = createLearningUseCases(deps);
  const members = createMemberUseCases(deps);
  const decisions = createDecisionUseCases(deps, tasks, members);
  const queue = createQueueUseCases(deps, tasks, decisions);
  const tokens = createTokenUseCases(deps, members);
  const webhooks = createWebhookUseCases(deps, members);
  const chat = createChatMessageUseCases(deps);
  const subscriptions = createSubscriptionUseCases(deps, members);

  // transition and requireTask are steps of decide and the queue, inside their transactions.
  const { transition: _transition, requireTask: _requireTask, ...publicTasks } = tasks;

  const ensured = new Set<string>();
  /** Wraps a use-case group so every call first makes sure its workspace exists. */
  function scoped<T extends Record<string, unknown>>(group: T): T {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(group)) {
      out[name] =
        typeof fn === 'function'
          ? (ctx: Ctx, ...args: unknown[]) => {
              ensureWorkspace(ctx.workspaceId);
              return (fn as (...a: unknown[]) => unknown)(ctx, ...args);
            }
          : fn;
    }
    return out as T;
  }

  /** Creates a workspace on first use, seeded with the default playbooks in the same transaction. */
  function ensureWorkspace(id: string): void {
    if (ensured.has(id)) return;
    const { store } = deps;
    const created = store.transaction(() => {
      const now = deps.clock.now().toISOString();
      if (!store.workspaces.create(id, now)) return false;
      for (const playbook of DEFAULT_PLAYBOOKS) store.playbooks.add(id, playbook, now);
      return true;
    });
    if (created) deps.logger.info({ workspace: id }, 'workspace created');
    ensured.add(id);
  }

  return {
    ensureWorkspace,
    installations: createInstallationUseCases(deps, ensureWorkspace),
    vision: scoped(vision),
    projects: scoped(projects),
    revenue: scoped(revenue),
    engine: scoped(engine),
    tasks: scoped(publicTasks),
    playbooks: scoped(playbooks),
    demo: scoped(demo),
    assignees: scoped(assignees),
    learning: { ...scoped(learning), simulate: learning.simulate },
    queue: scoped(queue),
    goals: scoped(goals),
    report: scoped(report),
    members: scoped(members),
    decisions: scoped(decisions),
    tokens: { ...scoped(tokens), authenticate: tokens.authenticate },
    webhooks: scoped(webhooks),
    /** Checks that the database answers (`SELECT 1`); throws when it does not. */
    ping: (): void => {
      deps.store.db.prepare('SELECT 1').get();
    },
    chat: scoped(chat),
    subscriptions: scoped(subscriptions),
  };
}

export type Goalpost = ReturnType<typeof createGoalpost>;

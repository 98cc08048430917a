import type { Clock } from './domain/clock.js';
import type { Caller, Ctx } from './domain/ctx.js';
import { hostTimeZone } from './domain/due.js';
import type { LearningConfig } from './domain/learning-config.js';
import type { Logger } from './domain/logger.js';
import { DEFAULT_PLAYBOOKS } from './engine/default-playbooks.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS } from './engine/memory.js';
import type { DatabaseHealth, Store } from './store/create-store.js';
import { createAssigneeUseCases } from './use-cases/assignees.js';
import { createChatMessageUseCases } from './use-cases/chat-messages.js';
import { createDecisionUseCases } from './use-cases/decisions.js';
import { createDemoUseCases } from './use-cases/demo.js';
import { createFreshnessUseCases, DEFAULT_STRIPE_SYNC_MINUTES } from './use-cases/freshness.js';
import { createGenerateUseCases } from './use-cases/generate.js';
import { createGitHubConnectUseCases } from './use-cases/github-connect.js';
import { createGitHubSyncUseCases } from './use-cases/github-sync.js';
import { createGitHubTaskUseCases } from './use-cases/github-tasks.js';
import { createGoalUseCases } from './use-cases/goals.js';
import { createInstallationUseCases } from './use-cases/installations.js';
import { createLearningUseCases } from './use-cases/learning.js';
import { createMemberUseCases } from './use-cases/members.js';
import { createMetricSourceUseCases } from './use-cases/metric-sources.js';
import { createPeopleUseCases } from './use-cases/people.js';
import { createPlaybookUseCases } from './use-cases/playbooks.js';
import { createProjectUseCases } from './use-cases/projects.js';
import { createQueueUseCases } from './use-cases/queue.js';
import { createReportUseCases } from './use-cases/report.js';
import { createRevenueUseCases } from './use-cases/revenue.js';
import { createStripeAccountUseCases } from './use-cases/stripe-accounts.js';
import { createStripeSyncUseCases } from './use-cases/stripe-sync.js';
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
  /** Whether webhooks may target private addresses (GOALPOST_WEBHOOK_ALLOW_PRIVATE). Default no. */
  allowPrivateWebhooks?: boolean;
  /** How often the bot reads each Stripe account again (STRIPE_SYNC_MINUTES); twice that unread is a warning. */
  stripeSyncMinutes?: number;
  /** The time zone of someone who set none (GOALPOST_TIME_ZONE, else the machine's). */
  defaultTimeZone?: string;
  /** See OpenGoalpostOptions.beforeWorkspaceRead. */
  beforeWorkspaceRead?: (projects: number) => void;
}

type UseCases<F extends (...args: never[]) => unknown> = ReturnType<F>;

/**
 * What every adapter (CLI, console, HTTP, Slack, Discord, the scheduler) calls. Every use case
 * takes a `Ctx` first, and only `context()` makes one: the workspace exists before any use case
 * runs. Each group's methods validate their input and write in one transaction.
 */
export interface Goalpost {
  /**
   * The `Ctx` for a caller: creates its workspace on first use, seeded with the default playbooks
   * in the same transaction, and remembers it so later calls cost a set lookup.
   */
  context(caller: Caller): Ctx;
  /** Whether the database answers and would take a write now; throws when it does not answer. */
  health(): DatabaseHealth;
  /** Slack OAuth installations: one workspace per installed team. */
  installations: UseCases<typeof createInstallationUseCases>;
  /** The team's vision: the goal, focus areas, revenue targets and measurable goals. */
  vision: UseCases<typeof createVisionUseCases>;
  /** Projects, with their features, bugs and health. */
  projects: UseCases<typeof createProjectUseCases>;
  /** Revenue per project, typed or synced from Stripe. */
  revenue: UseCases<typeof createRevenueUseCases>;
  /** Proposes a batch of tasks (a dry run, or queued for decisions). */
  engine: UseCases<typeof createGenerateUseCases>;
  /** Reads tasks, their events and runs; records outcomes. */
  tasks: Omit<UseCases<typeof createTaskUseCases>, 'transition' | 'requireTask'>;
  /** The playbooks tasks are made from, and their outcomes. */
  playbooks: UseCases<typeof createPlaybookUseCases>;
  /** Loads the demo team. */
  demo: UseCases<typeof createDemoUseCases>;
  /** People and worker agents that take approved work. */
  assignees: UseCases<typeof createAssigneeUseCases>;
  /** Routing that learns from outcomes: learn, route, evaluate, simulate. */
  learning: UseCases<typeof createLearningUseCases>;
  /** The worker queue: claim, renew, release, report. */
  queue: UseCases<typeof createQueueUseCases>;
  /** Measurable goals: progress, gap, momentum, forecast. */
  goals: UseCases<typeof createGoalUseCases>;
  /** The weekly report. */
  report: UseCases<typeof createReportUseCases>;
  /** Roles: who may approve, who administers. */
  members: UseCases<typeof createMemberUseCases>;
  /** Approve, reject, start, done, fail, cancel, assign, undo: one path for every surface. */
  decisions: UseCases<typeof createDecisionUseCases>;
  /** API tokens for scripts and worker agents. */
  tokens: UseCases<typeof createTokenUseCases>;
  /** GitHub and Stripe webhook endpoints and what they delivered. */
  webhooks: UseCases<typeof createWebhookUseCases>;
  /** Which chat message shows which task. */
  chat: UseCases<typeof createChatMessageUseCases>;
  /** Scheduled digests and reports per channel. */
  subscriptions: UseCases<typeof createSubscriptionUseCases>;
  /** GitHub repositories linked to projects: their issues as backlog, merged pull requests as done. */
  github: UseCases<typeof createGitHubConnectUseCases> &
    UseCases<typeof createGitHubSyncUseCases> &
    UseCases<typeof createGitHubTaskUseCases>;
  /** Stripe accounts whose subscriptions feed projects' revenue, month by month. */
  stripe: UseCases<typeof createStripeAccountUseCases> & UseCases<typeof createStripeSyncUseCases>;
  /** Systems that push metrics with a signed batch, each with its own secret. */
  metricSources: UseCases<typeof createMetricSourceUseCases>;
  /** Where figures come from, how fresh they are, and which feeds have gone quiet. */
  freshness: UseCases<typeof createFreshnessUseCases>;
  /** People's time zones, working days and time off. */
  people: UseCases<typeof createPeopleUseCases>;
}

/** Builds the facade over a migrated store. */
export function createGoalpost(input: GoalpostDeps): Goalpost {
  const deps = {
    ...input,
    maxTasks: input.maxTasks ?? 5,
    rejectCooldownDays: input.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS,
    learning: { ...DEFAULT_LEARNING_CONFIG, ...input.learning },
    admins: input.admins ?? [],
    allowPrivateWebhooks: input.allowPrivateWebhooks ?? false,
    stripeSyncMinutes: input.stripeSyncMinutes ?? DEFAULT_STRIPE_SYNC_MINUTES,
    // Read when a use case needs it: most commands never do (see hostTimeZone).
    get defaultTimeZone(): string {
      return input.defaultTimeZone ?? hostTimeZone();
    },
  };
  const { store } = deps;
  const ensured = new Set<string>();
  // A workspace that exists is known by a read: a command that only reads (`vision show`, `tasks`)
  // never waits for the write lock, which another process (the bot, a sync) may hold for seconds.
  function ensureWorkspace(id: string): void {
    if (ensured.has(id)) return;
    if (store.workspaces.exists(id)) {
      ensured.add(id);
      return;
    }
    const created = store.transaction(() => {
      const now = deps.clock.now().toISOString();
      if (!store.workspaces.create(id, now)) return false;
      for (const playbook of DEFAULT_PLAYBOOKS) store.playbooks.add(id, playbook, now);
      return true;
    });
    if (created) deps.logger.info({ workspace: id }, 'workspace created');
    ensured.add(id);
  }

  const vision = createVisionUseCases(deps);
  const projects = createProjectUseCases(deps);
  const goals = createGoalUseCases(deps);
  const tasks = createTaskUseCases(deps);
  const members = createMemberUseCases(deps);
  const decisions = createDecisionUseCases(deps, tasks, members);
  const metricSources = createMetricSourceUseCases(deps, members);
  // transition and requireTask are steps of decide and the queue, inside their transactions.
  const { transition: _transition, requireTask: _requireTask, ...publicTasks } = tasks;
  return {
    context(caller) {
      ensureWorkspace(caller.workspaceId);
      return caller as Ctx;
    },
    health: () => store.health(),
    installations: createInstallationUseCases(deps, ensureWorkspace),
    vision,
    projects,
    revenue: createRevenueUseCases(deps, projects),
    engine: createGenerateUseCases(deps, vision, goals, members),
    tasks: publicTasks,
    playbooks: createPlaybookUseCases(deps),
    demo: createDemoUseCases(deps),
    assignees: createAssigneeUseCases(deps, members),
    learning: createLearningUseCases(deps),
    queue: createQueueUseCases(deps, tasks, decisions),
    goals,
    report: createReportUseCases(deps, goals),
    members,
    decisions,
    tokens: createTokenUseCases(deps, members),
    webhooks: createWebhookUseCases(deps, members),
    chat: createChatMessageUseCases(deps),
    subscriptions: createSubscriptionUseCases(deps, members),
    github: {
      ...createGitHubConnectUseCases(deps, members, projects),
      ...createGitHubSyncUseCases(deps, tasks),
      ...createGitHubTaskUseCases(deps, tasks),
    },
    stripe: { ...createStripeAccountUseCases(deps, members, projects), ...createStripeSyncUseCases(deps) },
    metricSources,
    freshness: createFreshnessUseCases(deps, metricSources),
    people: createPeopleUseCases(deps),
  };
}

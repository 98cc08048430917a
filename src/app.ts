import type { Clock } from './domain/clock.js';
import type { Caller, Ctx } from './domain/ctx.js';
import { hostTimeZone } from './domain/due.js';
import type { LearningConfig } from './domain/learning-config.js';
import type { Logger } from './domain/logger.js';
import { DEFAULT_PLAYBOOKS } from './engine/default-playbooks.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS } from './engine/memory.js';
import type { DatabaseHealth, RepositoryFactories, Store } from './store/create-store.js';
import { createPlaybookRepository } from './store/playbook-repository.js';
import { createWorkspaceRepository } from './store/workspace-repository.js';
import type { createAssigneeUseCases } from './use-cases/assignees.js';
import type { createChatMessageUseCases } from './use-cases/chat-messages.js';
import type { createDecisionUseCases } from './use-cases/decisions.js';
import type { createDemoUseCases } from './use-cases/demo.js';
import { type createFreshnessUseCases, DEFAULT_STRIPE_SYNC_MINUTES } from './use-cases/freshness.js';
import type { createGenerateUseCases } from './use-cases/generate.js';
import type { createGitHubConnectUseCases } from './use-cases/github-connect.js';
import type { createGitHubSyncUseCases } from './use-cases/github-sync.js';
import type { createGitHubTaskUseCases } from './use-cases/github-tasks.js';
import type { createGoalUseCases } from './use-cases/goals.js';
import type { createInstallationUseCases } from './use-cases/installations.js';
import type { createItemStatusUseCases } from './use-cases/item-status.js';
import type { createLearningUseCases } from './use-cases/learning.js';
import type { createMemberUseCases } from './use-cases/members.js';
import type { createMetricSourceUseCases } from './use-cases/metric-sources.js';
import type { createPeopleUseCases } from './use-cases/people.js';
import type { createPlaybookUseCases } from './use-cases/playbooks.js';
import type { createProjectUseCases } from './use-cases/projects.js';
import type { createQueueUseCases } from './use-cases/queue.js';
import type { createReportUseCases } from './use-cases/report.js';
import type { createRevenueUseCases } from './use-cases/revenue.js';
import type { createStripeAccountUseCases } from './use-cases/stripe-accounts.js';
import type { createStripeSyncUseCases } from './use-cases/stripe-sync.js';
import type { createSubscriptionUseCases } from './use-cases/subscriptions.js';
import type { createTaskUseCases } from './use-cases/tasks.js';
import type { createTokenUseCases } from './use-cases/tokens.js';
import type { createVisionUseCases } from './use-cases/vision.js';
import type { createWebhookUseCases } from './use-cases/webhooks.js';

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
  /** See OpenGoalpostOptions.onWorkspaceCreated. */
  onWorkspaceCreated?: (workspaceId: string, others: readonly string[]) => void;
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
  tasks: Omit<
    UseCases<typeof createTaskUseCases>,
    'transition' | 'requireTask' | 'retry' | 'openRetry' | 'retried'
  >;
  /** Features and bugs closed by hand, and the proposals made from them withdrawn. */
  items: UseCases<typeof createItemStatusUseCases>;
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

/** The facade's parts: every member but `context` and `health`, which every facade has. */
export type PartName = Exclude<keyof Goalpost, 'context' | 'health'>;

/**
 * A facade holding some of the parts: what one CLI command group reaches (its bundle holds the
 * use cases of those parts and no others: see adapters/cli/command-groups.ts).
 */
export type Facade<K extends PartName = PartName> = Pick<Goalpost, K | 'context' | 'health'>;

/** What the parts are made of, the facade does not show: the task steps decide and the queue take. */
export interface Units extends Omit<Goalpost, 'context' | 'health'> {
  taskSteps: UseCases<typeof createTaskUseCases>;
}
export type UnitName = keyof Units;

/** The configuration every part is made with, its defaults filled in. */
export type FacadeDeps = ReturnType<typeof withDefaults> & {
  /** Creates a workspace on first use (see Goalpost.context). */
  ensureWorkspace(id: string): void;
};

/**
 * One unit of the facade: the repositories its use cases read and write (a facade of some parts
 * is made over a store of only theirs: see openGoalpostWith), and how it is made from the
 * configuration and the other units it takes (`unit('members')`).
 */
export interface Part<N extends UnitName> {
  store: Partial<RepositoryFactories>;
  make(deps: FacadeDeps, unit: <U extends UnitName>(name: U) => Units[U]): Units[N];
}

/** What every facade reads of the store itself: context() makes a workspace with its playbooks. */
const FACADE_REPOSITORIES: Partial<RepositoryFactories> = {
  workspaces: createWorkspaceRepository,
  playbooks: createPlaybookRepository,
};

/** The repositories a facade of `parts` reads and writes: what its store is made of. */
export function repositoriesOf(parts: { readonly [N in UnitName]?: Part<N> }): Partial<RepositoryFactories> {
  return Object.assign({}, FACADE_REPOSITORIES, ...Object.values(parts).map((part) => part.store));
}

/** The parts a facade is made of: those of K, and any units they take. */
export type PartsOf<K extends PartName> = { readonly [N in K]: Part<N> } & {
  readonly [N in UnitName]?: Part<N>;
};

function withDefaults(input: GoalpostDeps) {
  return {
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
}

/** Units made but not shown on the facade. */
const INNER: ReadonlySet<UnitName> = new Set(['taskSteps']);

/**
 * Builds a facade of the given parts over a migrated store, making each part (and each unit it
 * takes) once, now. A part that takes a unit it was not given throws here, as the facade is made:
 * a command group's parts are tried by every test that runs one of its commands.
 */
export function composeGoalpost<K extends PartName>(input: GoalpostDeps, parts: PartsOf<K>): Facade<K> {
  const { store } = input;
  const ensured = new Set<string>();
  // A workspace that exists is known by a read: a command that only reads (`vision show`, `tasks`)
  // never waits for the write lock, which another process (the bot, a sync) may hold for seconds.
  function ensureWorkspace(id: string): void {
    if (ensured.has(id)) return;
    if (store.workspaces.exists(id)) {
      ensured.add(id);
      return;
    }
    let others: readonly string[] = [];
    const created = store.transaction(() => {
      const now = deps.clock.now().toISOString();
      others = store.workspaces.list();
      if (!store.workspaces.create(id, now)) return false;
      for (const playbook of DEFAULT_PLAYBOOKS) store.playbooks.add(id, playbook, now);
      return true;
    });
    ensured.add(id);
    if (created) {
      deps.logger.info({ workspace: id }, 'workspace created');
      input.onWorkspaceCreated?.(id, others);
    }
  }
  // Object.assign keeps withDefaults' getter (defaultTimeZone), which a spread would read now.
  const deps: FacadeDeps = Object.assign(withDefaults(input), { ensureWorkspace });

  const made = new Map<UnitName, unknown>();
  const given = parts as { readonly [N in UnitName]?: Part<N> };
  const unit = <U extends UnitName>(name: U): Units[U] => {
    if (made.has(name)) return made.get(name) as Units[U];
    const part = given[name] as Part<U> | undefined;
    if (part === undefined)
      throw new Error(`the facade was made without its ${name}, which another part takes`);
    const value = part.make(deps, unit);
    made.set(name, value);
    return value;
  };
  const facade: Record<string, unknown> = {
    context(caller: Caller): Ctx {
      ensureWorkspace(caller.workspaceId);
      return caller as Ctx;
    },
    health: (): DatabaseHealth => store.health(),
  };
  for (const name of Object.keys(parts) as UnitName[]) {
    const value = unit(name);
    if (!INNER.has(name)) facade[name] = value;
  }
  return facade as Facade<K>;
}

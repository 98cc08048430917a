import { type AssigneeRepository, createAssigneeRepository } from './assignee-repository.js';
import { type BacklogRepository, createBacklogRepository } from './backlog-repository.js';
import { type ChartFileRepository, createChartFileRepository } from './chart-file-repository.js';
import { type ClaimRepository, createClaimRepository } from './claim-repository.js';
import { type CursorRepository, createCursorRepository } from './cursor-repository.js';
import { createHealthCheck, type DatabaseHealth, sqliteCode, withoutWaiting } from './database-health.js';
import { createDependencyRepository, type DependencyRepository } from './dependency-repository.js';
import { createDigestPostRepository, type DigestPostRepository } from './digest-post-repository.js';
import { createEventRepository, type EventRepository } from './event-repository.js';
import { fileStillAtPath } from './file-identity.js';
import { createGitHubRepository, type GitHubRepository } from './github-repository.js';
import { createGoalRepository, type GoalRepository } from './goal-repository.js';
import { guardWrites } from './guard-writes.js';
import { createHistoryRepository, type HistoryRepository } from './history-repository.js';
import { createInstallationRepository, type InstallationRepository } from './installation-repository.js';
import { createLearningRepository, type LearningRepository } from './learning-repository.js';
import { createMemberRepository, type MemberRepository } from './member-repository.js';
import { createMessageRepository, type MessageRepository } from './message-repository.js';
import { createMetricSourceRepository, type MetricSourceRepository } from './metric-source-repository.js';
import type { Db } from './open-database.js';
import {
  createPaymentFailureRepository,
  type PaymentFailureRepository,
} from './payment-failure-repository.js';
import { createPeopleRepository, type PeopleRepository } from './people-repository.js';
import { createPlaybookRepository, type PlaybookRepository } from './playbook-repository.js';
import {
  createProcessedEventRepository,
  type ProcessedEventRepository,
} from './processed-event-repository.js';
import { createProjectRepository, type ProjectRepository } from './project-repository.js';
import { createRevenueRepository, type RevenueRepository } from './revenue-repository.js';
import { createRunRepository, type RunRepository } from './run-repository.js';
import { createStripeRepository, type StripeRepository } from './stripe-repository.js';
import { createSubscriptionRepository, type SubscriptionRepository } from './subscription-repository.js';
import { createTaskRepository, type TaskRepository } from './task-repository.js';
import { createTokenRepository, type TokenRepository } from './token-repository.js';
import { createVisionRepository, type VisionRepository } from './vision-repository.js';
import { createWebhookRepository, type WebhookRepository } from './webhook-repository.js';
import { createWorkspaceRepository, type WorkspaceRepository } from './workspace-repository.js';

/** All repositories over one connection, plus `transaction` to group writes atomically. */
export interface Store {
  db: Db;
  workspaces: WorkspaceRepository;
  visions: VisionRepository;
  projects: ProjectRepository;
  /** What planning reads of the backlog: counts per project, open items a range of projects at a time. */
  backlog: BacklogRepository;
  revenue: RevenueRepository;
  playbooks: PlaybookRepository;
  tasks: TaskRepository;
  /** The append-only log of every step a task took. */
  events: EventRepository;
  /** The work queue's leases: who holds which approved task, until when. */
  claims: ClaimRepository;
  /** What closed work tells the engine: outcomes, recent projects, decided work. */
  history: HistoryRepository;
  /** Who waits on whom (`task_dependencies`), read from the prerequisite's side. */
  dependencies: DependencyRepository;
  runs: RunRepository;
  assignees: AssigneeRepository;
  learning: LearningRepository;
  goals: GoalRepository;
  /** Roles above member. */
  members: MemberRepository;
  /** Platform event ids already handled, so a repeat changes nothing. */
  processed: ProcessedEventRepository;
  /** Which chat message shows which task. */
  messages: MessageRepository;
  /** Digests as posted in channels, their tasks, and the one reminder each task gets. */
  digestPosts: DigestPostRepository;
  /** The file each report chart last went out as, per platform. */
  chartFiles: ChartFileRepository;
  /** How far each reader of the event log has got. */
  cursors: CursorRepository;
  installations: InstallationRepository;
  subscriptions: SubscriptionRepository;
  tokens: TokenRepository;
  webhooks: WebhookRepository;
  /** GitHub repositories linked to projects, and the issues synced from them. */
  github: GitHubRepository;
  /** Connected Stripe accounts and the projects their products feed. */
  stripe: StripeRepository;
  /** Systems that push metrics, and the points they pushed. */
  metricSources: MetricSourceRepository;
  /** Connected Stripe accounts' failed payments. */
  paymentFailures: PaymentFailureRepository;
  /** People's time zones, working days and time off. */
  people: PeopleRepository;
  /**
   * Prepares every repository's statements now. Each is otherwise prepared when first used, as a
   * command uses a handful of some 240; the bot calls this at start so that a schema it cannot use
   * stops it there, not at the first request that meets it.
   * @throws SqliteError for the first statement the schema refuses.
   */
  prepareAll(): void;
  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE): all of it lands, or none of it. */
  transaction<T>(fn: () => T): T;
  /**
   * `transaction` for bookkeeping a request can do without (a token's last use, how far `learn`
   * found the log alike): it does not wait for another connection's write lock, and resolves to
   * null, having written nothing, when the lock is taken or the database cannot be written now
   * (read-only, or its disk full).
   */
  transactionIfFree<T>(fn: () => T): T | null;
  /**
   * Runs `fn`'s reads on one consistent snapshot (a deferred transaction) without taking the
   * write lock: writers on other connections go on meanwhile. `fn` must not write.
   */
  snapshot<T>(fn: () => T): T;
  /**
   * Whether a write would land now, found without writing anything to the file: the file answers
   * a read of its schema (read from the file, not from pages cached before), a change can be made
   * on this connection (at once: not 'busy', not 'read-only') and its disk has room.
   * @throws SqliteError when the database does not answer, or its file is damaged.
   */
  health(): DatabaseHealth;
  /** Closes the connection, and the one `health` reads the file with. */
  close(): void;
}

export type { DatabaseHealth } from './database-health.js';

/** The repositories of a store, each over the one connection. */
export type Repositories = Omit<
  Store,
  'db' | 'prepareAll' | 'transaction' | 'transactionIfFree' | 'snapshot' | 'health' | 'close'
>;
export type RepositoryName = keyof Repositories;

/** Makes one repository over the store's (write-guarded) connection. */
export type RepositoryFactories = { readonly [N in RepositoryName]: (db: Db) => Repositories[N] };

/** Every repository's name (composeStore reads them here, not from the factories, which it may not hold). */
const REPOSITORY_NAMES: { readonly [N in RepositoryName]: true } = {
  workspaces: true,
  visions: true,
  projects: true,
  backlog: true,
  revenue: true,
  playbooks: true,
  tasks: true,
  events: true,
  claims: true,
  history: true,
  dependencies: true,
  runs: true,
  assignees: true,
  learning: true,
  goals: true,
  members: true,
  processed: true,
  messages: true,
  digestPosts: true,
  chartFiles: true,
  cursors: true,
  installations: true,
  subscriptions: true,
  tokens: true,
  webhooks: true,
  github: true,
  stripe: true,
  metricSources: true,
  people: true,
  paymentFailures: true,
};

/** Every repository, by name: the whole store (createStore), as the bot and the HTTP API use it. */
export const ALL_REPOSITORIES: RepositoryFactories = {
  workspaces: createWorkspaceRepository,
  visions: createVisionRepository,
  projects: createProjectRepository,
  backlog: createBacklogRepository,
  revenue: createRevenueRepository,
  playbooks: createPlaybookRepository,
  tasks: createTaskRepository,
  events: createEventRepository,
  claims: createClaimRepository,
  history: createHistoryRepository,
  dependencies: createDependencyRepository,
  runs: createRunRepository,
  assignees: createAssigneeRepository,
  learning: createLearningRepository,
  goals: createGoalRepository,
  members: createMemberRepository,
  processed: createProcessedEventRepository,
  messages: createMessageRepository,
  digestPosts: createDigestPostRepository,
  chartFiles: createChartFileRepository,
  cursors: createCursorRepository,
  installations: createInstallationRepository,
  subscriptions: createSubscriptionRepository,
  tokens: createTokenRepository,
  webhooks: createWebhookRepository,
  github: createGitHubRepository,
  stripe: createStripeRepository,
  metricSources: createMetricSourceRepository,
  people: createPeopleRepository,
  paymentFailures: createPaymentFailureRepository,
};

/** Every repository, over one connection. */
export function createStore(db: Db): Store {
  return composeStore(db, ALL_REPOSITORIES);
}

/**
 * A store of only the given repositories (those a CLI command group's use cases read, whose bundle
 * then holds no other: see Part in src/app.ts). Reading one it was not given throws, naming it.
 */
export function composeStore(db: Db, repositories: Partial<RepositoryFactories>): Store {
  // Repositories write only inside store.transaction (see guardWrites); the raw connection stays
  // for pragmas, health checks and tests.
  const { db: guarded, prepareAll } = guardWrites(db);
  // One transaction wrapper for every call, given the work as its argument: better-sqlite3 builds
  // four wrapped functions per db.transaction(), which every decision paid for again.
  const around = db.transaction((fn: () => unknown) => fn());
  const stillAtPath = fileStillAtPath(db);
  const healthCheck = createHealthCheck(db, stillAtPath);
  const store = {
    db,
    prepareAll,
    snapshot<T>(fn: () => T): T {
      return around.deferred(fn) as T;
    },
    transaction<T>(fn: () => T): T {
      stillAtPath();
      return around.immediate(fn) as T;
    },
    health: healthCheck.check,
    close(): void {
      healthCheck.close();
      db.close();
    },
    transactionIfFree<T>(fn: () => T): T | null {
      try {
        stillAtPath();
      } catch {
        return null;
      }
      return withoutWaiting(db, () => {
        try {
          return db.transaction(fn).immediate();
        } catch (error) {
          const code = sqliteCode(error);
          if (/^SQLITE_(BUSY|READONLY|FULL)/.test(code)) return null;
          throw error;
        }
      });
    },
  } as Store;
  for (const name of Object.keys(REPOSITORY_NAMES) as RepositoryName[]) {
    const make = repositories[name] as ((db: Db) => unknown) | undefined;
    if (make !== undefined) {
      Object.defineProperty(store, name, { value: make(guarded), enumerable: true });
    } else {
      Object.defineProperty(store, name, {
        get() {
          throw new Error(`the store was made without its ${name} repository`);
        },
      });
    }
  }
  return store;
}

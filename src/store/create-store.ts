import { type AssigneeRepository, createAssigneeRepository } from './assignee-repository.js';
import { type ClaimRepository, createClaimRepository } from './claim-repository.js';
import { type CursorRepository, createCursorRepository } from './cursor-repository.js';
import { createDependencyRepository, type DependencyRepository } from './dependency-repository.js';
import { createEventRepository, type EventRepository } from './event-repository.js';
import { createGoalRepository, type GoalRepository } from './goal-repository.js';
import { createHistoryRepository, type HistoryRepository } from './history-repository.js';
import { createInstallationRepository, type InstallationRepository } from './installation-repository.js';
import { createLearningRepository, type LearningRepository } from './learning-repository.js';
import { createMemberRepository, type MemberRepository } from './member-repository.js';
import { createMessageRepository, type MessageRepository } from './message-repository.js';
import type { Db } from './open-database.js';
import { createPlaybookRepository, type PlaybookRepository } from './playbook-repository.js';
import {
  createProcessedEventRepository,
  type ProcessedEventRepository,
} from './processed-event-repository.js';
import { createProjectRepository, type ProjectRepository } from './project-repository.js';
import { createRevenueRepository, type RevenueRepository } from './revenue-repository.js';
import { createRunRepository, type RunRepository } from './run-repository.js';
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
  /** How far each reader of the event log has got. */
  cursors: CursorRepository;
  installations: InstallationRepository;
  subscriptions: SubscriptionRepository;
  tokens: TokenRepository;
  webhooks: WebhookRepository;
  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE): all of it lands, or none of it. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn`'s reads on one consistent snapshot (a deferred transaction) without taking the
   * write lock: writers on other connections go on meanwhile. `fn` must not write.
   */
  snapshot<T>(fn: () => T): T;
}

export function createStore(db: Db): Store {
  return {
    db,
    workspaces: createWorkspaceRepository(db),
    visions: createVisionRepository(db),
    projects: createProjectRepository(db),
    revenue: createRevenueRepository(db),
    playbooks: createPlaybookRepository(db),
    tasks: createTaskRepository(db),
    events: createEventRepository(db),
    claims: createClaimRepository(db),
    history: createHistoryRepository(db),
    dependencies: createDependencyRepository(db),
    runs: createRunRepository(db),
    assignees: createAssigneeRepository(db),
    learning: createLearningRepository(db),
    goals: createGoalRepository(db),
    members: createMemberRepository(db),
    processed: createProcessedEventRepository(db),
    messages: createMessageRepository(db),
    cursors: createCursorRepository(db),
    installations: createInstallationRepository(db),
    subscriptions: createSubscriptionRepository(db),
    tokens: createTokenRepository(db),
    webhooks: createWebhookRepository(db),
    snapshot<T>(fn: () => T): T {
      return db.transaction(fn).deferred();
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

import {
  composeGoalpost,
  type Goalpost,
  type GoalpostDeps,
  type Part,
  type PartName,
  type PartsOf,
} from './app.js';
import { createAssigneeRepository } from './store/assignee-repository.js';
import { createBacklogRepository } from './store/backlog-repository.js';
import { createChartFileRepository } from './store/chart-file-repository.js';
import { createClaimRepository } from './store/claim-repository.js';
import { createDependencyRepository } from './store/dependency-repository.js';
import { createDigestPostRepository } from './store/digest-post-repository.js';
import { createEventRepository } from './store/event-repository.js';
import { createGitHubRepository } from './store/github-repository.js';
import { createGoalRepository } from './store/goal-repository.js';
import { createHistoryRepository } from './store/history-repository.js';
import { createInstallationRepository } from './store/installation-repository.js';
import { createLearningRepository } from './store/learning-repository.js';
import { createMemberRepository } from './store/member-repository.js';
import { createMessageRepository } from './store/message-repository.js';
import { createMetricSourceRepository } from './store/metric-source-repository.js';
import { createPaymentFailureRepository } from './store/payment-failure-repository.js';
import { createPeopleRepository } from './store/people-repository.js';
import { createPlaybookRepository } from './store/playbook-repository.js';
import { createProcessedEventRepository } from './store/processed-event-repository.js';
import { createProjectRepository } from './store/project-repository.js';
import { createRevenueRepository } from './store/revenue-repository.js';
import { createRunRepository } from './store/run-repository.js';
import { createStripeRepository } from './store/stripe-repository.js';
import { createSubscriptionRepository } from './store/subscription-repository.js';
import { createTaskRepository } from './store/task-repository.js';
import { createTokenRepository } from './store/token-repository.js';
import { createVisionRepository } from './store/vision-repository.js';
import { createWebhookRepository } from './store/webhook-repository.js';
import { createAssigneeUseCases } from './use-cases/assignees.js';
import { createChatMessageUseCases } from './use-cases/chat-messages.js';
import { createDecisionUseCases } from './use-cases/decisions.js';
import { createDemoUseCases } from './use-cases/demo.js';
import { createFreshnessUseCases } from './use-cases/freshness.js';
import { createGenerateUseCases } from './use-cases/generate.js';
import { createGitHubConnectUseCases } from './use-cases/github-connect.js';
import { createGitHubSyncUseCases } from './use-cases/github-sync.js';
import { createGitHubTaskUseCases } from './use-cases/github-tasks.js';
import { createGoalUseCases } from './use-cases/goals.js';
import { createInstallationUseCases } from './use-cases/installations.js';
import { createItemStatusUseCases } from './use-cases/item-status.js';
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

// Each part of the facade: the repositories its use cases read and write, and how it is made from
// the configuration and the units it takes. One constant a part, so that a bundle naming a few (a
// CLI command group's) holds only their use cases and repositories: the build leaves out every
// constant nothing uses, and the modules only those used. A part's store names what the code it
// makes reads (`store.<repository>`); the build checks that each command group's bundle reads no
// repository its parts do not name (scripts/build.mjs), and a store read without it throws.

export const installations: Part<'installations'> = {
  store: { installations: createInstallationRepository, members: createMemberRepository },
  make: (d) => createInstallationUseCases(d, d.ensureWorkspace),
};
export const vision: Part<'vision'> = {
  store: { projects: createProjectRepository, visions: createVisionRepository },
  make: (d) => createVisionUseCases(d),
};
export const projects: Part<'projects'> = {
  store: {
    github: createGitHubRepository,
    goals: createGoalRepository,
    // An add over HTTP under an Idempotency-Key remembers it (see addOnce).
    processed: createProcessedEventRepository,
    projects: createProjectRepository,
    // A project paused or done lists its open tasks.
    tasks: createTaskRepository,
    visions: createVisionRepository,
  },
  make: (d) => createProjectUseCases(d),
};
export const items: Part<'items'> = {
  // goals and history: an item linked to a goal (its id, and a rejection the link may overturn).
  store: {
    github: createGitHubRepository,
    goals: createGoalRepository,
    history: createHistoryRepository,
    projects: createProjectRepository,
    tasks: createTaskRepository,
  },
  make: (d, u) => createItemStatusUseCases(d, u('taskSteps')),
};
export const revenue: Part<'revenue'> = {
  store: { revenue: createRevenueRepository, stripe: createStripeRepository },
  make: (d, u) => createRevenueUseCases(d, u('projects')),
};
export const engine: Part<'engine'> = {
  store: {
    assignees: createAssigneeRepository,
    backlog: createBacklogRepository,
    claims: createClaimRepository,
    events: createEventRepository,
    history: createHistoryRepository,
    learning: createLearningRepository,
    paymentFailures: createPaymentFailureRepository,
    people: createPeopleRepository,
    playbooks: createPlaybookRepository,
    projects: createProjectRepository,
    revenue: createRevenueRepository,
    stripe: createStripeRepository,
    tasks: createTaskRepository,
    webhooks: createWebhookRepository,
  },
  make: (d, u) => createGenerateUseCases(d, u('vision'), u('goals'), u('members'), u('taskSteps')),
};
export const taskSteps: Part<'taskSteps'> = {
  store: {
    assignees: createAssigneeRepository,
    dependencies: createDependencyRepository,
    events: createEventRepository,
    github: createGitHubRepository,
    learning: createLearningRepository,
    // An outcome's minutes are measured in the working time of the person who did the work.
    people: createPeopleRepository,
    projects: createProjectRepository,
    runs: createRunRepository,
    tasks: createTaskRepository,
    webhooks: createWebhookRepository,
  },
  make: (d) => createTaskUseCases(d),
};
/** transition, requireTask and retry are steps of decide, retry and the queue, inside their transactions. */
export const tasks: Part<'tasks'> = {
  store: {},
  make: (_d, u) => {
    const {
      transition: _transition,
      requireTask: _requireTask,
      retry: _retry,
      openRetry: _openRetry,
      ...shown
    } = u('taskSteps');
    return shown;
  },
};
export const playbooks: Part<'playbooks'> = {
  store: { playbooks: createPlaybookRepository },
  make: (d) => createPlaybookUseCases(d),
};
export const demo: Part<'demo'> = {
  store: { projects: createProjectRepository, visions: createVisionRepository },
  make: (d) => createDemoUseCases(d),
};
export const assignees: Part<'assignees'> = {
  store: {
    assignees: createAssigneeRepository,
    claims: createClaimRepository,
    events: createEventRepository,
    people: createPeopleRepository,
    tasks: createTaskRepository,
  },
  make: (d, u) => createAssigneeUseCases(d, u('members'), u('projects')),
};
export const learning: Part<'learning'> = {
  store: {
    assignees: createAssigneeRepository,
    claims: createClaimRepository,
    learning: createLearningRepository,
  },
  make: (d) => createLearningUseCases(d),
};
export const queue: Part<'queue'> = {
  store: {
    assignees: createAssigneeRepository,
    claims: createClaimRepository,
    dependencies: createDependencyRepository,
    events: createEventRepository,
    runs: createRunRepository,
    tasks: createTaskRepository,
    // A member token claims only the work of assignees it acts for.
    tokens: createTokenRepository,
    webhooks: createWebhookRepository,
  },
  make: (d, u) => createQueueUseCases(d, u('taskSteps'), u('decisions')),
};
export const goals: Part<'goals'> = {
  store: {
    goals: createGoalRepository,
    history: createHistoryRepository,
    // The time zones of its people and schedules: which day a reading dated by its day may be.
    people: createPeopleRepository,
    subscriptions: createSubscriptionRepository,
  },
  make: (d) => createGoalUseCases(d),
};
export const report: Part<'report'> = {
  store: {
    events: createEventRepository,
    goals: createGoalRepository,
    // What to adjust reads the failures recorded as blocks from the outcomes.
    learning: createLearningRepository,
    // Which products a rejection's reason names (see ruledOut).
    projects: createProjectRepository,
    revenue: createRevenueRepository,
    tasks: createTaskRepository,
    visions: createVisionRepository,
  },
  make: (d, u) => createReportUseCases(d, u('goals')),
};
export const members: Part<'members'> = {
  store: { members: createMemberRepository },
  make: (d) => createMemberUseCases(d),
};
export const decisions: Part<'decisions'> = {
  store: {
    assignees: createAssigneeRepository,
    // A hand assignment says when it takes someone past their capacity.
    claims: createClaimRepository,
    events: createEventRepository,
    // A rejection says how long plans hold its work back, counted as a plan counts it.
    history: createHistoryRepository,
    processed: createProcessedEventRepository,
    // A cancel says when the backlog item it was made from stays open.
    projects: createProjectRepository,
    tasks: createTaskRepository,
    // A member token records only the outcomes of assignees it acts for.
    tokens: createTokenRepository,
  },
  make: (d, u) => createDecisionUseCases(d, u('taskSteps'), u('members')),
};
export const tokens: Part<'tokens'> = {
  // A token is made for assignees there are.
  store: { assignees: createAssigneeRepository, tokens: createTokenRepository },
  make: (d, u) => createTokenUseCases(d, u('members')),
};
export const webhooks: Part<'webhooks'> = {
  store: { webhooks: createWebhookRepository },
  make: (d, u) => createWebhookUseCases(d, u('members')),
};
export const chat: Part<'chat'> = {
  store: {
    chartFiles: createChartFileRepository,
    digestPosts: createDigestPostRepository,
    messages: createMessageRepository,
    processed: createProcessedEventRepository,
  },
  make: (d) => createChatMessageUseCases(d),
};
export const subscriptions: Part<'subscriptions'> = {
  store: { subscriptions: createSubscriptionRepository },
  make: (d, u) => createSubscriptionUseCases(d, u('members')),
};
export const github: Part<'github'> = {
  store: {
    assignees: createAssigneeRepository,
    events: createEventRepository,
    github: createGitHubRepository,
    processed: createProcessedEventRepository,
    projects: createProjectRepository,
    tasks: createTaskRepository,
  },
  make: (d, u) => {
    const links = createGitHubConnectUseCases(d, u('members'), u('projects'));
    const pulls = createGitHubTaskUseCases(d, u('taskSteps'));
    return { ...links, ...createGitHubSyncUseCases(d, u('taskSteps'), links, pulls), ...pulls };
  },
};
export const stripe: Part<'stripe'> = {
  store: {
    paymentFailures: createPaymentFailureRepository,
    processed: createProcessedEventRepository,
    projects: createProjectRepository,
    revenue: createRevenueRepository,
    stripe: createStripeRepository,
  },
  make: (d, u) => {
    const accounts = createStripeAccountUseCases(d, u('members'), u('projects'));
    return { ...accounts, ...createStripeSyncUseCases(d, accounts) };
  },
};
export const metricSources: Part<'metricSources'> = {
  store: {
    goals: createGoalRepository,
    metricSources: createMetricSourceRepository,
    // The time zones of its people and schedules: which day a point dated by its day may be.
    people: createPeopleRepository,
    subscriptions: createSubscriptionRepository,
  },
  make: (d, u) => createMetricSourceUseCases(d, u('members')),
};
export const freshness: Part<'freshness'> = {
  store: { stripe: createStripeRepository },
  make: (d, u) => createFreshnessUseCases(d, () => u('metricSources')),
};
export const people: Part<'people'> = {
  store: { members: createMemberRepository, people: createPeopleRepository },
  make: (d) => createPeopleUseCases(d),
};

/** Every part: the whole facade (createGoalpost), as the bot and the HTTP API use it. */
export const ALL_PARTS: PartsOf<PartName> = {
  installations,
  vision,
  projects,
  items,
  revenue,
  engine,
  taskSteps,
  tasks,
  playbooks,
  demo,
  assignees,
  learning,
  queue,
  goals,
  report,
  members,
  decisions,
  tokens,
  webhooks,
  chat,
  subscriptions,
  github,
  stripe,
  metricSources,
  freshness,
  people,
};

/** Builds the whole facade over a migrated store. */
export function createGoalpost(input: GoalpostDeps): Goalpost {
  return composeGoalpost(input, ALL_PARTS);
}

import {
  composeGoalpost,
  type Goalpost,
  type GoalpostDeps,
  type Part,
  type PartName,
  type PartsOf,
} from './app.js';
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

// Each part of the facade, made from the configuration and the units it takes. One constant a
// part, so that a bundle naming a few (a CLI command group's) holds only their use cases: the
// build leaves out every constant nothing uses, and the modules only those used.

export const installations: Part<'installations'> = (d) => createInstallationUseCases(d, d.ensureWorkspace);
export const vision: Part<'vision'> = (d) => createVisionUseCases(d);
export const projects: Part<'projects'> = (d) => createProjectUseCases(d);
export const revenue: Part<'revenue'> = (d, u) => createRevenueUseCases(d, u('projects'));
export const engine: Part<'engine'> = (d, u) =>
  createGenerateUseCases(d, u('vision'), u('goals'), u('members'));
export const taskSteps: Part<'taskSteps'> = (d) => createTaskUseCases(d);
/** transition and requireTask are steps of decide and the queue, inside their transactions. */
export const tasks: Part<'tasks'> = (_d, u) => {
  const { transition: _transition, requireTask: _requireTask, ...shown } = u('taskSteps');
  return shown;
};
export const playbooks: Part<'playbooks'> = (d) => createPlaybookUseCases(d);
export const demo: Part<'demo'> = (d) => createDemoUseCases(d);
export const assignees: Part<'assignees'> = (d, u) => createAssigneeUseCases(d, u('members'));
export const learning: Part<'learning'> = (d) => createLearningUseCases(d);
export const queue: Part<'queue'> = (d, u) => createQueueUseCases(d, u('taskSteps'), u('decisions'));
export const goals: Part<'goals'> = (d) => createGoalUseCases(d);
export const report: Part<'report'> = (d, u) => createReportUseCases(d, u('goals'));
export const members: Part<'members'> = (d) => createMemberUseCases(d);
export const decisions: Part<'decisions'> = (d, u) => createDecisionUseCases(d, u('taskSteps'), u('members'));
export const tokens: Part<'tokens'> = (d, u) => createTokenUseCases(d, u('members'));
export const webhooks: Part<'webhooks'> = (d, u) => createWebhookUseCases(d, u('members'));
export const chat: Part<'chat'> = (d) => createChatMessageUseCases(d);
export const subscriptions: Part<'subscriptions'> = (d, u) => createSubscriptionUseCases(d, u('members'));
export const github: Part<'github'> = (d, u) => ({
  ...createGitHubConnectUseCases(d, u('members'), u('projects')),
  ...createGitHubSyncUseCases(d, u('taskSteps')),
  ...createGitHubTaskUseCases(d, u('taskSteps')),
});
export const stripe: Part<'stripe'> = (d, u) => ({
  ...createStripeAccountUseCases(d, u('members'), u('projects')),
  ...createStripeSyncUseCases(d),
});
export const metricSources: Part<'metricSources'> = (d, u) => createMetricSourceUseCases(d, u('members'));
export const freshness: Part<'freshness'> = (d, u) => createFreshnessUseCases(d, u('metricSources'));
export const people: Part<'people'> = (d) => createPeopleUseCases(d);

/** Every part: the whole facade (createGoalpost), as the bot and the HTTP API use it. */
export const ALL_PARTS: PartsOf<PartName> = {
  installations,
  vision,
  projects,
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

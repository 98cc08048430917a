import type { Command } from 'commander';
import * as parts from '../../src/facade-parts.js';
import type { PartName, PartsOf } from '../../src/index.js';
import { COMMAND_WORDS, type GroupName } from './command-words.js';
import { registerDiscordCommands } from './commands/discord.js';
import { registerEngineCommands } from './commands/engine.js';
import { registerGitHubCommands } from './commands/github.js';
import { registerGoalCommands } from './commands/goals.js';
import { registerLearningCommands } from './commands/learning.js';
import { registerProjectCommands } from './commands/projects.js';
import { registerRoleCommands } from './commands/roles.js';
import { registerScheduleCommands } from './commands/schedule.js';
import { registerSetupCommands } from './commands/setup.js';
import { registerStripeCommands } from './commands/stripe.js';
import { registerTaskCommands } from './commands/tasks.js';
import { registerTokenCommands } from './commands/tokens.js';
import { registerWebhookCommands } from './commands/webhooks.js';
import { registerWorkerCommands } from './commands/worker.js';
import type { Runner } from './runner.js';

/**
 * Commands defined together: the top-level words they define (COMMAND_WORDS), and the parts of
 * the facade they reach. Each group is a bundle of its own too (scripts/build.mjs), holding its
 * commands and the use cases of its parts and nothing else, so a command loads only what it may
 * run: a group's register is typed with its parts, so a command cannot reach a use case its
 * bundle does not hold, and a part that takes another (the engine takes the vision, the goals
 * and the members) fails every test of the group's commands if that one is left out.
 */
export interface CommandGroup {
  name: GroupName;
  words: readonly string[];
  /** The parts of the facade its commands reach, and the units those take. */
  parts: Partial<PartsOf<PartName>>;
  register: (program: Command, run: Runner) => void;
}

function group<K extends PartName>(
  name: GroupName,
  register: (program: Command, run: Runner<K>) => void,
  groupParts: PartsOf<K>,
): CommandGroup {
  return { name, words: COMMAND_WORDS[name], parts: groupParts, register };
}

// One constant a group, so that a group's bundle names only its own and holds no other's code
// (`@__PURE__`: the bundler may leave out a call whose result nothing uses).
export const setup = /* @__PURE__ */ group('setup', registerSetupCommands, {
  vision: parts.vision,
  playbooks: parts.playbooks,
  demo: parts.demo,
});
export const projects = /* @__PURE__ */ group('projects', registerProjectCommands, {
  projects: parts.projects,
  items: parts.items,
  taskSteps: parts.taskSteps,
  revenue: parts.revenue,
  engine: parts.engine,
  vision: parts.vision,
  goals: parts.goals,
  members: parts.members,
  freshness: parts.freshness,
  metricSources: parts.metricSources,
});
export const engine = /* @__PURE__ */ group('engine', registerEngineCommands, {
  engine: parts.engine,
  // A saved plan withdraws the proposals whose reason went: a step as any cancel is.
  taskSteps: parts.taskSteps,
  freshness: parts.freshness,
  vision: parts.vision,
  goals: parts.goals,
  members: parts.members,
});
export const tasks = /* @__PURE__ */ group('tasks', registerTaskCommands, {
  tasks: parts.tasks,
  decisions: parts.decisions,
  taskSteps: parts.taskSteps,
  members: parts.members,
});
export const learning = /* @__PURE__ */ group('learning', registerLearningCommands, {
  learning: parts.learning,
  queue: parts.queue,
  assignees: parts.assignees,
  projects: parts.projects,
  members: parts.members,
  taskSteps: parts.taskSteps,
  decisions: parts.decisions,
});
export const goals = /* @__PURE__ */ group('goals', registerGoalCommands, {
  goals: parts.goals,
  report: parts.report,
  metricSources: parts.metricSources,
  members: parts.members,
});
export const schedule = /* @__PURE__ */ group('schedule', registerScheduleCommands, parts.ALL_PARTS);
export const tokens = /* @__PURE__ */ group('tokens', registerTokenCommands, {
  tokens: parts.tokens,
  members: parts.members,
});
export const roles = /* @__PURE__ */ group('roles', registerRoleCommands, { members: parts.members });
export const webhooks = /* @__PURE__ */ group('webhooks', registerWebhookCommands, {
  webhooks: parts.webhooks,
  members: parts.members,
});
export const discord = /* @__PURE__ */ group('discord', registerDiscordCommands, parts.ALL_PARTS);
export const github = /* @__PURE__ */ group('github', registerGitHubCommands, parts.ALL_PARTS);
export const stripe = /* @__PURE__ */ group('stripe', registerStripeCommands, {
  stripe: parts.stripe,
  members: parts.members,
  projects: parts.projects,
});
export const worker = /* @__PURE__ */ group('worker', registerWorkerCommands, parts.ALL_PARTS);

/** Every group, as COMMAND_WORDS lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  setup,
  projects,
  engine,
  tasks,
  learning,
  goals,
  schedule,
  tokens,
  roles,
  webhooks,
  discord,
  github,
  stripe,
  worker,
];

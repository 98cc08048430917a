/**
 * The chat bot's public API: the command grammar every chat surface answers with, and the digest
 * runs that post through it. A second entry beside `index.ts` so that what needs no chat (the
 * CLI's commands but two, scripts) does not load the grammar, its schemas and the scheduler.
 * Adapters import only from here and from `index.ts` (a test enforces it).
 */

export {
  type ChatBot,
  type ChatBotDeps,
  type ChatButtonPress,
  type ChatReaction,
  createChatBot,
} from './commands/create-chat-bot.js';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler/create-scheduler.js';
export {
  type RunDueDeps,
  type RunDueFilter,
  type RunResult,
  type RunStatus,
  runDue,
} from './scheduler/run-due.js';

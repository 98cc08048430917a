import type { LearningConfig } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../domain/logger.js';
import type { EventSource } from '../domain/task.js';
import type { Role } from '../store/chat-repository.js';
import type { Store } from '../store/create-store.js';

/** Who is acting, where, and from which surface; passed to every use case. */
export interface Ctx {
  workspaceId: string;
  /** A stable name for the person or program: `cli:alice`, `slack:U024BE7LH`. */
  actor: string;
  source: EventSource;
  /**
   * The actor's role when the adapter already knows it (an API token carries one; the CLI and
   * the console operator hold the database and act as admin). Unset: looked up in `members`.
   */
  role?: Role;
}

/** What every use case needs; built once in the composition root. */
export interface UseCaseDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Default cap of a generated batch. */
  maxTasks: number;
  /** Days a rejected task stays away unless its facts change. */
  rejectCooldownDays: number;
  learning: LearningConfig;
}

export const nowIso = (deps: UseCaseDeps): string => deps.clock.now().toISOString();

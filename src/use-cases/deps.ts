import type { Clock } from '../domain/clock.js';
import type { LearningConfig } from '../domain/learning-config.js';
import type { Logger } from '../domain/logger.js';
import type { Store } from '../store/create-store.js';

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
  /** The time zone of someone who set none (GOALPOST_TIME_ZONE, else the machine's). */
  defaultTimeZone: string;
  /** See OpenGoalpostOptions.beforeWorkspaceRead. */
  beforeWorkspaceRead?: (projects: number) => void;
}

export const nowIso = (deps: UseCaseDeps): string => deps.clock.now().toISOString();

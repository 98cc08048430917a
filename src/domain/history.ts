import type { Task, TaskCategory, TaskFacts } from './task.js';

/**
 * What planning remembers of closed work: the shapes the store reads in SQL and the engine plans
 * from. They live here, below both, so neither imports the other.
 */

/** Done and failed tasks of one kind (a playbook, a category): they give its confidence. */
export interface PlaybookOutcomes {
  done: number;
  failed: number;
}

/** Decisions per category that count when a category keeps being rejected: the most recent this many. */
export const REJECTION_WINDOW = 5;

/** What ranking decisions needs to know of a task. */
/**
 * A task the team decided on, as the damping of its kind's scores reads it: with the work it is
 * (`memoryKey`) and, when rejected, the reason its rejection gave (absent where not read).
 */
export type DecidedTask = Pick<Task, 'id' | 'category' | 'status' | 'updatedAt'> & {
  memoryKey?: string | null;
  /** Its project, if any: a project's backlog items are damped by the decisions on its own (see rejectionsOf). */
  projectId?: number | null;
  reason?: string | null;
};

/**
 * What the engine learns from the tasks closed in the history window (done, failed, rejected,
 * cancelled), summarised rather than listed: a busy workspace closes tens of thousands of tasks
 * in a quarter, and the engine needs only these few aggregates of them. The store computes it
 * in SQL over indexes; `summariseHistory` computes the same from a list, for tests and callers
 * that hold the tasks.
 */
export interface TaskHistory {
  /**
   * The latest change of a done or failed task, per project id: work finished or tried. A proposal
   * rejected, cancelled or withdrawn by a plan is no work on its project (migration 0046).
   */
  lastClosedAt: ReadonlyMap<number, string>;
  /** Focus areas of tasks closed within FOCUS_RECENT_DAYS of now. */
  recentFocusAreas: ReadonlySet<string>;
  /**
   * Of the vision's areas not among recentFocusAreas, work from backlog items done or tried within
   * FOCUS_RECENT_DAYS on a project of that area, counted for another of its project's areas (the
   * latest hundred each): work whose title names no area of its project is work on all of them (see
   * analyseState). Optional: empty when absent.
   */
  otherAreaWork?: readonly AreaWork[];
  /**
   * Of the vision's areas not among recentFocusAreas, the growth features in progress on an active
   * project of that area (the first hundred each): work under way by the team's own word, as an
   * approved task is (see analyseState). Optional: empty when absent.
   */
  featuresUnderWay?: readonly AreaWork[];
  /** Done and failed tasks per playbook key: they give a playbook's confidence. */
  outcomes: ReadonlyMap<string, PlaybookOutcomes>;
  /** Done and failed tasks per category: they give a backlog task's confidence. */
  categoryOutcomes: ReadonlyMap<TaskCategory, PlaybookOutcomes>;
  /** Per category, the newest REJECTION_WINDOW closed tasks that were decided (not cancelled). */
  latestDecided: readonly DecidedTask[];
  /**
   * Of each project with work on its backlog items rejected in the window, per category, the newest
   * REJECTION_WINDOW decided (closed, not cancelled) tasks on its items: what its items are damped
   * by (see rejectionsOf), whatever other products' work fills latestDecided. Optional: none when
   * absent.
   */
  projectsDecided?: readonly DecidedTask[];
}

/** A task closed on a project of several focus areas, counted for one of them. */
export interface AreaWork {
  title: string;
  category: TaskCategory;
  /** Its project's focus areas. */
  projectAreas: readonly string[];
}

/** A done or rejected task, as the engine remembers it. */
export interface RememberedTask {
  ref: string;
  /** When it was done or rejected. */
  at: string;
  facts: TaskFacts;
  /** The rejection's reason. */
  reason: string | null;
  /**
   * A rejection's or a failure's: how many times the same work was rejected (or failed) since it
   * was last done, within the window such decisions are remembered (this one included); 1 when
   * absent.
   */
  times?: number;
  /**
   * A failure's: it was recorded as a block outside the work (its event says so: see
   * TransitionResult.blocked), which counts against neither the work nor who held it.
   */
  blocked?: true;
  /** A failure's: of its `times`, how many were recorded so (its own included); none when absent. */
  blocks?: number;
}

/** A backlog item's task the team rejected, by the item's memory key and its project. */
export interface RejectedItem {
  key: string;
  projectId: number;
}

/**
 * Work a project has finished, as planning compares a playbook's proposal with it: a done feature,
 * whether a task did it or it was marked done by hand or closed on GitHub.
 */
export interface DoneWork {
  projectId: number;
  /** The task that did it (`T-12`), or `feature #4` for a feature done without a task. */
  ref: string;
  /** The feature's own title. */
  title: string;
  /** When it was done. */
  at: string;
  /**
   * It found out something (an interview of customers who cancelled), and changed nothing
   * customers see: the work it informs is still to do. Absent for work that shipped.
   */
  research?: true;
}

/** Decided work by memory key: the latest done task ever, the latest rejected one recently. */
export interface DecisionMemory {
  done: ReadonlyMap<string, RememberedTask>;
  /** Rejections within twice the longest hold (see rejectMemoryDays; older ones no longer matter). */
  rejected: ReadonlyMap<string, RememberedTask>;
  /**
   * Failures within twice the cooldown: failed work is proposed again, and says how it went last
   * time.
   */
  failed?: ReadonlyMap<string, RememberedTask>;
}

import type { ChartView } from './chart.js';
import type { DigestStyle } from './digest-layout.js';
import type { TaskCategory, TaskStatus } from './task.js';

/**
 * Platform-neutral views the chat command handlers return. Each adapter (console, Slack,
 * Discord) renders them its own way: text with progress bars, Block Kit, embeds.
 */

/** The chat platforms Goalpost speaks. */
export const PLATFORMS = ['console', 'slack', 'discord'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A bar toward a target: revenue to the milestone, a goal from baseline to target. */
export interface ProgressView {
  label: string;
  current: number | null;
  target: number;
  unit: string;
  /** 0–1 of the way there (clamped), null when unknown. */
  ratio: number | null;
  status: 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
  /** One sentence with the numbers behind the status. */
  detail: string;
  /** Where the figure comes from and how fresh it is (`mrr from Stripe, updated 3 min ago`); null when unknown. */
  freshness: string | null;
}

/** How each progress status reads in a sentence: "on track", "no data yet". */
export const PROGRESS_STATUS_WORDS: Record<ProgressView['status'], string> = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  no_data: 'no data yet',
};

/** A text progress bar for a 0–1 ratio (clamped), e.g. `█████░░░░░ 50%`; `—` when unknown. */
export function progressBar(ratio: number | null, width: number): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const clamped = Math.max(0, Math.min(1, ratio));
  const filled = Math.round(clamped * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(clamped * 100)}%`;
}

/** A button (and its emoji reaction) a task card offers, legal from the task's current status. */
export interface TaskButton {
  action: CardAction;
  label: string;
  style: 'primary' | 'danger' | 'default';
  /** The Unicode emoji that does the same as a reaction. */
  emoji: string;
  /** Slack's name for that emoji (reaction events carry names, not characters). */
  emojiName: string;
}

export interface TaskCardView {
  taskId: number;
  ref: string;
  title: string;
  status: TaskStatus;
  priority: number;
  category: TaskCategory;
  project: string | null;
  /** Dollars of monthly revenue the task is expected to add or protect. */
  revenueImpact: number;
  /** Dollars a month it is worth toward the team's goals (see Task.goalValue). */
  goalValue: number;
  /** 0–1 fit with the vision's focus areas. */
  alignment: number;
  score: number;
  assignee: string | null;
  reasoning: string[];
  dependsOn: string[];
  /** Where the task's backlog item comes from, in words (`itemSourceText`): "feature #4 (done closes it)". */
  source: string | null;
  buttons: TaskButton[];
  /** The last decision or step, e.g. "approved by console:ana". */
  lastEvent: string | null;
}

/** How the decisions on a digest's tasks stand: "3 of 5 decided · 2 approved". */
export interface DecisionTally {
  total: number;
  /** No longer awaiting a decision: approved (and on from there), rejected or cancelled. */
  decided: number;
  /** Approved, started, done or failed: the team said yes. */
  approved: number;
  rejected: number;
  /** Cancelled by the team, or withdrawn by a plan once its reason went. */
  cancelled: number;
}

/** How a digest is laid out in a channel, and when its undecided tasks are reminded of. */
export interface DigestLayout {
  style: DigestStyle;
  /** When the tasks still undecided get their one reminder (ISO); null: never. */
  remindAt: string | null;
  /** Why it is not laid out as asked (a compact batch too large for one message), said in the header. */
  note?: string;
}

export interface DigestHeaderView {
  kind: 'digest_header';
  title: string;
  /** Local date the digest is for (YYYY-MM-DD). */
  date: string;
  vision: { statement: string; primaryGoal: string; focusAreas: string[] } | null;
  revenue: ProgressView | null;
  /** Goals at risk or off track. */
  goalsAtRisk: ProgressView[];
  /** Feeds that have gone quiet or failed (a metric source, a Stripe account): their numbers may be stale. */
  warnings: string[];
  suggestions: string[];
  batch: {
    id: number | null;
    /** Its number in the workspace ("batch 1"); absent in headers posted before 2026-12-03. */
    number?: number | null;
    proposed: number;
    newTasks: number;
    /**
     * Candidates left out as duplicates of each other (of open work too, in a header saved before
     * `alreadyOpen`).
     */
    duplicates: number;
    /** Candidates left out as the work of a task already open (awaiting a decision, approved or under way). */
    alreadyOpen?: number;
    /** Candidates held back as work done, rejected or failed before (see the engine's memory). */
    heldBack: number;
    /**
     * Candidates held back while finished work that answers the same thing shows its effect
     * (SkippedCandidate.answered); absent in headers posted before 2026-11-29 and when none.
     */
    waiting?: number;
    /**
     * Candidates the batch left out, with room for them, as they score 0 (no dollars at stake, no
     * alignment with the vision); absent in headers posted before 2026-11-28 and when there are none.
     */
    unvalued?: number;
    /** True when the digest only showed the tasks awaiting a decision: its caller may not propose. */
    showOnly?: boolean;
    /** A cap its caller asked for that a digest showing only the open batch did not apply. */
    capNotApplied?: number;
    /** Why the batch is smaller than the cap: "Room for 2 tasks today: the team has 7 of 9 slots busy". */
    capacity?: string;
    /**
     * True when that room is taken by the tasks awaiting a decision: set by headers posted before
     * 2026-12-03, whose `capacity` did not say so (it does since, on every surface).
     */
    roomFilled?: boolean;
    /** Tasks nobody held that this plan routed: `T-3 → ana`, `T-2 (approved) → bo`. */
    routed?: string[];
    /** Proposals this plan withdrew as their reason went: `T-9 (other work answers … now)`. */
    withdrawn?: string[];
  };
  layout: DigestLayout;
  /** Decisions on its tasks so far; the posted header is edited as they come in. */
  decisions: DecisionTally;
  /** A compact digest's tasks, each with its buttons: the header is then the digest's one message. */
  tasks?: TaskCardView[];
}

export type View =
  | {
      kind: 'text';
      text: string;
      tone?: 'info' | 'success' | 'warning';
      /** Users (`slack:U1`) this text mentions on purpose, to notify them: a reminder's approvers. */
      notify?: string[];
    }
  | { kind: 'error'; message: string; usage?: string }
  | DigestHeaderView
  /** A task's card; `changed`: shown again after a change, where the platform cannot edit in place. */
  | { kind: 'task'; card: TaskCardView; changed?: boolean }
  | {
      kind: 'table';
      title: string;
      columns: string[];
      rows: string[][];
      empty: string;
      /** The column (a title) a narrow screen may cut short, so each row keeps one line; others stay whole. */
      clip?: number;
      /**
       * The grammar command each row's first column holds, with its arguments after the name, as
       * typed after `/goalpost` (help's): a platform that has them elsewhere (Discord's `/backlog
       * feature add`, `/goalpost schedule add`) shows them as its people type them.
       */
      commands?: readonly string[];
    }
  | { kind: 'progress'; title: string; items: ProgressView[]; empty: string }
  /**
   * A report's charts: drawn and attached as images where the platform takes files and Goalpost
   * posts in the channel (Slack, Discord); anywhere else a sparkline and the title of each.
   */
  | { kind: 'charts'; charts: ChartView[] };

/** A chart a home tab shows again: the file it went out as with a weekly report, and when. */
export interface HomeChart {
  name: string;
  title: string;
  alt: string;
  /** The platform's id of the file (Slack's `F…`). */
  fileId: string;
  /** Where the report was posted: people who cannot see that channel cannot see the chart. */
  channelId: string;
  postedAt: string;
}

/** What a person sees on Goalpost's home tab (Slack App Home): where the team stands, at a glance. */
export interface HomeView {
  workspaceId: string;
  vision: { statement: string; primaryGoal: string; focusAreas: string[]; version: number } | null;
  revenue: ProgressView | null;
  goals: ProgressView[];
  /** Open tasks (proposed, approved, in progress), highest priority first, at most 20. */
  openTasks: TaskCardView[];
  /** Who is expected to succeed at what: the learned routing table. */
  routing: { columns: string[]; rows: string[][] };
  /** Revenue's and each goal's chart as the latest weekly report attached them; empty before one was. */
  charts: HomeChart[];
}

/** A form the caller fills in before anything is decided: the reason for a reject. */
export interface ReasonForm {
  kind: 'reject_reason';
  taskId: number;
  ref: string;
  title: string;
  /** The status the card showed: the submission decides only if the task is still there. */
  status: TaskStatus;
}

export interface Reply {
  /** `ephemeral`: only the caller sees it (usage, refusals, errors); `channel`: everyone does. */
  visibility: 'ephemeral' | 'channel';
  /** Posted in order, each as its own message (a digest: the header, then one per task). */
  messages: View[];
  /** Task cards shown elsewhere that changed: adapters edit those messages in place. */
  updates: TaskCardView[];
  /** True when this repeated an event already handled: nothing changed. */
  duplicate: boolean;
  /** A form to open for the caller instead of any message (a reject button asks why first). */
  form?: ReasonForm;
}

/**
 * What a card's buttons and reactions do: four steps of a task, and retrying a failed one (which
 * makes a new task: see tasks.retry).
 */
export type CardAction = 'approve' | 'reject' | 'start' | 'done' | 'retry';

/** The emoji reactions and buttons for each action, in the order cards show them. */
export const TASK_BUTTONS: Record<CardAction, Omit<TaskButton, 'action'>> = {
  approve: { label: 'Approve', style: 'primary', emoji: '✅', emojiName: 'white_check_mark' },
  reject: { label: 'Reject', style: 'danger', emoji: '❌', emojiName: 'x' },
  start: { label: 'Start', style: 'default', emoji: '🚀', emojiName: 'rocket' },
  done: { label: 'Done', style: 'primary', emoji: '🏁', emojiName: 'checkered_flag' },
  retry: { label: 'Retry', style: 'primary', emoji: '🔁', emojiName: 'repeat' },
};

const REACTION_VERBS: Record<CardAction, string> = {
  approve: 'approve',
  reject: 'reject',
  start: 'start',
  done: 'mark it done',
  retry: 'try it again',
};

/**
 * The line under a card's buttons naming the reactions that do what they do (`React ✅ to approve,
 * ❌ to reject`), or null when none does. A rejected card's ✅ approves it after all only from
 * whoever rejected it (see tasks.transition), so it says so.
 */
export function reactionHint(status: string, actions: readonly string[]): string | null {
  const known = actions.filter((a): a is keyof typeof TASK_BUTTONS => a in TASK_BUTTONS);
  if (known.length === 0) return null;
  if (status === 'rejected' && known.length === 1 && known[0] === 'approve')
    return `Whoever rejected it may also react ${TASK_BUTTONS.approve.emoji} to approve it after all`;
  return `React ${known.map((a) => `${TASK_BUTTONS[a].emoji} to ${REACTION_VERBS[a]}`).join(', ')}`;
}

/**
 * A reaction as the emoji it is, whatever skin tone it was given: Slack names a toned 👍
 * `+1::skin-tone-3` (and may wrap a name in colons), Discord sends the emoji followed by its
 * tone's modifier (U+1F3FB–U+1F3FF).
 */
export function bareReaction(reaction: string): string {
  return reaction
    .replace(/^:|:$/g, '')
    .replace(/::skin-tone-\d$/, '')
    .replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '');
}

/** The action a reaction stands for, by Unicode emoji or Slack emoji name; null for any other. */
export function actionForReaction(reaction: string): CardAction | null {
  const bare = bareReaction(reaction);
  for (const [action, b] of Object.entries(TASK_BUTTONS)) {
    if (bare === b.emojiName || bare === b.emoji || bare === b.emoji.replace('\uFE0F', '')) {
      return action as keyof typeof TASK_BUTTONS;
    }
  }
  // People reach for the look-alikes too.
  if (['heavy_check_mark', '✔️', '✔', '+1', 'thumbsup', '👍'].includes(bare)) return 'approve';
  if (['negative_squared_cross_mark', '❎', '-1', 'thumbsdown', '👎'].includes(bare)) return 'reject';
  return null;
}

export const reply = {
  /** A reply only the caller sees. */
  ephemeral: (...messages: View[]): Reply => ({
    visibility: 'ephemeral',
    messages,
    updates: [],
    duplicate: false,
  }),
  /** A reply the whole channel sees. */
  channel: (...messages: View[]): Reply => ({
    visibility: 'channel',
    messages,
    updates: [],
    duplicate: false,
  }),
  /** Opens a form for the caller; nothing is decided until it is submitted. */
  form: (form: ReasonForm): Reply => ({
    visibility: 'ephemeral',
    messages: [],
    updates: [],
    duplicate: false,
    form,
  }),
  text: (text: string, tone?: 'info' | 'success' | 'warning'): View =>
    tone ? { kind: 'text', text, tone } : { kind: 'text', text },
  error: (message: string, usage?: string): Reply => ({
    visibility: 'ephemeral',
    messages: [usage ? { kind: 'error', message, usage } : { kind: 'error', message }],
    updates: [],
    duplicate: false,
  }),
};

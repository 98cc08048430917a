import { DIGEST_STYLE_WORDS, type DigestStyle } from '../domain/digest-layout.js';
import type { StrandedProject } from '../domain/project.js';
import { type RemindAfter, remindAfterText } from '../domain/remind-after.js';
import type { DecisionTally, DigestHeaderView } from '../domain/reply.js';
import { CANONICAL_TASK_REF } from '../domain/validate.js';
import { listed, listedFirst } from '../domain/word-list.js';
import type { SkippedCandidate } from '../engine/batch-plan.js';
import { formatUsd } from '../engine/format.js';
import type { LearnResult } from '../use-cases/learning.js';
import type { RetryResult } from '../use-cases/tasks.js';

/**
 * Where a subscription posts, as a person reads it: `slack C024BE91L`, `discord 1234…`; the console
 * has one channel, `console` (not "console console").
 */
export function channelText(s: { platform: string; channelId: string }): string {
  return s.platform === 'console' && s.channelId === 'console' ? 'console' : `${s.platform} ${s.channelId}`;
}

/** How many proposals routed again a digest's batch sentence names before "and N more". */
const ROUTED_NAMED = 5;

/** "1 new task", "5 new tasks". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * "5 new tasks proposed, 5 awaiting a decision, 3 already open as tasks, 1 skipped as a duplicate, 2 not proposed again (done
 * or rejected before), 1 not proposed as it scores 0 (…).", led by why the batch is
 * small when the team's free slots set it ("Room for 2 tasks today: the team has 7 of 9 slots busy."); for a digest that only
 * shows the open batch, "3 tasks awaiting a decision; only approvers propose new ones." (saying so
 * when a cap was asked for that it did not apply).
 */
/**
 * Whether a skipped candidate is work a task already open does (a proposal awaiting a decision,
 * approved work): a duplicate of a task, not of another candidate. The digest and the command line
 * count such work as already open, not as duplicates: a lead who approved three would read "3
 * skipped as duplicates" as three new ones.
 */
export const alreadyOpen = (s: Pick<SkippedCandidate, 'reason' | 'duplicateOf'>): boolean =>
  s.reason === 'duplicate' && CANONICAL_TASK_REF.test(s.duplicateOf);

/** Why memory held work back, as the digest and the CLI say it. */
export const HELD_BEFORE = 'done, rejected or failed before';
/** Why work waits for work just finished that answers the same thing (SkippedCandidate.answered). */
export const HELD_WAITING = 'while work just finished shows its effect';

export function batchSentence(b: DigestHeaderView['batch']): string {
  if (b.showOnly) {
    const cap = b.capNotApplied === undefined ? '' : ` (so --max-tasks ${b.capNotApplied} changed nothing)`;
    return `${plural(b.proposed, 'task', 'tasks')} awaiting a decision; only approvers propose new ones${cap}.`;
  }
  const open =
    b.alreadyOpen !== undefined && b.alreadyOpen > 0
      ? `, ${b.alreadyOpen} already open as ${b.alreadyOpen === 1 ? 'a task' : 'tasks'}`
      : '';
  const duplicates =
    b.duplicates > 0
      ? `${open}, ${b.duplicates} skipped as ${b.duplicates === 1 ? 'a duplicate' : 'duplicates'}`
      : open;
  const held = `${b.heldBack > 0 ? `, ${b.heldBack} not proposed again (${HELD_BEFORE})` : ''}${b.waiting !== undefined && b.waiting > 0 ? `, ${b.waiting} waiting ${HELD_WAITING}` : ''}`;
  // Why a batch with room is short: the rest of the work is worth nothing the engine can tell.
  const unvalued =
    b.unvalued !== undefined && b.unvalued > 0
      ? `, ${b.unvalued} not proposed as ${b.unvalued === 1 ? 'it scores' : 'they score'} 0 (no dollars at stake, no alignment with the vision)`
      : '';
  const counts = `${plural(b.newTasks, 'new task', 'new tasks')} proposed, ${b.proposed} awaiting a decision${duplicates}${held}${unvalued}.`;
  // Work already waiting that nobody held, given to someone by this plan (its cards say so too).
  // The first few by name, as a digest's field has room for (a plan may route dozens).
  const routed =
    b.routed === undefined || b.routed.length === 0
      ? ''
      : ` Routed now, of the tasks nobody held: ${listedFirst(b.routed, ROUTED_NAMED)}.`;
  // Room the tasks already awaiting a decision fill: said, or "room for 3" beside "0 new" reads wrong.
  // The note says it since 2026-12-03; a header posted before says it with `roomFilled`.
  const room =
    b.capacity === undefined
      ? ''
      : b.roomFilled === true
        ? `${b.capacity}; the ${plural(b.proposed, 'task', 'tasks')} awaiting a decision ${b.proposed === 1 ? 'fills' : 'fill'} it. `
        : `${b.capacity}. `;
  // Proposals of earlier batches this plan withdrew (their cards say so too), with why.
  const withdrawn =
    b.withdrawn === undefined || b.withdrawn.length === 0
      ? ''
      : ` Withdrawn: ${listedFirst(b.withdrawn, ROUTED_NAMED)}.`;
  return `${room}${counts}${withdrawn}${routed}`;
}

/**
 * What a rebuild of the routing statistics learned, in one sentence that never contradicts the
 * table under it: outcomes that name nobody are said to teach routing nothing.
 */
export function learnedSentence(
  r: Pick<LearnResult, 'outcomes' | 'withoutAssignee' | 'blocked' | 'pairs' | 'unchanged'>,
): string {
  if (r.outcomes === 0) return 'No outcomes yet: routing learns from tasks marked done or failed.';
  const outcomes = plural(r.outcomes, 'outcome', 'outcomes');
  const nobody = r.withoutAssignee - r.blocked;
  const blocked = `failed for a block outside the work`;
  if (r.pairs === 0) {
    const none =
      r.blocked === 0
        ? 'none names who did the work'
        : nobody === 0
          ? `${r.outcomes === 1 ? 'it' : 'each'} ${blocked}`
          : `${nobody} name nobody and ${r.blocked} ${blocked}`;
    return `Learned from ${outcomes}, but ${none}, so routing has nothing to go on yet: tasks assigned (\`goalpost assign T-12 dev_worker1\`) or claimed by a worker agent teach it when they are done or failed.`;
  }
  const parts = [
    ...(nobody > 0 ? [`the ${nobody} that name nobody`] : []),
    ...(r.blocked > 0 ? [`the ${r.blocked} that ${blocked}`] : []),
  ];
  const unnamed = parts.length > 0 ? ` (routing learns nothing from ${parts.join(' and ')})` : '';
  const exact = r.unchanged ? 'the live statistics were already exact' : 'the statistics were corrected';
  return `Learned from ${outcomes} across ${plural(r.pairs, 'category × assignee pair', 'category × assignee pairs')}${unnamed}; ${exact}.`;
}

/** A labelled line of a vision, in the order every surface shows it. */
export interface VisionFact {
  label: 'Primary goal' | 'Vision' | 'Focus';
  /** The team's own words: each surface escapes them for its markup. */
  text: string;
}

/** The vision as labelled lines: primary goal, statement, focus areas (when there are any). */
export function visionFacts(v: {
  statement: string;
  primaryGoal: string;
  focusAreas: readonly string[];
}): VisionFact[] {
  const facts: VisionFact[] = [
    { label: 'Primary goal', text: v.primaryGoal },
    { label: 'Vision', text: v.statement },
  ];
  if (v.focusAreas.length > 0) facts.push({ label: 'Focus', text: v.focusAreas.join(', ') });
  return facts;
}

/**
 * One sentence per project left on focus areas the vision dropped, with the command that moves it:
 * `Basic EDU Apps is on payment_integration, which the vision no longer has: move it with …`.
 */
export function strandedSentences(
  stranded: readonly StrandedProject[],
  focusAreas: readonly string[],
): string[] {
  return stranded.map(
    (s) =>
      `${s.project} is on ${s.focusAreas.join(', ')}, which the vision no longer has: move it with \`goalpost project set "${s.project}" --focus <areas>\` (the vision's: ${focusAreas.join(', ')})`,
  );
}

/**
 * How a digest's decisions stand, for its header: "0 of 5 decided", "3 of 5 decided · 2 approved
 * · 1 rejected", "All 5 decided · 3 approved · 1 rejected · 1 cancelled"; null for a digest with
 * no tasks.
 */
export function decisionsSentence(d: DecisionTally): string | null {
  if (d.total === 0) return null;
  const counts = [
    d.approved > 0 ? `${d.approved} approved` : null,
    d.rejected > 0 ? `${d.rejected} rejected` : null,
    // Without it "1 of 5 decided · " named no decision at all (a review, after a chat cancel).
    d.cancelled > 0 ? `${d.cancelled} cancelled` : null,
  ].filter((x) => x !== null);
  const all = d.decided >= d.total && d.total > 1;
  const head = all ? `All ${d.total} decided` : `${d.decided} of ${d.total} decided`;
  return [head, ...counts].join(' · ');
}

/** A digest subscription's layout. */
interface DigestSettings {
  style: DigestStyle;
  remindAfter: RemindAfter;
}

/** How a digest is laid out and nudged, in words: `one post, its tasks in its thread`, `reminders after 1 working day`. */
export function digestLayoutWords(s: DigestSettings): [layout: string, reminders: string] {
  const reminders =
    s.remindAfter === 'off' ? 'no reminders' : `reminders after ${remindAfterText(s.remindAfter)}`;
  return [DIGEST_STYLE_WORDS[s.style], reminders];
}

/**
 * The same in a table cell, with the digest's own cap when it has one: `thread, remind after 1d`,
 * `cards, no reminders, up to 3 tasks`.
 */
export const digestLayoutCell = (s: DigestSettings & { maxTasks?: number | null }): string =>
  `${s.style}, ${s.remindAfter === 'off' ? 'no reminders' : `remind after ${s.remindAfter}`}${s.maxTasks ? `, up to ${s.maxTasks} tasks` : ''}`;

/** How many tasks awaiting a decision a vision change names before "and N more". */
const AWAITING_LISTED = 10;

/**
 * " Its primary goal reads the same for now: …" when a new vision's other text took the words of
 * the one given (see SavedVision.copied); '' otherwise. Said with the command words of the CLI;
 * chat's reply puts them in its own syntax.
 */
export function copiedSentence(copied: 'statement' | 'primary_goal' | undefined): string {
  if (copied === undefined) return '';
  const other = copied === 'primary_goal' ? 'primary goal' : 'statement';
  return ` Its ${other} reads the same for now: \`goalpost vision set ${copied} "…"\` gives it its own words.`;
}

/**
 * " It replaces the list: 2027-01 ($12,000) and 2027-06 ($20,000) are no longer revenue targets
 * (give them too to keep them)." when a value left out milestones or success metrics the vision
 * had (see SavedVision.dropped); '' otherwise.
 */
export function droppedSentence(
  dropped: { revenueTargets: Record<string, number>; successMetrics: Record<string, number> } | undefined,
): string {
  if (dropped === undefined) return '';
  const months = Object.entries(dropped.revenueTargets)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, usd]) => `${month} (${formatUsd(usd)}/month)`);
  const metrics = Object.entries(dropped.successMetrics).map(([metric, target]) => `${metric} (${target})`);
  const parts = [
    ...(months.length === 0
      ? []
      : [
          `${listed(months)} ${months.length === 1 ? 'is no longer a revenue target' : 'are no longer revenue targets'}`,
        ]),
    ...(metrics.length === 0
      ? []
      : [
          `${listed(metrics)} ${metrics.length === 1 ? 'is no longer a success metric' : 'are no longer success metrics'}`,
        ]),
  ];
  return ` The value replaces the whole list: ${parts.join('; ')} (give ${months.length + metrics.length === 1 ? 'it' : 'them'} too, to keep ${months.length + metrics.length === 1 ? 'it' : 'them'}).`;
}

/**
 * What a team lead should know when the vision changes under tasks awaiting a decision: their
 * reasoning is the old vision's. Empty when none await one.
 */
export function awaitingOldVision(
  awaiting: readonly { ref: string; version: number }[],
  version: number,
): string {
  if (awaiting.length === 0) return '';
  const refs = awaiting.map((a) => a.ref);
  // A long queue of proposals is named by its first few: the reply stays a line.
  const named = listedFirst(refs, AWAITING_LISTED - 1, AWAITING_LISTED);
  const versions = [...new Set(awaiting.map((a) => a.version))];
  const from = versions.length === 1 ? `version ${versions[0]}` : 'earlier versions';
  return `${named} await${refs.length === 1 ? 's' : ''} a decision on reasoning from ${from} of the vision: reject what no longer fits; what the digest proposes from now on follows version ${version}.`;
}

/**
 * What a goal list with no goal says: how to add one, or, when goals were archived, that they are
 * (a list that said "No goals yet" after `goal archive` read as if the goals were lost).
 * `add` is the surface's own way to write `goal add` (`goalpost goal add`, `/goalpost goal add`).
 */
export function noGoalsText(archived: readonly string[], add: string, example: string): string {
  if (archived.length === 0) return `No goals yet: \`${add} ${example}\`.`;
  return `No goal is tracked: ${listedFirst(archived, 5)} ${archived.length === 1 ? 'is' : 'are'} archived, measurements kept (\`${add} ${archived[0]} …\` tracks ${archived.length === 1 ? 'it' : 'one'} again).`;
}

/** Whom a retry went to: `to ana again`, or `for whoever claims it` (see tasks.retry). */
export const retriedTo = (task: { assignee: string | null }): string =>
  task.assignee === null ? 'for whoever claims it' : `to ${task.assignee} again`;

/**
 * A retry that changed nothing, as chat and the command line say it: `T-4 was already retried as
 * T-9, which is approved; nothing changed`, saying what to do when it ended: retried again when it
 * failed too, approved after all when it was rejected (named as the command line types them: chat
 * says them its way, see chatSyntax).
 */
export const alreadyRetried = (r: RetryResult): string => {
  const { ref, status } = r.task;
  const next =
    status === 'failed'
      ? ` (\`goalpost retry ${ref}\` tries it again)`
      : status === 'rejected'
        ? ` (\`goalpost approve ${ref}\` approves it after all)`
        : '';
  return `${r.failed.ref} was already retried as ${ref}, which is ${status.replace('_', ' ')}; nothing changed${next}`;
};

import type { DecisionMemory, RememberedTask } from '../domain/history.js';
import type { MetPrerequisite } from '../domain/project.js';
import { momentText, type Task, type TaskFacts } from '../domain/task.js';
import { DAY_MS, parseInstant } from './dates.js';
import type { Draft } from './draft.js';
import { daysAgo, formatUsd } from './format.js';
import {
  judgesWork,
  namesDoneAlready,
  namesDuplicate,
  putsWorkOff,
  reasonWaitsOnTask,
  reasonWaitsUntil,
  usersJudged,
} from './reason-dates.js';
import { notTheTeamsWork } from './reason-owner.js';
import { namesAllOf, significantTokens } from './tokens.js';

export const EMPTY_MEMORY: DecisionMemory = { done: new Map(), rejected: new Map(), failed: new Map() };
export const DEFAULT_REJECT_COOLDOWN_DAYS = 30;
/**
 * How many rejections lengthen the hold: each of the first three doubles it (30, 60, then 120
 * days with the default cooldown). A lead who rejects the same work each time it returns has said
 * more than "not now" (a walkthrough's feature rejected three times for "low demand" came back
 * every 30 days at the top of the digest).
 */
const REJECT_HOLD_STEPS = 3;

/** Days work rejected `times` times (since last done, within rejectMemoryDays) is held. */
export function rejectHoldDays(cooldownDays: number, times: number): number {
  return cooldownDays * 2 ** (Math.min(Math.max(times, 1), REJECT_HOLD_STEPS) - 1);
}

/**
 * How far back rejections are remembered: twice the longest hold, so work back after it still
 * says it was rejected, and how often. Rejections older than this no longer count.
 */
export function rejectMemoryDays(cooldownDays: number): number {
  return 2 * rejectHoldDays(cooldownDays, REJECT_HOLD_STEPS);
}

/**
 * Which rejections memory reads at `now`: those since `rejectedSince` (see rejectMemoryDays), each
 * counting the rejections of its work within `rejectionsWithinDays` before it. Counted back from
 * the rejection, not from now, the hold a rejection was given stays what the team was told.
 */
export function rejectionWindow(
  now: string,
  cooldownDays: number,
): { rejectedSince: string; rejectionsWithinDays: number } {
  const days = rejectMemoryDays(cooldownDays);
  return {
    rejectedSince: new Date(parseInstant(now, 'now') - days * DAY_MS).toISOString(),
    rejectionsWithinDays: days,
  };
}
/**
 * Hours after a piece of work failed in which it is not proposed again: what stopped it (a
 * blocker outside the team, a missing approval) takes time to clear, and a lead told the same day
 * to do again what just failed rejects it (a trial: a failure at 10:00 came back at the top of the
 * next batch, to the same person). After that it comes back, less sure to succeed, unless its
 * reason says the blocker lasts longer (see failedHoldEnds).
 */
export const FAILED_HOLD_HOURS = 24;

/**
 * How long memory keeps a failure (days): twice the rejection cooldown. A plan counts its work's
 * failures over it (confidence), and a failure's reason holds its work no longer.
 */
export const failureMemoryDays = (cooldownDays: number): number => 2 * cooldownDays;

/**
 * The start (ms) of the window in which a failure may still hold its work back at `now`: as long as
 * memory keeps it, since its reason may hold it that long (see failedHoldEnds). The failures whose
 * projects a plan reads whole.
 */
export function failedHoldSince(now: string, cooldownDays: number): number {
  return (
    parseInstant(now, 'now') -
    Math.max(failureMemoryDays(cooldownDays) * DAY_MS, FAILED_HOLD_HOURS * 3_600_000)
  );
}

/**
 * How a failure holds its work back, as a plan and the failure's reply read it: until `ends` (ms;
 * `until`, ISO, to the minute after), a day on (FAILED_HOLD_HOURS), or later when its reason says
 * when what stopped it ends (`asked`: "KYC review pending until 2026-12-15", "the vendor signs in
 * January": see reasonWaitsUntil, read strictly, as a failure says when things broke), no later
 * than memory keeps the failure (`asked.rememberedDays` then says it was cut there); and while the
 * task its reason waits for is open, or failed with its work still to do (`waitsOn`: "blocked
 * until T-11 ships": see reasonWaitsOnTask, WaitedOn). A review's lead failed work "KYC review
 * pending until 2026-12-15" and found it back the next morning, at the top of the batch.
 */
export interface FailedHold {
  ends: number;
  until: string;
  /**
   * Its reason says the work's users judged it once it was out ("users hated it, conversions
   * dropped 12%": see usersJudged): held as long as memory keeps the failure.
   */
  judged?: true;
  asked?: { at: string; rememberedDays?: number };
  waitsOn?: string;
}

/**
 * How a failure at `failedAt`, for `reason`, holds its work back (see FailedHold). Its own ref
 * (`own`) names no other work to wait for ("until T-5 ships", of T-5 itself): it waits a day.
 */
export function failedHoldEnds(
  failedAt: string,
  reason: string | null = null,
  cooldownDays = DEFAULT_REJECT_COOLDOWN_DAYS,
  own: string | null = null,
): FailedHold {
  const at = parseInstant(failedAt);
  const dayOn = at + FAILED_HOLD_HOURS * 3_600_000;
  const kept = at + failureMemoryDays(cooldownDays) * DAY_MS;
  if (usersJudged(reason) && kept > dayOn) return { ends: kept, until: minuteAfter(kept), judged: true };
  const waitsOn = reasonWaitsOnTask(reason);
  const onTask = waitsOn === null || waitsOn === own ? {} : { waitsOn };
  const asked = reasonWaitsUntil(reason, at, true);
  if (asked === null || asked <= dayOn || kept <= dayOn)
    return { ends: dayOn, until: minuteAfter(dayOn), ...onTask };
  const said = new Date(asked).toISOString();
  return asked <= kept
    ? { ends: asked, until: minuteAfter(asked), asked: { at: said }, ...onTask }
    : {
        ends: kept,
        until: minuteAfter(kept),
        asked: { at: said, rememberedDays: failureMemoryDays(cooldownDays) },
        ...onTask,
      };
}

/** An instant (ms) as a hold says its end: the minute it is over by (10:00:45 → 10:01). */
const minuteAfter = (ms: number): string => new Date(Math.ceil(ms / 60_000) * 60_000).toISOString();

/**
 * Why a failure holds its work back, after a plan's "failed as T-9 on …;": `waiting` on the open
 * task its reason names, or until the hold's end (see FailedHold).
 */
function failedHoldNote(held: FailedHold, waiting: Waited | null): string {
  if (waiting !== null && held.waitsOn !== undefined)
    return `${waitingText(held.waitsOn, waiting)}, which its reason waits for`;
  const until = `not proposed again before ${momentText(held.until)}`;
  if (held.judged)
    return `${until}, as long as a failure is remembered: its reason says its users judged the work`;
  if (held.asked === undefined) return `${until}, so what stopped it can clear`;
  return held.asked.rememberedDays === undefined
    ? `${until}, as its reason says`
    : `${until}, the longest a failure is remembered (its reason asked for ${momentText(held.asked.at)})`;
}

/** What memory says of a draft: propose it (with a note when it was decided before), or hold it back. */
export type Recall =
  | {
      hold: false;
      note: string | null;
      /**
       * How many of its tries failed in a way that says the work is harder than it looked: not
       * those blocked outside the work (see namesBlock).
       */
      failures?: number;
    }
  | {
      hold: true;
      /** A duplicate: work approved or under way asks the same (see onGoalAlready). */
      reason: 'done' | 'rejected' | 'failed' | 'duplicate';
      ref: string;
      note: string;
      answered?: true;
      /** Held for the work it waits for (`feature after`), which memory holds back: not itself. */
      behind?: true;
      /** A failure's hold: the minute it ends and the work comes back on its own (see FailedHold). */
      returns?: string;
      /**
       * Rejected for a time its reason names, naming its product too ("invoicing add-on waits for
       * its Q2 review"): the team put the product's work off, not this piece of it alone (see
       * servedByHeldOnly).
       */
      productPutOff?: true;
      /**
       * Rejected with a reason that puts it off, judging nothing of it ("next sprint", "not now",
       * "until March": see putsWorkOff): the team set when it comes.
       */
      putOff?: true;
      /**
       * Why a proposal of it still awaiting a decision is withdrawn: held by a rejection of the
       * same playbook's work on another product (see recallElsewhere), or with its product, put
       * off (see recallPutOff).
       */
      withdraws?: string;
    };

const SEVERITY_RANK: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2, critical: 3 };
const GOAL_RANK: Readonly<Record<string, number>> = { on_track: 0, at_risk: 1, off_track: 2 };
/** A feature's priority, ranked: none set ranks as medium (neither pressed nor put last). */
const PRIORITY_RANK: Readonly<Record<string, number>> = { low: 0, none: 1, medium: 1, high: 2, critical: 3 };
/** The rank of a priority the team ranked work up to: high. */
const RANKED_UP = 2;

const day = (iso: string): string => iso.slice(0, 10);
/** A decision's reason as a note quotes it after its ref: ` ('not now')`, or nothing. */
export const quoted = (reason: string | null): string => (reason ? ` ('${reason}')` : '');

const NO_OPEN_WORK: ReadonlySet<string> = new Set();

/**
 * What a task a reason waits for ("until T-5 ships") is to the work waiting: open, failed with its
 * work still to do (no task of the same work done, rejected or cancelled since: a retry under way,
 * or the work to come back), or neither, when the work waits no more.
 */
export type Waited = 'open' | 'failed';
export type WaitedOn = (ref: string) => Waited | null;

const NOTHING_WAITED: WaitedOn = () => null;

/**
 * What the tasks reasons name are (see WaitedOn): open among `openTasks`, else failed with their
 * work still to do as `failed` says (each ref asked once). A review's team rejected an integration
 * "not until the Gusto connector (T-5) ships"; T-5 failed, and the next morning the integration
 * was back, "T-5, which it waited for, is closed now".
 */
export function waitedOnOf(openTasks: readonly Task[], failed: (ref: string) => boolean): WaitedOn {
  const refs = openRefs(openTasks);
  const asked = new Map<string, boolean>();
  return (ref) => {
    if (refs.has(ref)) return 'open';
    let still = asked.get(ref);
    if (still === undefined) {
      still = failed(ref);
      asked.set(ref, still);
    }
    return still ? 'failed' : null;
  };
}

/** Why work waits on a task, after "; ": `not while T-5 is open`, or until its failed work is done. */
const waitingText = (ref: string, waited: Waited): string =>
  waited === 'open' ? `not while ${ref} is open` : `not until the work of ${ref}, which failed, is done`;

/** What memory asks of the open tasks, worked out once for each list of them (see openWork). */
interface OpenSets {
  keys: ReadonlySet<string>;
  refs: ReadonlySet<string>;
}
const openSetsOf = new WeakMap<readonly Task[], OpenSets>();

function openSets(openTasks: readonly Task[]): OpenSets {
  let sets = openSetsOf.get(openTasks);
  if (sets === undefined) {
    const keys = new Set<string>();
    const refs = new Set<string>();
    for (let i = 0; i < openTasks.length; i++) {
      const task = openTasks[i] as Task;
      if (task.memoryKey !== null) keys.add(task.memoryKey);
      refs.add(task.ref);
    }
    sets = { keys, refs };
    openSetsOf.set(openTasks, sets);
  }
  return sets;
}

/** The memory keys of the open tasks (proposed, approved, in progress): the work under way. */
export const openWork = (openTasks: readonly Task[]): ReadonlySet<string> => openSets(openTasks).keys;

/** The refs of the open tasks (proposed, approved, in progress): what a rejection may wait for. */
export const openRefs = (openTasks: readonly Task[]): ReadonlySet<string> => openSets(openTasks).refs;

/**
 * The task a rejection's reason says its work waits for ("until T-11 ships": see
 * reasonWaitsOnTask), or null; none when rejections hold nothing (a cooldown of 0 days). A plan
 * (recall) and the rejection's reply (heldByRejection) read it alike.
 */
export const rejectionWaitsOn = (
  rejected: { reason?: string | null },
  cooldownDays: number,
): string | null => (cooldownDays > 0 ? reasonWaitsOnTask(rejected.reason ?? null) : null);

/**
 * Whether done or rejected work may be proposed again. Done one-off work never comes back; done
 * recurring work (a playbook with `recurDays`) after that many days; a backlog item reopened after
 * its task was done comes back; so does a goal's playbook work once the goal's work since moved it
 * nothing (see takenUpAgain). Rejected work stays away for the cooldown unless its facts changed
 * materially (see materialChange), which the note then says. Failed work is held for
 * FAILED_HOLD_HOURS, then comes back, with a note and how many times it failed (`failures`);
 * failed work an open task does already (`openWork`, by memory key: a retry) is not held, as it
 * duplicates that task, which is what a plan then says of it.
 */
export function recall(
  draft: Pick<Draft, 'memoryKey' | 'recurDays' | 'itemDetail'> & {
    item?: Draft['item'];
    signals?: Draft['signals'];
    /** Research done on a goal comes back later than its experiment (see takenUpAgain). */
    category?: Draft['category'];
    /** Its product's name: a rejection naming it puts the product's work off (see Recall.productPutOff). */
    projectName?: string | null;
  },
  facts: TaskFacts,
  memory: DecisionMemory,
  now: string,
  cooldownDays: number,
  openWork: ReadonlySet<string> = NO_OPEN_WORK,
  /** What the tasks a reason may wait for are (see WaitedOn). */
  waitedOn: WaitedOn = NOTHING_WAITED,
): Recall {
  const nowMs = parseInstant(now, 'now');
  const done = memory.done.get(draft.memoryKey);
  let note: string | null = null;
  const again = done === undefined ? null : takenUpAgain(draft, done, nowMs);
  if (done !== undefined) {
    const ageDays = (nowMs - parseInstant(done.at)) / DAY_MS;
    const reopened = draft.itemDetail !== null && draft.itemDetail.updatedAt > done.at;
    if (reopened) {
      // A synced item stays open until its issue closes: changed since, it was edited on GitHub
      // (relabelled, retitled, or closed and opened again), not necessarily reopened. Which, no
      // record says: "its issue still open" read as the team having forgotten to close an issue
      // that was closed and reopened.
      const issue = draft.item?.source?.ref;
      note =
        issue === undefined
          ? `Reopened since ${done.ref} was done on ${day(done.at)}`
          : `Changed on GitHub (${issue}) since ${done.ref} was done on ${day(done.at)}, and open there now`;
    } else if (draft.recurDays !== null && ageDays >= draft.recurDays) {
      note = `Last done as ${done.ref} on ${day(done.at)}; this work recurs every ${draft.recurDays} days`;
    } else if (measuredAfter(draft.signals, done.at) !== null) {
      // A new month's churn rise or revenue fall is a new question: research on the last one did
      // not answer it (a review found a rise doubled again answered by nothing, as done work).
      note = `Last done as ${done.ref} on ${day(done.at)}, before the period the signal it answers now is measured in (from ${measuredAfter(draft.signals, done.at)})`;
    } else if (again !== null) {
      note = again;
    } else {
      const when =
        draft.recurDays === null
          ? (goalWorkReturns(draft, done) ?? 'one-off work is not proposed again')
          : `it recurs every ${draft.recurDays} days, next after ${day(new Date(parseInstant(done.at) + draft.recurDays * DAY_MS).toISOString())}`;
      return {
        hold: true,
        reason: 'done',
        ref: done.ref,
        note: `done as ${done.ref} on ${day(done.at)}; ${when}`,
      };
    }
  }
  const failed = memory.failed?.get(draft.memoryKey);
  let failures = 0;
  // Of them, those that say the work is harder than it looked: not those whose reasons said
  // something outside the work blocked it (see namesBlock), which say nothing of its odds.
  let setbacks = 0;
  let blocks = 0;
  if (failed !== undefined && (done === undefined || failed.at > done.at)) {
    // Failed work still needs doing: it comes back, saying how it went, and less sure to succeed
    // (see scoreNumbers).
    failures = Math.max(1, failed.times ?? 1);
    // As the failure was recorded (its event's flag), so memory and learning read it alike: a
    // worker run's output is never a block, whatever it says.
    const blocked = failed.blocked === true;
    blocks = Math.min(failures, Math.max(failed.blocks ?? 0, blocked ? 1 : 0));
    setbacks = failures - blocks;
    const how = blocked ? 'blocked' : 'failed';
    // A block earlier among them is no failure of the work: said apart (a review's work, blocked
    // by a vendor and then failed once, read "Failed 2 times" and halved twice).
    const apart =
      blocks === 0 || (blocks === 1 && blocked) ? '' : ` (${blocks} of them blocked outside the work)`;
    note =
      failures === 1
        ? `Tried as ${failed.ref} on ${day(failed.at)} and ${how}${quoted(failed.reason)}`
        : `Failed ${failures} times${apart}, last as ${failed.ref} on ${day(failed.at)}${blocked ? ', blocked' : ''}${quoted(failed.reason)}`;
  }
  const rejected = memory.rejected.get(draft.memoryKey);
  // The latest decision a failure (not done since, nor rejected after): held for a day, or as
  // long as its reason says (see failedHoldEnds).
  if (failures > 0 && failed !== undefined && (rejected === undefined || rejected.at < failed.at)) {
    const held = failedHoldEnds(failed.at, failed.reason, cooldownDays, failed.ref);
    const waiting = held.waitsOn === undefined ? null : waitedOn(held.waitsOn);
    if ((waiting !== null || nowMs < held.ends) && !openWork.has(draft.memoryKey)) {
      return {
        hold: true,
        reason: 'failed',
        ref: failed.ref,
        note: `failed as ${failed.ref} on ${day(failed.at)}${quoted(failed.reason)}; ${failedHoldNote(held, waiting)}`,
        ...(waiting === null ? { returns: held.until } : {}),
      };
    }
  }
  // A rejection decided since (work done, or taken on again and failed, after it) says nothing
  // now: a review's work, rejected and later failed, came back citing the rejection.
  if (
    rejected === undefined ||
    (done !== undefined && done.at > rejected.at) ||
    (failures > 0 && failed !== undefined && failed.at > rejected.at)
  )
    return { hold: false, note, failures: setbacks };
  const ageDays = Math.floor((nowMs - parseInstant(rejected.at)) / DAY_MS);
  // Rejected until another task ships: held while it is open, or failed with its work still to
  // do; back once it is done, or the work it was is turned down.
  const waitsOn = rejectionWaitsOn(rejected, cooldownDays);
  if (waitsOn !== null) {
    const waiting = waitedOn(waitsOn);
    if (waiting !== null)
      return {
        hold: true,
        reason: 'rejected',
        ref: rejected.ref,
        note: `rejected as ${rejected.ref} on ${day(rejected.at)}${quoted(rejected.reason)}; ${waitingText(waitsOn, waiting)}`,
      };
    return {
      hold: false,
      note: `Rejected ${daysAgo(ageDays)} as ${rejected.ref}${quoted(rejected.reason)}; ${waitsOn}, which it waited for, is closed now`,
      failures: setbacks,
    };
  }
  const {
    times,
    days: holdDays,
    ends,
    byReason,
    duplicate,
    done: doneAlready,
    notOurs,
    judged,
    asked,
  } = rejectionHold(rejected, cooldownDays);
  // Over at the minute its note and the rejection's reply give (see rejectionHold).
  if (holdDays === 0 || nowMs >= ends) {
    // Long past its hold, a rejection no longer explains anything (as before memory kept more).
    const past = byReason ? (nowMs - ends) / DAY_MS >= holdDays : ageDays >= 2 * holdDays;
    if (past) return { hold: false, note, failures: setbacks };
    const over = byReason
      ? `the hold its reason asked for ended on ${momentText(new Date(ends).toISOString())}`
      : times === 1
        ? `the ${holdDays}-day cooldown is over`
        : `the ${holdDays}-day hold is over`;
    const when = times === 1 ? daysAgo(ageDays) : `${times} times, last ${daysAgo(ageDays)}`;
    return {
      hold: false,
      note: `Rejected ${when} as ${rejected.ref}${quoted(rejected.reason)}; ${over}`,
      failures: setbacks,
    };
  }
  // Rejected twice, the team has said the dollars are not why: only a change to the work brings it
  // back early (a raised target brought back every feature rejected twice, the next morning). Work
  // the team said, after rejecting it, waits for a feature now done is ready: that is such a change.
  // An item of the backlog shares the revenue gap alike with every other: a larger gap (revenue
  // that dipped, a raised target) is no news about it, and brought a typo fix rejected as cosmetic
  // back the morning November's revenue came in; work drafted for the gap answers it, and does.
  const change =
    readyNow(draft.itemDetail?.metPrerequisites, rejected.at) ??
    materialChange(
      rejected.facts,
      facts,
      times === 1 && !byReason,
      times === 1 && !byReason && (draft.itemDetail ?? null) === null,
      !byReason,
    );
  if (change !== null) {
    const when =
      times === 1
        ? `Rejected on ${day(rejected.at)} as ${rejected.ref}`
        : `Rejected ${times} times, last on ${day(rejected.at)} as ${rejected.ref}`;
    return {
      hold: false,
      note: `${when}${quoted(rejected.reason)}; proposed again because ${change}`,
      failures: setbacks,
    };
  }
  const until = momentText(new Date(ends).toISOString());
  const heldAs =
    doneAlready === true
      ? DONE_ALREADY
      : duplicate === true
        ? SAME_WORK
        : notOurs === true
          ? NOT_OURS
          : judged === true
            ? JUDGED
            : null;
  return {
    hold: true,
    reason: 'rejected',
    ref: rejected.ref,
    ...(putsProductOff({ byReason, duplicate, notOurs, judged }, rejected.reason, draft.projectName ?? null)
      ? { productPutOff: true as const }
      : {}),
    ...(putsWorkOff(rejected.reason ?? null, parseInstant(rejected.at)) ? { putOff: true as const } : {}),
    note:
      times === 1
        ? `rejected as ${rejected.ref} on ${day(rejected.at)}${quoted(rejected.reason)}; not before ${until} unless ${!byReason ? 'its facts change' : `the work itself changes${heldAs === null ? '' : ` (held as ${heldAs}, as long as a rejection is remembered)`}`}`
        : `rejected ${times} times, last as ${rejected.ref} on ${day(rejected.at)}${quoted(rejected.reason)}; not before ${until} unless the work itself changes (${heldAs !== null ? `held as ${heldAs}, as long as a rejection is remembered` : byReason ? (asked === undefined ? `held ${ASKED}` : 'held as long as a rejection is remembered, less than its reason asked') : `${ORDINAL[Math.min(times, REJECT_HOLD_STEPS)]} rejection holds work ${holdDays} days`}, and more dollars at stake no longer bring it back early)`,
  };
}

/**
 * Whether a rejection puts its work's product off, not that piece alone (see Recall.productPutOff):
 * held for a time its reason names (`held`, as rejectionHold says it: not as the same work as other
 * work, nor as work that is not the team's), the reason naming the product too.
 */
export function putsProductOff(
  held: { byReason: boolean; duplicate?: true; notOurs?: true; judged?: true },
  reason: string | null | undefined,
  product: string | null,
): boolean {
  return (
    held.byReason &&
    held.duplicate !== true &&
    held.notOurs !== true &&
    held.judged !== true &&
    namesProduct(reason, product)
  );
}

/** Whether a rejection's reason names the product its work is on, every word of its name. */
function namesProduct(reason: string | null | undefined, product: string | null): boolean {
  return !!reason && product !== null && namesAllOf(product, new Set(significantTokens(reason)));
}

/**
 * Days a goal's research stays its answer after the work it led to moved the goal nothing: two of
 * the windows that work is judged over (see ACTION_WINDOW_DAYS). Sooner, the causes it listed are
 * still the team's to try, and another experiment, not the same question, is what the goal needs.
 */
export const GOAL_RESEARCH_FRESH_DAYS = 56;

/**
 * Why a goal's playbook work done at `done` is a new question now, or null: the goal, still off
 * track or at risk and not climbing to its target, had work done since (or it is that work) that
 * left it short: measured as having moved it nothing, or four weeks on (see Signal.stalled). A review's goal, its one experiment read "no change" and its NPS slipping, got no
 * more work, both its playbooks held as one-off work done. Not the day that work was done (readings
 * that day measure the day, not the work), and research only once GOAL_RESEARCH_FRESH_DAYS old.
 */
function takenUpAgain(
  draft: { signals?: Draft['signals']; category?: Draft['category'] },
  done: RememberedTask,
  nowMs: number,
): string | null {
  const signal = draft.signals?.find((s) => s.stalled !== undefined);
  const stalled = signal?.stalled;
  if (signal === undefined || stalled === undefined) return null;
  if (parseInstant(done.at) > parseInstant(stalled.doneAt)) return null;
  if (day(stalled.doneAt) >= day(new Date(nowMs).toISOString())) return null;
  const since = `${stalled.ref}, done on ${day(stalled.doneAt)}, ${stalled.why}`;
  if (draft.category === 'research') {
    const ageDays = Math.floor((nowMs - parseInstant(done.at)) / DAY_MS);
    if (ageDays < GOAL_RESEARCH_FRESH_DAYS) return null;
    return `Last done as ${done.ref} on ${day(done.at)}, ${daysAgo(ageDays)}; the goal's work since, ${since}: its causes are worth finding again`;
  }
  return done.ref === stalled.ref
    ? `The experiment done as ${done.ref} on ${day(done.at)} ${stalled.why}: try another`
    : `Last done as ${done.ref} on ${day(done.at)}; the goal's work since, ${since}: try another`;
}

/**
 * When a goal's done playbook work comes back (see takenUpAgain), as its hold says it; null for
 * other work. "One-off work is not proposed again" read as the goal having run out of work.
 */
function goalWorkReturns(
  draft: { signals?: Draft['signals']; category?: Draft['category'] },
  done: RememberedTask,
): string | null {
  const signal = draft.signals?.find((s) => s.kind === 'goal_off_track');
  if (signal === undefined) return null;
  if (draft.category !== 'research')
    return signal.awaiting ?? "another is proposed once the goal's latest work left it short";
  const from = day(new Date(parseInstant(done.at) + GOAL_RESEARCH_FRESH_DAYS * DAY_MS).toISOString());
  const stalled = signal.stalled;
  return stalled !== undefined && parseInstant(stalled.doneAt) >= parseInstant(done.at)
    ? `the goal's work since, ${stalled.ref}, ${stalled.gist}: it is asked again from ${from}`
    : `asked again once the goal's work since left it short (as its experiment's note says when), not before ${from}`;
}

/** The first day of the period a signal of `signals` is measured in, when it began after `at`; else null. */
function measuredAfter(signals: Draft['signals'] | undefined, at: string): string | null {
  const from = signals?.find((s) => s.evidenceFrom !== undefined)?.evidenceFrom;
  return from !== undefined && from > at.slice(0, 10) ? from : null;
}

const ORDINAL: Readonly<Record<number, string>> = { 2: 'a second', 3: 'a third or later' };
/** Why a hold its reason gave lasts: the same work as other work, or the time it asked. */
const SAME_WORK = 'the same work as other work';
/** Why a hold its reason gave lasts: work its reason says is done already (see namesDoneAlready). */
const DONE_ALREADY = 'work its reason says is done already';
/** Why a hold its reason gave lasts: work its reason says is not the team's (see notTheTeamsWork). */
const NOT_OURS = "work its reason says is not the team's";
/** How a hold for work its reason judges is said (see judgesWork). */
const JUDGED = 'work its reason says its users did not want, or that did not work';
const ASKED = 'until the time its reason asked';

/**
 * Why work rejected at `rejectedAt` is ready now, or null: a feature it was said to wait for after
 * that (`feature after`, the team's answer to "needs a design spike first") was done since. Set at the
 * rejection's instant counts (a script dates both alike). One done before the rejection (or entered
 * as done) was there when the team said no: waiting for it changes nothing, and setting it would
 * otherwise end any hold at once.
 */
function readyNow(met: readonly MetPrerequisite[] | undefined, rejectedAt: string): string | null {
  const ready = met?.find((m) => m.since >= rejectedAt && m.doneAt !== null && m.doneAt > rejectedAt);
  if (ready === undefined) return null;
  return `the team set it to wait for feature ${ready.id} '${ready.title}' since, and that was done on ${day(ready.doneAt as string)}`;
}

/**
 * How a rejection holds its work back: the rejections it counts (`times`, at least 1), the hold
 * (`days`: see rejectHoldDays) and when it ends (`ends`, ms), up to the minute after it: held until
 * 10:00:45, the work is not back at 10:00; later when its reason says the work waits longer
 * (`byReason`: see reasonWaitsUntil), as long as memory keeps the rejection. A plan and the
 * rejection's reply read it alike.
 */
export function rejectionHold(
  rejected: Pick<RememberedTask, 'at' | 'times'> & { reason?: string | null },
  cooldownDays: number,
): {
  times: number;
  days: number;
  ends: number;
  byReason: boolean;
  asked?: number;
  duplicate?: true;
  /** With `duplicate`: the reason says the work is done already (see namesDoneAlready). */
  done?: true;
  notOurs?: true;
  judged?: true;
} {
  const times = Math.max(1, rejected.times ?? 1);
  const days = rejectHoldDays(cooldownDays, times);
  const at = parseInstant(rejected.at);
  const kept = at + rejectMemoryDays(cooldownDays) * DAY_MS;
  // The same work as another item, or as work done already: held as long as memory keeps the
  // rejection (a review found work rejected as a duplicate back at P10 the day after its twin
  // shipped, and another's "we already did this" back at P9 when its cooldown ended).
  // A reason judging the work ("users hated them") holds it whatever else it names.
  const judged = judgesWork(rejected.reason);
  if (days > 0 && !judged && namesDoneAlready(rejected.reason))
    return { times, days, ends: kept, byReason: true, duplicate: true, done: true };
  if (days > 0 && !judged && namesDuplicate(rejected.reason ?? null))
    return { times, days, ends: kept, byReason: true, duplicate: true };
  // Work the team says is not its own ("marketing owns this"): no cooldown changes that (a review's
  // team found its backlog's win-back emails back at P10 a month on, and each month after).
  if (days > 0 && notTheTeamsWork(rejected.reason ?? null, [], at))
    return { times, days, ends: kept, byReason: true, notOurs: true };
  // Work its users did not want, or that did not work, as its reason says: held as long as memory
  // keeps the rejection, as the team's verdict on the work (a lead's digest email, rejected as
  // "nobody opened them", came back at P10 the day its 30-day cooldown ended).
  if (days > 0 && judged) return { times, days, ends: kept, byReason: true, judged: true };
  const asked = days === 0 || judged ? null : reasonWaitsUntil(rejected.reason ?? null, at);
  if (asked === null) {
    const minute = 60_000;
    return { times, days, ends: Math.ceil((at + days * DAY_MS) / minute) * minute, byReason: false };
  }
  // A reason naming a time holds the work until then, sooner or later than a cooldown, however
  // often the team rejected it: it said when ("until mid-January, as we said" held it to March;
  // "until next week" and "until 2026-12-07", said on 18 November, to 18 December). Its days are
  // a first rejection's, however often it was rejected.
  // Past what memory keeps of a rejection, the hold ends with it: said, with what was asked.
  const first = rejectHoldDays(cooldownDays, 1);
  return asked > kept
    ? { times, days: first, ends: kept, byReason: true, asked }
    : { times, days: first, ends: asked, byReason: true };
}

/** Dollars a month risen materially: half as many again, and $50 more. */
const roseMaterially = (was: number, is: number): boolean => is >= was * 1.5 && is - was >= 50;

/**
 * What changed materially since a task was rejected, in words, or null: at least half as many
 * dollars at stake again (and $50 more), or as large a revenue gap (with `gap`), a goal served
 * where none was, a worse severity, a feature's team priority raised, its status, or a goal
 * slipping from at risk to off track. A task rejected before facts were kept never counts as
 * changed. (Rejected before 2026-11-28, its dollars at stake held its project's part of the gap,
 * and before 2026-11-30 its goals' worth: they now hold neither, so they can only look smaller,
 * never bring it back.) Without `dollars`, only a change to the work itself counts (severity,
 * priority, status, goal); without `standing`, not its goal slipping either: a hold its reason set
 * (a date, a duplicate, not the team's) is the team's call on the work, which a goal's reading 0.3
 * lower does not answer (a review found "not until January" back at P10 the next morning).
 */
export function materialChange(
  before: TaskFacts,
  now: TaskFacts,
  dollars = true,
  gap = dollars,
  standing = true,
): string | null {
  if (
    gap &&
    before.gapUsd !== undefined &&
    now.gapUsd !== undefined &&
    roseMaterially(before.gapUsd, now.gapUsd)
  ) {
    return `the revenue gap it shares rose from ${formatUsd(before.gapUsd)} to ${formatUsd(now.gapUsd)}/month`;
  }
  const was = before.stakeUsd;
  const is = now.stakeUsd ?? 0;
  if (dollars && was !== undefined && roseMaterially(was, is)) {
    // Besides any share of the revenue gap, which its card showed: "from $0" read as a miscount
    // beside a card that said $487.50 (a trial's lead).
    return was === 0
      ? `${formatUsd(is)}/month is at stake behind it now besides any share of the revenue gap, where nothing was when it was rejected`
      : `the dollars at stake behind it besides any share of the revenue gap rose from ${formatUsd(was)} to ${formatUsd(is)}/month`;
  }
  // A goal it serves now (the team linked it, or the goal fell off track) where it served none; a
  // goal's worth that grew with the revenue gap is no news about the work.
  // Not one that named the goal then, served by the work linked to it: that work shipped since (a
  // review found payout settings back two days after their rejection, the goal as off track).
  if (
    dollars &&
    before.goalUsd === 0 &&
    before.goalNamed !== true &&
    now.goalUsd !== undefined &&
    roseMaterially(0, now.goalUsd)
  ) {
    // As the goal is: a card said "off track" two lines below "at risk … no trend yet".
    const status = now.goalStatus === 'at_risk' ? 'at risk' : 'off track';
    return `it serves a goal ${status} now (worth ${formatUsd(now.goalUsd)}/month to it), where it served none when it was rejected`;
  }
  if (
    before.severity &&
    now.severity &&
    (SEVERITY_RANK[now.severity] ?? 0) > (SEVERITY_RANK[before.severity] ?? 0)
  ) {
    return `its severity rose from ${before.severity} to ${now.severity}`;
  }
  // The team ranked it up since, to high or critical (a label on GitHub, `feature priority`): its
  // own call on the work, which brings it back whichever time it was rejected. A `low priority`
  // label taken off (none) or a medium one is no ranking up: work rejected as "not a priority"
  // came back the next day "because the team raised its priority from low to none".
  const rank = (p: string) => PRIORITY_RANK[p] ?? 1;
  if (
    before.priority &&
    now.priority &&
    rank(now.priority) >= RANKED_UP &&
    rank(now.priority) > rank(before.priority)
  ) {
    return before.priority === 'none'
      ? `the team marked it ${now.priority} priority since`
      : `the team raised its priority from ${before.priority} to ${now.priority}`;
  }
  if (before.itemStatus && now.itemStatus && before.itemStatus !== now.itemStatus) {
    return `it moved from ${before.itemStatus.replace('_', ' ')} to ${now.itemStatus.replace('_', ' ')}`;
  }
  if (
    standing &&
    before.goalStatus &&
    now.goalStatus &&
    (GOAL_RANK[now.goalStatus] ?? 0) > (GOAL_RANK[before.goalStatus] ?? 0)
  ) {
    return `its goal slipped from ${before.goalStatus.replace('_', ' ')} to ${now.goalStatus.replace('_', ' ')}`;
  }
  return null;
}

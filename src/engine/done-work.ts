import type { DoneWork } from '../domain/history.js';
import type { BacklogRef, Task } from '../domain/task.js';
import { isGoalWork, itemTitle } from './BacklogItem.js';
import { namesChurnWork } from './churn-words.js';
import { DAY_MS, parseInstant } from './dates.js';
import type { Draft } from './draft.js';
import type { GoalSignalInput } from './engine-input.js';
import { jaccard } from './fingerprint.js';
import { goalWords } from './goal-value.js';
import { churnGoalOn, goalNaming, servesByName, wordsServing } from './serve-signals.js';
import { mayReach, mentionsAny, significantTokens, WORK_VERBS } from './tokens.js';

/**
 * What a title says the work is, for comparing a playbook's proposal with finished work: its
 * significant words without numbers, verbs of doing, or the project's own name (every title of a
 * project's work carries it).
 */
export function workWords(
  title: string,
  projectName: string | null,
  wordsOfTitle: (title: string) => readonly string[] = titleWorkWords,
): string[] {
  const words = wordsOfTitle(title);
  if (projectName === null) return [...words];
  const project = new Set(significantTokens(projectName));
  return words.filter((w) => !project.has(w));
}

/** What a title says the work is, but for its project's name (see workWords). */
export function titleWorkWords(title: string): string[] {
  return significantTokens(title).filter((w) => !/^\d+$/.test(w) && !WORK_VERBS.has(w));
}

/** A playbook draft that repeats finished work, with what it repeats. */
export interface Repeat {
  /** The work it repeats, or answers the same as: a ref (`T-12`) or what it is. */
  done: Pick<DoneWork, 'ref'>;
  similarity: number;
  note: string;
  /**
   * Not the same work: finished work that answers what the draft answers, whose effect has not
   * had time to show (see answeredRecently, answeredGoal).
   */
  answered?: true;
  /** Work approved or under way on what the draft would ask about (see onGoalAlready). */
  reason?: 'duplicate';
}

/**
 * The finished work of its project a playbook's proposal repeats, or null. A playbook instantiated
 * after the team's own item was done ("Create a pricing page…" after "Build 'Pricing page…'") is
 * that work again, under another key, so memory by key alone would propose it again. One-off work
 * is held for good; recurring work once its period has passed comes back.
 */
export function repeatOf(
  draft: Draft,
  done: readonly DoneWork[],
  now: string,
  threshold: number,
  wordsOf: (work: DoneWork) => readonly string[],
  wordsOfTitle: (title: string) => readonly string[] = titleWorkWords,
): Repeat | null {
  if (done.length === 0) return null;
  const words = workWords(draft.title, draft.projectName, wordsOfTitle);
  if (words.length === 0) return null;
  // Most finished work shares too few of the words to be alike: its title is not split into words.
  const reach = mayReach(words, threshold);
  let best: { done: DoneWork; similarity: number } | null = null;
  for (const work of done) {
    if (!reach(work.title)) continue;
    const similarity = jaccard(words, wordsOf(work));
    if (similarity >= threshold && (best === null || similarity > best.similarity))
      best = { done: work, similarity };
  }
  if (best === null) return null;
  const on = best.done.at.slice(0, 10);
  const what = `repeats ${best.done.ref} '${best.done.title}', done on ${on}`;
  if (draft.recurDays === null) return { ...best, note: `${what}; one-off work is not proposed again` };
  const next = parseInstant(best.done.at) + draft.recurDays * DAY_MS;
  if (parseInstant(now, 'now') >= next) return null;
  return {
    ...best,
    note: `${what}; it recurs every ${draft.recurDays} days, next after ${new Date(next).toISOString().slice(0, 10)}`,
  };
}

/**
 * Days after the team finished work of its own that answers a churn rise, a revenue fall or failing
 * payments (its title names them: see wordsServing) in which no playbook answers that signal
 * again: the work's effect shows only in the revenue of the periods after it.
 */
export const ANSWERED_DAYS = 14;

/**
 * The tests of a signal's words (wordsServing gives each kind one list), made once: a plan asks
 * for every playbook draft of every churn rise, and a regular expression is not free to build.
 */
const namingTests = new WeakMap<
  readonly string[],
  { mentions: (text: string) => boolean; wanted: Set<string> }
>();
function namingTest(words: readonly string[]): { mentions: (text: string) => boolean; wanted: Set<string> } {
  let test = namingTests.get(words);
  if (test === undefined) {
    test = { mentions: mentionsAny(words), wanted: new Set(words) };
    namingTests.set(words, test);
  }
  return test;
}

/** What each signal answered by words is, in a note. */
const ANSWERED: Readonly<Record<string, string>> = {
  churn_rise: 'churn rise',
  revenue_fall: 'revenue fall',
  payment_failures: 'failing payments',
};

/**
 * The finished work of its project that answered, within ANSWERED_DAYS, the signal a playbook's
 * draft answers (the survey shipped two days ago answers the churn rise an interview would), or
 * null: its project's done features `done`, newest first. A trial's lead, told to interview
 * customers who cancelled the day the cancellation survey shipped, would reject it. Nor does the
 * hold end while the signal is still measured in a revenue period that ended before the work
 * (`evidenceTo`): a review found the interview back 14 days after the survey shipped, no month of
 * revenue recorded since, the same October figures standing for a churn still up.
 */
export function answeredRecently(draft: Draft, done: readonly DoneWork[], now: string): Repeat | null {
  const signal = draft.signals[0];
  if (draft.item !== null || signal === undefined || done.length === 0) return null;
  const words = wordsServing(signal);
  if (words === null) return null;
  const since = parseInstant(now, 'now') - ANSWERED_DAYS * DAY_MS;
  // The day after the period the signal was measured in: work done since cannot show in it.
  const measured = signal.evidenceTo === undefined ? null : parseInstant(signal.evidenceTo) + DAY_MS;
  const { mentions, wanted } = namingTest(words);
  // Named as a word, as items serve the signal (see naming): "Retaining scroll position" only
  // contains "retain". The title's cheap test first: most finished work names none of the words.
  const work = done.find((w) => {
    if (!mentions(w.title)) return false;
    const at = parseInstant(w.at);
    if (!(at >= since || (measured !== null && at >= measured))) return false;
    const titleWords = significantTokens(w.title);
    return titleWords.some((t) => wanted.has(t)) && servesByName(signal, titleWords);
  });
  if (work === undefined) return null;
  const what = `${work.ref} '${work.title}', done on ${work.at.slice(0, 10)}, answers the same ${ANSWERED[signal.kind] ?? signal.kind}`;
  const waits =
    measured !== null && parseInstant(work.at) >= measured
      ? `until a revenue period after it is in (the ${ANSWERED[signal.kind] ?? signal.kind} is measured in one that ended on ${signal.evidenceTo}), and not before ${answeredUntil(work)} UTC`
      : `until ${answeredUntil(work)} UTC`;
  return {
    done: work,
    similarity: 0,
    answered: true,
    note: `${what}; its effect needs time to show in the revenue, so no more is proposed for it ${waits}`,
  };
}

/**
 * The team's own work done for the goal a playbook's draft answers, within ANSWERED_DAYS (the
 * cancellation survey linked to a churn goal, shipped two days ago), or since the goal's latest
 * measurement, or null: the goal's playbooks (its diagnosis, an experiment) wait while that work
 * has had no time to show in the measurements, as a churn rise's research waits for the work that
 * answered it (answeredRecently). A review found the research back the day the 14 days ended,
 * nothing measured since the survey shipped, asking about the same figure again. The goal's own
 * playbook tasks done do not count: memory says what follows them.
 */
export function answeredGoal(draft: Draft, goals: readonly GoalSignalInput[], now: string): Repeat | null {
  const signal = draft.signals[0];
  if (draft.item !== null || signal?.kind !== 'goal_off_track') return null;
  const goal = goals.find((g) => g.goalId === signal.goalId);
  const work = goal?.lastWork;
  if (goal === undefined || work == null) return null;
  // Research done (an interview of those who cancelled) answers the goal's own research, not the
  // experiment that waited for it: a review's experiment, proposed after the interview, was held
  // the morning the interview was done, "its effect needs time to show".
  if (work.research === true && draft.category !== 'research') return null;
  const at = parseInstant(work.at);
  const measured = goal.measuredAt == null ? null : parseInstant(goal.measuredAt);
  const unmeasured = measured !== null && measured < at;
  const over = at < parseInstant(now, 'now') - ANSWERED_DAYS * DAY_MS;
  if (!unmeasured && over) return null;
  // Once its days are over, only the measurement is waited for (a date past reads as a hold ended).
  const waits = unmeasured
    ? `until a value measured after it is recorded (the latest was measured on ${goal.measuredAt?.slice(0, 10)}, before it was done)${over ? '' : `, and not before ${answeredUntil(work)} UTC`}`
    : `until ${answeredUntil(work)} UTC`;
  const done = `${work.ref} "${work.title}", done on ${work.at.slice(0, 10)}`;
  return {
    done: work,
    similarity: 0,
    answered: true,
    note:
      work.research === true
        ? `${done}, looked into what goal ${goal.metric} measures: no more research is proposed for it ${waits}`
        : `${done}, ${work.linked ? 'serves goal' : 'works on what goal'} ${goal.metric}${work.linked ? '' : ' measures'}; its effect needs time to show in the measurements, so no more is proposed for it ${waits}`,
  };
}

/**
 * How the team takes a feature filed again out of the backlog when it is the work done already:
 * dropped, not set done. A review closed one the way its card said (\`feature set … done\`), and
 * it counted as a second piece of work shipped: its product's share of the gap counted on it
 * twice, the open work's dollars falling with it. One from GitHub is closed there.
 */
function sameWorkAgain(item: BacklogRef, ref: string): string {
  return item.source
    ? `close ${item.source.ref} on GitHub as a duplicate: the next sync takes it out of the backlog`
    : `\`goalpost feature drop ${item.id} --reason "done as ${ref}"\` takes it out of the backlog`;
}

/** What a goal's playbook draft is weighed against (see onGoalAlready). */
export interface GoalContext {
  goals: readonly GoalSignalInput[];
  /** The workspace's tasks proposed, approved or under way. */
  openTasks: readonly Task[];
  projectName: (id: number) => string | undefined;
}

/** Signals of customers leaving a product: what a churn goal of it measures. */
export const CHURN_SIGNALS: ReadonlySet<string> = new Set(['churn_rise', 'revenue_fall']);

/**
 * Work on what a goal measures, beside which its playbook draft (its research, an experiment)
 * would ask the same question twice, or null: a task approved or under way that is linked to the
 * goal, or, being no fix or upkeep, names what it measures (see goalNaming) or, for a goal on
 * customers leaving, names churn work or answers a churn rise or a revenue fall of a project the
 * goal is on (see churnGoalOn); for its research, a proposal awaiting its decision too. A review
 * found "find out why ledgerly_churn is 4 points above its target", its card saying nothing planned
 * works on it, the morning after the lead approved interviewing the customers who cancelled
 * Ledgerly (and "Cancel button does nothing", a bug, holding it, before fixes were told apart).
 * The goal's own playbook tasks are memory's.
 */
export function onGoalAlready(draft: Draft, ctx: GoalContext): Repeat | null {
  const signal = draft.signals[0];
  if (draft.item !== null || signal?.kind !== 'goal_off_track') return null;
  const goal = ctx.goals.find((g) => g.goalId === signal.goalId);
  if (goal === undefined) return null;
  const onGoal = worksOnGoal(goal.metric, ctx.projectName, signal.goalProduct ?? null);
  const task = ctx.openTasks.find((t) => {
    // A proposal awaiting its decision asks the question as the research would (as in one batch:
    // see askedTwice in plan-batch); only work the team took on holds what the goal does about it.
    if (t.status === 'proposed' && draft.category !== 'research') return false;
    if (t.goalId === goal.goalId) return t.playbookKey === null || t.signal !== 'goal_off_track';
    return isGoalWork(t.category) && onGoal(t.title, t.projectId, t.signal);
  });
  if (task === undefined) return null;
  return {
    done: { ref: task.ref },
    similarity: 0,
    reason: 'duplicate',
    note: `${task.ref} "${task.title}" (${task.status.replace('_', ' ')}) works on what goal ${goal.metric} measures: no more is proposed for it while that is open`,
  };
}

/**
 * A test of whether work of a project, not linked to a goal, works on what the goal measures: its
 * title names it (see goalNaming), or, for a goal on customers leaving, the work is of a project
 * the goal is on (see churnGoalOn) and names churn work or answers a churn rise or a revenue fall
 * (`signal`, a playbook task's). Fixes and upkeep are the caller's to leave out (see isGoalWork).
 */
export function worksOnGoal(
  metric: string,
  projectName: (id: number) => string | undefined,
  product: string | null = null,
): (title: string, projectId: number | null, signal?: string | null) => boolean {
  const names = goalNaming(goalWords(metric));
  const churnOn = churnGoalOn(metric, projectName, product);
  return (title, projectId, signal) => {
    if (names(title, projectId === null ? null : (projectName(projectId) ?? null))) return true;
    if (churnOn === null || !churnOn(projectId)) return false;
    return (signal != null && CHURN_SIGNALS.has(signal)) || namesChurnWork(significantTokens(title));
  };
}

/** When a hold on work answered by `work` ends, to the minute: a hold that ends at noon still holds that morning. */
function answeredUntil(work: DoneWork): string {
  return new Date(parseInstant(work.at) + ANSWERED_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

/**
 * For each bug or feature of `drafts` whose words are those of one its project finished before (a
 * Jaccard similarity of `threshold` or more, as duplicates are told), the note its reasoning gets:
 * an item filed again after the work was done (a new GitHub issue, a report or request typed
 * again) is a new item memory knows nothing of. A lead wants to know a fix may not have held, and
 * that a feature may be work the team already shipped (a review found "subscription admin
 * dashboards!" proposed at full value the day the dashboard was done). `done` are the drafts'
 * kind's finished items of their projects (fixed bugs, done features), newest first: the latest
 * is named. Only drafts of `kind` are read.
 */
export function comeBackNotes(
  drafts: readonly Draft[],
  done: readonly DoneWork[],
  threshold: number,
  kind: 'bug' | 'feature' = 'bug',
): Map<Draft, string> {
  const notes = new Map<Draft, string>();
  if (done.length === 0) return notes;
  const byProject = new Map<number, DoneWork[]>();
  for (const f of done) {
    const list = byProject.get(f.projectId);
    if (list === undefined) byProject.set(f.projectId, [f]);
    else list.push(f);
  }
  // Compared as the drafts' titles are written: `Fix '…' in P`, or `Build '…' for P`.
  const titled = (title: string, projectName: string): string =>
    kind === 'bug'
      ? itemTitle('critical', { status: 'fixed', title }, projectName)
      : itemTitle('feature', { status: 'planned', title }, projectName);
  for (const draft of drafts) {
    const item = draft.item;
    if (item?.kind !== kind || draft.projectId === null) continue;
    const candidates = byProject.get(draft.projectId);
    if (candidates === undefined) continue;
    const words = titleWorkWords(draft.title);
    const match = candidates.find(
      (f) =>
        f.title !== '' &&
        jaccard(words, titleWorkWords(titled(f.title, draft.projectName ?? ''))) >= threshold,
    );
    if (match === undefined) continue;
    const on = match.at.slice(0, 10);
    notes.set(
      draft,
      kind === 'bug'
        ? `A bug of the same words was fixed as ${match.ref} on ${on}: it may have come back`
        : `A feature of the same words was done as ${match.ref} on ${on} ('${match.title}'): if this is that work again, ${sameWorkAgain(item, match.ref)}`,
    );
  }
  return notes;
}

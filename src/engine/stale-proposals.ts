import type { SignalKind } from '../domain/playbook.js';
import type { Task } from '../domain/task.js';
import type { Signal, WithdrawnProposal } from './batch-plan.js';
import { gapPart, possessive } from './format.js';

type Said = (project: string, subject: string) => string;

/** What a playbook task answered, by its signal's kind, as a sentence names it. */
const ANSWERED: Record<SignalKind, Said> = {
  revenue_gap: (p) => gapPart(p),
  blocker: (p) => `the blocker in ${p}`,
  near_completion: (p) => `the last features of ${p}`,
  focus_gap: (_, s) => `the neglected focus area ${s}`,
  stale_project: (p) => `${p} standing idle`,
  churn_rise: (p) => `${possessive(p)} rising churn`,
  revenue_fall: (p, s) => `${possessive(p)} fall in revenue in ${s}`,
  payment_failures: (p) => `${possessive(p)} failed payments`,
  goal_off_track: (_, s) => `goal ${s}`,
};

/** What a plan finds once the signal is gone, by its kind (a share of the revenue gap: see gapGone). */
const GONE: Record<Exclude<SignalKind, 'revenue_gap'>, Said> = {
  blocker: (p) => `the blocker in ${p} is fixed`,
  near_completion: (p) => `${p} is no longer near completion`,
  focus_gap: (_, s) => `focus area ${s} is no longer neglected`,
  stale_project: (p) => `${p} is no longer idle`,
  churn_rise: (p) => `${possessive(p)} churn is no longer rising`,
  revenue_fall: (p, s) => `${possessive(p)} latest revenue no longer shows the fall of ${s}`,
  payment_failures: (p) => `${p} no longer has a spike of failed payments`,
  goal_off_track: (_, s) => `goal ${s} is no longer off track or at risk`,
};

const isKind = (kind: string | null): kind is SignalKind => kind !== null && kind in ANSWERED;

/** What a plan knows that tells a proposal's reason gone (see staleProposals). */
export interface PlanFound {
  /** The workspace's signals today. */
  signals: readonly Signal[];
  /** The signals the plan passed to playbooks: nothing else serves them. */
  answered: ReadonlySet<Signal>;
  /** The signals a playbook task of the plan answers. */
  draftedFor: ReadonlySet<Signal>;
  /** The memory keys of the plan's playbook tasks. */
  drafted: ReadonlySet<string>;
  /** Open tasks a candidate of the plan was dropped as a duplicate of: their work was found again. */
  foundAgain: ReadonlySet<string>;
  /**
   * The memory keys of the plan's playbook tasks held as duplicates of work approved or under way
   * (see onGoalAlready), each with that work's ref.
   */
  heldForOpenWork?: ReadonlyMap<string, string>;
  /**
   * The memory keys of the plan's work held so that its proposals awaiting a decision are
   * withdrawn, each with why: a playbook's, by a rejection of the same playbook's work on another
   * product as work that is not the team's (see recallElsewhere); a backlog item's, with its
   * product the team put off (see recallPutOff).
   */
  heldWithdrawn?: ReadonlyMap<string, string>;
  /** The active projects' ids. */
  active: ReadonlySet<number>;
  /** The keys of the workspace's playbooks: a proposal's playbook the team removed no longer answers anything. */
  playbooks: ReadonlySet<string>;
  /** The revenue gap today. */
  gap: number;
}

/** Signals answered on a chosen project, or none: their tasks may move from one project to another. */
const WORKSPACE_WIDE: ReadonlySet<string> = new Set(['focus_gap', 'goal_off_track']);

/**
 * The playbook tasks awaiting a decision whose reason is gone from today's plan: no playbook task
 * of this plan is their work (the same memory key), because the signal they answered is over (the
 * churn no longer rises, the gap closed), or the team's own work or another task answers it now
 * (the product's features came back to the backlog), or their playbook no longer answers it. Left
 * proposed, such a task would keep the dollars it claimed beside the work that claims them now,
 * and a lead would be asked to approve work that no longer answers anything. Every signal of a
 * plan is drafted for, whatever part of the workspace it is on, so a key not drafted is a reason
 * gone. Left alone: work approved (a retry is, when asked for); a proposal a candidate of the plan
 * duplicates (the team typed the same work into its backlog: the plan found it again); one on a
 * project that is not active (a paused project's work waits with it); one that approved or
 * started work waits for (the team committed to what follows it); and a neglected focus area's or
 * a goal's task whose signal this plan answers on another project. A goal's task the plan holds as
 * the duplicate of work approved or under way on what the goal measures is withdrawn, naming that
 * work. Proposals made from the
 * backlog are withdrawn when their item is done or goes (see withdrawProposals), not here.
 */
export function staleProposals(openTasks: readonly Task[], found: PlanFound): WithdrawnProposal[] {
  const awaited = new Set<string>();
  for (const t of openTasks) if (t.status !== 'proposed') for (const ref of t.dependsOn) awaited.add(ref);
  const out: WithdrawnProposal[] = [];
  for (const t of openTasks) {
    if (t.status !== 'proposed' || t.memoryKey === null) continue;
    // Proposed beside the work the team has since rejected as not its own on another product, or
    // put off with its whole product: the same answer holds for this one (a lead would reject it
    // for the same reason).
    const withdrawn = found.heldWithdrawn?.get(t.memoryKey);
    if (withdrawn !== undefined && !awaited.has(t.ref)) {
      out.push({ ref: t.ref, title: t.title, why: withdrawn });
      continue;
    }
    if (t.playbookKey === null) continue;
    // A goal's research proposed yesterday, while the team approved work on what the goal measures
    // since (a cancellation survey): the plan holds it as that work's duplicate, and so does this.
    const by = found.heldForOpenWork?.get(t.memoryKey);
    // Withdrawn for work the team took on, not beside another proposal awaiting its decision.
    const committed = by !== undefined && openTasks.some((o) => o.ref === by && o.status !== 'proposed');
    if (committed && !awaited.has(t.ref)) {
      const what = isKind(t.signal)
        ? ANSWERED[t.signal](t.projectName ?? '', (t.subject ?? '').replace(/^goal:/, ''))
        : 'it';
      out.push({ ref: t.ref, title: t.title, why: `${by} works on ${what} now` });
      continue;
    }
    if (found.drafted.has(t.memoryKey) || found.foundAgain.has(t.ref) || awaited.has(t.ref)) continue;
    if (t.projectId !== null && !found.active.has(t.projectId)) continue;
    const project = t.projectName ?? '';
    const subject = (t.subject ?? '').replace(/^goal:/, '');
    if (!isKind(t.signal)) {
      out.push({ ref: t.ref, title: t.title, why: 'what it was proposed for no longer holds' });
      continue;
    }
    const kind = t.signal;
    const wide = WORKSPACE_WIDE.has(kind);
    const signal = found.signals.find(
      (s) => s.kind === kind && (s.subject ?? null) === t.subject && (wide || s.projectId === t.projectId),
    );
    if (signal !== undefined && wide && found.draftedFor.has(signal)) continue;
    const what = ANSWERED[kind](project, subject);
    // Passed to playbooks and drafted for by none: a neglected focus area another signal's task
    // works on (see instantiatePlaybooks), a stale project other work is on (see
    // reviewsBesideWork), or a signal no playbook answers any more.
    const covered =
      (kind === 'focus_gap' || kind === 'stale_project') &&
      signal !== undefined &&
      !found.draftedFor.has(signal);
    const why =
      signal === undefined
        ? kind === 'revenue_gap'
          ? gapGone(project, found.gap)
          : GONE[kind](project, subject)
        : found.answered.has(signal) && !covered && !found.playbooks.has(t.playbookKey)
          ? `playbook ${t.playbookKey} no longer answers ${what}`
          : `other work answers ${what} now`;
    out.push({ ref: t.ref, title: t.title, why });
  }
  return out;
}

/** Why a task for a share of the revenue gap lost it: the gap closed, or it is no longer the project's (or the workspace's). */
function gapGone(project: string, gap: number): string {
  if (gap <= 0) return 'the revenue gap is closed';
  return project === ''
    ? "the revenue gap is the earning products' to win now"
    : `${project} has no share of the revenue gap now`;
}

import type { SignalKind } from '../domain/playbook.js';
import type { Task } from '../domain/task.js';
import type { Signal, WithdrawnProposal } from './batch-plan.js';
import { possessive } from './format.js';

type Said = (project: string, subject: string) => string;

/** What a playbook task answered, by its signal's kind, as a sentence names it. */
const ANSWERED: Record<SignalKind, Said> = {
  revenue_gap: (p) => (p === '' ? 'the revenue gap' : `${possessive(p)} share of the revenue gap`),
  blocker: (p) => `the blocker in ${p}`,
  near_completion: (p) => `the last features of ${p}`,
  focus_gap: (_, s) => `the neglected focus area ${s}`,
  stale_project: (p) => `${p} standing idle`,
  churn_rise: (p) => `${possessive(p)} rising churn`,
  revenue_fall: (p, s) => `${possessive(p)} fall in revenue in ${s}`,
  payment_failures: (p) => `${possessive(p)} failed payments`,
  goal_off_track: (_, s) => `goal ${s}`,
};

/** What a plan finds once the signal is gone, by its kind. */
const GONE: Record<SignalKind, Said> = {
  revenue_gap: (p) => (p === '' ? 'the revenue gap is closed' : `${p} has no share of a revenue gap now`),
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

/**
 * The playbook tasks awaiting a decision whose reason is gone from today's plan: no playbook task
 * of this plan is their work (the same memory key), because the signal they answered is over (the
 * churn no longer rises, the gap closed), or the team's own work or another task answers it now
 * (the product's features came back to the backlog), or their playbook no longer answers it. Left
 * proposed, such a task would keep the dollars it claimed beside the work that claims them now,
 * and a lead would be asked to approve work that no longer answers anything. Every signal of a
 * plan is drafted for, whatever part of the workspace it is on, so a key not drafted is a reason
 * gone. Only proposals: work approved (a retry is, when asked for) is the team's to finish or
 * cancel. Proposals made from the backlog are withdrawn when their item is done or goes (see
 * withdrawProposals), not here.
 */
export function staleProposals(
  openTasks: readonly Task[],
  signals: readonly Signal[],
  answered: ReadonlySet<Signal>,
  drafted: ReadonlySet<string>,
): WithdrawnProposal[] {
  const out: WithdrawnProposal[] = [];
  for (const t of openTasks) {
    if (t.status !== 'proposed' || t.playbookKey === null || t.memoryKey === null) continue;
    if (drafted.has(t.memoryKey)) continue;
    const project = t.projectName ?? '';
    const subject = (t.subject ?? '').replace(/^goal:/, '');
    if (!isKind(t.signal)) {
      out.push({ ref: t.ref, title: t.title, why: 'what it was proposed for no longer holds' });
      continue;
    }
    const kind = t.signal;
    const signal = signals.find(
      (s) => s.kind === kind && s.projectId === t.projectId && (s.subject ?? null) === t.subject,
    );
    const what = ANSWERED[kind](project, subject);
    const why =
      signal === undefined
        ? GONE[kind](project, subject)
        : answered.has(signal)
          ? `playbook ${t.playbookKey} no longer answers ${what}`
          : `other work answers ${what} now`;
    out.push({ ref: t.ref, title: t.title, why });
  }
  return out;
}

import type { Signal, Stake } from './batch-plan.js';
import { churnBumpText } from './churn-bump.js';
import { formatRate, formatUsd, round } from './format.js';
import {
  type ChurnBump,
  type ProjectState,
  type RevenueSource,
  revenuePeriodName,
} from './workspace-state.js';

/**
 * A recent period's churn bump on a source whose latest churn did not rise (see churnBumpOf): a
 * churn_rise, as its playbook (interviewing those who left) answers it alike, measured in the
 * bump's period, so research done since holds it back (see recall) and a later month's rise is a
 * new question. What is at stake is the MRR its extra churn took, not won back: revenue lost
 * already, which work may win back (`lost`), and which the revenue gap counts too (`withinGap`),
 * as a revenue fall's. Not the rise's loss a month over months: its churn is back to its usual.
 */
export class ChurnBumpSignal implements Signal {
  readonly kind = 'churn_rise';
  readonly key: string;
  readonly projectId: number | null;
  readonly focusArea: string | null;
  readonly stake: Stake;
  readonly urgency: number;
  readonly evidenceTo: string;
  readonly evidenceFrom: string;
  private readonly bump: ChurnBump;

  constructor(
    private readonly source: RevenueSource,
    private readonly project: ProjectState | null,
    focusOf: (p: ProjectState) => string | null,
    readonly withinGap: Stake | undefined,
  ) {
    const bump = source.churnBump as ChurnBump;
    const id = source.projectId ?? 'workspace';
    this.bump = bump;
    this.key = `churn_rise:${id}`;
    this.projectId = source.projectId;
    this.focusArea = project === null ? null : focusOf(project);
    this.stake = {
      kind: 'revenue',
      key: `churn:${id}`,
      usd: bump.lostMrr,
      churn: true,
      lost: true,
      label: `the ${formatUsd(bump.lostMrr)}/month of MRR ${this.name} lost to ${bump.name}'s churn and has not won back`,
    };
    this.evidenceTo = bump.periodEnd;
    this.evidenceFrom = bump.periodStart;
    // As pressing as a revenue fall of as much (see RevenueFall).
    this.urgency = round(Math.min(1, 0.5 + (2 * bump.lostMrr) / Math.max(bump.mrrBefore, 1)));
  }

  private get name(): string {
    return this.project === null ? 'the workspace' : this.project.project.name;
  }

  get params(): Record<string, string> {
    return this.project === null ? {} : { project: this.name };
  }

  get fact(): string {
    const b = this.bump;
    const s = this.source;
    const who = this.project === null ? 'The workspace' : this.name;
    const since = s.churn === null ? '' : `; churn since: ${formatRate(s.churn)} in ${revenuePeriodName(s)}`;
    return (
      `${who} ${churnBumpText(b)} (churn ${formatRate(b.rate)}, against a typical ${formatRate(b.baseline.rate)})${since}. ` +
      `About ${formatUsd(b.lostMrr)}/month of MRR went with the extra customers and is not won back ` +
      `(${formatUsd(s.mrr)} a month in ${revenuePeriodName(s)}, against ${formatUsd(b.mrrBefore)} before ${b.name}), and the revenue forecast carries the loss`
    );
  }
}

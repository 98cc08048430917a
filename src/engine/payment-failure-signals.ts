import type { Signal } from './batch-plan.js';
import type { PaymentFailureInput } from './engine-input.js';
import { formatFixed, formatUsd, round } from './format.js';
import { groupBy } from './group-by.js';
import type { ProjectState } from './workspace-state.js';

const DAY_MS = 86_400_000;
/** The days a spike is looked for in: the last week. */
const SPIKE_WINDOW_DAYS = 7;
/** The weeks before that window whose weekly average is the project's usual rate. */
const BASELINE_WEEKS = 8;
/** How far back failures are read: the window and its baseline (longer than Stripe's longest retry schedule, 2 months). */
export const FAILURE_HISTORY_DAYS = SPIKE_WINDOW_DAYS * (1 + BASELINE_WEEKS);
/** Fewer failures in a week than this are no spike, whatever the usual rate (two in a week happen). */
const MIN_SPIKE_FAILURES = 3;
/** A week's failures at or above this multiple of the weekly average are a spike. */
const SPIKE_RATIO = 2;
/** Stripe's retries run out within weeks, and MRR still at risk then is churn: nearly as urgent as a critical bug. */
const URGENCY = 0.8;

/** What a project's failed payments add up to at `now`. */
interface FailureCounts {
  /** Invoices whose payment first failed in the last week. */
  recent: number;
  /** Failures per week over the weeks before it. */
  weeklyAverage: number;
  /** Unpaid failures: one per invoice. */
  unpaid: PaymentFailureInput[];
}

function countFailures(failures: readonly PaymentFailureInput[], now: string): FailureCounts {
  const end = new Date(now).getTime();
  const windowStart = end - SPIKE_WINDOW_DAYS * DAY_MS;
  const historyStart = end - FAILURE_HISTORY_DAYS * DAY_MS;
  let recent = 0;
  let before = 0;
  const unpaid: PaymentFailureInput[] = [];
  for (const f of failures) {
    const at = new Date(f.failedAt).getTime();
    if (at > end || at <= historyStart) continue;
    if (at > windowStart) recent += 1;
    else before += 1;
    if (f.settledAt === null || f.settledAt > now) unpaid.push(f);
  }
  return { recent, weeklyAverage: before / BASELINE_WEEKS, unpaid };
}

/** A spike: at least MIN_SPIKE_FAILURES this week and at least SPIKE_RATIO times the usual week. */
function isSpike(recent: number, weeklyAverage: number): boolean {
  return recent >= MIN_SPIKE_FAILURES && recent >= SPIKE_RATIO * weeklyAverage;
}

/** The MRR of the subscriptions behind unpaid invoices in the account's currency, each once. */
function mrrAtRisk(unpaid: readonly PaymentFailureInput[]): { usd: number; invoices: number } {
  const counted = unpaid.filter((f) => f.currency === f.accountCurrency);
  const bySubscription = new Map(counted.map((f) => [f.subscription, f.mrr]));
  let usd = 0;
  for (const mrr of bySubscription.values()) usd += mrr;
  return { usd: round(usd), invoices: counted.length };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "weekly average 1.2 over the 8 weeks before", or that there were none. */
function usualRate(weeklyAverage: number): string {
  return weeklyAverage === 0
    ? `none in the ${BASELINE_WEEKS} weeks before`
    : `weekly average ${formatFixed(weeklyAverage, 1)} over the ${BASELINE_WEEKS} weeks before`;
}

/** What is at risk, in words: the dollars on the unpaid invoices, and those in other currencies apart. */
function riskWords(
  unpaid: readonly PaymentFailureInput[],
  atRisk: { usd: number; invoices: number },
): string {
  const others = unpaid.length - atRisk.invoices;
  if (atRisk.invoices === 0)
    return `the ${plural(others, 'unpaid invoice')} bill other currencies, not counted in dollars`;
  const apart =
    others > 0
      ? ` (${plural(others, 'more unpaid invoice')} in other currencies, not counted in dollars)`
      : '';
  if (atRisk.usd === 0)
    return `the subscriptions of its ${plural(atRisk.invoices, 'unpaid invoice')} have already left MRR${apart}`;
  return `${formatUsd(atRisk.usd)}/month of MRR is at risk on ${plural(atRisk.invoices, 'unpaid invoice')}${apart}`;
}

/**
 * A project whose failed payments spiked this week (see isSpike) while some are still unpaid:
 * recovering them keeps the MRR of their subscriptions, which churns once Stripe's retries run out.
 * That MRR (in the account's currency, each subscription once) is the stake. Failures long paid
 * leave nothing to recover, so a spike without an unpaid invoice signals nothing.
 */
export function paymentFailureSignals(
  failures: readonly PaymentFailureInput[],
  active: readonly ProjectState[],
  focusOf: (p: ProjectState) => string | null,
  now: string,
): Signal[] {
  // Only a project with failures can spike: most have none, and a workspace with no Stripe none at all.
  if (failures.length === 0) return [];
  const byProject = groupBy(failures, (f) => f.projectId);
  return active.flatMap((p): Signal[] => {
    const of = byProject.get(p.project.id);
    if (of === undefined) return [];
    const { recent, weeklyAverage, unpaid } = countFailures(of, now);
    if (!isSpike(recent, weeklyAverage) || unpaid.length === 0) return [];
    const name = p.project.name;
    const atRisk = mrrAtRisk(unpaid);
    const customers = new Set(unpaid.map((f) => f.customer)).size;
    return [
      {
        kind: 'payment_failures',
        key: `payment_failures:project:${p.project.id}`,
        projectId: p.project.id,
        focusArea: focusOf(p),
        stake:
          atRisk.usd > 0
            ? {
                key: `failed_payments:${p.project.id}`,
                usd: atRisk.usd,
                label: `the ${formatUsd(atRisk.usd)}/month of MRR on ${plural(atRisk.invoices, 'unpaid invoice')} in ${name}`,
                kind: 'revenue',
              }
            : null,
        urgency: URGENCY,
        params: { project: name, customers: plural(customers, 'customer') },
        fact: `${plural(recent, 'payment')} failed in ${name} in the last ${SPIKE_WINDOW_DAYS} days (${usualRate(weeklyAverage)}); ${riskWords(unpaid, atRisk)}`,
      },
    ];
  });
}

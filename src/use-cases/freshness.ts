import type { Ctx } from '../domain/ctx.js';
import { addDays } from '../domain/due.js';
import { formatAgo, formatEvery } from '../domain/duration.js';
import { countsFromClause } from '../domain/revenue-period.js';
import { formatDollars } from '../engine/format.js';
import type { RevenueState } from '../engine/workspace-state.js';
import type { UseCaseDeps } from './deps.js';
import type { createMetricSourceUseCases } from './metric-sources.js';

/** How often the bot reads each Stripe account again unless told otherwise (STRIPE_SYNC_MINUTES). */
export const DEFAULT_STRIPE_SYNC_MINUTES = 360;
/**
 * How often an account is taken to be read when the bot reads none on a timer (STRIPE_SYNC_MINUTES
 * 0: a cron's `goalpost stripe sync` and the webhook keep it): once a day, as a daily digest needs.
 */
const UNTIMED_READ_MINUTES = 1440;

const latest = (dates: readonly string[]): string | null =>
  dates.reduce<string | null>((max, d) => (max === null || d > max ? d : max), null);

/**
 * Revenue typed for the whole workspace, counted beside Stripe's projects: most likely the same
 * money, typed before Stripe was connected (Stripe replaces a project's typed months, not the
 * workspace's own), so the milestone would count it twice. Said where the figure's source is
 * (the digest's revenue, `/goalpost revenue`, App Home, `revenue show`), with the way out.
 */
function typedBesideStripe(revenue: RevenueState): string {
  const stripe = revenue.sources.filter((s) => s.record.source === 'stripe');
  const typed = revenue.sources.find((s) => s.projectId === null && s.record.source === 'manual');
  if (typed === undefined || stripe.length === 0) return '';
  const fromStripe = stripe.reduce((sum, s) => sum + s.mrr, 0);
  return `; ${formatDollars(typed.mrr)}/month typed for the whole workspace (${typed.record.periodStart} → ${typed.record.periodEnd}) is counted on top of Stripe's ${formatDollars(fromStripe)}/month: if Stripe's subscriptions are that revenue, \`goalpost revenue remove --all\` removes the workspace's typed records (the projects' stay)`;
}

/**
 * Where each figure comes from and how fresh it is, and the feeds that have gone quiet: a stale
 * number shown as if current is worse than none, so a digest says when MRR or a goal's metric has
 * stopped arriving. `stripeSyncMinutes`: how often the bot reads Stripe again; an account not read
 * for twice that is a warning.
 */
export function createFreshnessUseCases(
  deps: UseCaseDeps & { stripeSyncMinutes: number },
  /** Made on first use (the warnings): `goalpost state` asks only where revenue comes from. */
  metricSources: () => ReturnType<typeof createMetricSourceUseCases>,
) {
  const { store } = deps;

  return {
    /**
     * `mrr from Stripe, updated 3 min ago`, for the revenue the engine counts now; when none counts
     * yet but a period not over is recorded (revenue typed for this month), the day it will count;
     * else null.
     */
    revenue(ctx: Ctx, revenue: RevenueState): string | null {
      const nowMs = deps.clock.now().getTime();
      const ago = (at: string) => `updated ${formatAgo(nowMs - Date.parse(at))}`;
      const billed = latest(
        revenue.sources.filter((s) => s.record.source === 'stripe').map((s) => s.record.createdAt),
      );
      const typed = latest(
        revenue.sources.filter((s) => s.record.source === 'manual').map((s) => s.record.createdAt),
      );
      if (billed && typed) {
        return `mrr from Stripe (${ago(billed)}) and typed in (${ago(typed)})${typedBesideStripe(revenue)}`;
      }
      if (billed) return `mrr from Stripe, ${ago(billed)}`;
      if (typed) return `mrr typed in, ${ago(typed)}`;
      // No source counts yet: a period not over may be recorded (this month's, typed in chat).
      const end = store.revenue.firstEndFrom(ctx.workspaceId, deps.clock.now().toISOString().slice(0, 10));
      return end === null ? null : `recorded for a period not over yet${countsFromClause(addDays(end, 1))}`;
    },

    /**
     * What has stopped arriving: a metric source silent for two of its intervals, a Stripe account
     * whose last read failed, or one not read for twice the sync interval (a day's with the bot's
     * timer off: with 0, every read was "overdue" the moment it was made).
     */
    warnings(ctx: Ctx): string[] {
      const nowMs = deps.clock.now().getTime();
      const ago = (at: string) => formatAgo(nowMs - Date.parse(at));
      const out: string[] = [];
      const every = deps.stripeSyncMinutes > 0 ? deps.stripeSyncMinutes : UNTIMED_READ_MINUTES;
      for (const account of store.stripe.accounts(ctx.workspaceId)) {
        const read = account.syncedAt === null ? 'never read' : `last read ${ago(account.syncedAt)}`;
        // A read that works clears the failure, so one recorded came after the last good read.
        if (account.failedAt !== null) {
          out.push(
            `Stripe account ${account.accountId}: reading it failed ${ago(account.failedAt)} (${account.failure ?? 'no reason given'}); the MRR shown was ${read}`,
          );
        } else if (account.syncedAt === null || nowMs - Date.parse(account.syncedAt) > 2 * every * 60_000) {
          out.push(
            `MRR from Stripe account ${account.accountId} was ${read}: run \`goalpost stripe sync\`, or check that the bot runs and Stripe's webhook reaches it`,
          );
        }
      }
      for (const s of metricSources().silent(ctx)) {
        const feeds = s.series.map((x) => x.metric);
        const pushed =
          s.lastPushAt === null
            ? `has not pushed since it was added ${ago(s.createdAt)}`
            : `last pushed ${ago(s.lastPushAt)}`;
        out.push(
          `Metric source ${s.name} ${pushed} (expected every ${formatEvery(s.everyMinutes)})${feeds.length ? `: ${feeds.join(', ')} may be stale` : ''}`,
        );
      }
      return out;
    },
  };
}

import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { addDays, monthPeriod } from '../domain/due.js';
import type { RevenueRecord } from '../domain/project.js';
import type { RevenueBeside } from '../domain/revenue-period.js';
import {
  count,
  freeText,
  isoDate,
  type Loose,
  lazySchema,
  MAX_SUBSCRIPTIONS,
  money,
  monthKey,
  ratio,
  validate,
} from '../domain/validate.js';
import { listed } from '../domain/word-list.js';
import { monthlyRevenueOf } from '../engine/analyse-revenue.js';
import { daysInclusive } from '../engine/dates.js';
import { formatFixed, formatUsd, possessive } from '../engine/format.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createProjectUseCases } from './projects.js';

/** The shortest period revenue is recorded for: a week (a month reads it scaled by 30.44 ÷ its days). */
const MIN_PERIOD_DAYS = 7;

const revenueInput = lazySchema(() =>
  z.object({
    project: z.string().optional(),
    // A period: a calendar month, or --from and --to; neither, this month.
    month: monthKey().optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
    actual: money(),
    // Left out, a correction keeps what was typed for the period (see add); a new record, 0 and ''.
    projected: money().optional(),
    subscriptions: count({ limit: MAX_SUBSCRIPTIONS, said: '10^9' }).optional(),
    churn: ratio().optional(),
    notes: freeText(1000).optional(),
  }),
);

const removeInput = lazySchema(() =>
  z.object({
    project: z.string().optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
    all: z.boolean().default(false),
  }),
);

/**
 * A typed record, what the records it replaced said (the same source and period typed before),
 * and, for a period not over yet, the day it starts to count: analysis counts complete periods.
 */
export type TypedRevenue = RevenueRecord & {
  /** The project's name as stored (null: the whole workspace's), not as typed. */
  projectName: string | null;
  replaced: number[];
  /**
   * For a correction, what it changed besides the amount (which `replaced` says): `churn unknown
   * → 5%`; `nothing changed` when the amount did not either; [] otherwise.
   */
  changed: string[];
  countsFrom: string | null;
  /** Revenue of the other level for the same days, which sums with this record; null when none. */
  beside: RevenueBeside | null;
};

/** What a correction changed of the record it replaced, figure by figure, as a person reads them. */
function changesFrom(was: RevenueRecord, now: RevenueRecord): string[] {
  // To a tenth of a point, or to as many places as tell two rates apart (0.50% → 0.504%).
  const places = (a: number | null, b: number | null): number => {
    if (a === null || b === null || a === b) return 1;
    let n = 1;
    while (n < 6 && formatFixed(a * 100, n) === formatFixed(b * 100, n)) n += 1;
    return n;
  };
  const decimals = places(was.churnRate, now.churnRate);
  const churn = (c: number | null) => (c === null ? 'unknown' : `${formatFixed(c * 100, decimals)}%`);
  const figures: Array<[string, string, string]> = [
    ['subscriptions', String(was.subscriptions ?? 'unknown'), String(now.subscriptions ?? 'unknown')],
    ['churn', churn(was.churnRate), churn(now.churnRate)],
    ['projected', formatUsd(was.projected), formatUsd(now.projected)],
    ['notes', JSON.stringify(was.notes), JSON.stringify(now.notes)],
  ];
  const changed = figures.filter(([, a, b]) => a !== b).map(([name, a, b]) => `${name} ${a} → ${b}`);
  return changed.length === 0 && was.actual === now.actual ? ['nothing changed'] : changed;
}

/**
 * The period a record is typed for: `month` (refused before it has begun, in its own words), or
 * `from` and `to` together; neither, the month `today` falls in.
 * @throws ValidationError for a month beside dates, a date without the other, or a month ahead.
 */
function periodOf(
  p: { month?: string | undefined; from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string } {
  if (p.month !== undefined && (p.from !== undefined || p.to !== undefined)) {
    throw new ValidationError('month: give --month, or --from and --to, not both', 'month');
  }
  if ((p.from === undefined) !== (p.to === undefined)) {
    const given = p.from === undefined ? 'to' : 'from';
    throw new ValidationError(`${given}: give --from and --to together, or --month`, given);
  }
  if (p.from !== undefined && p.to !== undefined) return { from: p.from, to: p.to };
  const month = p.month ?? today.slice(0, 7);
  if (`${month}-01` > today) {
    throw new ValidationError(
      `month: ${month} has not begun (today is ${today}): revenue is what a period earned, recorded once it has begun`,
      'month',
    );
  }
  return monthPeriod(month);
}

/** `2026-09-01 → 2026-09-30 ($3,800)`, and the others after it: `… and 2 more`. */
function periodsText(records: readonly RevenueRecord[]): string {
  const [first] = records;
  if (first === undefined) return '';
  const more = records.length > 1 ? ` and ${records.length - 1} more` : '';
  return `${first.periodStart} → ${first.periodEnd} (${formatUsd(first.actual)})${more}`;
}

/**
 * The command that removes `records` (of the project named, or the workspace's own): the one's
 * period, or `period` when every one lies within it; null when no one command removes them all.
 */
function removeCommand(
  records: readonly RevenueRecord[],
  project: string | null,
  period: { from: string; to: string },
): string | null {
  const [first] = records;
  if (first === undefined) return null;
  const only = records.length === 1;
  if (!only && !records.every((r) => r.periodStart >= period.from && r.periodEnd <= period.to)) return null;
  const scope = project === null ? '' : ` --project ${JSON.stringify(project)}`;
  const from = only ? first.periodStart : period.from;
  const to = only ? first.periodEnd : period.to;
  return `goalpost revenue remove${scope} --from ${from} --to ${to}`;
}

/** How many records an overlap error names a remove command for, one each, before it points at the list. */
const REMOVES_NAMED = 3;

/** Why a period overlapping typed records (of the project named, or the workspace's own) is not written. */
function overlapError(
  period: { from: string; to: string },
  typed: readonly RevenueRecord[],
  project: string | null,
) {
  const whose = project === null ? 'the workspace itself' : project;
  // One command when one removes them all, else one for each (a few): never only "look them up".
  const one = removeCommand(typed, project, period);
  const each =
    one !== null
      ? [one]
      : typed.length <= REMOVES_NAMED
        ? typed.map((r) => removeCommand([r], project, period) as string)
        : null;
  const them = typed.length === 1 ? 'it' : 'them';
  return new ConflictError(
    `${period.from} → ${period.to} overlaps ${periodsText(typed)}, typed for ${whose} before: ` +
      `a source's periods follow one another, and the two would read as a change from one to the other; ` +
      `type that period again to correct it, or remove ${them} first (${each === null ? '`goalpost revenue show` lists them' : listed(each.map((c) => `\`${c}\``))}); nothing was written`,
  );
}

export function createRevenueUseCases(deps: UseCaseDeps, projects: ReturnType<typeof createProjectUseCases>) {
  const { store } = deps;
  return {
    list: (ctx: Ctx): RevenueRecord[] => store.revenue.list(ctx.workspaceId),

    /**
     * Removes typed records of one source (a project, or the workspace's own) lying within a period,
     * or all of them (`all`): a record typed by mistake, or workspace revenue typed before Stripe
     * was connected, which Stripe's months would otherwise be counted on top of. Stripe's records
     * are never removed here (a sync writes them again). Returns what was removed.
     * @throws ValidationError for no period and no `all`, or bad dates; NotFoundError when none lies there.
     */
    remove(ctx: Ctx, input: Loose<ReturnType<typeof removeInput>>): RevenueRecord[] {
      const r = validate(removeInput(), input);
      const dated = r.from !== undefined || r.to !== undefined;
      if (r.all && dated) throw new ValidationError('all: give --from and --to, or --all, not both', 'all');
      if (!r.all && !dated) {
        throw new ValidationError(
          'from: say which records: --from and --to (those within them), or --all',
          'from',
        );
      }
      if ((r.from === undefined) !== (r.to === undefined)) {
        const missing = r.from === undefined ? 'from' : 'to';
        throw new ValidationError(`${missing}: give --from and --to together`, missing);
      }
      const from = r.from ?? '0000-01-01';
      const to = r.to ?? '9999-12-31';
      if (to < from) throw new ValidationError(`to: must be on or after from (${from}), got ${to}`, 'to');
      return store.transaction(() => {
        const project = r.project === undefined ? null : projects.requireProject(ctx, r.project);
        const removed = store.revenue.removeTypedWithin(ctx.workspaceId, project?.id ?? null, from, to);
        if (removed.length === 0) {
          const whose = project === null ? 'the workspace itself (a project’s: --project)' : project.name;
          // A period typed a day off the record's: name the record it meant, and how to remove it.
          const near = r.all
            ? []
            : store.revenue.typedOverlapping(ctx.workspaceId, project?.id ?? null, from, to);
          // Each overlapping record's own period removes it: the first is named with its command.
          const nearest =
            near.length === 0
              ? ''
              : `; ${periodsText(near)} ${near.length === 1 ? 'overlaps' : 'overlap'} it: \`${removeCommand(near.slice(0, 1), project?.name ?? null, { from, to })}\` removes ${near.length === 1 ? 'that one' : 'the first'}`;
          throw new NotFoundError(
            `no typed revenue for ${whose}${r.all ? '' : ` within ${from} → ${to}`}${nearest}; \`goalpost revenue show\` lists the records; nothing was removed`,
          );
        }
        return removed;
      });
    },

    /**
     * Records revenue for a period; typed again for the same source and period, it corrects what was
     * typed (one figure a period: two would read as growth from one to the other), keeping the
     * figures the correction leaves out (subscriptions, churn, projected, notes). A period that
     * overlaps another typed for the same source is refused: analysis reads a source's records as
     * one series, period after period, and would read the two as a change from one to the other.
     * @throws ValidationError (dates, money), NotFoundError (project) or ConflictError (overlap, Stripe).
     */
    add(ctx: Ctx, input: Loose<ReturnType<typeof revenueInput>>): TypedRevenue {
      /**
       * A period reads as a month (monthlyRevenueOf): a few days of it scale up tenfold (a
       * walkthrough's three days of a launch, $87, read as $883/month and closed the gap by as
       * much). One typed before this check is named with the command that removes it.
       */
      const refuseShortPeriod = (
        r: { from: string; to: string; actual: number },
        project: { id: number; name: string } | null,
      ) => {
        const days = daysInclusive(r.from, r.to);
        if (days >= MIN_PERIOD_DAYS) return;
        const before = store.revenue.typedPeriod(ctx.workspaceId, project?.id ?? null, r.from, r.to);
        const remove =
          before.length === 0
            ? ''
            : `; the same period typed before (${periodsText(before)}) is removed with \`${removeCommand(before, project?.name ?? null, r)}\``;
        throw new ValidationError(
          `to: ${r.from} → ${r.to} is ${days} ${days === 1 ? 'day' : 'days'}, and a period's revenue reads as a month's: ${formatUsd(r.actual)} would read as ${formatUsd(monthlyRevenueOf({ periodStart: r.from, periodEnd: r.to, actual: r.actual }))}/month; record a week or more, or the month (--month ${r.from.slice(0, 7)})${remove}; nothing was written`,
          'to',
        );
      };
      const v = validate(revenueInput(), input);
      const today = nowIso(deps).slice(0, 10);
      const r = { ...v, ...periodOf(v, today) };
      if (r.to < r.from)
        throw new ValidationError(`to: must be on or after from (${r.from}), got ${r.to}`, 'to');
      if (r.from > today) {
        throw new ValidationError(
          `from: ${r.from} is after today (${today}): revenue is what a period earned, recorded once it has begun`,
          'from',
        );
      }
      return store.transaction(() => {
        const project = r.project === undefined ? null : projects.requireProject(ctx, r.project);
        refuseShortPeriod(r, project);
        if (project !== null && store.stripe.fedProjects(ctx.workspaceId).has(project.id)) {
          throw new ConflictError(
            `${possessive(project.name)} revenue comes from Stripe, month by month: \`goalpost stripe sync\` brings it up to date; nothing was written`,
          );
        }
        const overlapped = store.revenue.typedOverlapping(ctx.workspaceId, project?.id ?? null, r.from, r.to);
        if (overlapped.length > 0) throw overlapError(r, overlapped, project?.name ?? null);
        const replaced = store.revenue.removeTypedPeriod(ctx.workspaceId, project?.id ?? null, r.from, r.to);
        // A correction of one figure keeps the others typed for the period (the latest of them).
        const was = replaced.at(-1);
        const record = store.revenue.add(
          {
            workspaceId: ctx.workspaceId,
            projectId: project?.id ?? null,
            periodStart: r.from,
            periodEnd: r.to,
            actual: r.actual,
            projected: r.projected ?? was?.projected ?? 0,
            subscriptions: r.subscriptions ?? was?.subscriptions ?? null,
            churnRate: r.churn ?? was?.churnRate ?? null,
            notes: r.notes ?? was?.notes ?? '',
          },
          nowIso(deps),
        );
        const countsFrom = r.to >= today ? addDays(r.to, 1) : null;
        const changed = was === undefined ? [] : changesFrom(was, record);
        // A review's lead typed "our MRR was $2,000" as the workspace's own beside the projects'
        // $800 and $1,200: revenue read $4,000, silently. Said, not refused: a workspace may earn
        // beside its projects (services, a product not tracked as a project).
        const other = store.revenue.otherLevelOverlapping(ctx.workspaceId, project?.id ?? null, r.from, r.to);
        return {
          ...record,
          projectName: project?.name ?? null,
          replaced: replaced.map((x) => x.actual),
          changed,
          countsFrom,
          beside:
            other.records === 0 ? null : { level: project === null ? 'projects' : 'workspace', ...other },
        };
      });
    },
  };
}

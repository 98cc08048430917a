import * as z from 'zod';
import { compareText } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import type { FeedbackNote, Goal, Lesson } from '../domain/goal.js';
import { MAX_POINTS } from '../domain/robust-line.js';
import type { RejectedWork } from '../domain/task.js';
import { isoDate, type Loose, lazySchema, oneOf, validate } from '../domain/validate.js';
import type { Vision } from '../domain/vision.js';
import { analyseRevenue, analyseSource, recordsBySource } from '../engine/analyse-revenue.js';
import { DAY_MS, endOfMonth, isMonthKey, monthKeyOf } from '../engine/dates.js';
import { round } from '../engine/format.js';
import { rejectMemoryDays } from '../engine/memory.js';
import { noDislike } from '../engine/reason-dates.js';
import { notTheTeamsWork } from '../engine/reason-owner.js';
import type { RevenueState } from '../engine/workspace-state.js';
import { ValidationError } from '../errors.js';
import {
  type AdjustRecommendation,
  type OutcomeTally,
  type RuledOut,
  recommendAdjustments,
  rejectionTallies,
  type TrendEffect,
} from '../feedback/adjust.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import { type GoalSuggestion, suggestNext } from '../feedback/suggest-next.js';
import type { LoggedEvent } from '../store/event-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createGoalUseCases } from './goals.js';

/** The most words a rejection only putting work off has to be left out of the Lessons: `not this quarter`, `duplicate of T-3`. */
const PUT_OFF_WORDS = 5;

/** How many months of revenue a chart shows, up to this one. */
const CHART_MONTHS = 12;

/** One goal's measurements, with where it should get and by when (a chart's data). */
export interface GoalSeries {
  goal: Goal;
  /**
   * The measurements by time: every one, or, with `days` and `measured`, the first and at least
   * the latest MAX_POINTS (what its trend line is fitted on: see theilSen).
   */
  points: Array<{ at: string; value: number }>;
  /** Each day's last measurement, by day (`at` the day): what the chart plots. From `points` when absent. */
  days?: Array<{ at: string; value: number }>;
  /** How many measurements there are; `points.length` when absent. */
  measured?: number;
  /** Where the trend puts it at the deadline (see analyseGoal); null without a trend. */
  forecast: number | null;
  /** Where the forecast starts at the latest measurement (see GoalAnalytics); that measurement when absent. */
  forecastFrom?: number | null;
  /** When the forecast starts (see GoalAnalytics.forecastAt); the latest measurement's time when absent. */
  forecastAt?: string | null;
}

/** The month under way, from the records that ended in it so far (see RevenueSeries). */
export interface MonthInProgress {
  /** `YYYY-MM`: this month. */
  month: string;
  /** What `state` says now: each current source's latest complete record. */
  mrr: number;
  /** The last day this month's records cover (`YYYY-MM-DD`). */
  through: string;
  /** Current sources with a record ended this month, of `sources`: the rest count with an older one. */
  recorded: number;
  sources: number;
}

/** Monthly revenue (MRR over every project) and the vision's dated targets (a chart's data). */
export interface RevenueSeries {
  /** Complete months only: a month under way is no month's revenue yet. */
  months: Array<{ month: string; mrr: number }>;
  /** This month, when a record has ended in it: what it has so far, never compared with a month. */
  inProgress?: MonthInProgress;
  targets: Array<{ month: string; target: number }>;
  /**
   * The target `state` plans against (see pickMilestone), with the growth a month it needs and
   * the nearer target it binds past; absent without a vision.
   */
  planned?: Pick<RevenueState, 'milestone' | 'requiredPace'>;
}

/** What a report's charts draw: each goal's series, and revenue's. */
export interface ReportCharts {
  goals: GoalSeries[];
  revenue: RevenueSeries;
}

/** Everything the team did and learned since a date: the "document and share" step. */
export interface FeedbackReport {
  workspace: string;
  generatedAt: string;
  since: string;
  vision: Vision | null;
  goals: GoalAnalytics[];
  /** Decisions and steps from the event log. */
  actions: LoggedEvent[];
  /** Tasks done and failed in the period; a failure for a block outside the work counted apart (see TransitionResult.blocked). */
  outcomes: OutcomeTally & { byCategory: Record<string, OutcomeTally> };
  /** Manual lessons plus the reasons given for failures and rejections. */
  lessons: Array<Pick<Lesson, 'text' | 'source' | 'taskRef' | 'actor' | 'createdAt'>>;
  notes: FeedbackNote[];
  adjustments: AdjustRecommendation[];
  /** Monthly revenue over the complete months, with the vision's targets, as the revenue chart draws it. */
  revenue: RevenueSeries;
}

const reportInput = lazySchema(() =>
  z.object({
    since: isoDate().optional(),
    format: oneOf(['markdown', 'json'] as const).default('markdown'),
  }),
);

type ReportInput = z.output<ReturnType<typeof reportInput>>;

/**
 * The target `state` plans against, as analyseRevenue picks it: the first target after the latest
 * month named March's $11,000 while `state` planned for June's $20,000, which asks more growth a
 * month.
 */
function plannedOf(
  records: Parameters<typeof analyseRevenue>[0],
  vision: Vision,
  nowMs: number,
): NonNullable<RevenueSeries['planned']> {
  const { milestone, requiredPace } = analyseRevenue(records, vision, nowMs);
  return { milestone, requiredPace };
}

export function createReportUseCases(deps: UseCaseDeps, goals: ReturnType<typeof createGoalUseCases>) {
  const { store } = deps;
  /** Continue / modify / retire from outcomes, rejections and how shipped tasks moved their goals. */
  function adjustments(ctx: Ctx, analytics: readonly GoalAnalytics[]): AdjustRecommendation[] {
    const effects = new Map<string, TrendEffect>();
    for (const g of analytics) for (const a of g.actions) if (a.effect) effects.set(a.ref, a.effect);
    // The few shipped tasks with a measured effect are read; every task else is only counted.
    const measured = [...effects].flatMap(([ref, effect]) => {
      const task = store.tasks.findByRef(ctx.workspaceId, ref);
      return task === null ? [] : [{ category: task.category, playbookKey: task.playbookKey, effect }];
    });
    // Rejections count as the plan's damping counts them: those saying the team does not want the work.
    const rejected = store.tasks.rejected(ctx.workspaceId);
    const { disliked, putOff } = rejectionTallies(rejected);
    const tallies = [
      ...store.tasks.tallies(ctx.workspaceId).filter((t) => t.status !== 'rejected'),
      ...disliked,
    ];
    // A failure for a block outside the work says nothing of the work (see TransitionResult.blocked):
    // a review's features read "modify: 40% succeed", mostly from two blocks.
    return recommendAdjustments(
      tallies,
      measured,
      putOff,
      store.learning.blockedOutcomes(ctx.workspaceId),
      ruledOut(ctx, rejected),
    );
  }

  /**
   * The playbooks plans hold back on every product, as a rejection said their work is not the
   * team's (see notTheTeamsWork and rejectedElsewhereOf), while memory keeps that rejection: the
   * latest such reason of each, and the day its hold ends. A reason naming a product is that
   * product's alone.
   */
  function ruledOut(ctx: Ctx, rejected: readonly RejectedWork[]): Map<string, RuledOut> {
    const products = store.projects.list(ctx.workspaceId).map((p) => p.name);
    const kept = rejectMemoryDays(deps.rejectCooldownDays) * DAY_MS;
    const now = deps.clock.now().getTime();
    const out = new Map<string, RuledOut & { at: string }>();
    for (const r of rejected) {
      const at = Date.parse(r.updatedAt);
      if (r.playbookKey === null || r.reason === null || at + kept <= now) continue;
      if (!notTheTeamsWork(r.reason, products, at)) continue;
      const seen = out.get(r.playbookKey);
      if (seen !== undefined && seen.at >= r.updatedAt) continue;
      const until = new Date(at + kept).toISOString().slice(0, 10);
      out.set(r.playbookKey, { reason: r.reason, until, at: r.updatedAt });
    }
    return out;
  }

  /**
   * What the report's charts draw: each active goal's measurements and forecast (of its
   * `analytics`), and monthly revenue over the last CHART_MONTHS months (each month's as `state`
   * said it at the month's end: see revenueSeries) with the vision's revenue targets.
   * Only records whose period has ended count, as for the milestone: a month under way, recorded
   * by some projects and not yet by others, would chart as revenue falling.
   */
  function chartsOf(
    ctx: Ctx,
    analytics: readonly GoalAnalytics[],
    revenue: RevenueSeries = revenueSeries(ctx),
  ): ReportCharts {
    return {
      goals: analytics.map((a) => {
        // A day's last point, not every point: a year of five-minute pushes is 100,000 points
        // and 365 days, and a chart plots a point a day (read whole, `report --out` took 3.4 s
        // and 220 MB on such a goal).
        const series = store.goals.chartSeries(ctx.workspaceId, a.goal.metric, MAX_POINTS);
        return {
          goal: a.goal,
          points: series.ends,
          days: series.days,
          measured: series.count,
          forecast: a.forecast,
          forecastFrom: a.forecastFrom,
          forecastAt: a.forecastAt,
        };
      }),
      revenue,
    };
  }

  /**
   * Monthly revenue over the last CHART_MONTHS complete months a record ended in, with the targets
   * (see chartsOf). Each month's is what `state` would have said at its end: each source's latest
   * complete record by then, while still current (see analyseSource). A product that has not
   * recorded the month yet counts with its month before, as the milestone counts it, not as revenue
   * lost. A month is the one a record ends in, not begins in: a quarter (April to June) is complete
   * only at the end of June, and a month billed from the 15th to the 14th at the end of the second.
   * This month, once a record has ended in it, is `inProgress`, apart: a week or two of one
   * product's records beside the others' last month is not a month to compare with a whole one.
   */
  function revenueSeries(ctx: Ctx): RevenueSeries {
    const nowMs = deps.clock.now().getTime();
    const today = new Date(nowMs).toISOString().slice(0, 10);
    const thisMonth = monthKeyOf(nowMs);
    const records = store.revenue.list(ctx.workspaceId);
    const recorded = new Set<string>();
    for (const r of records) if (r.periodEnd < today) recorded.add(r.periodEnd.slice(0, 7));
    const sources = [...recordsBySource(records).values()];
    const months = [...recorded]
      .filter((month) => month < thisMonth)
      .sort(compareText)
      .slice(-CHART_MONTHS)
      .map((month) => {
        const asOfMs = endOfMonth(month);
        const asOf = new Date(asOfMs).toISOString().slice(0, 10);
        let mrr = 0;
        for (const list of sources) {
          const source = analyseSource(list, asOfMs, asOf);
          if (source?.current) mrr += source.mrr;
        }
        return { month, mrr: round(mrr) };
      });
    // The targets the chart draws: from the first month shown (this month, before any has ended),
    // or the last when every one is behind them.
    const from = months[0]?.month ?? thisMonth;
    const vision = store.visions.active(ctx.workspaceId);
    const every = Object.entries(vision?.revenueTargets ?? {})
      .filter(([month]) => isMonthKey(month))
      .sort(([a], [b]) => compareText(a, b))
      .map(([month, target]) => ({ month, target }));
    const ahead = every.filter((t) => t.month >= from);
    const targets = ahead.length > 0 ? ahead : every.slice(-1);
    const planned = vision === null ? {} : { planned: plannedOf(records, vision, nowMs) };
    if (!recorded.has(thisMonth)) return { months, targets, ...planned };
    const inProgress: MonthInProgress = { month: thisMonth, mrr: 0, through: '', recorded: 0, sources: 0 };
    for (const list of sources) {
      const source = analyseSource(list, nowMs, today);
      if (!source?.current) continue;
      inProgress.sources += 1;
      inProgress.mrr += source.mrr;
      const end = source.record.periodEnd;
      if (end.slice(0, 7) !== thisMonth) continue;
      inProgress.recorded += 1;
      if (end > inProgress.through) inProgress.through = end;
    }
    inProgress.mrr = round(inProgress.mrr);
    return { months, inProgress, targets, ...planned };
  }

  /**
   * The input checked: a `since` after today (a mistyped year) would read as a period in which
   * nothing happened, and is refused as a reading dated in the future is. @throws ValidationError
   */
  function inputOf(input: Loose<ReturnType<typeof reportInput>>): ReportInput {
    const r = validate(reportInput(), input);
    const today = nowIso(deps).slice(0, 10);
    if (r.since !== undefined && r.since > today) {
      throw new ValidationError(`since: ${r.since} is in the future (today is ${today})`, 'since');
    }
    return r;
  }

  /** The report since `r.since` (7 days ago when absent), with the goals' `analytics`. */
  function reportOf(ctx: Ctx, r: ReportInput, analytics: GoalAnalytics[]): FeedbackReport {
    const now = nowIso(deps);
    const since = r.since ?? new Date(Date.parse(now) - 7 * 86_400_000).toISOString().slice(0, 10);
    const actions = store.events.since(ctx.workspaceId, since);
    const byCategory: Record<string, OutcomeTally> = {};
    const all: OutcomeTally = { done: 0, failed: 0, blocked: 0 };
    for (const e of actions) {
      if (e.type !== 'done' && e.type !== 'failed') continue;
      const c = byCategory[e.category] ?? { done: 0, failed: 0, blocked: 0 };
      // A block outside the work is no failure of it: the reply said so, and so does the report (a
      // review's late vendor keys read "feature: 0 done, 1 failed").
      const as = e.type === 'done' ? 'done' : e.data.blocked === true ? 'blocked' : 'failed';
      c[as] += 1;
      all[as] += 1;
      byCategory[e.category] = c;
    }
    // A rejection taken back (approved after all, or its reaction removed) teaches nothing: a later
    // step of the same task moving it out of 'rejected' says so, unless one after it undid that
    // (its ✅ removed), and the rejection stands again. A step that leaves the status as it was (a
    // pull request closed unmerged on a rejected task) moves neither way. Oldest first: each
    // task's standing rejection.
    const standing = new Map<number, { id: number; out: boolean }>();
    for (const e of actions) {
      const s = standing.get(e.taskId);
      if (e.type === 'rejected') standing.set(e.taskId, { id: e.id, out: false });
      else if (s === undefined || e.fromStatus === e.toStatus) continue;
      else if (e.fromStatus === 'rejected') s.out = true;
      else if (e.toStatus === 'rejected') s.out = false;
    }
    const takenBack = new Set<number>();
    for (const e of actions) {
      const s = standing.get(e.taskId);
      if (e.type === 'rejected' && (s?.id !== e.id || s.out)) takenBack.add(e.id);
    }
    // A rejection that only puts the work off (`not now`, a time, a duplicate: see noDislike), in a
    // few words, says nothing of the work: a review's month of "not now"s buried the lessons. One
    // that says more is kept, whatever time it names ("we tried late fees in March and users hated
    // them").
    const putOff = (e: (typeof actions)[number]) =>
      e.type === 'rejected' &&
      (e.note ?? '').trim().split(/\s+/).length <= PUT_OFF_WORDS &&
      noDislike(e.note, Date.parse(e.createdAt));
    const lessons = [
      ...store.goals.lessons(ctx.workspaceId).filter((l) => l.createdAt >= since),
      ...actions
        .filter(
          (e) =>
            (e.type === 'failed' || e.type === 'rejected') && e.note && !takenBack.has(e.id) && !putOff(e),
        )
        .map((e) => ({
          text: e.note ?? '',
          source: e.type === 'failed' ? ('failure' as const) : ('rejection' as const),
          taskRef: e.ref,
          actor: e.actor,
          createdAt: e.createdAt,
        })),
    ].sort((a, b) => compareText(a.createdAt, b.createdAt));
    return {
      workspace: ctx.workspaceId,
      generatedAt: now,
      since,
      vision: store.visions.active(ctx.workspaceId),
      goals: analytics,
      actions,
      outcomes: { ...all, byCategory },
      lessons,
      notes: store.goals.notes(ctx.workspaceId).filter((n) => n.createdAt >= since),
      adjustments: adjustments(ctx, analytics),
      revenue: revenueSeries(ctx),
    };
  }

  return {
    /**
     * Next nudges per goal and the continue / modify / retire recommendations; from `analytics`
     * when the caller has the goals' analytics already (a digest's plan made them).
     */
    suggest(
      ctx: Ctx,
      analytics: readonly GoalAnalytics[] = goals.list(ctx),
    ): { goals: GoalSuggestion[]; adjustments: AdjustRecommendation[] } {
      return {
        // What the team has under way on a goal that slips is part of its nudge (see workOn).
        goals: analytics.map((a) =>
          suggestNext(
            a,
            a.status === 'off_track' || a.status === 'at_risk'
              ? store.tasks
                  .openOfGoal(ctx.workspaceId, a.goal.id)
                  .filter((t) => t.status === 'approved' || t.status === 'in_progress')
              : [],
          ),
        ),
        adjustments: adjustments(ctx, analytics),
      };
    },

    /**
     * What the report's charts draw (see chartsOf), read on one snapshot: a chart draws the
     * points its goal's analytics, and so its forecast, were made of.
     */
    chartData(ctx: Ctx): ReportCharts {
      return store.snapshot(() => chartsOf(ctx, goals.list(ctx)));
    },

    /** Builds the report, on one snapshot; `since` defaults to 7 days ago. */
    build(ctx: Ctx, input: Loose<ReturnType<typeof reportInput>> = {}): FeedbackReport {
      const r = inputOf(input);
      return store.snapshot(() => reportOf(ctx, r, goals.list(ctx)));
    },

    /**
     * The report (see build) and what its charts draw (see chartData), on one snapshot and from
     * one analysis of the goals: a chart shows what the text says.
     */
    withCharts(
      ctx: Ctx,
      input: Loose<ReturnType<typeof reportInput>> = {},
    ): { report: FeedbackReport; charts: ReportCharts } {
      const r = inputOf(input);
      return store.snapshot(() => {
        const analytics = goals.list(ctx);
        // The report's revenue is the chart's: read once.
        const report = reportOf(ctx, r, analytics);
        return { report, charts: chartsOf(ctx, analytics, report.revenue) };
      });
    },
  };
}

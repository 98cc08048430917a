import * as z from 'zod';
import { likelyMeant } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import { exampleMonth } from '../domain/examples.js';
import {
  type FeedbackNote,
  type Goal,
  inObservedYears,
  type Lesson,
  type Observation,
  observedAhead,
  observedInstant,
} from '../domain/goal.js';
import type { TaskSummary } from '../domain/task.js';
import {
  DECIMAL_TEXT,
  freeText,
  isOneCleanLine,
  isoDate,
  isZonedTime,
  type Loose,
  lazySchema,
  measure,
  metricName,
  oneOf,
  shown,
  TEXT_LIMITS,
  text,
  validate,
  zoneMissing,
} from '../domain/validate.js';
import { formatUsd } from '../engine/format.js';
import { isRevenueMetric } from '../engine/goal-value.js';
import { groupBy } from '../engine/group-by.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { analyseGoal, type GoalAnalytics, seriesReads } from '../feedback/analyse-goal.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { workspaceToday } from './workspace-today.js';

/** A number typed with its thousands grouped (`1,250`, `-12,000.5`): the commas dropped. */
const GROUPED_NUMBER = /^\s*-?\d{1,3}(,\d{3})+(\.\d+)?\s*$/;

const finite = (what: string) =>
  z.preprocess((v) => {
    if (typeof v !== 'string' || v.trim() === '') return v;
    const plain = GROUPED_NUMBER.test(v) ? v.replace(/,/g, '') : v;
    return DECIMAL_TEXT.test(plain) && Number.isFinite(Number(plain)) ? Number(plain) : v;
  }, measure(what));

/** A value typed as a percentage (`33%`, `4.5 %`): its number, or null for any other text. */
function percentTyped(v: unknown): string | null {
  const m = typeof v === 'string' ? /^\s*(-?[\d.,]+)\s*%\s*$/.exec(v) : null;
  return m?.[1] ?? null;
}

const nonNegative = (what: string) =>
  z.preprocess(
    (v) =>
      typeof v === 'string' &&
      DECIMAL_TEXT.test(v.replace(/^\$/, '')) &&
      Number.isFinite(Number(v.replace(/^\$/, '')))
        ? Number(v.replace(/^\$/, ''))
        : v,
    z
      .number({ error: (i) => `${what} (got ${shown(i.input)})` })
      .finite()
      .min(0, { error: (i) => `${what} (got ${shown(i.input)})` }),
  );

/** The most a unit of a goal's metric may be worth: beyond it, one typo outweighs every other task. */
const MAX_VALUE_PER_UNIT = 1_000_000;

/** What a goal is worth: dollars a month per unit of its metric, or a weight against the revenue milestone. */
const goalValue = () => ({
  value: nonNegative('dollars a month one unit is worth, like 30')
    .pipe(
      z.number().max(MAX_VALUE_PER_UNIT, {
        error: (i) => `dollars a month one unit is worth, at most $1,000,000 (got ${i.input})`,
      }),
    )
    .optional(),
  weight: nonNegative('a weight from 0 to 10 against the revenue milestone, like 0.5')
    .pipe(z.number().max(10, { error: 'a weight from 0 to 10 against the revenue milestone, like 0.5' }))
    .optional(),
});

export const goalInput = lazySchema(() =>
  z.object({
    // `none` is what `feature goal <id> none` unlinks with: no goal's name.
    metric: metricName().refine((m) => m !== 'none', {
      error: 'a name other than none, which unlinks an item',
    }),
    target: finite('a number like 999'),
    unit: freeText(TEXT_LIMITS.goalUnit, { oneLine: true }).default(''),
    by: isoDate(),
    direction: oneOf(['up', 'down'] as const).default('up'),
    baseline: finite('a number like 420').optional(),
    owner: freeText(TEXT_LIMITS.goalOwner, { oneLine: true }).optional(),
    ...goalValue(),
  }),
);

/** A goal changed: any of its target, deadline, direction, unit, baseline, owner and worth. */
export const goalChangeInput = lazySchema(() =>
  z.object({
    metric: metricName(),
    target: finite('a number like 999').optional(),
    unit: freeText(TEXT_LIMITS.goalUnit, { oneLine: true }).optional(),
    by: isoDate().optional(),
    direction: oneOf(['up', 'down'] as const).optional(),
    baseline: finite('a number like 420').optional(),
    owner: freeText(TEXT_LIMITS.goalOwner, { oneLine: true }).optional(),
    ...goalValue(),
  }),
);

/** A goal as a change left it, and what changed in words ("target 45 % → 50 %"); none: nothing did. */
export type GoalChange = Goal & { changes: string[] };

/** A percentage typed for a goal counted in something else: refused, naming its unit. */
function notPercent(field: string, metric: string, unit: string, typed: unknown): ValidationError {
  return new ValidationError(
    `${field}: ${metric} is counted in ${unit || 'plain numbers'}, not % (got ${JSON.stringify(typed)})`,
    field,
  );
}

/**
 * A goal's target and baseline typed as percentages (`45%`) read as their numbers when the goal
 * is counted in % (`unit`); for a goal counted in anything else they are refused, naming it.
 */
function percentFigures<T extends { metric?: unknown; target?: unknown; baseline?: unknown }>(
  input: T,
  unit: string,
): { input: T; typed: boolean } {
  const out: Record<string, unknown> = { ...input };
  let typed = false;
  for (const field of ['target', 'baseline'] as const) {
    const number = percentTyped(input[field]);
    if (number === null) continue;
    if (unit !== '%') throw notPercent(field, String(input.metric), unit, input[field]);
    out[field] = number;
    typed = true;
  }
  return { input: out as T, typed };
}

/** What differs between a goal and its change, in words: "target 45 % → 50 %", "deadline …". */
function goalChanges(was: Goal, now: Goal): string[] {
  const unit = (g: Goal) => (g.unit ? ` ${g.unit}` : '');
  const out: string[] = [];
  if (was.target !== now.target || was.unit !== now.unit) {
    out.push(`target ${was.target}${unit(was)} → ${now.target}${unit(now)}`);
  }
  if (was.deadline !== now.deadline) out.push(`deadline ${was.deadline} → ${now.deadline}`);
  if (was.direction !== now.direction) out.push(`direction ${was.direction} → ${now.direction}`);
  if (was.baseline !== now.baseline)
    out.push(`baseline ${was.baseline ?? 'the first measurement'} → ${now.baseline}`);
  if (was.owner !== now.owner) out.push(`owner ${was.owner ?? 'nobody'} → ${now.owner}`);
  if (was.valuePerUnit !== now.valuePerUnit || was.weight !== now.weight) {
    out.push(
      now.valuePerUnit !== null
        ? `worth ${formatUsd(now.valuePerUnit)}/month per unit`
        : now.weight !== null
          ? `weight ${now.weight} against the revenue milestone`
          : 'its default weight',
    );
  }
  return out;
}

/** Refuses giving a goal both a dollar value per unit and a weight: one says what the other would. */
function oneValue(v: { value?: number | undefined; weight?: number | undefined }): void {
  if (v.value !== undefined && v.weight !== undefined) {
    throw new ValidationError(
      'value: give value (dollars a month per unit) or weight (against the revenue milestone), not both',
      'value',
    );
  }
}

export const observationInput = lazySchema(() =>
  z.object({
    metric: metricName(),
    value: finite('a number like 420'),
    at: z
      .string()
      .refine(isZonedTime, {
        error: (i) =>
          `a date like 2026-02-01 or a time with its zone like 2026-02-01T09:00:00Z (got ${JSON.stringify(i.input)}${zoneMissing(i.input)})`,
      })
      .optional(),
    context: z.array(z.string()).default([]),
  }),
);

/** `campaign=launch`, `season=spring` → `{ campaign: 'launch', season: 'spring' }`. */
function parseContext(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([a-z][a-z0-9_]{0,31})=(.{1,100})$/.exec(pair.trim());
    if (!m?.[1] || !m[2]) {
      throw new ValidationError(
        `context: key=value like campaign=launch (got ${JSON.stringify(pair)})`,
        'context',
      );
    }
    // A tag is shown on one line in reports and charts, as a name is.
    if (!isOneCleanLine(m[2])) {
      throw new ValidationError(
        `context: ${m[1]}'s value must be one line without control characters or tabs (got ${JSON.stringify(pair)})`,
        'context',
      );
    }
    // The same key twice with two values: which one was meant cannot be told (a review's
    // `--context a=1,a=2` recorded a=2 alone, without a word).
    // Own keys only: a tag named `constructor` is a tag, not Object's.
    const before = Object.hasOwn(out, m[1]) ? out[m[1]] : undefined;
    if (before !== undefined && before !== m[2].trim()) {
      throw new ValidationError(
        `context: ${m[1]} is given twice (${JSON.stringify(before)} and ${JSON.stringify(m[2].trim())}): give it once`,
        'context',
      );
    }
    out[m[1]] = m[2].trim();
  }
  return out;
}

/**
 * What an unknown goal's refusal says of the goals there are: those tracked, or, with none, those
 * archived (not 'no goals yet', as if they were lost), or that there are none.
 */
export function goalsTracked(store: UseCaseDeps['store'], workspaceId: string): string {
  const known = store.goals.list(workspaceId).map((g) => g.metric);
  if (known.length > 0) return `goals track: ${known.join(', ')}`;
  const archived = store.goals.archivedMetrics(workspaceId);
  return archived.length > 0
    ? `no goal is tracked (archived: ${archived.join(', ')})`
    : 'there are no goals yet';
}

/**
 * The id of the tracked goal on `metric`, which a backlog item is to serve; `then` says how to link
 * it once the goal is added. @throws ValidationError for an archived goal, NotFoundError (naming
 * the goals tracked, the nearest first) for an unknown one.
 */
export function servedGoalId(
  store: UseCaseDeps['store'],
  workspaceId: string,
  metric: string,
  then: string,
): number {
  const goal = store.goals.find(workspaceId, metric);
  if (goal?.status === 'archived') {
    throw new ValidationError(
      `goal: the goal for ${metric} is archived (it no longer drives the plan); \`goalpost goal add ${metric} …\` tracks it again`,
      'goal',
    );
  }
  if (goal) return goal.id;
  // As `metric` says: how to add the goal the item was meant to serve, then link it; not for a
  // slip of the keys, whose goal exists (adding `active_teacher` beside `active_teachers` is no fix).
  const near = nearGoal(store, workspaceId, metric);
  throw new NotFoundError(
    `goal: unknown goal "${metric}"; ${near}${goalsTracked(store, workspaceId)}${near ? '' : ` (add one with \`goalpost goal add ${metric} --target N --by YYYY-MM-DD\`, then ${then})`}`,
  );
}

/** `did you mean active_teachers? ` for a slip of the keys (`active_teacher`), or ''. */
function nearGoal(store: UseCaseDeps['store'], workspaceId: string, metric: string): string {
  const near = likelyMeant(
    metric,
    store.goals.list(workspaceId).map((g) => g.metric),
  );
  return near === null ? '' : `did you mean ${near}? `;
}

/**
 * A typed reading the goal's analysis takes for an outlier (see GoalAnalytics.anomalies): with the
 * trend's value the goal is judged on instead when it is the latest reading, else null.
 */
export interface TypedOutlier {
  trend: number | null;
}

export function createGoalUseCases(deps: UseCaseDeps) {
  const { store } = deps;

  /** Every active goal with its analytics at `now` (see list). */
  function analyseAll(ctx: Ctx, now: string): GoalAnalytics[] {
    return analyseGoals(ctx, now, store.goals.list(ctx.workspaceId));
  }

  /** `goals` analysed at `now`, each from its own observations and the done tasks linked to it. */
  function analyseGoals(ctx: Ctx, now: string, goals: readonly Goal[]): GoalAnalytics[] {
    // Done tasks are read once and grouped by goal, not once per goal.
    const doneByGoal = groupBy(store.history.goalActions(ctx.workspaceId), (t) => t.goalId);
    return goals.map((goal) => {
      const done = (doneByGoal.get(goal.id) ?? []).map(({ ref, title, doneAt, category }) => ({
        ref,
        title,
        doneAt,
        category,
      }));
      const series = store.goals.observationsToAnalyse(ctx.workspaceId, goal.metric, seriesReads(done));
      return analyseGoal(goal, series, done, now);
    });
  }

  /**
   * @throws NotFoundError listing the goals there are, and (unless `toArchive`: there is nothing to
   * archive then) how to add one.
   */
  function requireGoal(ctx: Ctx, metric: string, toArchive = false): Goal {
    const goal = store.goals.find(ctx.workspaceId, metric);
    if (goal) return goal;
    // A slip of the keys (`active_teacher`): the goal it most likely meant comes first, and no
    // advice to add the misspelt one beside it.
    const near = nearGoal(store, ctx.workspaceId, metric);
    // A goal on revenue is refused (one revenue truth): point at where revenue goes instead.
    const next = isRevenueMetric(metric)
      ? ` (${metric} is revenue: record it with \`goalpost revenue add\` (or connect Stripe), and set its targets with \`goalpost vision set revenue_targets ${exampleMonth(new Date(nowIso(deps)))}=999\`)`
      : toArchive || near
        ? ''
        : ` (add one with \`goalpost goal add ${metric} --target N --by YYYY-MM-DD\`)`;
    throw new NotFoundError(
      `unknown goal or metric "${metric}"; ${near}${goalsTracked(store, ctx.workspaceId)}${next}`,
    );
  }

  return {
    requireGoal,

    /**
     * Sets a SMART goal. @throws ValidationError for a deadline in the past or a target on the wrong
     * side of the baseline for the direction; ConflictError when the metric already has a goal.
     */
    add(ctx: Ctx, input: Loose<ReturnType<typeof goalInput>>): Goal {
      // `--target 45%` is a goal counted in % (the unit taken from it when none is given).
      const given = typeof input.unit === 'string' && input.unit !== '' ? input.unit : null;
      const percent = percentFigures(input, given ?? '%');
      const g = validate(
        goalInput(),
        percent.typed && given === null ? { ...percent.input, unit: '%' } : percent.input,
      );
      oneValue(g);
      if (isRevenueMetric(g.metric)) {
        throw new ValidationError(
          `metric: ${g.metric} measures revenue, which the revenue milestone already tracks from revenue records (one revenue truth); set dated targets with \`goalpost vision set revenue_targets ${exampleMonth(new Date(nowIso(deps)))}=999\` instead`,
          'metric',
        );
      }
      const now = nowIso(deps);
      if (g.by < now.slice(0, 10)) {
        throw new ValidationError(
          `by: the deadline ${g.by} is in the past (today is ${now.slice(0, 10)})`,
          'by',
        );
      }
      return store.transaction(() => {
        const existing = store.goals.find(ctx.workspaceId, g.metric);
        if (existing?.status === 'active') {
          throw new ConflictError(
            `a goal for ${g.metric} already exists: change it with \`goalpost goal set ${g.metric} --target N --by YYYY-MM-DD\`, or archive it with \`goalpost goal archive ${g.metric}\``,
          );
        }
        const latest = store.goals.latestObservation(ctx.workspaceId, g.metric)?.value;
        const baseline = g.baseline ?? latest ?? null;
        if (baseline !== null && (g.direction === 'up' ? g.target <= baseline : g.target >= baseline)) {
          throw new ValidationError(
            `target: ${g.target} is not ${g.direction === 'up' ? 'above' : 'below'} the baseline ${baseline} for a goal that goes ${g.direction}; give the direction ${g.direction === 'up' ? 'down' : 'up'}, or another target`,
            'target',
          );
        }
        const fields = {
          workspaceId: ctx.workspaceId,
          metric: g.metric,
          target: g.target,
          unit: g.unit,
          direction: g.direction,
          baseline,
          deadline: g.by,
          owner: g.owner ?? null,
          valuePerUnit: g.value ?? null,
          weight: g.weight ?? null,
        };
        // An archived goal on the metric is the one added again: active, with its measurements.
        if (existing) {
          const revived: Goal = { ...existing, ...fields, status: 'active', updatedAt: now };
          store.goals.update(ctx.workspaceId, revived, now);
          return revived;
        }
        return store.goals.add({ ...fields, createdBy: ctx.actor }, now);
      });
    },

    /**
     * Changes a goal: its target, deadline, direction, unit, baseline, owner, or what it is worth
     * (a value per unit or a weight: giving one clears the other), in one transaction, saying
     * what changed. An archived goal stays archived (`add` tracks it again). The target must lie beyond the
     * baseline the way the goal goes, as when it was added.
     * @throws NotFoundError for an unknown goal; ValidationError for nothing to change, a deadline
     * past, or a target on the wrong side of the baseline.
     */
    change(ctx: Ctx, input: Loose<ReturnType<typeof goalChangeInput>>): GoalChange {
      // `--value default` (or `--weight default`): back to the default weight, neither value set.
      const toDefault = input.value === 'default' || input.weight === 'default';
      // `--target 11%` for a goal counted in %; refused for any other, naming its unit.
      const unit =
        typeof input.unit === 'string'
          ? input.unit
          : (store.goals.find(ctx.workspaceId, String(input.metric))?.unit ?? '%');
      const percent = percentFigures(input, unit);
      const v = validate(
        goalChangeInput(),
        toDefault ? { ...percent.input, value: undefined, weight: undefined } : percent.input,
      );
      oneValue(v);
      const { metric: _metric, ...given } = v;
      if (!toDefault && Object.values(given).every((x) => x === undefined)) {
        throw new ValidationError(
          'give what to change: target, by, direction, unit, baseline, owner, value or weight',
        );
      }
      const today = nowIso(deps).slice(0, 10);
      if (v.by !== undefined && v.by < today) {
        throw new ValidationError(`by: the deadline ${v.by} is in the past (today is ${today})`, 'by');
      }
      return store.transaction(() => {
        const goal = requireGoal(ctx, v.metric);
        const worth = toDefault || v.value !== undefined || v.weight !== undefined;
        const next: Goal = {
          ...goal,
          target: v.target ?? goal.target,
          unit: v.unit ?? goal.unit,
          deadline: v.by ?? goal.deadline,
          direction: v.direction ?? goal.direction,
          baseline: v.baseline ?? goal.baseline,
          owner: v.owner ?? goal.owner,
          valuePerUnit: worth ? (v.value ?? null) : goal.valuePerUnit,
          weight: worth ? (v.weight ?? null) : goal.weight,
        };
        // As when it was added: beyond its baseline, or without one beyond where it stands now.
        const latest = store.goals.latestObservation(ctx.workspaceId, next.metric)?.value ?? null;
        const baseline = next.baseline ?? latest;
        if (
          baseline !== null &&
          (next.direction === 'up' ? next.target <= baseline : next.target >= baseline)
        ) {
          const from = next.baseline === null ? 'the latest measurement' : 'the baseline';
          throw new ValidationError(
            `target: ${next.target} is not ${next.direction === 'up' ? 'above' : 'below'} ${from} ${baseline} for a goal that goes ${next.direction}; give another target, or the direction ${next.direction === 'up' ? 'down' : 'up'}`,
            'target',
          );
        }
        const changes = goalChanges(goal, next);
        if (changes.length === 0) return { ...goal, changes };
        const now = nowIso(deps);
        store.goals.update(ctx.workspaceId, next, now);
        return { ...next, updatedAt: now, changes };
      });
    },

    /**
     * Archives a goal: it leaves the goals, the digest and the plan; its measurements are kept (a
     * goal added or changed again on the metric is active again, with its history).
     * @throws NotFoundError for an unknown goal; ConflictError when it is archived already.
     */
    archive(ctx: Ctx, metric: unknown): Goal & { openTasks: TaskSummary[] } {
      const m = validate(z.object({ metric: metricName() }), { metric }).metric;
      return store.transaction(() => {
        const goal = requireGoal(ctx, m, true);
        if (goal.status === 'archived') throw new ConflictError(`the goal for ${m} is archived already`);
        const now = nowIso(deps);
        store.goals.update(ctx.workspaceId, { ...goal, status: 'archived' }, now);
        // Work on it already proposed or decided stays, and is named: the lead decides its fate.
        const openTasks = store.tasks.openOfGoal(ctx.workspaceId, goal.id);
        return { ...goal, status: 'archived', updatedAt: now, openTasks };
      });
    },

    /**
     * Every active goal with its analytics, read on one snapshot: a long series is read in parts
     * (see observationsToAnalyse), which a push landing between them must not split.
     */
    list(ctx: Ctx): GoalAnalytics[] {
      const now = nowIso(deps);
      return store.snapshot(() => analyseAll(ctx, now));
    },

    /**
     * One active goal with its analytics (see list), by its metric.
     * @throws NotFoundError for a metric no active goal tracks, listing those there are.
     */
    show(ctx: Ctx, metric: unknown): GoalAnalytics {
      const m = validate(z.object({ metric: metricName() }), { metric }).metric;
      const goal = requireGoal(ctx, m);
      if (goal.status === 'archived')
        throw new NotFoundError(`goal ${m} is archived; \`goalpost goal add ${m} …\` tracks it again`);
      // This goal's observations alone: the others' are not read to show one.
      const now = nowIso(deps);
      return store.snapshot(() => analyseGoals(ctx, now, [goal]))[0] as GoalAnalytics;
    },

    /** The metrics of the goals archived, the latest first: what `goal add` may track again. */
    archived(ctx: Ctx): string[] {
      return store.goals.archivedMetrics(ctx.workspaceId);
    },

    /** Records an observation of a goal's metric. @throws NotFoundError for a metric no goal tracks. */
    observe(
      ctx: Ctx,
      input: Loose<ReturnType<typeof observationInput>>,
    ): Observation & {
      replaced: number | null;
      unit: string;
      outlier: TypedOutlier | null;
      archived: boolean;
    } {
      // `33%` for a goal counted in % is 33, as `--churn 5%` is 5 %; another goal's refuses it below.
      const percent = percentTyped(input.value);
      const o = validate(observationInput(), percent === null ? input : { ...input, value: percent });
      const context = parseContext(o.context);
      const now = nowIso(deps);
      const at = o.at === undefined ? now : observedInstant(o.at);
      // As a pushed point is (metric-sources): a measurement is of the past. A time past Goalpost's
      // clock (or, with its offset, outside years 0000-9999, which sort before every other) would
      // sit first or last in the series and stand for its baseline or its current value.
      if (!inObservedYears(at)) {
        throw new ValidationError(
          `at: ${o.at} is out of range (a time in the years 1970 to 9999, UTC)`,
          'at',
        );
      }
      const ahead =
        o.at === undefined
          ? null
          : observedAhead(o.at, at, Date.parse(now), workspaceToday(deps, ctx.workspaceId, new Date(now)));
      if (ahead !== null) throw new ValidationError(`at: ${o.at} is in the future (${ahead})`, 'at');
      return store.transaction(() => {
        const goal = requireGoal(ctx, o.metric);
        if (percent !== null && goal.unit !== '%')
          throw notPercent('value', o.metric, goal.unit, input.value);
        const recorded = store.goals.observe(
          ctx.workspaceId,
          { metric: o.metric, value: o.value, observedAt: at, context, actor: ctx.actor },
          ctx.source,
          now,
        );
        // A reading the goal's analysis takes for an outlier is said at once, while a typo is
        // fresh (a review typed a churn of 3.1 % as 0.031 and was told nothing).
        const analytics = analyseGoals(ctx, now, [goal])[0];
        const odd = analytics?.anomalies.some(
          (a) => a.observedAt === recorded.observedAt && a.value === recorded.value,
        );
        const latest = analytics?.currentAt === recorded.observedAt;
        const trend = latest && analytics?.judgedBy === 'outlier' ? analytics.judgedOn : null;
        const outlier = odd === true ? { trend } : null;
        // The goal's unit, so a reply reads '33 %', not a bare 33.
        return { ...recorded, unit: goal.unit, outlier, archived: goal.status === 'archived' };
      });
    },

    /**
     * Removes the points of a metric typed for a day (`2026-12-01`: every one that day, UTC) or an
     * instant, in one transaction; pushed points stay (their source corrects them by pushing again).
     * @throws NotFoundError when there is none.
     */
    removePoints(ctx: Ctx, input: { metric: unknown; at: unknown }): { metric: string; removed: number } {
      const v = validate(observationInput().pick({ metric: true, at: true }).required(), input);
      const from = observedInstant(v.at);
      const to = v.at.length === 10 ? `${v.at}T23:59:59.999Z` : from;
      return store.transaction(() => {
        const removed = store.goals.removeTyped(ctx.workspaceId, v.metric, from, to);
        if (removed === 0) {
          throw new NotFoundError(
            `no point of ${v.metric} was typed ${v.at.length === 10 ? `on ${v.at}` : `at ${from}`} (pushed points are corrected by their source pushing again)`,
          );
        }
        return { metric: v.metric, removed };
      });
    },

    /** A qualitative note, optionally about one goal. */
    note(ctx: Ctx, noteText: unknown, goalMetric?: string): FeedbackNote {
      const t = validate(z.object({ text: text(TEXT_LIMITS.note) }), { text: noteText }).text;
      return store.transaction(() => {
        const goal = goalMetric === undefined ? null : requireGoal(ctx, goalMetric);
        return store.goals.addNote(ctx.workspaceId, goal?.id ?? null, t, ctx.actor, nowIso(deps));
      });
    },

    notes: (ctx: Ctx): FeedbackNote[] => store.goals.notes(ctx.workspaceId),

    addLesson(ctx: Ctx, lessonText: unknown): Lesson {
      const t = validate(z.object({ text: text(TEXT_LIMITS.note) }), { text: lessonText }).text;
      return store.transaction(() =>
        store.goals.addLesson(
          ctx.workspaceId,
          { text: t, source: 'manual', taskId: null, actor: ctx.actor },
          nowIso(deps),
        ),
      );
    },

    lessons: (ctx: Ctx): Lesson[] => store.goals.lessons(ctx.workspaceId),
  };
}

import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { parseEvery } from '../domain/duration.js';
import { inObservedYears, type MetricSource, observedAhead, observedInstant } from '../domain/goal.js';
import { nodeCrypto } from '../domain/lazy-builtin.js';
import {
  isOneCleanLine,
  isZonedTime,
  lazySchema,
  measure,
  slug,
  validate,
  zoneMissing,
} from '../domain/validate.js';
import { isRevenueMetric } from '../engine/goal-value.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { PushedPoint, PushedSeries } from '../store/metric-source-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
import { workspaceToday, type ZonedToday } from './workspace-today.js';

/** How many points one push may carry. */
export const MAX_POINTS_PER_PUSH = 1000;
/** A source is silent once it has not pushed for this many of its expected intervals. */
export const SILENT_AFTER_INTERVALS = 2;
const DEFAULT_EVERY = '1d';

/** A new source, the only time its signing secret is shown. */
export interface AddedMetricSource extends MetricSource {
  /** `whsec_…`: the HMAC-SHA256 key of `X-Goalpost-Signature` on each push. */
  secret: string;
}

/** A source with what it has pushed, and whether it has gone quiet. */
export interface MetricSourceView extends MetricSource {
  series: Array<Omit<PushedSeries, 'source'>>;
  /** True when it has not pushed for SILENT_AFTER_INTERVALS of its expected intervals. */
  silent: boolean;
}

/** What one push did. */
export interface PushResult {
  source: string;
  points: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Metrics in the push that no goal tracks yet (kept, so a goal set later has their history). */
  untracked: string[];
}

const sourceName = lazySchema(() =>
  z.string({ error: 'a name like analytics or nightly-etl' }).regex(/^[a-z][a-z0-9_-]{0,47}$/, {
    error: (i) =>
      `lowercase letters, digits, - and _, starting with a letter, like analytics or nightly-etl (got ${JSON.stringify(i.input)})`,
  }),
);

const every = lazySchema(() =>
  z
    .string()
    .refine((v) => parseEvery(v) !== null, {
      error: (i) => `how often it pushes, like 30m, 6h, 1d or 1w (got ${JSON.stringify(i.input)})`,
    })
    .default(DEFAULT_EVERY),
);

const addInput = lazySchema(() => z.object({ name: sourceName(), every: every() }));

const CONTEXT_KEY = /^[a-z][a-z0-9_]{0,31}$/;

const contextValue = lazySchema(() =>
  z.preprocess(
    (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
    z
      .string({ error: 'a string, number or true/false of at most 100 characters' })
      .min(1, { error: 'not empty' })
      .max(100, { error: 'at most 100 characters' })
      .refine(isOneCleanLine, {
        error: 'one line without control characters or tabs',
      }),
  ),
);

const pointInput = lazySchema(() =>
  z
    .object({
      name: slug(),
      value: measure('a number like 42'),
      at: z
        .string({ error: 'a time like 2026-11-20T09:00:00Z or a date like 2026-11-20' })
        .refine(isZonedTime, {
          error: (i) =>
            `a time with its zone like 2026-11-20T09:00:00Z, or a date like 2026-11-20 (got ${JSON.stringify(i.input)}${zoneMissing(i.input)})`,
        }),
      context: z
        .record(
          z.string().regex(CONTEXT_KEY, { error: 'context keys are like campaign or season (a-z, 0-9, _)' }),
          contextValue(),
        )
        .refine((c) => Object.keys(c).length <= 16, { error: 'at most 16 context keys' })
        .default({}),
    })
    .strict(),
);

const pushInput = lazySchema(() =>
  z
    .object({
      points: z
        .array(pointInput(), {
          error: 'a JSON array of points like [{"name":"signups","value":42,"at":"2026-11-20"}]',
        })
        .min(1, { error: 'at least one point' })
        .max(MAX_POINTS_PER_PUSH, {
          error: `at most ${MAX_POINTS_PER_PUSH} points in one push; send more pushes`,
        }),
    })
    // A field it does not know is refused, as the API refuses one: a typo ("point") is not a push.
    .strict(),
);

/** `{ points: [...] }` or the bare array: a batch either way. */
const asBatch = (body: unknown): unknown => (Array.isArray(body) ? { points: body } : body);

/**
 * Metrics pushed by other systems (analytics jobs, cron scripts, CI): each source signs its pushes
 * with its own secret, so none needs an API token, and each point is kept once per (metric, time,
 * source), so a late or repeated push is idempotent. Adding and removing sources needs admin.
 */
export function createMetricSourceUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
) {
  const { store } = deps;

  function requireSource(ctx: Ctx, name: string): MetricSource {
    const source = store.metricSources.find(ctx.workspaceId, name);
    if (source) return source;
    const known = store.metricSources.list(ctx.workspaceId).map((s) => s.name);
    throw new NotFoundError(
      `no metric source named "${name}"; ${known.length ? `there are: ${known.join(', ')}` : 'there are none yet'} (add one with \`goalpost metric source add ${name}\`)`,
    );
  }

  const isSilent = (s: MetricSource, nowMs: number): boolean =>
    nowMs - Date.parse(s.lastPushAt ?? s.createdAt) > SILENT_AFTER_INTERVALS * s.everyMinutes * 60_000;

  /** Checks every point before anything is written: a batch with one bad point writes nothing. */
  function pointsOf(body: unknown, nowMs: number, today: ZonedToday): PushedPoint[] {
    const { points } = validate(pushInput(), asBatch(body));
    const seen = new Map<string, { index: number; value: number }>();
    return points.map((p, index) => {
      if (isRevenueMetric(p.name)) {
        throw new ValidationError(
          `points.${index}.name: ${p.name} is monthly revenue, which comes from revenue records (Stripe, or \`goalpost revenue add\`), not metric pushes`,
          `points.${index}.name`,
        );
      }
      const observedAt = observedInstant(p.at);
      const ahead = observedAhead(p.at, observedAt, nowMs, today);
      if (ahead !== null) {
        throw new ValidationError(
          `points.${index}.at: ${p.at} is in the future (${ahead})`,
          `points.${index}.at`,
        );
      }
      if (!inObservedYears(observedAt)) {
        throw new ValidationError(
          `points.${index}.at: ${p.at} is out of range (a time in the years 1970 to 9999, UTC)`,
          `points.${index}.at`,
        );
      }
      const key = `${p.name}@${observedAt}`;
      const before = seen.get(key);
      if (before && before.value !== p.value) {
        throw new ValidationError(
          `points.${index}: ${p.name} at ${observedAt} is already in this push as point ${before.index} with another value (${before.value}); send one value per metric and time`,
          `points.${index}`,
        );
      }
      seen.set(key, { index, value: p.value });
      return { metric: p.name, value: p.value, observedAt, context: p.context };
    });
  }

  /** Every source with what it pushed and whether it has gone quiet. */
  function list(ctx: Ctx): MetricSourceView[] {
    const nowMs = deps.clock.now().getTime();
    const series = store.metricSources.series(ctx.workspaceId);
    return store.metricSources.list(ctx.workspaceId).map((s) => ({
      ...s,
      series: series.filter((x) => x.source === s.name).map(({ source: _, ...rest }) => rest),
      silent: isSilent(s, nowMs),
    }));
  }

  return {
    /** @throws ConflictError when the name is taken in this workspace. */
    add(ctx: Ctx, input: { name?: unknown; every?: unknown }): AddedMetricSource {
      const s = validate(addInput(), input);
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'adding metric sources');
        if (store.metricSources.find(ctx.workspaceId, s.name)) {
          throw new ConflictError(
            `a metric source named ${s.name} already exists; remove it first to make a new secret`,
          );
        }
        const secret = `whsec_${nodeCrypto().randomBytes(24).toString('base64url')}`;
        const added = store.metricSources.add(
          {
            workspaceId: ctx.workspaceId,
            name: s.name,
            secret,
            everyMinutes: parseEvery(s.every) ?? 1440,
            createdBy: ctx.actor,
          },
          nowIso(deps),
        );
        deps.logger.info(
          { workspace: ctx.workspaceId, source: s.name, by: ctx.actor },
          'metric source added',
        );
        return { ...added, secret };
      });
    },

    list,

    /** The sources that have not pushed for longer than expected, with the metrics they feed. */
    silent: (ctx: Ctx): MetricSourceView[] => list(ctx).filter((s) => s.silent),

    /** Stops accepting a source's pushes (its points stay). @throws NotFoundError for an unknown name. */
    remove(ctx: Ctx, name: string): MetricSource {
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'removing metric sources');
        const source = requireSource(ctx, name);
        store.metricSources.remove(ctx.workspaceId, source.name);
        return source;
      });
    },

    /** Each workspace's source of this name with its secret, for the endpoint to check a signature. */
    signersOf: (name: string): Array<{ workspaceId: string; secret: string }> =>
      store.metricSources.withName(name).map(({ workspaceId, secret }) => ({ workspaceId, secret })),

    /**
     * Records a signed push: each point is added, corrected (same metric, time and source, another
     * value or context) or left as it was. All of it lands, or none of it.
     * @throws ValidationError naming the first bad point; NotFoundError for an unknown source.
     */
    push(ctx: Ctx, name: string, body: unknown): PushResult {
      const nowMs = deps.clock.now().getTime();
      const points = pointsOf(body, nowMs, workspaceToday(deps, ctx.workspaceId, new Date(nowMs)));
      const now = nowIso(deps);
      return store.transaction(() => {
        const source = requireSource(ctx, name);
        const counts = { added: 0, updated: 0, unchanged: 0 };
        for (const p of points)
          counts[store.metricSources.putPoint(ctx.workspaceId, source.name, p, ctx.actor, now)]++;
        store.metricSources.pushed(source.id, now);
        const tracked = new Set(store.goals.list(ctx.workspaceId).map((g) => g.metric));
        const untracked = [...new Set(points.map((p) => p.metric))].filter((m) => !tracked.has(m)).sort();
        deps.logger.info({ workspace: ctx.workspaceId, source: source.name, ...counts }, 'metrics pushed');
        return { source: source.name, points: points.length, ...counts, untracked };
      });
    },
  };
}

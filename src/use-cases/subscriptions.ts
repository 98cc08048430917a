import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { DEFAULT_DIGEST_STYLE, DIGEST_STYLES, type DigestStyle } from '../domain/digest-layout.js';
import { keptTimeZone, localTimeOf, nextOccurrence } from '../domain/due.js';
import {
  DEFAULT_REMIND_AFTER,
  parseRemindAfter,
  REMIND_AFTER_FORM,
  type RemindAfter,
} from '../domain/remind-after.js';
import { PLATFORMS, type Platform } from '../domain/reply.js';
import { type Loose, lazySchema, oneOf, refineTimeZone, validate } from '../domain/validate.js';
import { DAYS_FORM, formatDays, parseDays, WEEKDAYS } from '../domain/week-days.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { type DigestRun, SUBSCRIPTION_KINDS, type Subscription } from '../store/subscription-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';

const quoted = (v: unknown): string => JSON.stringify(v) ?? 'nothing';

type Issue = { input: unknown };
const channelForm = (i: Issue) => `a channel id like C024BE91L or console (got ${quoted(i.input)})`;
const timeForm = (i: Issue) => `a time like 09:00, from 00:00 to 23:59 (got ${quoted(i.input)})`;
const zoneForm = (i: Issue) => `an IANA time zone like Europe/Berlin or UTC (got ${quoted(i.input)})`;
const capForm = (i: Issue) => `a whole number from 1 to 50, like 5 (got ${quoted(i.input)})`;
const idForm = (i: Issue) => `a subscription id like 3 (got ${quoted(i.input)})`;
const styleForm = (i: Issue) => `thread, cards or compact (got ${quoted(i.input)})`;
const remindForm = (i: Issue) => `${REMIND_AFTER_FORM} (got ${quoted(i.input)})`;
/** `'12'` → 12 (and `'#12'` → 12), anything else as it came, for the number schema to judge. */
const wholeNumber = (v: unknown) =>
  typeof v === 'string' && /^\s*#?\d+\s*$/.test(v) ? Number(v.replace(/[\s#]/g, '')) : v;

const key = lazySchema(() =>
  z.object({
    kind: oneOf(SUBSCRIPTION_KINDS).default('digest'),
    platform: oneOf(PLATFORMS),
    channelId: z
      .string({ error: channelForm })
      .trim()
      .regex(/^[A-Za-z0-9_.:#@-]{1,200}$/, { error: channelForm }),
  }),
);

const zone = lazySchema(() =>
  z.string({ error: zoneForm }).trim().superRefine(refineTimeZone).transform(keptTimeZone),
);

/** Fields as a person names them, in error messages. */
const WORDS = {
  timeZone: 'time zone',
  defaultTimeZone: 'default time zone',
  maxTasks: 'max tasks',
  channelId: 'channel',
  remindAfter: 'remind after',
};

const subscribeInput = lazySchema(() =>
  key().extend({
    time: z
      .string({ error: timeForm })
      .trim()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: timeForm })
      .transform((t) => t.padStart(5, '0')),
    timeZone: zone().optional(),
    defaultTimeZone: zone().optional(),
    days: z
      .unknown()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const days = parseDays(v);
        if (days === null) ctx.addIssue({ code: 'custom', message: `${DAYS_FORM} (got ${quoted(v)})` });
        return days ?? undefined;
      })
      .optional(),
    maxTasks: z
      .preprocess(
        wholeNumber,
        z
          .number({ error: capForm })
          .int({ error: capForm })
          .min(1, { error: capForm })
          .max(50, { error: capForm }),
      )
      .optional(),
    style: z
      .string({ error: styleForm })
      .trim()
      .toLowerCase()
      .pipe(z.enum(DIGEST_STYLES, { error: styleForm }))
      .optional(),
    remindAfter: z
      .unknown()
      .transform((v, ctx) => {
        const spec = parseRemindAfter(v);
        if (spec === null) ctx.addIssue({ code: 'custom', message: remindForm({ input: v }) });
        return spec ?? DEFAULT_REMIND_AFTER;
      })
      .optional(),
  }),
);

const subscriptionId = lazySchema(() =>
  z.object({
    id: z.preprocess(
      wholeNumber,
      z.number({ error: idForm }).int({ error: idForm }).min(1, { error: idForm }),
    ),
  }),
);

/** When a subscription fires next: the instant, and the wall clock of its zone then. */
export interface NextRun {
  at: string;
  localDate: string;
  /** `HH:MM` (later than the subscription's time when that time does not exist that day). */
  localTime: string;
  /** ISO week day, 1 = Monday. */
  weekday: number;
}

/** Where a saved subscription's time zone came from. */
export type ZoneSource = 'given' | 'kept' | 'default';

/** A subscription just saved: whether it is new, what it replaced, and where its zone came from. */
export interface SavedSubscription extends SubscriptionInfo {
  created: boolean;
  /** The schedule it replaced (the same kind, platform and channel), as it was; null when new. */
  previous: Subscription | null;
  zoneFrom: ZoneSource;
}

/** A subscription as listed: with its next run and how its latest run went. */
export interface SubscriptionInfo extends Subscription {
  /** The week days in words: `weekdays`, `daily`, `Mon, Wed, Fri`. */
  daysText: string;
  next: NextRun | null;
  /** The next run on the subscription's wall clock, like `Mon 2026-11-23 09:00`; `never` without one. */
  nextLocal: string;
  lastRun: DigestRun | null;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Digest and report schedules per channel (admin only to change), plus the run bookkeeping the
 * scheduler uses under `runs` (not scoped to a workspace: the scheduler serves them all).
 */
export function createSubscriptionUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
) {
  const { store } = deps;

  function info(s: Subscription): SubscriptionInfo {
    const occurrence = nextOccurrence(s, deps.clock.now());
    const local = occurrence && localTimeOf(occurrence.at, s.timeZone);
    const next = occurrence &&
      local && {
        at: occurrence.at.toISOString(),
        localDate: local.date,
        localTime: local.time,
        weekday: local.weekday,
      };
    return {
      ...s,
      daysText: formatDays(s.days),
      next,
      nextLocal: next ? `${WEEKDAY_NAMES[next.weekday - 1]} ${next.localDate} ${next.localTime}` : 'never',
      lastRun: store.subscriptions.lastRun(s.id),
    };
  }

  return {
    /**
     * Schedules a digest (default: week days, the workspace's task cap) or the weekly report
     * (default: Mondays) for a channel at `time` in `timeZone`. The same kind, platform and channel
     * again replaces its schedule, keeping what is left out (time zone, days, cap) as it was; a new
     * one without a time zone takes `defaultTimeZone`. The result says what it replaced.
     * @throws ValidationError naming the field and its accepted form; ForbiddenError unless admin.
     */
    subscribe(ctx: Ctx, input: Loose<ReturnType<typeof subscribeInput>>): SavedSubscription {
      const s = validate(subscribeInput(), input, WORDS);
      for (const [field, words] of [
        ['maxTasks', 'max tasks: only a digest takes a task cap'],
        ['style', 'style: only a digest has a layout'],
        ['remindAfter', 'remind after: only a digest reminds of undecided tasks'],
      ] as const) {
        if (s.kind === 'report' && s[field] !== undefined) {
          throw new ValidationError(`${words}; leave it out for a report`, field);
        }
      }
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'scheduling a digest');
        const old = store.subscriptions.findByKey(ctx.workspaceId, s.kind, s.platform, s.channelId);
        const timeZone = s.timeZone ?? old?.timeZone ?? s.defaultTimeZone;
        if (timeZone === undefined) {
          throw new ValidationError('time zone: an IANA time zone like Europe/Berlin or UTC', 'timeZone');
        }
        const { subscription, previous } = store.subscriptions.upsert(
          {
            workspaceId: ctx.workspaceId,
            kind: s.kind,
            platform: s.platform,
            channelId: s.channelId,
            time: s.time,
            timeZone,
            days: s.days ?? old?.days ?? (s.kind === 'digest' ? [...WEEKDAYS] : [1]),
            maxTasks: s.maxTasks ?? old?.maxTasks ?? null,
            style: s.style ?? old?.style ?? DEFAULT_DIGEST_STYLE,
            remindAfter: s.remindAfter ?? old?.remindAfter ?? DEFAULT_REMIND_AFTER,
            createdBy: ctx.actor,
          },
          nowIso(deps),
        );
        const created = previous === null;
        deps.logger.info(
          { workspace: ctx.workspaceId, subscription: subscription.id, created, by: ctx.actor },
          'subscription saved',
        );
        const zoneFrom: ZoneSource = s.timeZone !== undefined ? 'given' : old ? 'kept' : 'default';
        return { ...info(subscription), created, previous, zoneFrom };
      });
    },

    /** Stops the schedule of that kind for that channel; true when there was one. Needs admin. */
    unsubscribe(ctx: Ctx, input: { kind?: unknown; platform: unknown; channelId: unknown }): boolean {
      const k = validate(key(), input, WORDS);
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'unsubscribing a channel');
        return store.subscriptions.removeByKey(ctx.workspaceId, k.kind, k.platform, k.channelId);
      });
    },

    /** Removes a subscription by id. Needs admin. @throws NotFoundError listing the ids there are. */
    remove(ctx: Ctx, id: unknown): Subscription {
      const n = validate(subscriptionId(), { id }).id;
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'removing a subscription');
        const found = store.subscriptions.find(ctx.workspaceId, n);
        if (!found) {
          const ids = store.subscriptions.list(ctx.workspaceId).map((s) => `#${s.id}`);
          throw new NotFoundError(
            `no subscription #${n}; ${ids.length ? `there are ${ids.join(', ')}` : 'there are none yet'}`,
          );
        }
        store.subscriptions.remove(ctx.workspaceId, n);
        return found;
      });
    },

    /** The workspace's subscriptions, each with its next run in its own time zone. */
    list: (ctx: Ctx): SubscriptionInfo[] => store.subscriptions.list(ctx.workspaceId).map(info),

    /**
     * How a digest in this channel is laid out and nudged: its digest subscription's style,
     * reminder delay and time zone; for a channel without one, the defaults in `defaultTimeZone`.
     */
    digestSettings(
      ctx: Ctx,
      platform: Platform,
      channelId: string,
      defaultTimeZone: string,
    ): { style: DigestStyle; remindAfter: RemindAfter; timeZone: string } {
      const s = store.subscriptions.findByKey(ctx.workspaceId, 'digest', platform, channelId);
      return s
        ? { style: s.style, remindAfter: s.remindAfter, timeZone: s.timeZone }
        : { style: DEFAULT_DIGEST_STYLE, remindAfter: DEFAULT_REMIND_AFTER, timeZone: defaultTimeZone };
    },

    /** Run bookkeeping for the scheduler: the (subscription, local date) key posts once. */
    runs: {
      /** Every subscription of every workspace. */
      all: (): Subscription[] => store.subscriptions.all(),
      find: (subscriptionId: number, localDate: string): DigestRun | null =>
        store.subscriptions.findRun(subscriptionId, localDate),
      /** The run id for the one caller that claims (subscription, local date); null for the rest. */
      claim: (subscriptionId: number, localDate: string, scheduledFor: string): number | null =>
        store.transaction(() =>
          store.subscriptions.claimRun(subscriptionId, localDate, scheduledFor, nowIso(deps)),
        ),
      posted: (runId: number, batchId: number | null): void =>
        store.transaction(() => store.subscriptions.markPosted(runId, batchId, nowIso(deps))),
      /** A run held back: every approver is away; the subscription remembers since when. */
      held: (runId: number, subscriptionId: number, localDate: string, why: string): void =>
        store.transaction(() => {
          store.subscriptions.markSkipped(runId, why, nowIso(deps));
          store.subscriptions.setHeld(subscriptionId, localDate);
        }),
      /** A digest posted after being held: it is no longer held. */
      released: (subscriptionId: number): void =>
        store.transaction(() => store.subscriptions.setHeld(subscriptionId, null)),
      /** A failed run; `final` when retrying cannot help (the platform refused the post). */
      failed: (runId: number, error: string, final = false): void =>
        store.transaction(() => store.subscriptions.markFailed(runId, error, nowIso(deps), final)),
    },
  };
}

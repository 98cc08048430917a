import type { DigestStyle } from '../domain/digest-layout.js';
import type { RemindAfter } from '../domain/remind-after.js';
import type { Platform } from '../domain/reply.js';
import { jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

export const SUBSCRIPTION_KINDS = ['digest', 'report'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** A schedule that posts a digest (or the weekly report) to a channel. */
export interface Subscription {
  id: number;
  workspaceId: string;
  kind: SubscriptionKind;
  platform: Platform;
  channelId: string;
  /** `HH:MM` on the wall clock of `timeZone`. */
  time: string;
  /** IANA time zone, like Europe/Berlin. */
  timeZone: string;
  /** ISO week days, 1 = Monday … 7 = Sunday, ascending. */
  days: number[];
  maxTasks: number | null;
  /** How a digest is laid out in the channel (a report ignores it). */
  style: DigestStyle;
  /** How long a digest's task may await a decision before its one reminder (`1d`, `4h`, `off`). */
  remindAfter: RemindAfter;
  /** The local date since which its digest has been held because every approver was away; null when not. */
  heldSince: string | null;
  createdBy: string;
  createdAt: string;
}

export type NewSubscription = Omit<Subscription, 'id' | 'heldSince' | 'createdAt'>;

export type DigestRunStatus = 'claimed' | 'posted' | 'failed' | 'skipped';

/** One (subscription, local date) run: the row that keeps a digest from being posted twice. */
export interface DigestRun {
  id: number;
  subscriptionId: number;
  localDate: string;
  scheduledFor: string;
  status: DigestRunStatus;
  batchId: number | null;
  /** That batch's number in its workspace ("batch 1"); null with none. */
  batch: number | null;
  attempts: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** How often a failed run is tried in all. */
export const MAX_RUN_ATTEMPTS = 3;

export interface SubscriptionRepository {
  /**
   * Inserts, or updates the one with the same (workspace, kind, platform, channel), keeping its id;
   * `previous` is that one as it was, null when this created it.
   */
  upsert(s: NewSubscription, now: string): { subscription: Subscription; previous: Subscription | null };
  /** The one of a kind for a channel, or null. */
  findByKey(
    workspaceId: string,
    kind: SubscriptionKind,
    platform: Platform,
    channelId: string,
  ): Subscription | null;
  find(workspaceId: string, id: number): Subscription | null;
  list(workspaceId: string): Subscription[];
  /** Every subscription of every workspace. */
  all(): Subscription[];
  remove(workspaceId: string, id: number): boolean;
  removeByKey(workspaceId: string, kind: SubscriptionKind, platform: Platform, channelId: string): boolean;
  findRun(subscriptionId: number, localDate: string): DigestRun | null;
  /** The run with the latest local date. */
  lastRun(subscriptionId: number): DigestRun | null;
  /**
   * Claims the run of (subscription, local date): the id of the run for the one caller that
   * inserted it — or that took over a failed run with attempts left (compare-and-set) — and
   * null for everyone else. Atomic across connections and processes.
   */
  claimRun(subscriptionId: number, localDate: string, scheduledFor: string, now: string): number | null;
  markPosted(runId: number, batchId: number | null, now: string): void;
  /** Marks a run failed; `final` uses up its attempts, so it is not tried again (a refused post). */
  markFailed(runId: number, error: string, now: string, final?: boolean): void;
  /** Marks a run skipped, saying why (its digest is held). */
  markSkipped(runId: number, why: string, now: string): void;
  /** Holds a subscription's digests since a local date (kept if already held), or releases them (null). */
  setHeld(subscriptionId: number, since: string | null): void;
}

interface SubscriptionRow {
  id: number;
  workspace_id: string;
  kind: SubscriptionKind;
  platform: Platform;
  channel_id: string;
  local_time: string;
  time_zone: string;
  days: string;
  max_tasks: number | null;
  style: DigestStyle;
  remind_after: RemindAfter;
  held_since: string | null;
  created_by: string;
  created_at: string;
}

interface RunRow {
  id: number;
  subscription_id: number;
  local_date: string;
  scheduled_for: string;
  status: DigestRunStatus;
  batch_id: number | null;
  batch_number: number | null;
  attempts: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

const isDays = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  workspaceId: r.workspace_id,
  kind: r.kind,
  platform: r.platform,
  channelId: r.channel_id,
  time: r.local_time,
  timeZone: r.time_zone,
  days: jsonColumn(r.days, isDays, `subscriptions.days of #${r.id}`),
  maxTasks: r.max_tasks,
  style: r.style,
  remindAfter: r.remind_after,
  heldSince: r.held_since,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toRun = (r: RunRow): DigestRun => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  localDate: r.local_date,
  scheduledFor: r.scheduled_for,
  status: r.status,
  batchId: r.batch_id,
  batch: r.batch_number,
  attempts: r.attempts,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** A run's batch's number in its workspace, as a column of a digest_runs row. */
const BATCH_NUMBER = '(SELECT number FROM batches WHERE batches.id = digest_runs.batch_id) AS batch_number';

export function createSubscriptionRepository(db: Db): SubscriptionRepository {
  const key =
    'workspace_id = @workspaceId AND kind = @kind AND platform = @platform AND channel_id = @channelId';
  const findByKey = db.prepare<Record<string, unknown>, SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE ${key}`,
  );
  const upsert = db.prepare(
    `INSERT INTO subscriptions
       (workspace_id, kind, platform, channel_id, local_time, time_zone, days, max_tasks, style, remind_after,
        created_by, created_at)
     VALUES (@workspaceId, @kind, @platform, @channelId, @time, @timeZone, @days, @maxTasks, @style, @remindAfter,
       @createdBy, @now)
     ON CONFLICT (workspace_id, kind, platform, channel_id) DO UPDATE SET local_time = excluded.local_time,
       time_zone = excluded.time_zone, days = excluded.days, max_tasks = excluded.max_tasks,
       style = excluded.style, remind_after = excluded.remind_after`,
  );
  const find = db.prepare<[string, number], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE workspace_id = ? AND id = ?',
  );
  const list = db.prepare<[string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE workspace_id = ? ORDER BY id',
  );
  const all = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id');
  const remove = db.prepare('DELETE FROM subscriptions WHERE workspace_id = ? AND id = ?');
  const removeByKey = db.prepare(`DELETE FROM subscriptions WHERE ${key}`);
  const findRun = db.prepare<[number, string], RunRow>(
    `SELECT *, ${BATCH_NUMBER} FROM digest_runs WHERE subscription_id = ? AND local_date = ?`,
  );
  const lastRun = db.prepare<[number], RunRow>(
    `SELECT *, ${BATCH_NUMBER} FROM digest_runs WHERE subscription_id = ? ORDER BY local_date DESC LIMIT 1`,
  );
  const insertRun = db
    .prepare<[number, string, string, string], number>(
      `INSERT INTO digest_runs (subscription_id, local_date, scheduled_for, status, attempts, started_at)
       VALUES (?, ?, ?, 'claimed', 1, ?) ON CONFLICT (subscription_id, local_date) DO NOTHING RETURNING id`,
    )
    .pluck();
  const retryRun = db
    .prepare<[string, string, number, string, number], number>(
      `UPDATE digest_runs SET status = 'claimed', attempts = attempts + 1, scheduled_for = ?, started_at = ?,
         finished_at = NULL WHERE subscription_id = ? AND local_date = ? AND status = 'failed' AND attempts < ?
       RETURNING id`,
    )
    .pluck();
  const posted = db.prepare(
    `UPDATE digest_runs SET status = 'posted', batch_id = ?, error = NULL, finished_at = ? WHERE id = ?`,
  );
  const skipped = db.prepare(
    `UPDATE digest_runs SET status = 'skipped', error = ?, finished_at = ? WHERE id = ?`,
  );
  const held = db.prepare('UPDATE subscriptions SET held_since = coalesce(held_since, ?) WHERE id = ?');
  const released = db.prepare('UPDATE subscriptions SET held_since = NULL WHERE id = ?');
  const failed = db.prepare(
    `UPDATE digest_runs SET status = 'failed', error = ?, finished_at = ?, attempts = max(attempts, ?)
     WHERE id = ?`,
  );

  return {
    upsert: (s, now) => {
      const params = { ...s, days: JSON.stringify(s.days), now };
      const before = findByKey.get(params);
      upsert.run(params);
      const row = findByKey.get(params);
      if (!row) throw new Error('subscription vanished while being saved');
      return { subscription: toSubscription(row), previous: before ? toSubscription(before) : null };
    },
    findByKey: (workspaceId, kind, platform, channelId) => {
      const row = findByKey.get({ workspaceId, kind, platform, channelId });
      return row ? toSubscription(row) : null;
    },
    find: (ws, id) => {
      const row = find.get(ws, id);
      return row ? toSubscription(row) : null;
    },
    list: (ws) => list.all(ws).map(toSubscription),
    all: () => all.all().map(toSubscription),
    remove: (ws, id) => remove.run(ws, id).changes === 1,
    removeByKey: (workspaceId, kind, platform, channelId) =>
      removeByKey.run({ workspaceId, kind, platform, channelId }).changes === 1,
    findRun: (id, date) => {
      const row = findRun.get(id, date);
      return row ? toRun(row) : null;
    },
    lastRun: (id) => {
      const row = lastRun.get(id);
      return row ? toRun(row) : null;
    },
    claimRun: (id, date, scheduledFor, now) =>
      insertRun.get(id, date, scheduledFor, now) ??
      retryRun.get(scheduledFor, now, id, date, MAX_RUN_ATTEMPTS) ??
      null,
    markPosted: (runId, batchId, now) => {
      posted.run(batchId, now, runId);
    },
    markFailed: (runId, error, now, final = false) => {
      failed.run(error.slice(0, 1000), now, final ? MAX_RUN_ATTEMPTS : 0, runId);
    },
    markSkipped: (runId, why, now) => {
      skipped.run(why.slice(0, 1000), now, runId);
    },
    setHeld: (id, since) => {
      if (since === null) released.run(id);
      else held.run(since, id);
    },
  };
}

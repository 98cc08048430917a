import type { DueDelivery, Webhook } from '../domain/webhook.js';
import { isStringArray, jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface WebhookRow {
  id: number;
  workspace_id: string;
  url: string;
  events: string;
  active: number;
  created_by: string;
  created_at: string;
  pending: number;
  delivered: number;
  failed: number;
  last_error: string | null;
}

interface DueRow {
  id: number;
  delivery_id: string;
  webhook_id: number;
  workspace_id: string;
  url: string;
  secret: string;
  event: string;
  payload: string;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  /** Its place among its webhook's due deliveries: 1 for the first. */
  turn: number;
}

/** A webhook row to insert. */
export interface NewWebhook {
  workspaceId: string;
  url: string;
  secret: string;
  events: string[];
  createdBy: string;
}

/** Where a delivery attempt left it. */
export type AttemptResult =
  | { status: 'delivered'; httpStatus: number }
  | { status: 'pending' | 'failed'; httpStatus: number | null; error: string; nextAttemptAt: string };

/** How many deliveries to each webhook are being sent now, and how many may be at once. */
export interface DeliveryLanes {
  perWebhook: number;
  inFlight: ReadonlyMap<number, number>;
}

/** Webhooks and their delivery outbox. */
export interface WebhookRepository {
  add(webhook: NewWebhook, now: string): number;
  list(workspaceId: string): Webhook[];
  find(workspaceId: string, id: number): Webhook | null;
  findByUrl(workspaceId: string, url: string): Webhook | null;
  remove(workspaceId: string, id: number): boolean;
  /**
   * The outbox insert: one pending delivery per active webhook of the workspace subscribed to
   * `event`. Call inside the transaction that makes the change it reports. Returns how many.
   */
  enqueue(workspaceId: string, event: string, payload: unknown, now: string): number;
  /**
   * Deliveries due at `now`, leased until `leaseUntil` so another deliverer does not send them too.
   * They are taken round-robin over the webhooks with deliveries due (each one's first, then each
   * one's second, …), so one webhook with many due cannot take the places of the others. With
   * `lanes`, none to a webhook that has `perWebhook` in flight already (counting these), and a
   * webhook with none in flight gets its first even beyond `limit`: receivers that hang hold the
   * places they took, never another webhook's first. With `retriesDueBy` (a pass's start), a
   * delivery attempted before is taken only if it was due by then: its retry, come due while the
   * pass ran, waits for the next pass instead of being sent twice in one. Call inside a write
   * transaction.
   */
  claimDue(
    now: string,
    leaseUntil: string,
    limit: number,
    lanes?: DeliveryLanes,
    retriesDueBy?: string,
  ): DueDelivery[];
  recordAttempt(id: number, attempts: number, result: AttemptResult, now: string): void;
  /**
   * Gives back the lease `claimDue` took until `leaseUntil`, the delivery due again at `now` with
   * its attempts as they were: it was not sent (the deliverer stopped). A lease taken since, or an
   * attempt recorded since, is left alone.
   */
  release(id: number, leaseUntil: string, now: string): void;
}

const SELECT_WEBHOOK = `
  SELECT w.id, w.workspace_id, w.url, w.events, w.active, w.created_by, w.created_at,
    (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending') AS pending,
    (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'delivered') AS delivered,
    (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'failed') AS failed,
    (SELECT d.last_error FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.last_error IS NOT NULL
      ORDER BY d.id DESC LIMIT 1) AS last_error
  FROM webhooks w`;

const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  workspaceId: r.workspace_id,
  url: r.url,
  events: jsonColumn(r.events, isStringArray, `webhooks(${r.id}).events`),
  active: r.active === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  deliveries: { pending: r.pending, delivered: r.delivered, failed: r.failed },
  lastError: r.last_error,
});

/**
 * What a claim takes of the due rows, each with its `turn` among its webhook's: round by round,
 * a webhook's round being its turn after the deliveries it has in flight, so every webhook's next
 * goes before any webhook's one after (in due order within a round); up to `limit`, and with
 * `lanes`, at most `perWebhook` in flight to one webhook, and a webhook's first beyond `limit`
 * when it has none in flight.
 */
function pick(due: DueRow[], limit: number, lanes?: DeliveryLanes): DueRow[] {
  const perWebhook = lanes?.perWebhook ?? Number.POSITIVE_INFINITY;
  const rounds = due
    .map((r) => ({ r, round: (lanes?.inFlight.get(r.webhook_id) ?? 0) + r.turn }))
    .filter((x) => x.round <= perWebhook)
    .sort((x, y) => x.round - y.round);
  const picked: DueRow[] = [];
  for (const { r, round } of rounds) if (picked.length < limit || (lanes && round === 1)) picked.push(r);
  return picked;
}

/**
 * The webhooks a claim need not read: those with `perWebhook` in flight, and with no place free,
 * every one with a delivery in flight (only a webhook with none may then have one).
 */
function skipped(limit: number, lanes?: DeliveryLanes): number[] {
  if (!lanes) return [];
  return [...lanes.inFlight].filter(([, n]) => limit <= 0 || n >= lanes.perWebhook).map(([id]) => id);
}

/** The webhook repository over one connection, with prepared statements. */
export function createWebhookRepository(db: Db): WebhookRepository {
  const insert = db.prepare(
    `INSERT INTO webhooks (workspace_id, url, secret, events, created_by, created_at)
     VALUES (@workspaceId, @url, @secret, @events, @createdBy, @now)`,
  );
  const list = db.prepare<[string], WebhookRow>(`${SELECT_WEBHOOK} WHERE w.workspace_id = ? ORDER BY w.id`);
  const find = db.prepare<[string, number], WebhookRow>(
    `${SELECT_WEBHOOK} WHERE w.workspace_id = ? AND w.id = ?`,
  );
  const findByUrl = db.prepare<[string, string], WebhookRow>(
    `${SELECT_WEBHOOK} WHERE w.workspace_id = ? AND w.url = ?`,
  );
  const remove = db.prepare('DELETE FROM webhooks WHERE workspace_id = ? AND id = ?');
  /** The workspace's active webhooks subscribed to the event, as a FROM … WHERE on `w`, with these placeholders. */
  const subscribers = (workspaceId: string, event: string) =>
    `FROM webhooks w WHERE w.workspace_id = ${workspaceId} AND w.active = 1
       AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value IN ('*', ${event}))`;
  // Asked first, so a change nobody subscribed to (most workspaces have no webhooks) costs one
  // read, not its payload serialised for an insert of no rows: recording an outcome reports two.
  const subscribed = db
    .prepare<[string, string], number>(`SELECT EXISTS (SELECT 1 ${subscribers('?', '?')})`)
    .pluck();
  const enqueue = db.prepare(
    `INSERT INTO webhook_deliveries (webhook_id, event, payload, next_attempt_at, created_at)
     SELECT w.id, @event, @payload, @now, @now ${subscribers('@workspaceId', '@event')}`,
  );
  // Each webhook's first `?` due (its `turn`: 1, 2, …), leaving out the webhooks given (a JSON
  // array), so the backlog of a webhook whose lanes are full is not read again at every claim.
  const due = db.prepare<[string, string, string, number], DueRow>(
    `SELECT * FROM (
       SELECT d.id, d.delivery_id, d.webhook_id, w.workspace_id, w.url, w.secret, d.event, d.payload, d.attempts,
         d.created_at, d.next_attempt_at,
         row_number() OVER (PARTITION BY d.webhook_id ORDER BY d.next_attempt_at, d.id) AS turn
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.attempts = 0 OR d.next_attempt_at <= ?)
         AND d.webhook_id NOT IN (SELECT value FROM json_each(?)))
     WHERE turn <= ? ORDER BY next_attempt_at, id`,
  );
  const lease = db.prepare('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?');
  const release = db.prepare(
    `UPDATE webhook_deliveries SET next_attempt_at = @now
     WHERE id = @id AND status = 'pending' AND next_attempt_at = @leaseUntil`,
  );
  const attempt = db.prepare(
    `UPDATE webhook_deliveries SET status = @status, attempts = @attempts, last_status = @httpStatus,
       last_error = @error, next_attempt_at = @nextAttemptAt, delivered_at = @deliveredAt
     WHERE id = @id`,
  );
  const one = (row: WebhookRow | undefined) => (row ? toWebhook(row) : null);
  return {
    add: (w, now) => Number(insert.run({ ...w, events: JSON.stringify(w.events), now }).lastInsertRowid),
    list: (ws) => list.all(ws).map(toWebhook),
    find: (ws, id) => one(find.get(ws, id)),
    findByUrl: (ws, url) => one(findByUrl.get(ws, url)),
    remove: (ws, id) => remove.run(ws, id).changes === 1,
    enqueue: (ws, event, payload, now) =>
      subscribed.get(ws, event) === 0
        ? 0
        : enqueue.run({ workspaceId: ws, event, payload: JSON.stringify(payload), now }).changes,
    claimDue: (now, leaseUntil, limit, lanes, retriesDueBy = now) => {
      if (limit <= 0 && !lanes) return [];
      const turns = lanes ? (limit <= 0 ? 1 : lanes.perWebhook) : limit;
      const rows = due.all(now, retriesDueBy, JSON.stringify(skipped(limit, lanes)), turns);
      return pick(rows, limit, lanes).map((r) => {
        lease.run(leaseUntil, r.id);
        return {
          id: r.id,
          deliveryId: r.delivery_id,
          webhookId: r.webhook_id,
          workspaceId: r.workspace_id,
          url: r.url,
          secret: r.secret,
          event: r.event,
          payload: r.payload,
          attempts: r.attempts,
          createdAt: r.created_at,
        };
      });
    },
    recordAttempt: (id, attempts, result, now) => {
      const delivered = result.status === 'delivered';
      attempt.run({
        id,
        attempts,
        status: result.status,
        httpStatus: result.httpStatus,
        error: delivered ? null : result.error.slice(0, 500),
        nextAttemptAt: delivered ? now : result.nextAttemptAt,
        deliveredAt: delivered ? now : null,
      });
    },
    release: (id, leaseUntil, now) => {
      release.run({ id, leaseUntil, now });
    },
  };
}

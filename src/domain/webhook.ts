/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['batch.generated', 'task.decided', 'outcome.recorded'] as const;
/** One of WEBHOOK_EVENTS. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** An outgoing webhook as listed: its secret is shown only once, when it is added. */
export interface Webhook {
  id: number;
  workspaceId: string;
  url: string;
  /** The subscribed events; `['*']` means all of them. */
  events: string[];
  active: boolean;
  createdBy: string;
  createdAt: string;
  /** Deliveries by status, and the last error of the most recent failed attempt. */
  deliveries: { pending: number; delivered: number; failed: number };
  lastError: string | null;
}

/** A delivery the deliverer is about to send, with what it needs to sign and address it. */
export interface DueDelivery {
  id: number;
  /**
   * What the receiver knows it by (`X-Goalpost-Delivery`, the body's `id`): a UUID, never given
   * again (the row's id is, once the highest is deleted); the number, as text, of one written before.
   */
  deliveryId: string;
  webhookId: number;
  workspaceId: string;
  url: string;
  secret: string;
  event: string;
  /** The event's `data`, as stored JSON text. */
  payload: string;
  attempts: number;
  createdAt: string;
}

/** An API token as listed: never the token itself, only its prefix. */
export interface ApiToken {
  name: string;
  role: 'member' | 'approver' | 'admin';
  /**
   * The assignees a member token acts for on the queue and in recording outcomes, as named when it
   * was made; none: worker agents only. Approver and admin tokens act for anyone.
   */
  actsFor: string[];
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

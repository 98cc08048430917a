import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export {
  type DependencyAction,
  issueDependenciesPayload,
  type WebhookDependencyIssue,
} from './github-webhook-dependencies.js';
export {
  type IssuesAction,
  issuesPayload,
  type LabelAction,
  labelPayload,
  type MilestoneAction,
  milestonePayload,
  pingPayload,
  type WebhookCommon,
  type WebhookIssueInput,
  type WebhookMilestoneInput,
  type WebhookRepoInput,
  webhookRepository,
} from './github-webhook-payloads.js';
export { type PullRequestAction, pullRequestPayload, type WebhookPullInput } from './github-webhook-pulls.js';

/**
 * `X-Hub-Signature-256` for a body: `sha256=` and the hex HMAC-SHA256 of the exact bytes sent,
 * keyed by the webhook's secret. Written here with node:crypto, not taken from the code under
 * test, so a receiver is checked against GitHub's scheme rather than against itself.
 */
export function signGitHubBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** The legacy `X-Hub-Signature` (HMAC-SHA1), which GitHub still sends beside the SHA-256 one. */
export function signGitHubBodySha1(secret: string, rawBody: string | Buffer): string {
  return `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`;
}

export interface GitHubDelivery {
  /** `X-GitHub-Event`: `issues`, `pull_request`, `ping`, … */
  event: string;
  payload: unknown;
  /** The webhook's secret; without one GitHub sends no signature headers. */
  secret?: string;
  /** `X-GitHub-Delivery` (a fresh GUID by default; reuse one to play a redelivery). */
  deliveryId?: string;
  /** Replaces `X-Hub-Signature-256` (a wrong one); null leaves it out even with a secret. */
  signature?: string | null;
  /** Sent instead of the payload's JSON, byte for byte (signed as sent), e.g. a tampered body. */
  rawBody?: string;
  /** GitHub's other content type: the JSON as the form field `payload`. */
  contentType?: 'json' | 'form';
  hookId?: number;
  /** What the hook is installed on (`X-GitHub-Hook-Installation-Target-*`). */
  target?: { type: 'repository' | 'organization' | 'integration'; id: number };
}

export interface GitHubDeliveryResult {
  status: number;
  body: string;
  /** The headers that were sent, for assertions about what the receiver saw. */
  sent: Record<string, string>;
  deliveryId: string;
}

/** Hookshot's build, a short hex like GitHub's (`GitHub-Hookshot/044aadd`), fixed per run. */
const HOOKSHOT = `GitHub-Hookshot/${randomBytes(4).toString('hex').slice(0, 7)}`;

/** The body as GitHub sends it for a content type: compact JSON, or `payload=<url-encoded JSON>`. */
function encodeBody(delivery: GitHubDelivery): { body: string; type: string } {
  const json = delivery.rawBody ?? JSON.stringify(delivery.payload);
  if (delivery.contentType === 'form')
    return { body: `payload=${encodeURIComponent(json)}`, type: 'application/x-www-form-urlencoded' };
  return { body: json, type: 'application/json' };
}

/** The headers of a delivery, named and spelt as GitHub sends them. */
function deliveryHeaders(delivery: GitHubDelivery, body: string, type: string, deliveryId: string) {
  const headers: Record<string, string> = {
    'User-Agent': HOOKSHOT,
    'Content-Type': type,
    'X-GitHub-Delivery': deliveryId,
    'X-GitHub-Event': delivery.event,
    'X-GitHub-Hook-ID': String(delivery.hookId ?? 1),
    'X-GitHub-Hook-Installation-Target-Type': delivery.target?.type ?? 'repository',
    'X-GitHub-Hook-Installation-Target-ID': String(delivery.target?.id ?? 1),
  };
  if (delivery.secret !== undefined) {
    headers['X-Hub-Signature'] = signGitHubBodySha1(delivery.secret, body);
    headers['X-Hub-Signature-256'] = signGitHubBody(delivery.secret, body);
  }
  if (delivery.signature === null) {
    delete headers['X-Hub-Signature'];
    delete headers['X-Hub-Signature-256'];
  } else if (delivery.signature !== undefined) headers['X-Hub-Signature-256'] = delivery.signature;
  return headers;
}

/** POSTs one delivery to `url` as GitHub's webhook sender does, and reads the answer. */
export async function deliverGitHubEvent(
  url: string,
  delivery: GitHubDelivery,
): Promise<GitHubDeliveryResult> {
  const deliveryId = delivery.deliveryId ?? randomUUID();
  const { body, type } = encodeBody(delivery);
  const sent = deliveryHeaders(delivery, body, type, deliveryId);
  const response = await fetch(url, { method: 'POST', headers: sent, body });
  return { status: response.status, body: await response.text(), sent, deliveryId };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Webhooks } from '@octokit/webhooks';
import type {
  Ctx,
  GitHubRepoLink,
  Goalpost,
  Logger,
  PullRequestOutcome,
  SyncCounts,
} from '../../src/index.js';
import { ValidationError, validate } from '../../src/index.js';
import { answerFailure, answerJson, answerRefusal, readRawBody } from '../http/raw-body.js';
import { refusalWarning } from '../http/refusal-log.js';
import {
  deliverySchema,
  dependencyDeliverySchema,
  isOfRepo,
  issueDeliverySchema,
  labelDeliverySchema,
  milestoneDeliverySchema,
  pullRequestDeliverySchema,
  type RawDependencyIssue,
  type RawIssue,
  type RawMilestone,
  type RawPullRequest,
  toBacklogIssue,
  toClosedPullRequest,
  toMilestone,
} from './records.js';

/** GitHub caps a delivery at 25 MB. */
const MAX_DELIVERY_BYTES = 25 * 1024 * 1024;

export interface GitHubWebhookOptions {
  app: Goalpost;
  /** GITHUB_WEBHOOK_SECRET: the secret the repository's webhook signs with. */
  secret: string;
  logger: Logger;
  /** Called after a delivery changed something (pass the chat watch's `nudge`). */
  onChange?: () => void;
}

/** What one workspace made of a delivery. */
interface Applied {
  workspace: string;
  duplicate: boolean;
  backlog?: SyncCounts;
  tasks?: PullRequestOutcome[];
  /** A label was renamed or deleted: the next sync reads every open issue again. */
  reread?: boolean;
}

/** The events the handler reads; any other is answered 202 and ignored. */
type UsedEvent = 'issues' | 'pull_request' | 'issue_dependencies' | 'milestone' | 'label';
const USED_EVENTS: readonly string[] = ['issues', 'pull_request', 'issue_dependencies', 'milestone', 'label'];

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * `POST /github/webhook`: GitHub's deliveries for connected repositories. The signature
 * (X-Hub-Signature-256, HMAC of the raw body with GITHUB_WEBHOOK_SECRET) is verified before the body
 * is parsed: a missing or wrong one gets 401 and nothing is written. `issues` events update the
 * backlog at once; a closed `pull_request` records the tasks it names done (merged) or notes it
 * (closed unmerged); `issue_dependencies` makes a feature wait for the feature of the issue that
 * blocks its issue, or no longer (only a wait GitHub gave); `milestone` brings the issues in a
 * milestone renamed or given another due date to it, or takes a deleted one off them; `label`
 * renamed or deleted has the next sync read every open issue again (GitHub relabels its issues
 * without an `issues` delivery, nor moving their `updated_at`). A redelivery (same X-GitHub-Delivery) changes nothing. A repository connected
 * nowhere gets 404 naming it.
 */
export function createGitHubWebhookHandler(
  options: GitHubWebhookOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { app, logger } = options;
  const webhooks = new Webhooks({ secret: options.secret });
  const log = logger.child({ component: 'github-webhook' });
  const refused = refusalWarning(
    log,
    'webhook delivery refused for its signature (at most one line a minute)',
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      answerRefusal(res, 405, 'E_METHOD_NOT_ALLOWED', 'GitHub delivers with POST', {
        headers: { allow: 'POST' },
      });
      req.resume();
      return;
    }
    const raw = await readRawBody(req, res, MAX_DELIVERY_BYTES, 'a delivery');
    if (raw === null) return;
    const signature = header(req, 'x-hub-signature-256');
    if (!signature) {
      const why = 'missing X-Hub-Signature-256: give the webhook a secret, the same as GITHUB_WEBHOOK_SECRET';
      refused(why, req.socket.remoteAddress);
      answerRefusal(res, 401, 'E_UNAUTHORIZED', why);
      return;
    }
    if (raw.length === 0) {
      answerRefusal(res, 400, 'E_VALIDATION', 'the delivery has no body: GitHub sends the event as JSON', {
        field: 'body',
      });
      return;
    }
    const body = raw.toString('utf8');
    if (!(await webhooks.verify(body, signature).catch(() => false))) {
      const why = 'X-Hub-Signature-256 does not match: the webhook secret and GITHUB_WEBHOOK_SECRET differ';
      refused(why, req.socket.remoteAddress);
      answerRefusal(res, 401, 'E_UNAUTHORIZED', why);
      return;
    }
    const event = header(req, 'x-github-event');
    const delivery = header(req, 'x-github-delivery');
    if (!event || !delivery || delivery.length > 200) {
      answerRefusal(res, 400, 'E_VALIDATION', 'a delivery carries X-GitHub-Event and X-GitHub-Delivery', {
        field: event ? 'X-GitHub-Delivery' : 'X-GitHub-Event',
      });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      answerRefusal(
        res,
        400,
        'E_VALIDATION',
        'the body is not JSON (set the webhook’s content type to application/json)',
        { field: 'body' },
      );
      return;
    }
    if (event === 'ping') {
      answerJson(res, 200, { ok: true, event });
      return;
    }
    if (!USED_EVENTS.includes(event)) {
      answerJson(res, 202, {
        ok: true,
        ignored: `${event} events are not used; tick Issues, Pull requests, Issue dependencies, Milestones and Labels only`,
      });
      return;
    }
    let payload: Record<string, unknown>;
    try {
      payload = checked(event as UsedEvent, parsed);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      answerRefusal(
        res,
        400,
        'E_VALIDATION',
        `not a GitHub ${event} delivery: ${error.message}; nothing was written`,
        { field: error.field },
      );
      return;
    }
    const fullName = String((payload.repository as { full_name?: unknown }).full_name);
    const links = app.github.linksNamed(fullName);
    if (links.length === 0) {
      answerRefusal(
        res,
        404,
        'E_NOT_FOUND',
        `${fullName || 'this repository'} is not connected to any project; connect it with \`goalpost github connect ${fullName || 'owner/repo'} --project "Name"\``,
      );
      return;
    }
    const sender = String((payload.sender as { login?: unknown } | undefined)?.login ?? 'unknown');
    const applied = links.map((link) => apply(link, event as UsedEvent, payload, delivery, sender));
    if (applied.some((a) => !a.duplicate)) options.onChange?.();
    answerJson(res, 200, { ok: true, event, delivery, applied });
  }

  /**
   * A delivery's payload once the fields the handler reads are there and of their types
   * (deliverySchema and the event's own); throws a ValidationError naming what is not. The
   * payload itself is returned, with the fields GitHub sends and the handler does not read.
   */
  function checked(event: UsedEvent, parsed: unknown): Record<string, unknown> {
    const common = validate(deliverySchema(), parsed);
    if (event === 'issues') validate(issueDeliverySchema(), parsed);
    else if (event === 'issue_dependencies') validate(dependencyDeliverySchema(), parsed);
    else if (event === 'milestone') validate(milestoneDeliverySchema(), parsed);
    else if (event === 'label') validate(labelDeliverySchema(), parsed);
    else if (common.action === 'closed') validate(pullRequestDeliverySchema(), parsed);
    return parsed as Record<string, unknown>;
  }

  function apply(
    link: GitHubRepoLink,
    event: UsedEvent,
    payload: Record<string, unknown>,
    delivery: string,
    sender: string,
  ): Applied {
    // A signed delivery comes in over HTTP, as GitHub's sender (`github:login`), and acts as a
    // member: it may record work done, never decide what is to be done.
    const ctx: Ctx = app.context({
      workspaceId: link.workspaceId,
      actor: `github:${sender}`,
      source: 'api',
      role: 'member',
    });
    const action = String(payload.action ?? '');
    const ran = app.github.once(ctx, delivery, () => {
      if (event === 'issues') {
        const issue = toBacklogIssue(payload.issue as RawIssue);
        // Deleted or moved to another repository: gone from this backlog, as if closed not planned,
        // or, moved to a repository of the same project, kept there (see GoneIssue).
        if (action === 'deleted' || action === 'transferred') {
          const moved = (payload.changes ?? {}) as {
            new_issue?: { number?: unknown };
            new_repository?: { full_name?: unknown };
          };
          const to = moved.new_repository?.full_name;
          const toNumber = moved.new_issue?.number;
          return {
            backlog: app.github.gone(ctx, link.fullName, {
              number: issue.number,
              deleted: action === 'deleted',
              to: typeof to === 'string' ? to : null,
              toNumber: typeof toNumber === 'number' ? toNumber : null,
            }),
          };
        }
        return { backlog: app.github.ingest(ctx, link.fullName, [issue]) };
      }
      if (event === 'issue_dependencies') return dependencyChange(ctx, link, action, payload);
      if (event === 'milestone') return milestoneChange(ctx, link, action, payload);
      if (event === 'label') return labelChange(ctx, link, action, payload);
      if (action !== 'closed') return {};
      return {
        tasks: app.github.closedPullRequest(
          ctx,
          link,
          toClosedPullRequest(payload.pull_request as RawPullRequest),
        ),
      };
    });
    const result = {
      workspace: link.workspaceId,
      duplicate: ran.duplicate,
      ...(ran.duplicate ? {} : ran.result),
    };
    log.info({ delivery, event, action, repo: link.fullName, ...result }, 'GitHub delivery applied');
    return result;
  }

  /**
   * A "blocked by" added or removed (`blocked_by_*` on the blocked issue's repository,
   * `blocking_*` on the blocking one's). Between two issues of `link`'s repository only: a blocker
   * in another is another project's work, and a feature waits only for one of its own.
   */
  function dependencyChange(
    ctx: Ctx,
    link: GitHubRepoLink,
    action: string,
    payload: Record<string, unknown>,
  ): Pick<Applied, 'backlog'> {
    const added = action === 'blocked_by_added' || action === 'blocking_added';
    const removed = action === 'blocked_by_removed' || action === 'blocking_removed';
    const blocked = payload.blocked_issue as RawDependencyIssue;
    const blocking = payload.blocking_issue as RawDependencyIssue;
    if (!(added || removed) || !isOfRepo(blocked, link.fullName) || !isOfRepo(blocking, link.fullName))
      return {};
    const dependency = { blocked: blocked.number, blocking: blocking.number, htmlUrl: blocked.html_url };
    return { backlog: app.github.dependency(ctx, link.fullName, dependency, added) };
  }

  /**
   * A milestone created, edited, opened, closed or deleted: its issues take its title and due date
   * (an issue stays in a closed milestone), or lose a deleted one. `edited` names a former title,
   * by which an issue synced before milestone numbers were kept is found.
   */
  function milestoneChange(
    ctx: Ctx,
    link: GitHubRepoLink,
    action: string,
    payload: Record<string, unknown>,
  ): Pick<Applied, 'backlog'> {
    const milestone = toMilestone(payload.milestone as RawMilestone);
    const formerTitle = (payload.changes as { title?: { from: string } } | undefined)?.title?.from;
    const deleted = action === 'deleted';
    return { backlog: app.github.milestone(ctx, link.fullName, milestone, deleted, formerTitle) };
  }

  /**
   * A label renamed or deleted: GitHub relabels its issues, sending no `issues` delivery for them,
   * and their `updated_at` stays, so the next sync reads every open issue again. A label created,
   * or given another colour or description, changes no issue's meaning.
   */
  function labelChange(
    ctx: Ctx,
    link: GitHubRepoLink,
    action: string,
    payload: Record<string, unknown>,
  ): Pick<Applied, 'reread'> {
    const renamed = (payload.changes as { name?: { from: string } } | undefined)?.name !== undefined;
    if (action !== 'deleted' && !(action === 'edited' && renamed)) return {};
    return app.github.labelChanged(ctx, link.fullName);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => answerFailure(res, log, error, 'GitHub delivery'));
  };
}

import type { WebhookPayload } from './github-schema.js';
import {
  commonFields,
  fullNameOf,
  issueObject,
  WEBHOOK_API,
  type WebhookCommon,
  type WebhookIssueInput,
  type WebhookRepoInput,
  webhookRepository,
} from './github-webhook-payloads.js';

export type DependencyAction =
  | 'blocked_by_added'
  | 'blocked_by_removed'
  | 'blocking_added'
  | 'blocking_removed';

/** An issue of a dependency, with its repository when it is not the delivery's. */
export type WebhookDependencyIssue = WebhookIssueInput & { repo?: string | WebhookRepoInput };

/**
 * An `issue_dependencies` delivery: `blocked` is blocked by `blocking`. GitHub sends it to the
 * repository of the issue the action is about (`repo`): the blocked one's for `blocked_by_*`, the
 * blocking one's for `blocking_*`, naming the other issue's repository beside it
 * (`blocking_issue_repo`, `blocked_issue_repo`). Each issue is of `repo` unless it says another.
 */
export function issueDependenciesPayload(
  action: DependencyAction,
  o: WebhookCommon & { blocked: WebhookDependencyIssue; blocking: WebhookDependencyIssue },
) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const blockedRepo = o.blocked.repo ?? o.repo;
  const blockingRepo = o.blocking.repo ?? o.repo;
  const blocked = issueObject(api, fullNameOf(blockedRepo), o.blocked, 'edited');
  const blocking = issueObject(api, fullNameOf(blockingRepo), o.blocking, 'edited');
  const about = action.startsWith('blocked_by')
    ? { blocking_issue_repo: webhookRepository(blockingRepo, api) }
    : { blocked_issue_repo: webhookRepository(blockedRepo, api) };
  return {
    action,
    blocked_issue_id: blocked.id,
    blocked_issue: blocked,
    blocking_issue_id: blocking.id,
    blocking_issue: blocking,
    ...about,
    ...commonFields(o),
  } satisfies WebhookPayload<'issue_dependencies'>;
}

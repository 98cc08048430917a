import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { EmitterWebhookEvent, EmitterWebhookEventName } from '@octokit/webhooks';

/**
 * Every field optional, all the way down. The fake's JSON is checked against GitHub's published
 * schemas (through the types @octokit/rest and @octokit/webhooks ship) with `satisfies` this:
 * a field the fake writes that GitHub does not have, or of the wrong type, fails the typecheck.
 * Fields must be written directly in the literal: spread ones escape the excess-property check.
 */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

type Rest = RestEndpointMethodTypes;

export type RestRepo = DeepPartial<Rest['repos']['get']['response']['data']>;
export type RestIssue = DeepPartial<Rest['issues']['get']['response']['data']>;
export type RestMilestone = DeepPartial<Rest['issues']['getMilestone']['response']['data']>;
export type RestUser = DeepPartial<Rest['users']['getByUsername']['response']['data']>;
export type RestLabel = DeepPartial<Rest['issues']['getLabel']['response']['data']>;
export type RestRateLimit = DeepPartial<Rest['rateLimit']['get']['response']['data']>;

/** The payload of a webhook event, as GitHub's webhook schema has it. */
export type WebhookPayload<E extends EmitterWebhookEventName> = DeepPartial<
  EmitterWebhookEvent<E>['payload']
>;

import type { Subscription } from '../../src/index.js';

/** A subscription as the schedule commands name it: `#3 digest → slack C0123`. */
export const subscriptionWhere = (s: Pick<Subscription, 'id' | 'kind' | 'platform' | 'channelId'>): string =>
  `#${s.id} ${s.kind} → ${s.platform} ${s.channelId}`;

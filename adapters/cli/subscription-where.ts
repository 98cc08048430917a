import { channelText, type Subscription } from '../../src/index.js';

/** A subscription as the schedule commands name it: `#3 digest → slack C0123`, `#1 digest → console`. */
export const subscriptionWhere = (s: Pick<Subscription, 'id' | 'kind' | 'platform' | 'channelId'>): string =>
  `#${s.id} ${s.kind} → ${channelText(s)}`;

import type { types } from '@slack/bolt';
import type { View } from '../../src/index.js';
import { type Mentionable, packMessages } from './render-blocks.js';
import { LIMITS, plain } from './render-limits.js';

/**
 * A modal that only shows messages, for a person on App Home: Home has no response_url and no
 * channel, so what Goalpost would say to them alone (a refusal, why nothing changed) opens here.
 */
export function noticeModal(messages: readonly View[], mentionable: Mentionable): types.ModalView {
  return {
    type: 'modal',
    title: plain('Goalpost', LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalTitle),
    blocks: packMessages(messages, mentionable)
      .flatMap((m) => m.blocks)
      .slice(0, LIMITS.blocksPerView),
  };
}

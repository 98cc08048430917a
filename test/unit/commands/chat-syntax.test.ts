import { describe, expect, it } from 'vitest';
import { chatSyntax, inChatSyntax } from '../../../src/commands/chat-syntax.js';
import type { Reply } from '../../../src/domain/reply.js';

describe('hints in chat words', () => {
  it('gives a chat command its slash, and says a command chat lacks is the command line’s', () => {
    expect(chatSyntax('record one with `goalpost metric signups 420`')).toBe(
      'record one with `/goalpost metric signups 420`',
    );
    expect(chatSyntax('`goalpost revenue show` lists the records')).toBe(
      '`goalpost revenue show` on the command line lists the records',
    );
    // A clause that says so already is left as written, before the command or after it.
    expect(chatSyntax('pause it from the command line, `goalpost project set "Name" paused`')).toBe(
      'pause it from the command line, `goalpost project set "Name" paused`',
    );
    expect(chatSyntax('(`goalpost project list` lists them all, on the command line)')).toBe(
      '(`goalpost project list` lists them all, on the command line)',
    );
  });

  it('rewrites where a progress bar’s figure comes from, as its detail', () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      messages: [
        {
          kind: 'progress',
          title: 'Revenue',
          empty: '',
          items: [
            {
              label: 'Revenue by 2027-02',
              current: 174,
              target: 999,
              unit: 'USD/month',
              ratio: 0.17,
              status: 'off_track',
              detail: '$174 of $999 MRR',
              freshness: 'if it is the same money, `goalpost revenue remove --all` removes the typed records',
            },
          ],
        },
      ],
      updates: [],
      duplicate: false,
    };
    const [shown] = inChatSyntax(reply).messages;
    expect(shown?.kind === 'progress' ? shown.items[0]?.freshness : null).toBe(
      'if it is the same money, `/goalpost revenue remove --all` removes the typed records',
    );
  });
});

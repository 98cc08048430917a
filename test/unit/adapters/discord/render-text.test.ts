import { describe, expect, it } from 'vitest';
import { cardEmbed } from '../../../../adapters/discord/render-card.js';
import { renderDiscordMessages } from '../../../../adapters/discord/render-discord.js';
import { chatText, escapeText, splitText } from '../../../../adapters/discord/render-text.js';
import { HOSTILE, markupIn } from '../../../helpers/discord-markup.js';
import { taskCardView } from '../../../helpers/views.js';

describe('Discord text: what people and processes wrote shows literally', () => {
  it('escapes Markdown, masked links, headings, subtext and quotes, and breaks mass and role mentions', () => {
    expect(markupIn(HOSTILE).length).toBeGreaterThan(5);
    const shown = escapeText(HOSTILE);
    expect(markupIn(shown)).toEqual([]);
    expect(shown).toContain('\\[Re-authenticate](https://evil.example)');
    expect(escapeText('**bold** _it_ `code`')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
  });

  it('keeps the inline code Goalpost writes, escaping what lies around it', () => {
    const text = 'unknown assignee "**x** @here"; add it with `goalpost assignee add x`';
    expect(chatText(text)).toBe(
      'unknown assignee "\\*\\*x\\*\\* @\u200bhere"; add it with `goalpost assignee add x`',
    );
  });

  // A review: replies named `/goalpost feature add …`, which Discord has under /backlog.
  it('names the backlog’s commands as Discord has them, under /backlog', () => {
    expect(
      chatText(
        'too big as one piece? `/goalpost feature drop 6` takes it out, and `/goalpost feature add "Basic EDU Apps" "<a part>"` puts each part in; `/goalpost approve T-1`',
      ),
    ).toBe(
      'too big as one piece? `/backlog feature drop 6` takes it out, and `/backlog feature add "Basic EDU Apps" "<a part>"` puts each part in; `/goalpost approve T-1`',
    );
    // And the commands Discord keeps in a group of /goalpost, in theirs.
    expect(
      chatText(
        'in chat, `/goalpost subscribe`, `unsubscribe` and `subscriptions`; `/goalpost whoami` shows it; `/goalpost task T-4` has it; `/goalpost cancel T-4 "not needed"`',
      ),
    ).toBe(
      'in chat, `/goalpost schedule add`, `unsubscribe` and `subscriptions`; `/goalpost me status` shows it; `/goalpost task show T-4` has it; `/goalpost task cancel T-4 "not needed"`',
    );
    const card = cardEmbed(
      taskCardView({
        reasoning: ['Ties with 2 other features: `/goalpost feature priority 1 high` ranks it ahead'],
      }),
    );
    expect(JSON.stringify(card)).toContain('/backlog feature priority 1 high');
    expect(JSON.stringify(card)).not.toContain('/goalpost feature');
  });

  it('shows people as mentions, notifying no one: the core writes them as discord:<id>', () => {
    expect(chatText('T-1 approved by discord:80351110224678912')).toBe(
      'T-1 approved by <@80351110224678912>',
    );
    const [message] = renderDiscordMessages({
      kind: 'text',
      text: 'approved by <@80351110224678912> @everyone',
    });
    expect(message?.allowed_mentions).toEqual({ parse: [] });
  });

  it('splits without leaving markup bare at the start of the next message', () => {
    const parts = renderDiscordMessages({ kind: 'text', text: `${'w'.repeat(1990)} # not a heading` });
    expect(parts).toHaveLength(2);
    expect(markupIn(parts[1]?.content ?? '')).toEqual([]);
    // A cut never separates a backslash from what it escapes.
    expect(splitText('ab\\*c', 3)).toEqual(['ab', '\\*c']);
  });
});

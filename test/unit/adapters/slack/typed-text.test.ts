import { describe, expect, it } from 'vitest';
import { mentionable, typedText } from '../../../../adapters/slack/slack-asker.js';

describe('a slash command’s text, as the person typed it', () => {
  it('reads back what Slack escapes of what was typed, &amp; last', () => {
    expect(typedText('legal &amp; finance (&lt;Q2&gt;), not &amp;lt;')).toBe(
      'legal & finance (<Q2>), not &lt;',
    );
  });

  // A code review: `&lt;@U123&gt;` read back as `<@U123>` was taken for a mention Slack made.
  it('leaves a typed mention, channel or ping escaped, and Slack’s own as they came', () => {
    const typed = 'role &lt;@U999&gt; admin &lt;#C1&gt; &lt;!here&gt; <@U024BE7LH|bo>';
    expect(typedText(typed)).toBe('role &lt;@U999> admin &lt;#C1> &lt;!here> <@U024BE7LH|bo>');
    expect([...mentionable('U1', typed)]).toEqual(['U1', 'U024BE7LH']);
  });
});

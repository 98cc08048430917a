/** Text a person or a process could send Goalpost: Markdown, a masked link, mass and role mentions. */
export const HOSTILE = [
  '[Re-authenticate](https://evil.example) @everyone @here <@&1150000000000000201> ||hidden|| ~~struck~~ __under__',
  '# Urgent',
  '-# small print',
  '> quoted',
].join('\n');

/** Text outside code: nothing renders inside a code block or inline code (after an unescaped backtick). */
const outsideCode = (text: string): string =>
  text.replace(/```[\s\S]*?```/g, '').replace(/(?<!\\)`[^`\n]*`/g, '');

/**
 * What in Discord content would render as markup or notify: masked links, `@everyone`/`@here`,
 * role mentions, spoilers, strike-through, underline, headings, subtext and quotes. Empty when
 * the text shows literally.
 */
export function markupIn(content: string): string[] {
  const text = outsideCode(content);
  const checks: Array<[string, RegExp]> = [
    ['masked link', /(?<!\\)\[[^\]\n]*\]\(\s*<?https?:/],
    ['@everyone or @here', /@(everyone|here)\b/],
    ['role mention', /<@&\d+>/],
    ['spoiler', /(?<!\\)\|\|/],
    ['strike-through', /(?<!\\)~~/],
    ['underline', /(?<!\\)__/],
    ['heading', /^\s*#{1,3} /m],
    ['subtext', /^\s*-# /m],
    ['quote', /^\s*>/m],
  ];
  return checks.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

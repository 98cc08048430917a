/** A fenced code block of a Markdown file. */
export interface FencedBlock {
  /** The `##`/`###` heading it sits under. */
  section: string;
  /** Its opening fence's line number (1-based). */
  line: number;
  /** The fence's language (`sh`, `ts`, or '' for none). */
  lang: string;
  /** Its lines, without the fence's indentation. */
  lines: string[];
}

/** Every fenced block of `markdown` in order, indented ones (inside list items) included. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let section = '';
  let open: FencedBlock | null = null;
  /** The open fence's indentation, taken off each of its lines. */
  let indent = 0;
  markdown.split('\n').forEach((text, i) => {
    if (open) {
      if (text.trim() === '```') {
        blocks.push(open);
        open = null;
      } else {
        open.lines.push(text.slice(Math.min(indent, text.length - text.trimStart().length)));
      }
      return;
    }
    const heading = /^#{2,3} (.+)$/.exec(text);
    if (heading?.[1]) section = heading[1];
    const fence = /^(\s*)```(\w*)\s*$/.exec(text);
    if (fence) {
      open = { section, line: i + 1, lang: fence[2] ?? '', lines: [] };
      indent = fence[1]?.length ?? 0;
    }
  });
  return blocks;
}

/**
 * A shell block's commands as a person pastes them: a command continued over lines (`\` at the
 * end) as one, blank lines and comment lines left out.
 */
export function shellCommands(lines: readonly string[]): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const line of lines) {
    if (pending === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      // The backslash and the newline stay: the shell joins them as a person's shell would.
      pending += `${line}\n`;
      continue;
    }
    commands.push(pending + line);
    pending = '';
  }
  if (pending !== '') commands.push(pending.trimEnd());
  return commands;
}

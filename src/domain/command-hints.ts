/**
 * Rewrites the commands a message from the core suggests, which it names as the command line
 * types them (`` `goalpost tasks` lists them ``), for another surface: `elsewhere` gives a hint's
 * words (`tasks`) in that surface's terms (`` `/goalpost tasks` ``, `` `GET /api/tasks` ``), or
 * null when it has none; such a hint is left as the command line's, and said to be, unless the
 * words around it say so already (`add one from the command line, …`, `(… lists them all, on the
 * command line)`).
 */
export function rewriteCommandHints(text: string, elsewhere: (words: string) => string | null): string {
  return text.replace(/`goalpost ([^`]+)`/g, (whole, rest: string, at: number) => {
    const there = elsewhere(rest);
    if (there !== null) return there;
    const before = text.slice(Math.max(0, at - 60), at);
    const after = text.slice(at + whole.length, at + whole.length + 60);
    return /command line[^.;:()]*$/.test(before) || /^[^.;:()]*command line/.test(after)
      ? whole
      : `${whole} on the command line`;
  });
}

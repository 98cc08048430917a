/** Locale-independent string comparison (code units), so orderings match on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Levenshtein distance, for "did you mean" and the nearest names. Past `limit` the exact figure does
 * not matter: once every way through the current row costs more, it answers `limit + 1`.
 */
export function distance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const code = a.charCodeAt(i - 1);
    let diagonal = row[0] as number;
    let left = i;
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      let cost = diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < cost) cost = up + 1;
      if (left + 1 < cost) cost = left + 1;
      row[j] = cost;
      if (cost < least) least = cost;
      diagonal = up;
      left = cost;
    }
    if (least > limit) return limit + 1;
  }
  return row[b.length] as number;
}

/** How much of an asked name nearestNames measures (names are shorter: a project's at most 120). */
const ASKED_MEASURED = 200;

/**
 * The `count` names nearest to `asked` (spaces around it and case aside), nearest first, then in
 * code-unit order: what an error about an unknown name offers when listing every name would be too
 * long to read. A name is measured only as far as it could still be among them, so a long mistyped
 * name against thousands of names costs milliseconds, not seconds.
 */
export function nearestNames(asked: string, names: readonly string[], count: number): string[] {
  // A name typed longer than any project's (at most 120 characters) is far from all of them: past a
  // few hundred characters only the first are measured, so a pasted page costs what a long name does.
  const key = asked.trim().toLowerCase().slice(0, ASKED_MEASURED);
  const best: { name: string; d: number }[] = [];
  const before = (a: { name: string; d: number }, b: { name: string; d: number }) =>
    a.d - b.d || compareText(a.name, b.name);
  for (const name of names) {
    const worst = best.length < count ? Number.POSITIVE_INFINITY : (best.at(-1)?.d ?? 0);
    const d = distance(key, name.toLowerCase(), worst);
    if (d > worst) continue;
    const entry = { name, d };
    if (best.length === count && before(entry, best.at(-1) ?? entry) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1] ?? entry) < 0) at -= 1;
    best.splice(at, 0, entry);
    if (best.length > count) best.pop();
  }
  return best.map((n) => n.name);
}

/**
 * The name `typed` most likely meant ("did you mean"): the nearest within two edits (one for a word
 * of three characters, where two make another word: `top` is two from `low`, the opposite of what
 * a review meant by it), case and spaces around it aside, when one alone is nearest and
 * `typed` has three characters or more; null otherwise (`wau` between `mau` and `dau` names neither).
 */
export function likelyMeant(typed: string, names: readonly string[]): string | null {
  const key = typed.trim().toLowerCase();
  if (key.length < 3) return null;
  const [first, second] = nearestNames(key, names, 2);
  if (first === undefined) return null;
  const d = distance(key, first.toLowerCase(), 2);
  if (d > (key.length <= 3 ? 1 : 2)) return null;
  return second !== undefined && distance(key, second.toLowerCase(), 2) === d ? null : first;
}

// Characters that show as nothing and change no word: zero-width space, word joiner, BOM, soft
// hyphen. Not the zero-width joiner and non-joiner: Persian and the Indic scripts spell with them
// (می‌خواهم is not میخواهم), and emoji are made of joiners (👩‍👩‍👧).
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;
// No-break spaces (NBSP, the figure space, the narrow one) read as a space.
const NO_BREAK_SPACE = /[\u00a0\u2007\u202f]/g;

/** Text a name may hold that normaliseName leaves as it is. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A name or title as it is kept and compared: composed (NFC: `Café` typed as e + ◌́ is `Café`),
 * without characters that show as nothing, no-break spaces as spaces. Two names a person cannot
 * tell apart on screen are one name: `Basic EDU​ Apps` (a zero-width space) is `Basic EDU Apps`.
 */
export function normaliseName(name: string): string {
  // Printable ASCII has nothing to compose or take out (most names).
  if (PRINTABLE_ASCII.test(name)) return name;
  return name.normalize('NFC').replace(INVISIBLE, '').replace(NO_BREAK_SPACE, ' ');
}

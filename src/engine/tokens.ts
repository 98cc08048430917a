const STOPWORDS = new Set(
  [
    'a an the and or but nor for of to in on at by with from into onto through via per as is',
    'are was were be been being it its this that these those our we us your you their they',
    'them his her all any each so then than up out about over if do does has have had not no',
    'can will should must once when which who what',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Nouns whose plural ends in `ches` and whose singular in `che` (`caches`, `cache`), not `ch`
 * (`patches`, `patch`): theirs is a plain `s`.
 */
const CHE_NOUNS = new Set(
  'ache apache avalanche cache cliche creche headache microfiche moustache mustache niche panache psyche quiche'.split(
    ' ',
  ),
);

/**
 * Nouns whose plural ends in `ies` and whose singular in `ie` (`cookies`, `cookie`), not `y`
 * (`categories`, `category`): theirs is a plain `s`. And two that are their own plural.
 */
const IE_NOUNS = new Set(
  [
    'auntie birdie bookie boogie brownie calorie collie cookie cutie foodie freebie genie goalie groupie',
    'hippie hoodie indie junkie lingerie movie newbie oldie pixie prairie rookie selfie smoothie',
    'sortie specie serie techie veggie walkie yuppie zombie',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Naive stemming, of plurals only: a plural `s` dropped (`apps` → `app`), but not from `ss`
 * (`access`) or short words; `es` after a hiss (`crashes` → `crash`, `boxes` → `box`, `addresses`
 * → `address`, `patches` → `patch`), and `ies` made `y` (`categories` → `category`), their nouns
 * of `che` and `ie` aside (`caches`, `cookies`). Two titles that differ in one word's number read
 * alike: "Checkout crash on Safari" was filed and proposed beside "Checkout crashes on Safari".
 * A stem is its word's start but for a `y` made of `ies`: see searchedFor.
 */
function stem(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || word.endsWith('ss')) return word;
  if (word.length > 4 && word.endsWith('es')) {
    if (word.endsWith('ies')) {
      const single = word.slice(0, -1);
      return IE_NOUNS.has(single) ? single : `${word.slice(0, -3)}y`;
    }
    if (/(?:ss|x|sh)es$/.test(word)) return word.slice(0, -2);
    if (word.endsWith('ches'))
      return CHE_NOUNS.has(word.slice(0, -1)) ? word.slice(0, -1) : word.slice(0, -2);
  }
  return word.slice(0, -1);
}

/**
 * Phrasal verbs whose particle says what the work is, with their particles: "Sign up page" and
 * "Sign in page" are two pages, "Turn on alerts" and "Turn off alerts" two switches, yet with the
 * particle a stopword both read [sign, page]: the second was refused as a duplicate, a synced
 * issue "Log out fails on Safari" dropped beside "Log in fails on Safari". Such a verb and its
 * particle read as one word, the one English mostly writes (`signup`, `login`, `checkout`), so
 * "Sign-up page" is "Signup page" too. A closed list of verbs whose particle rarely follows them
 * as anything else; not `add on` ("Add on-call rotation"), `start up` (a product may be about
 * startups), `mark up`/`mark down` (markup, Markdown) or `work out` ("Work out pricing").
 * A join that should not have been keeps two titles apart, the cheaper mistake.
 */
const PHRASAL_VERBS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [
    'sign up in out off',
    'log in out on off',
    'check in out',
    'opt in out',
    'set up',
    'roll out back',
    'back up',
    'clean up',
    'look up',
    'pop up',
    'drop down off',
    'follow up',
    'time out',
    'plug in',
    'lock out',
    'shut down',
    'break down',
    'pick up',
    'top up',
    'pay out',
    'cash out',
    'hand off over',
    'print out',
    'warm up',
    'scale up down out',
    'zoom in out',
    'turn on off',
  ].map((line) => {
    const [verb, ...particles] = line.split(' ');
    return [verb as string, new Set(particles)];
  }),
);

/** Each word a verb and its particle read as (`signup`), with the verb (`sign`). */
const PHRASAL_VERB_OF: ReadonlyMap<string, string> = new Map(
  [...PHRASAL_VERBS].flatMap(([verb, particles]) => [...particles].map((p) => [verb + p, verb] as const)),
);

/** A phrasal verb's verb, a hyphen and a word that may be its particle (or its plural). */
const HYPHENED = new RegExp(
  String.raw`\b(${[...PHRASAL_VERBS.keys()].join('|')})-(${[...new Set([...PHRASAL_VERBS.values()].flatMap((p) => [...p]))].join('|')}s?)\b`,
  'g',
);

/**
 * Whether a phrasal verb written apart after `word` (the word before it, any) is the verb: at the
 * start ("Sign in page"), after a stopword or a verb of doing ("Fix the log in timeout", "Unable to
 * log in", "Users cannot sign up"). After other words it may be a noun followed by a preposition:
 * "Audit log in admin" was refused as a duplicate of "Admin login audit", "Error log on Safari" of
 * "Logon error on Safari". Written as one word or with a hyphen (`sign-in`) it is always joined.
 */
const joinsAfter = (word: string | undefined): boolean =>
  word === undefined || STOPWORDS.has(word) || WORK_VERBS.has(word) || VERB_LEADS.has(word);

/** Words after which a phrasal verb is one ("can't log in" splits as can, t). */
const VERB_LEADS = new Set('cannot cant t unable please'.split(' '));

/**
 * A text with each phrasal verb written with a hyphen (`sign-up`, `log-ins`) written as one word
 * (`signup`, `logins`): a compound, whatever the word before it.
 */
function hyphenJoined(lower: string): string {
  if (lower.indexOf('-') === -1) return lower;
  return lower.replace(HYPHENED, (whole: string, verb: string, particle: string) =>
    phrasal(verb, particle) === null ? whole : verb + particle,
  );
}

/**
 * The one word `verb` and the word after it read as (`sign`, `up`: `signup`), or null when the
 * next is not one of its particles. A particle's plural joins as the compound's (`sign-ups`:
 * `signup`).
 */
function phrasal(verb: string, next: string | undefined): string | null {
  const particles = PHRASAL_VERBS.get(verb);
  if (particles === undefined || next === undefined) return null;
  if (particles.has(next)) return verb + next;
  return next.endsWith('s') && particles.has(next.slice(0, -1)) ? verb + next.slice(0, -1) : null;
}

/**
 * What of a significant word every text holding it holds (lowercase): the word, but a stem ending
 * in `y` without it, as `categories` holds `categor`, not `category`; and a phrasal verb's word its
 * verb, as "sign up" and "sign-up" hold `sign`, not `signup` (see PHRASAL_VERBS).
 */
const searchedFor = (word: string): string =>
  PHRASAL_VERB_OF.get(word) ?? (word.endsWith('y') ? word.slice(0, -1) : word);

/**
 * Any character outside printable ASCII (space to tilde): a text without one splits on the faster,
 * ASCII-only pattern; any other text (tabs and newlines too) on the Unicode-aware one.
 */
const NOT_PRINTABLE_ASCII = /[^ -~]/;

/**
 * A lowercase text split on everything but letters and digits. Titles are mostly printable ASCII,
 * where letters and digits are a–z and 0–9, and the Unicode-aware split is several times slower.
 */
function wordsOf(lower: string): string[] {
  return NOT_PRINTABLE_ASCII.test(lower) ? lower.split(/[^\p{L}\p{N}]+/u) : lower.split(/[^a-z0-9]+/);
}

/** A number written with commas between groups of three digits: `10,000`, `1,250,000`, `500,502`. */
const GROUPED = /(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d,])/g;
const CURRENCY = /[$\u20ac\u00a3\u00a5]/; // $ € £ ¥
const ROUND_THOUSANDS = /^(?:,000)+$/;

/**
 * A text with the commas that group a number's thousands dropped, so that `10,000` is the one word
 * `10000` is (split at the comma, it was two, and a bug filed again as `over 10,000` read as new).
 * Only where the commas can only be that: a first group of one or two digits (`10,000`,
 * `1,250,000`), a currency sign before it (`$500,000`), or round thousands (`100,000`). A list
 * stays a list (`500,502,503`, `123,456`), and a decimal comma a decimal (`0,125`).
 */
function ungrouped(text: string): string {
  if (text.indexOf(',') === -1) return text;
  return text.replace(GROUPED, (whole: string, lead: string, groups: string, at: number) => {
    if (lead.charAt(0) === '0') return whole;
    const sure = lead.length < 3 || CURRENCY.test(text.charAt(at - 1)) || ROUND_THOUSANDS.test(groups);
    return sure ? lead + groups.replace(/,/g, '') : whole;
  });
}

/**
 * Verbs of doing that say nothing of what anything is about: a vision's "small businesses run
 * their invoicing" says nothing of "Run an experiment". Not those a product may be about (a vision
 * to "ship parcels cheaply" is about shipping: see WORK_VERBS).
 */
export const GENERIC_VERBS: ReadonlySet<string> = new Set(
  'add complete create develop finish implement make run set start'.split(' '),
);

/**
 * Verbs that say how work is done, not what it is: "Create a pricing page" and "Build 'Pricing
 * page'" are the same work.
 */
export const WORK_VERBS: ReadonlySet<string> = new Set([
  ...GENERIC_VERBS,
  ...'build design fix launch ship write'.split(' '),
]);

/**
 * The significant words of a text, in order of first appearance, each once: lowercase, punctuation
 * stripped (a number's thousands separators too), stopwords dropped, plurals stemmed, a phrasal
 * verb and its particle one word (`sign up`, `sign-up`: `signup`; see PHRASAL_VERBS). Used by dedup
 * and by the goal-text alignment term.
 */
export function significantTokens(text: string): string[] {
  const seen = new Set<string>();
  const words = wordsOf(hyphenJoined(ungrouped(text).toLowerCase()));
  // Indexed, not for…of: see allocateStakes.
  let before: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const raw = words[i] as string;
    if (raw.length === 0) continue;
    const after = before;
    before = raw;
    if (STOPWORDS.has(raw)) continue;
    const joined = phrasal(raw, words[i + 1]);
    if (joined !== null) {
      i += 1;
      before = words[i];
      if (joinsAfter(after)) {
        seen.add(joined);
        continue;
      }
      // After another word the verb is as likely a noun ("Audit log in admin", "Health check in
      // CI"): both words kept, its particle too, so it reads as neither the compound nor the noun.
      seen.add(stem(raw));
      seen.add(stem(words[i] as string));
      continue;
    }
    const word = stem(raw);
    if (!STOPWORDS.has(word)) seen.add(word);
  }
  return [...seen];
}

/**
 * Whether `words` (significant words, as significantTokens gives them) hold every significant word
 * of `name`, a project's: the text they came from names it. A name with no significant word is
 * named by nothing.
 */
export function namesAllOf(name: string, words: ReadonlySet<string>): boolean {
  const own = significantTokens(name);
  return own.length > 0 && own.every((w) => words.has(w));
}

/**
 * A test of a text that is false only when none of `words` (lowercase, as significantTokens gives
 * them) can be among its significant words:
 * each such word is part of the lowercase text (a stem is the start of its word; see searchedFor),
 * so a text without any of them needs no splitting. True says only "maybe". Printable ASCII text (most titles) is
 * searched case-insensitively as it is, which for ASCII is the same and makes no lowercase copy.
 */
export function mentionsAny(words: Iterable<string>): (text: string) => boolean {
  const list = [...new Set([...words].map(searchedFor))];
  if (list.length === 0) return () => false;
  const ascii = new RegExp(list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
  return (raw) => {
    const text = ungrouped(raw);
    if (!NOT_PRINTABLE_ASCII.test(text)) return ascii.test(text);
    const lower = text.toLowerCase();
    return list.some((word) => lower.includes(word));
  };
}

/**
 * A test of a text that is false only when its significant words cannot reach a Jaccard similarity
 * of `threshold` with `words` (significant words, as significantTokens gives them): most texts
 * compared with a title are told apart without being split into words. Each word the two share is
 * part of the text's lowercase form (see mentionsAny), and a similarity is at most the shared
 * words over `words`' own count; so a text holding too few of them as parts is below the
 * threshold whatever its words are. Exact: a text it lets through is then compared by its words.
 */
export function mayReach(words: readonly string[], threshold: number): (text: string) => boolean {
  const list = [...new Set(words)].map(searchedFor);
  const n = list.length;
  // With no words of its own a title is like only a text with none; a threshold at or below zero is
  // reached by any text.
  if (n === 0 || !(threshold > 0)) return () => true;
  return (text) => {
    const lower = ungrouped(text).toLowerCase();
    let shared = 0;
    for (let i = 0; i < n; i++) {
      if (lower.includes(list[i] as string)) shared += 1;
      // Compared as jaccard's quotient is: the bound shared/n is a float of the same rounding.
      else if ((shared + n - i - 1) / n < threshold) return false;
    }
    return shared / n >= threshold;
  };
}

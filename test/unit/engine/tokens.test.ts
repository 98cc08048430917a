import { describe, expect, it } from 'vitest';
import { workWords } from '../../../src/engine/done-work.js';
import { jaccard, normaliseTitle } from '../../../src/engine/fingerprint.js';
import { mayReach, mentionsAny, significantTokens } from '../../../src/engine/tokens.js';
import { createRng } from '../../../src/learning/random.js';
import type { Rng } from '../../../src/learning/types.js';

/** Words titles are made of: plurals and their stems, stopwords, numbers, verbs, accents, other scripts. */
const VOCABULARY = [
  'customer',
  'customers',
  'Customers',
  'churned',
  'interview',
  'interviews',
  'pricing',
  'page',
  'pages',
  'access',
  'crash',
  'Crashes',
  'category',
  'categories',
  'cache',
  'caches',
  'cookies',
  'box',
  'boxes',
  'the',
  'of',
  'and',
  'Project',
  '2716',
  '3',
  '10000',
  '10,000',
  '$10,000',
  '1,250,000',
  '1250000',
  'build',
  'fix',
  'café',
  'CAFÉS',
  'ΟΔΟΣ',
  'οδος',
  'İstanbul',
  'naïve',
  'über',
  'x',
  'is',
];

/** Words of titles with phrasal verbs: verbs, particles, and the words they join into. */
const PHRASAL_VOCABULARY = [
  'sign',
  'Sign-ups',
  'signup',
  'up',
  'in',
  'log',
  'Login',
  'check',
  'checkouts',
  'out',
  'set',
  'Setup',
  'drop',
  'down',
  'page',
  'the',
  'fails',
];
const SEPARATORS = [' ', ', ', ' - ', "'", '/', '\t', ' (', ') '];
const THRESHOLDS = [0.3, 0.5, 0.6, 0.75, 0.9, 1];

function titleOf(rng: Rng, vocabulary: readonly string[] = VOCABULARY): string {
  const n = 1 + Math.floor(rng.next() * 6);
  let title = '';
  for (let i = 0; i < n; i++) {
    if (i > 0) title += SEPARATORS[Math.floor(rng.next() * SEPARATORS.length)];
    title += vocabulary[Math.floor(rng.next() * vocabulary.length)];
  }
  return title;
}

describe('significantTokens', () => {
  it('reads a plural as its singular: `s`, `es` after a hiss, `ies` as `y`, their `che` and `ie` nouns aside', () => {
    const pairs = [
      ['apps', 'app'],
      ['crashes', 'crash'],
      ['boxes', 'box'],
      ['addresses', 'address'],
      ['patches', 'patch'],
      ['wishes', 'wish'],
      ['categories', 'category'],
      ['queries', 'query'],
      ['caches', 'cache'],
      ['niches', 'niche'],
      ['cookies', 'cookie'],
      ['movies', 'movie'],
    ];
    for (const [plural, singular] of pairs) {
      expect(normaliseTitle(plural as string), plural).toEqual(normaliseTitle(singular as string));
    }
    expect(normaliseTitle('Checkout crashes on Safari')).toEqual(['checkout', 'crash', 'safari']);
    // Not plurals: a double `s`, and words too short to tell.
    expect(normaliseTitle('access ties axes')).toEqual(['access', 'axe', 'tie']);
  });

  it('reads a number the same with or without the commas that group its thousands', () => {
    expect(normaliseTitle('Card payments fail for amounts over $10,000')).toEqual(
      normaliseTitle('Card payment fails for amounts over 10000'),
    );
    expect(normaliseTitle('Import 1,250,000 rows')).toEqual(['1250000', 'import', 'row']);
    expect(normaliseTitle('Raise the cap to 100,000')).toEqual(['100000', 'cap', 'raise']);
    expect(normaliseTitle('Refund €250,500 owed')).toEqual(['250500', 'owed', 'refund']);
    // Not a number's thousands: a list, or a decimal comma.
    expect(normaliseTitle('Steps 1,2,3 of 3,5 cm')).toEqual(['1', '2', '3', '5', 'cm', 'step']);
    expect(normaliseTitle('Retry on 500,502,503 errors')).toEqual(
      normaliseTitle('Retry on 500, 502, 503 errors'),
    );
    expect(normaliseTitle('Open ports 8080,443')).toEqual(['443', '8080', 'open', 'port']);
    expect(normaliseTitle('Rate 0,125 per call')).toEqual(['0', '125', 'call', 'rate']);
  });
});

describe('significantTokens of a phrasal verb', () => {
  it('reads a verb and its particle as the one word English writes: sign up, sign-up and signup alike', () => {
    for (const title of ['Sign up page', 'Sign-up page', 'Signup page', 'Sign-ups page', 'SIGNUPS PAGE'])
      expect(significantTokens(title), title).toEqual(['signup', 'page']);
    expect(significantTokens('Check out page')).toEqual(significantTokens('Checkout page'));
    expect(significantTokens('Roll back the deploy')).toEqual(significantTokens('Rollback deploy'));
    expect(significantTokens('Drop-down menu')).toEqual(significantTokens('Dropdown menus'));
  });

  it('keeps apart work that differs in its particle', () => {
    const apart = [
      ['Sign up page', 'Sign in page'],
      ['Log in fails on Safari', 'Log out fails on Safari'],
      ['Turn on alerts', 'Turn off alerts'],
      ['Scale up workers', 'Scale down workers'],
      ['Opt in to emails', 'Opt out of emails'],
    ];
    for (const [a, b] of apart)
      expect(normaliseTitle(a as string), `${a} / ${b}`).not.toEqual(normaliseTitle(b as string));
  });

  // A review: "Audit log in admin" was refused as a duplicate of "Admin login audit".
  it('reads a verb after another word as maybe a noun: neither the compound nor the bare noun', () => {
    const apart = [
      ['Admin login audit', 'Audit log in admin'],
      ['Logon error on Safari', 'Error log on Safari'],
      ['Show login errors in dashboard', 'Show error log in dashboard'],
      ['Health check-in reminder', 'Health check in reminder'],
      ['Google sign up', 'Google sign in'],
      ['Audit log admin', 'Audit log in admin'],
    ];
    for (const [a, b] of apart)
      expect(normaliseTitle(a as string), `${a} / ${b}`).not.toEqual(normaliseTitle(b as string));
    // At the start, after a stopword or a verb of doing, or with a hyphen, it is the verb.
    for (const title of [
      'Log in fails',
      'Users cannot log in',
      "Can't log in",
      'Fix the log in flow',
      'Audit log-in',
    ])
      expect(significantTokens(title), title).toContain('login');
    expect(significantTokens('Google sign-in')).toEqual(significantTokens('Google signin'));
  });

  it('keeps a particle not after such a verb a stopword, and a verb without its particle a word', () => {
    expect(significantTokens('Bug in checkout')).toEqual(['bug', 'checkout']);
    expect(significantTokens('Set the price up front')).toEqual(['set', 'price', 'front']);
    expect(significantTokens('Sign page')).toEqual(['sign', 'page']);
    // Not on the list: a particle that would join words that are not one.
    expect(significantTokens('Add on-call rotation')).toEqual(['add', 'call', 'rotation']);
    expect(significantTokens('Start up time')).toEqual(['start', 'time']);
  });

  it('finds a joined word by its verb in the pre-filters, however the text writes it', () => {
    const signup = normaliseTitle('Signup page');
    for (const text of ['Sign up page', 'Sign-up page', 'sign ups page', 'Signups page']) {
      expect(mentionsAny(signup)(text), text).toBe(true);
      expect(mayReach(signup, 1)(text), text).toBe(true);
      expect(jaccard(normaliseTitle(text), signup), text).toBe(1);
    }
    expect(mentionsAny(normaliseTitle('Sign up'))('Signup')).toBe(true);
    expect(mentionsAny(['checkout'])('Check out is slow')).toBe(true);
    expect(mentionsAny(['login'])('Sign out fails')).toBe(false);
  });
});

describe('the pre-filters, of titles with phrasal verbs', () => {
  it('mentionsAny is false only when none of the words is among the text’s significant words', () => {
    const rng = createRng('mentions-any-phrasal');
    let mentioned = 0;
    for (let i = 0; i < 20_000; i++) {
      const words = normaliseTitle(titleOf(rng, PHRASAL_VOCABULARY));
      const text = titleOf(rng, PHRASAL_VOCABULARY);
      if (!normaliseTitle(text).some((w) => words.includes(w))) continue;
      mentioned += 1;
      expect(mentionsAny(words)(text), `${text} against ${words.join(' ')}`).toBe(true);
    }
    expect(mentioned).toBeGreaterThan(500);
  });

  it('mayReach never turns away a title as alike as the threshold asks', () => {
    const rng = createRng('may-reach-phrasal');
    let alike = 0;
    for (let i = 0; i < 20_000; i++) {
      const words = normaliseTitle(titleOf(rng, PHRASAL_VOCABULARY));
      const text = titleOf(rng, PHRASAL_VOCABULARY);
      const threshold = THRESHOLDS[Math.floor(rng.next() * THRESHOLDS.length)] as number;
      if (jaccard(normaliseTitle(text), words) < threshold) continue;
      alike += 1;
      expect(mayReach(words, threshold)(text), `${text} against ${words.join(' ')} at ${threshold}`).toBe(
        true,
      );
    }
    expect(alike).toBeGreaterThan(500);
  });
});

describe('mayReach', () => {
  it('never turns away a title as alike as the threshold asks, by any words', () => {
    const rng = createRng('may-reach');
    let alike = 0;
    for (let i = 0; i < 40_000; i++) {
      const words = normaliseTitle(titleOf(rng));
      const text = titleOf(rng);
      const threshold = THRESHOLDS[Math.floor(rng.next() * THRESHOLDS.length)] as number;
      if (jaccard(normaliseTitle(text), words) < threshold) continue;
      alike += 1;
      expect(mayReach(words, threshold)(text), `${text} against ${words.join(' ')} at ${threshold}`).toBe(
        true,
      );
    }
    // The property was tried on many alike pairs, not vacuously.
    expect(alike).toBeGreaterThan(500);
  });

  it('never turns away finished work a playbook task repeats (words without the project name)', () => {
    const rng = createRng('may-reach-work');
    let alike = 0;
    for (let i = 0; i < 40_000; i++) {
      const words = workWords(titleOf(rng), 'Project 2716');
      const text = titleOf(rng);
      if (words.length === 0 || jaccard(words, workWords(text, 'Project 2716')) < 0.75) continue;
      alike += 1;
      expect(mayReach(words, 0.75)(text), `${text} against ${words.join(' ')}`).toBe(true);
    }
    expect(alike).toBeGreaterThan(200);
  });

  it('turns away titles holding too few of the words, so that they are never split', () => {
    const reach = mayReach(normaliseTitle('Interview churned customers of Project 2716'), 0.75);
    expect(reach("Fix 'Bug 0 in project 2716' in Project 2716")).toBe(false);
    expect(reach('Feature 3 in project 2716')).toBe(false);
    // Three of five words shared: 0.6 at most, below 0.75.
    expect(reach('Interview churned customers')).toBe(false);
    expect(reach('Interviews with CHURNED customers, Project 2716')).toBe(true);
  });

  it('lets every text through when it cannot tell: no words, or a threshold of zero', () => {
    expect(mayReach([], 0.75)('anything at all')).toBe(true);
    expect(mayReach(['pricing'], 0)('nothing alike')).toBe(true);
  });
});

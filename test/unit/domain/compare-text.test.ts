import { describe, expect, it } from 'vitest';
import {
  compareText,
  distance,
  likelyMeant,
  nearestNames,
  normaliseName,
} from '../../../src/domain/compare-text.js';

/** Every name measured in full and sorted: what nearestNames must give, however it prunes. */
function nearestBySorting(asked: string, names: readonly string[], count: number): string[] {
  const key = asked.trim().toLowerCase();
  return names
    .map((name) => ({ name, d: distance(key, name.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || compareText(a.name, b.name))
    .slice(0, count)
    .map((n) => n.name);
}

describe('distance', () => {
  it('counts the edits from one string to another', () => {
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('', 'abc')).toBe(3);
    expect(distance('same', 'same')).toBe(0);
    expect(distance('Project 12', 'Projet 12')).toBe(1);
  });

  it('stops past a limit, answering one more than it', () => {
    expect(distance('kitten', 'sitting', 2)).toBe(3);
    expect(distance('kitten', 'sitting', 3)).toBe(3);
    expect(distance('a', 'abcdefgh', 4)).toBe(5);
  });
});

describe('nearestNames', () => {
  it('gives the nearest names, case and surrounding spaces aside, ties in code-unit order', () => {
    const names = ['Course 12', 'Course 1', 'course 12', 'Course 120', 'Art', 'Course 2'];
    expect(nearestNames('  COURSE 12 ', names, 3)).toEqual(['Course 12', 'course 12', 'Course 1']);
    expect(nearestNames('x', names, 0)).toEqual([]);
    expect(nearestNames('x', [], 5)).toEqual([]);
  });

  it('agrees with measuring every name in full, on 2,000 random workspaces', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const word = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => 'abcdeABCDE é'[Math.floor(random() * 12)],
      ).join('');
    for (let round = 0; round < 2000; round++) {
      const names = Array.from({ length: Math.floor(random() * 40) }, word);
      const asked = word();
      const count = Math.floor(random() * 12);
      expect(nearestNames(asked, names, count)).toEqual(nearestBySorting(asked, names, count));
    }
  });
});

describe('likelyMeant', () => {
  it('names the one nearest name a slip of the keys makes', () => {
    expect(likelyMeant('aproved', ['approved', 'proposed', 'done'])).toBe('approved');
    expect(likelyMeant('primary_gaol', ['statement', 'primary_goal', 'focus_areas'])).toBe('primary_goal');
    expect(likelyMeant('hihg', ['low', 'medium', 'high', 'critical'])).toBe('high');
  });

  // A review typed `--priority top` and was asked "did you mean low?": two edits change two of
  // three letters, another word, and the opposite of what was meant.
  it('names none for a short word two edits from a name: a different word', () => {
    expect(likelyMeant('top', ['low', 'medium', 'high', 'critical'])).toBeNull();
    expect(likelyMeant('max', ['low', 'medium', 'high', 'critical'])).toBeNull();
  });
});

describe('normaliseName', () => {
  it('keeps names a person cannot tell apart as one: composed, without invisible characters, NBSP as a space', () => {
    expect(normaliseName('Basic\u00a0EDU Apps')).toBe('Basic EDU Apps');
    expect(normaliseName('Basic EDU\u200b Apps')).toBe('Basic EDU Apps');
    expect(normaliseName('\ufeffStripe check\u200bout\u2060\u00ad')).toBe('Stripe checkout');
    expect(normaliseName('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('keeps the joiners that make one emoji of several', () => {
    const family = '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}';
    expect(normaliseName(`Team ${family}`)).toBe(`Team ${family}`);
  });

  it('keeps the joiner and non-joiner a script spells with: they make another word', () => {
    // Persian "I want", with the non-joiner its spelling needs, is not the same word without it.
    const withNonJoiner = '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645';
    expect(normaliseName(withNonJoiner)).toBe(withNonJoiner);
    expect(normaliseName(withNonJoiner)).not.toBe(normaliseName(withNonJoiner.replace('\u200c', '')));
    // Malayalam's chillu written with a joiner.
    const chillu = '\u0d28\u0d4d\u200d';
    expect(normaliseName(chillu)).toBe(chillu);
  });
});

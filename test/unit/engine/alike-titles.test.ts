import { describe, expect, it } from 'vitest';
import { alikeWords, alikeWordsOf } from '../../../src/engine/alike-titles.js';

const alike = (a: string, b: string, whole = false) =>
  alikeWords(alikeWordsOf(a, whole), alikeWordsOf(b, whole), whole) !== null;

describe('titles that read as the same work in other words', () => {
  it('finds the same work typed twice, as feature add and a card both read it', () => {
    for (const whole of [false, true]) {
      expect(alike('Late payment reminders sent automatically', 'Automatic payment reminders', whole)).toBe(
        true,
      );
      expect(alike('Automatic payment reminders', 'Late payment reminders sent automatically', whole)).toBe(
        true,
      );
    }
  });

  it('on a card, names no twin for work that shares most words but not what it is', () => {
    // A card says it every day, and tells the lead to reject one: work that differs in its one
    // telling word is two pieces of work.
    const apart: Array<[string, string]> = [
      ['iOS push notifications', 'Android push notifications'],
      ['Export invoices to CSV', 'Import invoices from CSV'],
      ['Stripe checkout page', 'Stripe checkout tests'],
      ['Checkout crashes on Safari', 'Checkout crashes on Firefox'],
      ['User onboarding checklist', 'User onboarding emails'],
      ['Add login rate limiting', 'Remove login rate limiting'],
      ['Dark mode', 'Dark mode toggle'],
      ['Support iOS 17', 'Support iOS 18'],
      ['Crash 0 in Busy project 238', 'Crash 1 in Busy project 238'],
    ];
    for (const [a, b] of apart) expect(alike(a, b, true), `${a} / ${b}`).toBe(false);
    // Typed into the backlog, two thirds of the words is enough for a word of warning, once.
    expect(alike('iOS push notifications', 'Android push notifications')).toBe(true);
  });
});

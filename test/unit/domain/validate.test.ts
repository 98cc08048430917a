import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  accepts,
  count,
  estimateHours,
  isInstant,
  MAX_DOLLARS,
  measure,
  money,
  oneOf,
  onTheCalendar,
  ratio,
  validate,
} from '../../../src/domain/validate.js';
import { ValidationError } from '../../../src/errors.js';

/** The message and field `validate` refuses `input` with. */
function refusal(schema: z.ZodType, input: unknown): { message: string; field: string | undefined } {
  try {
    validate(schema, input);
  } catch (error) {
    if (error instanceof ValidationError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('validate accepted the input');
}

describe('validate words what a field takes when its schema does not', () => {
  it('says what a missing field must be, with "or null" for a nullable one', () => {
    const run = z.object({ exitCode: z.number().int().nullable(), timedOut: z.boolean() });
    expect(refusal(z.object({ run }), { run: {} })).toEqual({
      message: 'run.exitCode: a whole number or null (missing); run.timedOut: true or false (missing)',
      field: 'run.exitCode',
    });
  });

  // JSON's 1e309 is Infinity once parsed, which JSON.stringify quoted as null: `(got null)`.
  it('says a number too large for a double is that, not null or Infinity', () => {
    expect(refusal(z.object({ value: measure('a number like 420') }), { value: Infinity })).toEqual({
      message: 'value: a number like 420 (got a number too large)',
      field: 'value',
    });
    expect(refusal(z.object({ n: z.number().int() }), { n: -Infinity }).message).toBe(
      'n: a whole number (got a negative number too large)',
    );
    expect(refusal(z.object({ actual: money() }), { actual: Infinity }).message).toMatch(
      /\(got a number too large\)$/,
    );
  });

  it('names a list by the list and quotes the bad item', () => {
    const schema = z.object({ status: z.array(oneOf(['open', 'all'] as const)) });
    expect(refusal(schema, { status: ['open', 'bogus'] })).toEqual({
      message: 'status: one of open, all (got "bogus")',
      field: 'status',
    });
  });

  it('takes a choice as a phone types it, and says which one a near miss meant', () => {
    const status = oneOf(['open', 'approved', 'in_progress', 'proposed'] as const);
    const schema = z.object({ status });
    expect(validate(schema, { status: 'Approved' }).status).toBe('approved');
    expect(validate(schema, { status: ' in progress ' }).status).toBe('in_progress');
    expect(validate(schema, { status: 'In-Progress' }).status).toBe('in_progress');
    expect(refusal(schema, { status: 'aproved' }).message).toBe(
      'status: one of open, approved, in_progress, proposed (got "aproved"; did you mean approved?)',
    );
    // Nothing near, or two alike: no guess.
    expect(refusal(schema, { status: 'closed' }).message).toBe(
      'status: one of open, approved, in_progress, proposed (got "closed")',
    );
    expect(refusal(z.object({ s: oneOf(['cat', 'car'] as const) }), { s: 'cab' }).message).toBe(
      's: one of cat, car (got "cab")',
    );
  });

  it('gives bounds, lengths and the value that came', () => {
    const schema = z.object({
      minutes: z.number().min(0).max(60),
      name: z.string().trim().min(1).max(20),
      kind: z.union([z.literal('a'), z.enum(['b', 'c'])]),
    });
    expect(refusal(schema, { minutes: 90, name: '', kind: 5 }).message).toBe(
      'minutes: a number from 0 to 60 (got 90); name: non-empty text of at most 20 characters (got ""); kind: one of a, b, c (got 5)',
    );
  });

  it('words a schema\'s own error with accepts(), and turns "got undefined" into "missing"', () => {
    const schema = z.object({
      context: z.array(z.string(), { error: accepts('tags like {"campaign": "launch"}') }),
      success: z.boolean({ error: (i) => `true or false (got ${JSON.stringify(i.input)})` }),
    });
    expect(refusal(schema, { context: 'campaign=launch' }).message).toBe(
      'context: tags like {"campaign": "launch"} (got "campaign=launch"); success: true or false (missing)',
    );
  });

  it('refuses each unknown field of a strict object, listing the fields there are', () => {
    const schema = z.strictObject({ dryRun: z.boolean().optional(), maxTasks: z.number().optional() });
    expect(refusal(schema, { maxtasks: 2 })).toEqual({
      message: 'maxtasks: not a field here; expected dryRun, maxTasks',
      field: 'maxtasks',
    });
    expect(refusal(z.strictObject({}), { x: 1 }).message).toBe('x: not a field here; it takes no fields');
  });

  it('names a field called __proto__ or constructor as itself', () => {
    const schema = z.strictObject({ decision: z.string() });
    expect(refusal(schema, JSON.parse('{"decision":"approve","__proto__":{"x":1}}')).message).toBe(
      '__proto__: not a field here; expected decision',
    );
    expect(refusal(schema, { decision: 'approve', constructor: 1 }).message).toBe(
      'constructor: not a field here; expected decision',
    );
  });

  it('keeps the wording a schema gives itself', () => {
    const schema = z.object({ ref: z.string().regex(/^T-\d+$/, { error: 'a task ref like T-12' }) });
    expect(refusal(schema, { ref: 'x' }).message).toBe('ref: a task ref like T-12');
  });
});

describe('estimateHours', () => {
  const schema = z.object({ estimate: estimateHours() });
  const hours = (input: unknown) => validate(schema, { estimate: input }).estimate;

  it('takes hours as a team types them, to the hundredth of an hour', () => {
    expect([3, '3', '3h', '1.5h', ' 2 hours ', '90m', '20 min', 0.25, '6m', '.5h'].map(hours)).toEqual([
      3, 3, 3, 1.5, 2, 1.5, 0.33, 0.25, 0.1, 0.5,
    ]);
    // Working days of 8 hours, as an estimate label on GitHub reads them (`estimate: 2d`).
    expect(['2d', '3 days', '0.5d', '1 day'].map(hours)).toEqual([16, 24, 4, 8]);
    // Working weeks of five days, and parts of several units, largest first.
    expect(
      ['1w', '2 weeks', '3h30m', '1d 4h', '1 week 2 days', '1h 30 min', '3h30', '1h05'].map(hours),
    ).toEqual([40, 80, 3.5, 12, 56, 1.5, 3.5, 1.08]);
  });

  it('refuses what is no estimate, saying what it takes', () => {
    for (const bad of [
      '0',
      0,
      '-2',
      'abc',
      '3 fortnights',
      '30m3h',
      '3h3h',
      // A part as large as the unit before it is a typo of that unit (a review's `1h 90m` read 2.5 h).
      '1h 90m',
      '1d 8h',
      '1w 5d',
      '3h75',
      '30m3',
      'h',
      '20000',
      '2000d',
      0.05,
      '5m',
      '99999999999999999999999',
    ]) {
      expect(refusal(schema, { estimate: bad }).message, String(bad)).toMatch(
        /^estimate: a number of hours like 3, 1\.5h, 90m, 2d, 1w or 3h30m, from 0\.1 \(6m\) to 10000 \(got /,
      );
    }
    // What was typed, not what it converts to.
    expect(refusal(schema, { estimate: '5m' }).message).toMatch(/\(got "5m"\)$/);
    expect(refusal(schema, { estimate: '99999999999999999999999' }).message).toMatch(
      /\(got "99999999999999999999999"\)$/,
    );
  });
});

describe('money and count', () => {
  const dollars = z.object({ actual: money() });
  const subscriptions = z.object({ n: count({ limit: 1e9, said: '10^9' }) });

  it('takes amounts up to 10^12 dollars and counts up to their bound', () => {
    expect(validate(dollars, { actual: '1000000000000' }).actual).toBe(MAX_DOLLARS);
    expect(validate(dollars, { actual: 420.5 }).actual).toBe(420.5);
    expect(validate(subscriptions, { n: '1000000000' }).n).toBe(1e9);
  });

  it('takes an amount as a finance sheet writes it: a dollar sign, thousands grouped', () => {
    expect(validate(dollars, { actual: '12,200' }).actual).toBe(12_200);
    expect(validate(dollars, { actual: '$1,200.50' }).actual).toBe(1200.5);
    expect(validate(dollars, { actual: '$950' }).actual).toBe(950);
    // Not grouped in threes, or a decimal comma: refused, not guessed.
    for (const typo of ['12,20', '1,2000', '12,5', '1.2k', '$-5', '-500'])
      expect(refusal(dollars, { actual: typo }).message, typo).toMatch(/^actual: a non-negative amount/);
  });

  it('refuses an amount past 10^12 or a count past its bound, quoting what was typed', () => {
    expect(refusal(dollars, { actual: 1e308 }).message).toBe(
      'actual: a non-negative amount like 420, 420.50 or $12,200, at most 10^12 (got 1e+308)',
    );
    expect(refusal(dollars, { actual: '9'.repeat(400) }).message).toBe(
      `actual: a non-negative amount like 420, 420.50 or $12,200, at most 10^12 (got "${'9'.repeat(40)}…")`,
    );
    expect(refusal(subscriptions, { n: '1'.repeat(400) }).message).toBe(
      `n: a whole number ≥ 0 like 14, at most 10^9 (got "${'1'.repeat(40)}…")`,
    );
  });
});

describe('ratio', () => {
  const churn = z.object({ churn: ratio() });

  it('takes a ratio with or without its leading zero, or a percentage', () => {
    expect(validate(churn, { churn: '0.021' }).churn).toBe(0.021);
    expect(validate(churn, { churn: '.021' }).churn).toBe(0.021);
    expect(validate(churn, { churn: '2.1%' }).churn).toBeCloseTo(0.021, 12);
    expect(validate(churn, { churn: '.5%' }).churn).toBe(0.005);
    for (const typo of ['.', '2.', '0..1', '.%', '1.5.'])
      expect(refusal(churn, { churn: typo }).message, typo).toMatch(/^churn: a ratio from 0 to 1/);
  });
});

describe('onTheCalendar', () => {
  it('knows each month’s days and the leap years, as the calendar has them', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '2026-01-31T23:00:00Z'])
      expect(onTheCalendar(ok), ok).toBe(true);
    for (const bad of [
      '1900-02-29',
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '26-01-01',
    ])
      expect(onTheCalendar(bad), bad).toBe(false);
  });
});

describe('isInstant', () => {
  it('takes an ISO date or time on the calendar, in the years 1970 to 9999', () => {
    for (const ok of [
      '2026-03-01',
      '2026-03-01T09:00:00Z',
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T09:00+02:00',
      '1970-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      expect(isInstant(ok), ok).toBe(true);
    }
  });

  it('refuses an impossible day, a year out of range (typed or once in UTC) and other text', () => {
    for (const bad of [
      '2026-02-30',
      '2026-02-29T09:00:00Z',
      '+099999-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:00:00-05:00',
      '2026-03-01T25:00:00Z',
      'March 1 2026',
      '',
    ]) {
      expect(isInstant(bad), bad).toBe(false);
    }
  });
});

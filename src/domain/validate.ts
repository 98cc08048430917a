import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { INSTANT, onTheCalendar } from './calendar-time.js';
import { likelyMeant, normaliseName } from './compare-text.js';
import { describeSchema, fieldsOf, schemaAt } from './describe-schema.js';
import { timeZoneProblem } from './due.js';

export { isZonedTime, onTheCalendar, zoneMissing } from './calendar-time.js';

/** A field as messages name it: `run.exitCode`; a list's item by its list (`status`), since the message quotes the bad value. */
function fieldName(path: readonly PropertyKey[]): string {
  const named = [...path];
  while (named.length > 0 && typeof named.at(-1) === 'number') named.pop();
  return named.map(String).join('.');
}

/**
 * A number as a message quotes it: as it is, but one past what a double holds (JSON's 1e309, which
 * JSON.parse reads as Infinity) said so: no one sent "Infinity", nor the null JSON writes for it.
 */
function numberShown(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return 'a number too large';
  if (n === Number.NEGATIVE_INFINITY) return 'a negative number too large';
  return String(n);
}

/** What the caller sent, for a message: `got "bogus"`, `got 5`, or `missing`. */
function got(value: unknown): string {
  if (value === undefined) return 'missing';
  // JSON writes Infinity and NaN as null, which no one sent: said as what they are.
  if (typeof value === 'number' && !Number.isFinite(value)) return `got ${numberShown(value)}`;
  const text = typeof value === 'string' ? JSON.stringify(clipForMessage(value)) : JSON.stringify(value);
  return `got ${text === undefined ? String(value) : clipForMessage(text)}`;
}

/**
 * A schema's own error in the form `validate` gives: what it accepts, then what came. For a field
 * whose type alone says it badly: `z.union([…], { error: accepts('tags like {"campaign": "launch"}') })`.
 */
export const accepts =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    `${what} (${got(issue.input)})`;

/**
 * zod's own message for an issue no schema worded ("Invalid input: expected number, received
 * undefined") becomes what the field accepts, in user words, and what came instead:
 * `a whole number or null (missing)`, `one of approve, reject (got "maybe")`.
 */
function inUserWords(root: z.ZodType, issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return undefined; // worded per key by `problemsOf`
  const inst = issue.inst as z.core.$ZodType | undefined;
  const schema = schemaAt(root, issue.path ?? []) ?? (inst && 'type' in inst._zod.def ? inst : undefined);
  return schema === undefined ? undefined : `${describeSchema(schema)} (${got(issue.input)})`;
}

interface Problem {
  field: string;
  message: string;
}

/** One issue as the problems it names: an unknown field each on its own, with the fields there are. */
function problemsOf(root: z.ZodType, issue: z.core.$ZodIssue): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const fields = fieldsOf(schemaAt(root, issue.path));
    const expected = fields.length ? `expected ${fields.join(', ')}` : 'it takes no fields';
    return issue.keys.map((key) => ({
      field: fieldName([...issue.path, key]),
      message: `not a field here; ${expected}`,
    }));
  }
  let message = issue.message;
  if (issue.input === undefined) {
    // A schema's own wording echoes what came; nothing came, so say so.
    message = message.replace(/\(got (undefined|nothing)\)/, '(missing)');
    if (issue.code === 'invalid_type' && !/\(got |\(missing\)/.test(message)) message += ' (missing)';
  }
  return [{ field: fieldName(issue.path), message }];
}

/**
 * Parses `input` with `schema`; on failure throws one ValidationError whose message names each
 * bad field and the accepted form, e.g. `actual: a non-negative amount like 420, 420.50 or $12,200 (got "-5")`.
 * This is the one place every surface's validation passes through (CLI, chat, HTTP), so zod's own
 * wording never reaches a person: a field without a message of its own is described from its schema.
 * `words` names a field as a person would (`timeZone` → `time zone`); the error's field stays the key.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  words: Readonly<Record<string, string>> = {},
): z.output<S> {
  // Parsed first without options: any option (an error map, reportInput) takes zod off its fast
  // path, which made a valid input cost six times as much, on every request. Only input that
  // fails is parsed again, to word its problems.
  const valid = schema.safeParse(input);
  if (valid.success) return valid.data;
  const result = schema.safeParse(input, {
    reportInput: true,
    error: (issue) => inUserWords(schema, issue),
  });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => problemsOf(schema, issue));
  // Own keys only: a field named `__proto__` or `constructor` is named as itself, not as Object's.
  const named = (field: string) => (Object.hasOwn(words, field) ? words[field] : field);
  const messages = problems.map((p) => (p.field ? `${named(p.field)}: ${p.message}` : p.message));
  throw new ValidationError(messages.join('; '), problems[0]?.field || undefined);
}

/**
 * A schema built when first asked for, then kept. zod builds a schema object by object, and every
 * command built every module's schemas as it loaded them, though it validates one input or none:
 * about 4 % of `vision show`'s time.
 */
export function lazySchema<S extends z.ZodType>(build: () => S): () => S {
  let schema: S | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}

/** Text as an error message echoes it back: at most 40 characters, then "…". */
export const clipForMessage = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * A value a refusal quotes (`(got …)`): text in quotes, as typed; a number as the number it is (a
 * JSON 0 read "0", text it was not), one too large for a double said so (see numberShown); the
 * rest as JSON.
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clipForMessage(value));
  if (typeof value === 'number') return numberShown(value);
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : clipForMessage(text);
}

/**
 * The most dollars an amount may be (a period's revenue, a revenue target): a trillion, far past any
 * team's monthly revenue. Within it, cents stay exact in a double (10^14 cents < 2^53), sums over
 * thousands of records and their products in the engine stay finite, and every figure prints as
 * digits (`toFixed` turns to `1e+21` from 10^21): 1e308 made every plan's priority NaN.
 */
export const MAX_DOLLARS = 1e12;

/** The most subscriptions a record may count: a billion, more than any service has paying. */
export const MAX_SUBSCRIPTIONS = 1e9;

const MONEY_FORM = 'a non-negative amount like 420, 420.50 or $12,200';

/**
 * An amount as typed: digits, with cents or more after a point; a dollar sign before them, and
 * commas between thousands (`$12,200`, as a finance sheet shows it), allowed.
 */
const TYPED_AMOUNT = /^\s*\$?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?\s*$/;

/** The number a typed amount says (see TYPED_AMOUNT). */
const amountOf = (typed: string): number => Number(typed.replace(/[\s$,]/g, ''));

/** A string or number that is an amount of dollars from 0 to MAX_DOLLARS. */
export const money = lazySchema(() =>
  z.preprocess(
    // Digits past the bound go on as typed, so the refusal quotes them rather than Infinity.
    (v) => (typeof v === 'string' && TYPED_AMOUNT.test(v) && amountOf(v) <= MAX_DOLLARS ? amountOf(v) : v),
    z
      .number({
        error: (i) =>
          typeof i.input === 'string' && TYPED_AMOUNT.test(i.input)
            ? `${MONEY_FORM}, at most 10^12 (got ${shown(i.input)})`
            : `${MONEY_FORM} (got ${shown(i.input)})`,
      })
      .finite()
      .min(0, { error: (i) => `${MONEY_FORM} (got ${shown(i.input)})` })
      .max(MAX_DOLLARS, { error: (i) => `${MONEY_FORM}, at most 10^12 (got ${shown(i.input)})` }),
  ),
);

const COUNT_FORM = 'a whole number ≥ 0 like 14';

/**
 * A number typed as text (`"0"`, `"-2"`, `"1.5"`) read as the number it says, so a refusal shows
 * each as a number, as it shows `0`; digits past what `keep` allows go on as typed, so the refusal
 * quotes them, and other text ("abc", "1e3") stays text.
 */
function typedNumber(v: unknown, keep: (n: number) => boolean): unknown {
  if (typeof v !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return v;
  const n = Number(v);
  return keep(n) ? n : v;
}

/** Text that spells a number (`"10"`, `"-2.5"`) as that number; anything else as it is. */
export const plainNumber = (v: unknown): unknown => typedNumber(v, Number.isFinite);

/**
 * The number text spells (`"10"`, `"-2.5"`), or an amount as money is written (`"$5,000"`, see
 * TYPED_AMOUNT); null for other text, and for anything not text.
 */
export function numberInText(text: unknown): number | null {
  const plain = plainNumber(text);
  if (typeof plain === 'number') return plain;
  return typeof text === 'string' && TYPED_AMOUNT.test(text) ? amountOf(text) : null;
}

/**
 * A whole number ≥ 0, given as a string or number; with `most`, at most that, said as `mostSaid`
 * (`10^9`). Digits past the bound go on as typed, so the refusal quotes them.
 */
export const count = (most?: { limit: number; said: string }) => {
  const limit = most?.limit ?? Number.MAX_SAFE_INTEGER;
  const form = most === undefined ? COUNT_FORM : `${COUNT_FORM}, at most ${most.said}`;
  return z.preprocess(
    (v) => typedNumber(v, (n) => Math.abs(n) <= limit),
    z
      .number({ error: (i) => `${form} (got ${shown(i.input)})` })
      .int({ error: (i) => `${form} (got ${shown(i.input)})` })
      .min(0, { error: (i) => `${form} (got ${shown(i.input)})` })
      .max(limit, { error: (i) => `${form} (got ${shown(i.input)})` }),
  );
};

/**
 * A positive whole number, given as a string or number; with `most`, at most that (`{ limit,
 * error }`), checked inside so the API document states the bound.
 */
export const positiveInt = (example: number, most?: { limit: number; error: string }) => {
  const base = z
    .number({ error: (i) => `a whole number ≥ 1 like ${example} (got ${shown(i.input)})` })
    .int({ error: (i) => `a whole number ≥ 1 like ${example} (got ${shown(i.input)})` })
    .min(1, { error: (i) => `a whole number ≥ 1 like ${example} (got ${shown(i.input)})` });
  return z.preprocess(
    // Digits past what a number holds exactly go on as typed, so the refusal quotes them.
    (v) => typedNumber(v, (n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER),
    most === undefined
      ? base
      : base.max(most.limit, { error: (i) => `${most.error} (got ${shown(i.input)})` }),
  );
};

/** The most hours an estimate may be (a feature of five person-years is no estimate). */
export const MAX_ESTIMATE_HOURS = 10_000;
/** The fewest: six minutes, the least effort a score divides by (see scoreNumbers). */
export const MIN_ESTIMATE_HOURS = 0.1;

/** Hours in a day of an estimate (`2d`, a label's or typed): a working day. */
export const ESTIMATE_DAY_HOURS = 8;
/** Days in a week of an estimate (`1w`): a working week. */
export const ESTIMATE_WEEK_DAYS = 5;

const ESTIMATE_ERROR = (input: unknown) =>
  `a number of hours like 3, 1.5h, 90m, 2d, 1w or 3h30m, from 0.1 (6m) to ${MAX_ESTIMATE_HOURS} (got ${shown(input)})`;

/** The hours of a duration's unit, by its first letter: weeks and days are working ones. */
const UNIT_HOURS: Readonly<Record<string, number>> = {
  w: ESTIMATE_WEEK_DAYS * ESTIMATE_DAY_HOURS,
  d: ESTIMATE_DAY_HOURS,
  h: 1,
  m: 1 / 60,
};
const DURATION_PART = /(\d*\.?\d+)\s*(weeks?|wks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)\s*/iy;

/**
 * The hours a duration as a team writes one says: `3h`, `1.5 hours`, `90m`, `2d`, `1w`, or parts
 * of several units, largest first (`3h30m`, `3h30`, `1d 4h`, `1 week 2 days`); days and weeks are working
 * ones (ESTIMATE_DAY_HOURS, ESTIMATE_WEEK_DAYS). Null for anything else, a bare number included
 * (whose unit the caller decides). Not rounded.
 */
export function durationHours(text: string): number | null {
  const t = text.trim();
  DURATION_PART.lastIndex = 0;
  let hours = 0;
  let last = Number.POSITIVE_INFINITY;
  while (DURATION_PART.lastIndex < t.length) {
    const at = DURATION_PART.lastIndex;
    const m = DURATION_PART.exec(t);
    if (m === null) {
      // Minutes after hours without their unit, as a clock writes them: `3h30`.
      const rest = t.slice(at);
      return last === 1 && /^[0-5]?\d$/.test(rest) ? hours + Number(rest) / 60 : null;
    }
    const unit = UNIT_HOURS[(m[2] as string)[0]?.toLowerCase() ?? ''] as number;
    // Each unit once, largest first: `30m3h` and `3h3h` are typos, not durations; and a part less
    // than one of the unit before it (`1h 90m` is no 2.5 h, `1d 8h` no 16 h).
    if (unit >= last || Number(m[1]) * unit >= last) return null;
    last = unit;
    hours += Number(m[1]) * unit;
  }
  return t.length === 0 ? null : hours;
}

/** What the minutes a piece of work took may be typed as (see typedMinutes). */
export const MINUTES_FORM = 'minutes ≥ 0 like 45, or a duration like 1h30m';

/**
 * The minutes a piece of work took, as typed: a number of minutes (`45`, `7.5`), or a duration as
 * an estimate is typed (`1h`, `1h30m`, `2d`: see durationHours); null for anything else.
 */
export function typedMinutes(text: string): number | null {
  if (DECIMAL_TEXT.test(text)) return Number.isFinite(Number(text)) ? Number(text) : null;
  const hours = durationHours(text);
  return hours === null ? null : Math.round(hours * 60 * 100) / 100;
}

/**
 * Hours a piece of work is expected to take: `3` or `3h` (hours, decimals allowed), `90m`
 * (minutes), `2d` or `1w` (working days and weeks, as an estimate label reads them), or parts of
 * several (`3h30m`: see durationHours), from MIN_ESTIMATE_HOURS to MAX_ESTIMATE_HOURS; given as
 * a string or a number of hours.
 * Kept to the hundredth of an hour (20m is 0.33 h), as the reasoning shows it and divides by it.
 */
export const estimateHours = lazySchema(() =>
  z.preprocess(
    (v) => {
      // Out of range, what was typed goes on, so the refusal quotes it ("5m", not 0.08).
      const inRange = (n: number) => {
        const h = Math.round(n * 100) / 100;
        return h >= MIN_ESTIMATE_HOURS && h <= MAX_ESTIMATE_HOURS ? h : v;
      };
      if (typeof v === 'number') return Number.isFinite(v) ? inRange(v) : v;
      if (typeof v !== 'string') return v;
      // A bare number is hours.
      const hours = /^\s*\d*\.?\d+\s*$/.test(v) ? Number(v) : durationHours(v);
      return hours === null ? v : inRange(hours);
    },
    z
      .number({ error: (i) => ESTIMATE_ERROR(i.input) })
      .min(MIN_ESTIMATE_HOURS, { error: (i) => ESTIMATE_ERROR(i.input) })
      .max(MAX_ESTIMATE_HOURS, { error: (i) => ESTIMATE_ERROR(i.input) }),
  ),
);

/**
 * A ratio 0–1 given as 0.05 (or .05, as a lead typed a churn: refused, it had read as no number)
 * or as a percentage 5% (.5%).
 */
export const ratio = lazySchema(() =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const pct = /^\s*(\d*\.?\d+)\s*%\s*$/.exec(v);
      // Past 100 %, the text as typed goes on, so the message echoes "150%", not 1.5.
      if (pct) return Number(pct[1]) <= 100 ? Number(pct[1]) / 100 : v;
      return /^\s*\d*\.?\d+\s*$/.test(v) ? Number(v) : v;
    },
    z
      .number({
        error: (i) => `a ratio from 0 to 1 like 0.05, or a percentage like 5% (got ${shown(i.input)})`,
      })
      .min(0, { error: (i) => `a ratio from 0 to 1 like 0.05 (got ${shown(i.input)})` })
      .max(1, {
        // `5` typed for 5 %: say both ways to write it.
        error: (i) =>
          typeof i.input === 'number' && i.input <= 100
            ? `a ratio from 0 to 1 like 0.05, or a percentage like 5% (got ${shown(i.input)}: for ${i.input} %, type ${i.input}% or ${Number((i.input / 100).toPrecision(12))})`
            : `a ratio from 0 to 1 like 0.05, or a percentage like 5% (got ${shown(i.input)})`,
      }),
  ),
);

/**
 * A share of what a product earns as a team judges it (`bug affects 12 2%`): a percentage with its
 * % sign (`5%`, `5 %`, `0.5%`), from 0% to 100%, kept as a fraction to the hundredth of a point
 * (0.02); `none` is null (the team says nothing: its default stands). A bare number is refused, not
 * guessed at: `5` may mean 5% or 0.05, and `0.05` 5% or 0.05%.
 */
export const earningsShare = lazySchema(() =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      if (v.trim() === 'none') return null;
      const pct = SHARE_TEXT.exec(v);
      // Past 100 %, the text as typed goes on, so the refusal quotes it ("150%", not 1.5).
      return pct !== null && Number(pct[1]) <= 100 ? Math.round(Number(pct[1]) * 100) / 10_000 : v;
    },
    z
      .number({ error: (i) => shareError(i.input) })
      .min(0)
      .max(1)
      .nullable(),
  ),
);

const SHARE_TEXT = /^\s*(\d*\.?\d+)\s*%\s*$/;

/** Why `input` is no share `earningsShare` takes, and what would be, in user words. */
function shareError(input: unknown): string {
  const form = 'a percentage like 5% or 0.5%, or none';
  if (typeof input !== 'string') return `${form} (got ${shown(input)})`;
  const t = input.trim();
  if (/^[-\u2212]/.test(t) || SHARE_TEXT.test(t)) return `a percentage from 0% to 100% (got ${shown(input)})`;
  if (!/^\d*\.?\d+$/.test(t)) return `${form} (got ${shown(input)})`;
  // A bare number: said with its % sign, whichever was meant.
  const n = Number(t);
  const meant =
    n > 0 && n <= 1
      ? `for ${t} %, type ${t}%; for ${Number((n * 100).toPrecision(12))} %, type ${Number((n * 100).toPrecision(12))}%`
      : `for ${t} %, type ${t}%`;
  return `a percentage with its % sign, like 5% or 0.5% (got ${shown(input)}: ${meant})`;
}

/** The years an instant Goalpost runs at (`--now`) may fall in: four digits, from the Unix epoch on. */
export const INSTANT_YEARS = { first: 1970, last: 9999 } as const;

/** What an instant must be, for a message: `a time like …, a real day in the years 1970 to 9999`. */
export const INSTANT_FORM = `a time with its zone like 2026-03-01T09:00:00Z (or a date like 2026-03-01), a real day in the years ${INSTANT_YEARS.first} to ${INSTANT_YEARS.last}`;

/**
 * Whether `value` is an instant to run at: ISO 8601 (`2026-03-01`, `2026-03-01T09:00:00Z`, with an
 * offset), a day on the calendar (`Date` takes 2026-02-30 for 2 March), in INSTANT_YEARS in UTC too
 * (`+099999-01-01` and `0000-01-01` were stored as written, and sort before every other time).
 */
export function isInstant(value: string): boolean {
  if (!INSTANT.test(value) || !onTheCalendar(value)) return false;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return false;
  const year = at.getUTCFullYear();
  const typedYear = Number(value.slice(0, 4));
  return [year, typedYear].every((y) => y >= INSTANT_YEARS.first && y <= INSTANT_YEARS.last);
}

/**
 * Text that reads as a decimal number (`42`, `-3.5`, `.5`, `1e3`): what a person types for one.
 * Number() alone also reads `0x10`, `0b11` and `0o17` (16, 3 and 15), which nobody means as a
 * measurement, and which were recorded as those.
 */
export const DECIMAL_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i;

/** The most a metric's value or a goal's target may be, either way: beyond it, no measure means anything. */
export const MAX_MEASURE = 1e15;

/**
 * A finite number within MAX_MEASURE either way (a metric's value, a goal's target); `what` says
 * what it is in the message, like "a number like 420".
 */
export const measure = (what: string) =>
  z
    .number({ error: (i) => `${what} (got ${shown(i.input)})` })
    .finite()
    .min(-MAX_MEASURE, { error: (i) => `${what}, at most 10^15 either way (got ${i.input})` })
    .max(MAX_MEASURE, { error: (i) => `${what}, at most 10^15 either way (got ${i.input})` });

/** A real calendar date `YYYY-MM-DD`. */
export const isoDate = lazySchema(() =>
  z.string({ error: (i) => `a date like 2026-02-01 (got ${shown(i.input)})` }).refine(
    (v) => {
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && onTheCalendar(v);
    },
    { error: (i) => `a date like 2026-02-01 (got ${shown(i.input)})` },
  ),
);

/** A month `YYYY-MM`. */
export const monthKey = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: (i) => `a month like 2026-03 (got ${shown(i.input)})` }),
);

/** A slug such as a focus area: `payment_integration`. */
/**
 * `record` refusing a key named `__proto__`, which zod's record drops without a word (and an
 * object built by assignment takes as its prototype): a review's `{"__proto__": 5, "users": 3}`
 * stored `users` alone and answered 200. The key is named as a problem of its own.
 */
export function ownKeysOnly<S extends z.ZodType>(record: S) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__'))
        ctx.addIssue({ code: 'custom', message: 'not a name a key can have here', path: ['__proto__'] });
    })
    .pipe(record);
}

/** A name of lowercase letters, digits and _, refused with `example` as what it should be like. */
const slugLike = (example: string) =>
  z
    .string({ error: (i) => `a name like ${example} (got ${shown(i.input)})` })
    .regex(/^[a-z][a-z0-9_]{0,47}$/, {
      error: (i) => `lowercase letters, digits and _ like ${example} (got ${shown(i.input)})`,
    });

export const slug = lazySchema(() => slugLike('payment_integration'));

/** A metric's name (a goal's): a slug, refused with a metric's example, not a focus area's. */
export const metricName = lazySchema(() => slugLike('active_teachers'));

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: runs of them are what asOneLine replaces.
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g;

/** Whether text holds control characters other than tab and line breaks (NUL, ESC, C1's CSI, …). */
export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);

/**
 * Characters that reorder how the text after them shows (bidirectional embeddings, overrides and
 * isolates): a review's feature titled with U+202E read backwards in chat, as `invoice_\u202Efdp.exe`
 * shows as `invoice_exe.pdf`. The marks (LRM, RLM) that only steer neutral characters are kept.
 */
const REORDERING = /[\u202a-\u202e\u2066-\u2069]/;
const REORDERING_ALL = /[\u202a-\u202e\u2066-\u2069]/g;

/** Whether text holds a character that reorders how it shows (see REORDERING). */
export const hasReordering = (value: string): boolean => REORDERING.test(value);

/** Whether text shows as nothing: only spaces and format characters (zero-width, direction marks). */
const showsNothing = (value: string): boolean => value.replace(/[\p{Cf}\s]/gu, '') === '';

/** What a refusal of reordering characters says (a step's note checks it as reasonText does). */
export const NO_REORDERING =
  'must not hold characters that reorder how it shows (U+202A to U+202E, U+2066 to U+2069)';

/** The most a reason or note said with a step (a rejection's reason, a failure's note) may hold. */
export const REASON_CHARS = 1000;

/**
 * The most a few things people type may hold, checked where they are stored and also by the chat
 * grammar, whose limits Discord's options carry (so Discord stops the typing, not Goalpost after).
 */
export const TEXT_LIMITS = {
  projectName: 120,
  itemTitle: 300,
  dropReason: 300,
  goalUnit: 16,
  goalOwner: 64,
  /** A feedback note or lesson, and a project's description. */
  note: 2000,
  projectDescription: 2000,
  /** The vision's statement and primary goal; chat takes any field's value at most this long. */
  visionText: 1000,
} as const;

/** A `.max()` of `max` characters as the chat grammar says it: `[max, { error: 'at most 120 characters' }]`. */
export const atMost = (max: number) => [max, { error: `at most ${max} characters` }] as const;

/**
 * A reason or note said with a step, as the API takes it under its own field's name: text of at most
 * REASON_CHARS characters, without control characters (line breaks and tabs are text).
 */
export const reasonText = () =>
  z
    .string({ error: (i) => `text (got ${shown(i.input)})` })
    // Trimmed first, as the use case trims what it records: a trailing newline is no character more.
    .trim()
    .max(REASON_CHARS, { error: `at most ${REASON_CHARS} characters` })
    .refine((v) => !hasControlCharacters(v), { error: 'must not contain control characters' })
    .refine((v) => !hasReordering(v), { error: NO_REORDERING });

const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences start with ESC or CSI.
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?)|\u009b[0-?]*[ -/]*[@-~]/g;

/**
 * Text from a process (a command's stderr) as a person reads it: colour and cursor sequences
 * (`ESC[31m`, `ESC]0;title BEL`) and other control characters are taken out.
 */
export const withoutControlCharacters = (value: string): string =>
  value.replace(ESCAPE_SEQUENCE, '').replace(new RegExp(CONTROL.source, 'g'), '');

/**
 * Non-empty trimmed text up to `max` characters; `clean` first rewrites it (see `line`). With
 * `oneLine`, a line break or tab is refused wherever it is, its ends too: the trim takes line
 * breaks (U+2028 among them, and vertical tabs and form feeds, control characters) off the ends
 * as it takes spaces, and `\u2028x` was a project named "x" where `x\u2028y` was refused.
 */
export const text = (
  max: number,
  { clean, oneLine = false }: { clean?: (value: string) => string; oneLine?: boolean } = {},
) => {
  const typed = z.string({ error: (i) => `text (got ${shown(i.input)})` });
  const cleaned = clean === undefined ? typed : typed.overwrite(clean);
  const checked = oneLine
    ? cleaned
        .refine((v) => !hasLineBreakOrTab(v), { error: ONE_LINE, abort: true })
        .refine((v) => !hasControlCharacters(v), {
          error: 'must not contain control characters',
          abort: true,
        })
    : cleaned;
  return (
    checked
      .trim()
      // Empty, it is said once: not also "holds nothing that shows" below.
      .min(1, { error: 'must not be empty', abort: true })
      .max(max, { error: `at most ${max} characters` })
      .refine((v) => !hasControlCharacters(v), { error: 'must not contain control characters' })
      // A name of a direction mark alone (U+200E) was a project shown blank.
      .refine((v) => !showsNothing(v), { error: 'must not be empty: it holds nothing that shows' })
      .refine((v) => !hasReordering(v), { error: NO_REORDERING })
  );
};

/** Line breaks (with Unicode's own) and tabs: what text shown on one line must not hold. */
const LINE_BREAK_OR_TAB = /[\n\r\t\u2028\u2029]/;

/** Whether text holds a line break or a tab (see LINE_BREAK_OR_TAB). */
export const hasLineBreakOrTab = (value: string): boolean => LINE_BREAK_OR_TAB.test(value);

/**
 * Text from another system (a GitHub issue's title) as one clean line: each run of control
 * characters, line breaks, tabs and spaces one space, trimmed. What a person types is refused
 * instead (see isOneCleanLine); what GitHub holds must still reach the backlog, and an issue
 * titled "multi\nline" broke `project show`'s table in two.
 */
export const asOneLine = (value: string): string =>
  normaliseName(value).replace(REORDERING_ALL, '').replace(NOT_ONE_LINE, ' ').trim();

/** Whether text is one line as a name or a tag is shown: no control character, line break or tab. */
export const isOneCleanLine = (value: string): boolean =>
  !hasControlCharacters(value) && !hasLineBreakOrTab(value);

const ONE_LINE = 'must be one line: no line breaks or tabs';

/**
 * Non-empty trimmed text on one line, up to `max` characters: a name or a title, which every
 * list, card and table shows on one line (a line break or tab in one broke them apart). Kept as
 * normaliseName gives it, so names that look the same are stored the same and found as one.
 */
export const line = (max: number) => text(max, { clean: normaliseName, oneLine: true });

/**
 * Text that may be empty, up to `max` characters, without control characters (line breaks and tabs
 * are text): a description or notes, stored and shown as typed. `oneLine` refuses breaks and tabs too.
 */
export const freeText = (max: number, { oneLine = false }: { oneLine?: boolean } = {}) => {
  const base = z
    .string({ error: (i) => `text (got ${shown(i.input)})` })
    .max(max, { error: `at most ${max} characters` })
    .refine((v) => !hasControlCharacters(v), { error: 'must not contain control characters' });
  return oneLine ? base.refine((v) => !hasLineBreakOrTab(v), { error: ONE_LINE }) : base;
};

/** A ref in the form taskRef gives it back (`T-12`): how buttons, workers and most commands send one. */
export const CANONICAL_TASK_REF = /^T-[1-9][0-9]{0,8}$/;

/** A task reference like `T-42` (case-insensitive, `42` alone accepted). */
/** A task's ref typed where something else goes (`tasks T-1`), as a ref (`T-1`); null for anything else. */
export const typedTaskRef = (typed: unknown): string | null =>
  typeof typed === 'string' && /^t-\d+$/i.test(typed.trim()) ? typed.trim().toUpperCase() : null;

export const taskRef = lazySchema(() =>
  z
    .string({ error: (i) => `a task ref like T-12 (got ${shown(i.input)})` })
    .trim()
    .regex(/^(t-)?\d{1,9}$/i, { error: (i) => `a task ref like T-12 (got ${shown(i.input)})` })
    .transform((v) => `T-${Number(v.replace(/^t-/i, ''))}`),
);

/** Builds an enum schema whose error lists the accepted values. */
/**
 * A choice as a phone or a person types it, in the form choices are written: `Approved`,
 * `in progress`, `In-Progress` → approved, in_progress.
 */
export function asChoice(typed: string): string {
  return typed
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  /** What a refusal says of a value typed that is something else the reader meant, or null. */
  instead: (typed: string) => string | null = () => null,
) {
  const known: ReadonlySet<string> = new Set(values);
  return z.preprocess(
    (v) => {
      if (typeof v !== 'string' || known.has(v)) return v;
      const key = asChoice(v);
      return known.has(key) ? key : v;
    },
    z.enum(values, {
      error: (i) => {
        const meant = typeof i.input === 'string' ? instead(i.input.trim()) : null;
        if (meant !== null) return meant;
        const near = typeof i.input === 'string' ? likelyMeant(i.input, values) : null;
        return `one of ${values.join(', ')} (got ${shown(i.input)}${near === null ? '' : `; did you mean ${near}?`})`;
      },
    }),
  );
}

/**
 * The shape of an input before validation: the schema's keys, any values. Use cases take this
 * from adapters (CLI strings, chat text, JSON bodies) and validate it themselves.
 */
export type Loose<S extends z.ZodType> = { [K in keyof z.input<S>]?: unknown };

/** A zod refinement: a time zone to keep (see timeZoneProblem), its problem as the issue when not. */
export function refineTimeZone(zone: string, check: z.RefinementCtx): void {
  const problem = timeZoneProblem(zone);
  if (problem !== null) check.addIssue({ code: 'custom', message: problem });
}

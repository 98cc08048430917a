import {
  emptyString,
  invalidInteger,
  type StripeAnswer,
  stripeError,
  unknownParameter,
  unmodelled,
} from './stripe-http.js';

/**
 * A parameter an endpoint takes: a plain string (an id, a currency), an integer, a boolean, an
 * enum, a time `range` (`created=…` or `created[gte]=…`), an `array` (`expand[]=…`, `expand[0]=…`),
 * or one Stripe takes that the fake does not model (answered 501, never silently ignored).
 */
export type ParamKind = 'string' | 'boolean' | 'range' | 'array' | 'unmodelled' | { enum: readonly string[] };

export type ParamSpec = Record<string, ParamKind>;

export interface TimeRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/** A query Stripe accepted, with Stripe's defaults applied. */
export interface Query {
  limit: number;
  startingAfter: string | null;
  endingBefore: string | null;
  expand: string[];
  strings: Map<string, string>;
  arrays: Map<string, string[]>;
  ranges: Map<string, TimeRange>;
}

/** The parameters every list takes. */
const PAGING: ParamSpec = {
  limit: 'string',
  starting_after: 'string',
  ending_before: 'string',
  expand: 'array',
};

const KEY = /^([^[\]]+)(?:\[([^[\]]*)\])?$/;
const INTEGER = /^-?\d+$/;
const RANGE_OPS = ['gt', 'gte', 'lt', 'lte'] as const;

/** "a, b, or c", the way Stripe lists the values an enum allows. */
const oneOf = (values: readonly string[]) =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;

function readLimit(raw: string | undefined): number | StripeAnswer {
  if (raw === undefined) return 10;
  if (!INTEGER.test(raw)) return invalidInteger('limit', raw);
  const n = Number(raw);
  const bound = n < 1 ? 'greater than or equal to 1' : n > 100 ? 'less than or equal to 100' : null;
  if (bound)
    return stripeError(400, `This value must be ${bound}.`, {
      code: 'parameter_invalid_integer',
      param: 'limit',
    });
  return n;
}

/** One `name` or `name[sub]` entry, checked against its kind and stored in `query`. */
function readEntry(query: Query, kind: ParamKind, name: string, sub: string | undefined, value: string) {
  const full = sub === undefined ? name : `${name}[${sub}]`;
  if (kind === 'unmodelled') return unmodelled(`the \`${name}\` parameter`);
  if (kind === 'array') {
    if (sub === undefined || !(sub === '' || INTEGER.test(sub)))
      return stripeError(400, 'Invalid array', { param: name });
    query.arrays.set(name, [...(query.arrays.get(name) ?? []), value]);
    return null;
  }
  if (kind === 'range') {
    const op = sub === undefined ? 'eq' : sub;
    if (op !== 'eq' && !(RANGE_OPS as readonly string[]).includes(op)) return unknownParameter(full);
    if (!INTEGER.test(value)) return invalidInteger(full, value);
    const range = query.ranges.get(name) ?? {};
    if (op === 'eq') Object.assign(range, { gte: Number(value), lte: Number(value) });
    else range[op as (typeof RANGE_OPS)[number]] = Number(value);
    query.ranges.set(name, range);
    return null;
  }
  if (sub !== undefined) return unknownParameter(full);
  if (value === '') return emptyString(name);
  if (kind === 'boolean' && value !== 'true' && value !== 'false')
    return stripeError(400, `Invalid boolean: ${value}`, { param: name });
  if (typeof kind === 'object' && !kind.enum.includes(value))
    return stripeError(400, `Invalid ${name}: must be one of ${oneOf(kind.enum)}`, { param: name });
  query.strings.set(name, value);
  return null;
}

/**
 * Reads a query as Stripe reads it: unknown parameters refused by name, integers and enums
 * checked, `limit` from 1 to 100 (10 when absent), and at most one of the two cursors.
 */
export function readQuery(params: URLSearchParams, spec: ParamSpec, list: boolean): Query | StripeAnswer {
  const kinds: ParamSpec = list ? { ...PAGING, ...spec } : { expand: 'array', ...spec };
  const query: Query = {
    ...{ limit: 10, startingAfter: null, endingBefore: null, expand: [] },
    ...{ strings: new Map(), arrays: new Map(), ranges: new Map() },
  };
  for (const [key, value] of params) {
    // `a[b][c]` does not match KEY and is refused whole, as no endpoint here takes nested objects.
    const [, name = key, sub] = KEY.exec(key) ?? [];
    const kind = kinds[name];
    if (kind === undefined) return unknownParameter(name);
    const refused = readEntry(query, kind, name, sub, value);
    if (refused) return refused;
  }
  const limit = readLimit(query.strings.get('limit'));
  if (typeof limit !== 'number') return limit;
  query.limit = limit;
  query.startingAfter = query.strings.get('starting_after') ?? null;
  query.endingBefore = query.strings.get('ending_before') ?? null;
  query.expand = query.arrays.get('expand') ?? [];
  if (query.startingAfter !== null && query.endingBefore !== null)
    return stripeError(400, 'You may only specify one of these parameters: ending_before, starting_after.', {
      param: 'ending_before',
    });
  return query;
}

/** Whether a time falls in a range taken from `created[…]`. */
export function inRange(time: number, range: TimeRange | undefined): boolean {
  if (!range) return true;
  return (
    (range.gt === undefined || time > range.gt) &&
    (range.gte === undefined || time >= range.gte) &&
    (range.lt === undefined || time < range.lt) &&
    (range.lte === undefined || time <= range.lte)
  );
}

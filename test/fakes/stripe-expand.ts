import { type StripeAnswer, stripeError } from './stripe-http.js';
import type { Json } from './stripe-shapes.js';

/** An object a reference names, and the restricted-key permission reading it takes (null: none). */
export interface Expanded {
  json: Json;
  permission: string | null;
}

export interface ExpandDeps {
  /**
   * The object an id names when `field` is a reference Stripe can expand (`customer`, `product`,
   * `price`, `coupon`, `discounts`, `latest_invoice`, `invoice`, `subscription`); undefined for any
   * other field.
   */
  resolve(field: string, id: string): Expanded | undefined;
  /**
   * A field Stripe leaves out of `node` unless asked for (a price's `tiers`), as expanding it
   * includes it; undefined when `node` has no such field.
   */
  include(node: Json, field: string): { value: unknown } | undefined;
  /** Null when the caller may read what `permission` guards, else Stripe's 403. */
  check(permission: string): StripeAnswer | null;
}

/** Stripe expands at most four levels, and on a list `data.` is one of them. */
const MAX_DEPTH = 4;

const cannotExpand = (segment: string, hint?: string): StripeAnswer =>
  stripeError(
    400,
    `This property cannot be expanded (${segment}).${hint ? ` You may want to try expanding '${hint}' instead.` : ''}`,
  );

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Replaces the id(s) in `node[field]` by the objects they name; an answer when that is refused. */
function expandField(node: Json, field: string, deps: ExpandDeps): StripeAnswer | null {
  const value = node[field];
  const ids = Array.isArray(value) ? value : [value];
  const out: unknown[] = [];
  for (const id of ids) {
    if (typeof id !== 'string') {
      out.push(id);
      continue;
    }
    const found = deps.resolve(field, id);
    if (!found) return cannotExpand(field);
    const refused = found.permission === null ? null : deps.check(found.permission);
    if (refused) return refused;
    out.push(found.json);
  }
  node[field] = Array.isArray(value) ? out : out[0];
  return null;
}

/**
 * Walks one path: a reference is swapped for its object, an object or list already inline is
 * walked through, and anything else (a number, a field that does not exist) is refused as Stripe
 * refuses it. `null` stays null.
 */
function walk(node: unknown, path: string[], deps: ExpandDeps): StripeAnswer | null {
  const [field, ...rest] = path;
  if (field === undefined) return null;
  if (Array.isArray(node)) {
    for (const element of node) {
      const refused = walk(element, path, deps);
      if (refused) return refused;
    }
    return null;
  }
  if (node === null) return null;
  if (isObject(node) && !(field in node)) {
    const included = deps.include(node, field);
    if (included === undefined) return cannotExpand(field);
    node[field] = included.value;
    return null;
  }
  if (!isObject(node)) return cannotExpand(field);
  const value = node[field];
  const reference =
    typeof value === 'string' || (Array.isArray(value) && value.some((v) => typeof v === 'string'));
  if (reference) {
    const refused = expandField(node, field, deps);
    if (refused) return refused;
  } else if (value !== null && !isObject(value)) return cannotExpand(field);
  return walk(node[field], rest, deps);
}

/** Applies `expand[]` to an answer's JSON in place; on a list every path must start with `data.`. */
export function expand(root: Json, paths: string[], list: boolean, deps: ExpandDeps): StripeAnswer | null {
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH)
      return stripeError(400, `You cannot expand more than 4 levels of a property: ${path}`);
    if (list && segments[0] !== 'data') return cannotExpand(segments[0] ?? path, `data.${path}`);
    const refused = walk(root, segments, deps);
    if (refused) return refused;
  }
  return null;
}

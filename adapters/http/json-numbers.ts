import { ValidationError } from '../../src/index.js';
import { jsonSchema } from './openapi.js';
import type { TokenRoute } from './router.js';

type Json = Record<string, unknown>;

/** The JSON Schema of each route's body, as the API document gives it, made on first use. */
const schemas = new WeakMap<TokenRoute, Json>();

/** Whether a JSON Schema takes only numbers: `number` or `integer`, not text beside them. */
function numberOnly(schema: Json): boolean {
  return schema.type === 'number' || schema.type === 'integer';
}

/**
 * The first place in `value` where `schema` (or the part of it there) takes only a number and the
 * value is text, as a path of field names; null when there is none. Objects and lists are walked
 * through `properties`, `additionalProperties` and `items`; a union is not (its options say).
 */
function textForNumber(schema: Json, value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return numberOnly(schema) ? path : null;
  if (Array.isArray(value)) {
    const items = schema.items as Json | undefined;
    if (items === undefined) return null;
    for (const [i, item] of value.entries()) {
      const found = textForNumber(items, item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const properties = (schema.properties as Record<string, Json> | undefined) ?? {};
  const rest =
    typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as Json) : undefined;
  for (const [key, field] of Object.entries(value)) {
    const part = properties[key] ?? rest;
    if (part === undefined) continue;
    const found = textForNumber(part, field, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a number sent as text (`{"maxTasks": "3"}`) where the route's document says a number:
 * the API takes JSON's numbers, as its document says and as the metrics route always did; the
 * use cases also take the command line's and chat's text ("3"), which is theirs.
 * @throws ValidationError naming the field.
 */
export function refuseNumbersAsText(route: TokenRoute, body: Record<string, unknown>): void {
  if (route.body === undefined) return;
  let schema = schemas.get(route);
  if (schema === undefined) {
    schema = jsonSchema(route.body);
    schemas.set(route, schema);
  }
  const path = textForNumber(schema, body, []);
  if (path === null) return;
  const field = path.join('.');
  const given = path.reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], body);
  throw new ValidationError(
    `${field}: a JSON number, like 5, not text (got ${JSON.stringify(given)})`,
    field,
  );
}

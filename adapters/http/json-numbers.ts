import * as z from 'zod';
import { numberInText, ValidationError } from '../../src/index.js';
import { jsonSchema } from './openapi.js';
import type { TokenRoute } from './router.js';

type Json = Record<string, unknown>;

/** The JSON Schema of each route's body, as the API document gives it, made on first use. */
const schemas = new WeakMap<TokenRoute, Json>();

const isNumber = (type: unknown): boolean => type === 'number' || type === 'integer';

/**
 * Whether a JSON Schema takes only numbers: `number` or `integer`, alone or with null (a nullable
 * field: `type: ["number", "null"]`, or an `anyOf` of such options).
 */
function numberOnly(schema: Json): boolean {
  const types = Array.isArray(schema.type)
    ? (schema.type as unknown[])
    : schema.anyOf !== undefined
      ? (schema.anyOf as Json[]).map((o) => o.type)
      : [schema.type];
  return types.some(isNumber) && types.every((t) => isNumber(t) || t === 'null');
}

/**
 * The object schema an object value is checked by: the schema, or its object option where it takes
 * an object or text (the vision's revenue targets: `{"2027-02": 999}`, or `2027-02=999`).
 */
function objectSchema(schema: Json): Json | undefined {
  if (schema.type === 'object') return schema;
  return ((schema.anyOf as Json[] | undefined) ?? []).find((option) => option.type === 'object');
}

/**
 * The first field of `value` (an object, and the objects in it, records among them) whose schema
 * takes only a number and whose value is text, as a path of field names; null when there is none.
 */
function textForNumber(schema: Json, value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return numberOnly(schema) ? path : null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const object = objectSchema(schema);
  if (object === undefined) return null;
  const properties = (object.properties as Record<string, Json> | undefined) ?? {};
  // A record's values are its additionalProperties' (a strict object's is false: none).
  const rest =
    typeof object.additionalProperties === 'object' ? (object.additionalProperties as Json) : undefined;
  for (const [key, field] of Object.entries(value)) {
    const part = Object.hasOwn(properties, key) ? properties[key] : rest;
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
    `${field}: a JSON number, like ${numberOf(route.body, path, given) ?? 5}, not text (got ${JSON.stringify(given)})`,
    field,
  );
}

/**
 * The number `text` means, the example a refusal of it gives: as a top-level field's own schema
 * reads it, where it reads one (the command line's forms: `"5%"` is 0.05, `"6h"` 6), else the
 * number it spells (`"10"`, an amount as money is written: `"$5,000"` is 5000); null for text
 * that is none.
 */
function numberOf(body: z.ZodType, path: readonly string[], text: unknown): number | null {
  const [key] = path;
  if (path.length === 1 && key !== undefined && body instanceof z.ZodObject) {
    const field = (body.shape as Record<string, z.ZodType | undefined>)[key];
    const read = field?.safeParse(text);
    if (read?.success === true && typeof read.data === 'number') return read.data;
  }
  return numberInText(text);
}

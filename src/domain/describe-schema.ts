import type * as z from 'zod';

type Schema = z.core.$ZodType;
// zod's definitions are a union of many shapes; reading them by `type` is its documented way in.
type AnyDef = z.core.$ZodTypeDef & Record<string, unknown>;

const defOf = (schema: Schema): AnyDef => schema._zod.def as AnyDef;

/** Wrappers whose input is their inner type's (or null too, for nullable). */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'nullable']);

/**
 * The schema a value is checked by on its way in: a preprocess (a transform piped into a schema)
 * is checked by what it pipes into; a schema with a transform after it, by the schema.
 */
function inputSide(def: AnyDef): Schema {
  const inner = def.in as Schema;
  return defOf(inner).type === 'transform' ? (def.out as Schema) : inner;
}

/** The part of `schema` that checks the value at `key` (an object's field, a list's item). */
function child(schema: Schema, key: PropertyKey): Schema | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return (def.shape as Record<PropertyKey, Schema>)[key] ?? (def.catchall as Schema | undefined);
    case 'array':
      return def.element as Schema;
    case 'record':
      return def.valueType as Schema;
    case 'tuple':
      return (def.items as Schema[])[Number(key)];
    case 'pipe':
      return child(inputSide(def), key);
    case 'union':
      for (const option of def.options as Schema[]) {
        const found = child(option, key);
        if (found) return found;
      }
      return undefined;
    default:
      return WRAPPERS.has(def.type) ? child(def.innerType as Schema, key) : undefined;
  }
}

/** The schema checking the value at `path` inside `root`, or undefined when the path leaves it. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let schema: Schema | undefined = root;
  for (const key of path) {
    if (schema === undefined) return undefined;
    schema = child(schema, key);
  }
  return schema;
}

/** The field names an object schema takes (through wrappers and pipes); [] for anything else. */
export function fieldsOf(schema: Schema | undefined): string[] {
  if (schema === undefined) return [];
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape as object);
  if (def.type === 'pipe') return fieldsOf(inputSide(def));
  return WRAPPERS.has(def.type) ? fieldsOf(def.innerType as Schema) : [];
}

/** What a schema's checks allow, folded from its definition: `.min(1)`, `.int()`, `.max(20)`… */
interface Bounds {
  minimum?: unknown;
  exclusiveMinimum?: unknown;
  maximum?: unknown;
  exclusiveMaximum?: unknown;
  format?: unknown;
}

/**
 * The bounds a schema's checks set, read from its definition (`def.checks`, each with its own
 * `def`): the documented way in, where zod's `bag` is internal and filled lazily since zod 4.2.
 * A format schema such as `z.int()` is its own first check.
 */
function boundsOf(schema: Schema): Bounds {
  const def = defOf(schema);
  const own = 'check' in def ? [schema as unknown as z.core.$ZodCheck] : [];
  const found: Bounds = {};
  for (const check of [...own, ...((def.checks ?? []) as z.core.$ZodCheck[])]) {
    const c = check._zod.def as unknown as Record<string, unknown>;
    switch (c.check) {
      case 'greater_than':
        if (c.inclusive) found.minimum = c.value;
        else found.exclusiveMinimum = c.value;
        break;
      case 'less_than':
        if (c.inclusive) found.maximum = c.value;
        else found.exclusiveMaximum = c.value;
        break;
      case 'min_length':
      case 'min_size':
        found.minimum = c.minimum;
        break;
      case 'max_length':
      case 'max_size':
        found.maximum = c.maximum;
        break;
      case 'length_equals':
        found.minimum = c.length;
        found.maximum = c.length;
        break;
      case 'number_format':
      case 'string_format':
        found.format = c.format;
        break;
    }
  }
  return found;
}

/** A bound worth saying: a whole number's implied safe-integer range is not. */
const said = (bound: unknown): unknown =>
  bound === Number.MIN_SAFE_INTEGER || bound === Number.MAX_SAFE_INTEGER ? undefined : bound;

/** "from 1 to 1440", "≥ 0", "> 0", or '' when the bag sets no bound. */
function bounds(bag: Bounds): string {
  const [min, max] = [said(bag.minimum), said(bag.maximum)];
  const { exclusiveMinimum: xmin, exclusiveMaximum: xmax } = bag;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) parts.push(`≥ ${min}`);
  if (xmin !== undefined) parts.push(`> ${xmin}`);
  if (max !== undefined) parts.push(`≤ ${max}`);
  if (xmax !== undefined) parts.push(`< ${xmax}`);
  return parts.join(' and ');
}

/** "text", "non-empty text of at most 200 characters". */
function describeText(bag: Bounds): string {
  const min = bag.minimum as number | undefined;
  const max = bag.maximum as number | undefined;
  const base = min !== undefined && min >= 1 ? 'non-empty text' : 'text';
  return max === undefined ? base : `${base} of at most ${max} characters`;
}

function describeNumber(bag: Bounds): string {
  const whole = typeof bag.format === 'string' && /int/.test(bag.format);
  const range = bounds(bag);
  return `${whole ? 'a whole number' : 'a number'}${range ? ` ${range}` : ''}`;
}

/** Every value a schema of literals and enums allows, or null when it allows other things too. */
function choices(schema: Schema): string[] | null {
  const def = defOf(schema);
  if (def.type === 'enum') return Object.values(def.entries as Record<string, string>).map(String);
  if (def.type === 'literal') return (def.values as unknown[]).map(String);
  // A value read kindly first (oneOf takes `Approved`): the values it then allows.
  if (def.type === 'pipe') return choices(inputSide(def));
  if (def.type === 'union') {
    const all = (def.options as Schema[]).map(choices);
    return all.every((c) => c !== null) ? all.flat() : null;
  }
  return null;
}

/**
 * What a schema accepts, in the words an error message uses, from its type and bounds: "a whole
 * number from 1 to 1440", "one of approve, reject", "a whole number or null", "an object with ref,
 * assignee, run". (A schema's `.describe()` text says what the field is for, in the API document.)
 */
export function describeSchema(schema: Schema): string {
  const def = defOf(schema);
  const bag = boundsOf(schema);
  const listed = choices(schema);
  if (listed !== null) return listed.length === 1 ? JSON.stringify(listed[0]) : `one of ${listed.join(', ')}`;
  switch (def.type) {
    case 'string':
      return describeText(bag);
    case 'number':
    case 'int':
      return describeNumber(bag);
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'array': {
      const max = bag.maximum === undefined ? '' : ` of at most ${bag.maximum}`;
      return `a list${max} (each ${describeSchema(def.element as Schema)})`;
    }
    case 'object': {
      const fields = Object.keys(def.shape as object);
      return fields.length ? `an object with ${fields.join(', ')}` : 'no fields';
    }
    case 'record':
      return `an object whose values are each ${describeSchema(def.valueType as Schema)}`;
    case 'union':
      return (def.options as Schema[]).map(describeSchema).join(', or ');
    case 'nullable':
      return `${describeSchema(def.innerType as Schema)} or null`;
    case 'pipe':
      return describeSchema(inputSide(def));
    default:
      return WRAPPERS.has(def.type) ? describeSchema(def.innerType as Schema) : 'a valid value';
  }
}

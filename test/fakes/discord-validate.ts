/**
 * What Discord checks in a request body before it does anything, and how it says no: 50035
 * Invalid Form Body with an `errors` tree naming each bad field
 * (discord.com/developers/docs/reference#error-messages). Lengths are counted in code points, as
 * Discord counts them (its API is Python: an emoji outside the BMP is one character, not two).
 */

type Json = Record<string, unknown>;

/** One refused field: `embeds.0.title`, Discord's error code for it, and its message. */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

export const codePoints = (s: string): number => [...s].length;

const asObject = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

class Checker {
  readonly problems: Problem[] = [];
  add(path: string, code: string, message: string): void {
    this.problems.push({ path, code, message });
  }
  /** A string field: required (non-empty) or optional, at most `max` characters. */
  text(path: string, value: unknown, max: number, required = false, min = 1): void {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return;
    }
    const n = codePoints(value);
    if (n > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    else if ((required || value !== '') && n < min) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }
  most(path: string, list: unknown[], max: number): void {
    if (list.length > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
}

function embeds(c: Checker, list: unknown[]): void {
  c.most('embeds', list, 10);
  let total = 0;
  for (const [i, raw] of list.entries()) {
    const e = asObject(raw) ?? {};
    const at = `embeds.${i}`;
    c.text(`${at}.title`, e.title, 256);
    c.text(`${at}.description`, e.description, 4096);
    const footer = asObject(e.footer);
    const author = asObject(e.author);
    if (footer) c.text(`${at}.footer.text`, footer.text, 2048, true);
    if (author) c.text(`${at}.author.name`, author.name, 256, true);
    const fields = asArray(e.fields);
    c.most(`${at}.fields`, fields, 25);
    for (const [j, f] of fields.map((x) => asObject(x) ?? {}).entries()) {
      c.text(`${at}.fields.${j}.name`, f.name, 256, true);
      c.text(`${at}.fields.${j}.value`, f.value, 1024, true);
      total += codePoints(String(f.name ?? '')) + codePoints(String(f.value ?? ''));
    }
    for (const t of [e.title, e.description, footer?.text, author?.name]) {
      total += typeof t === 'string' ? codePoints(t) : 0;
    }
  }
  if (total > 6000) c.add('embeds', 'BASE_TYPE_MAX_LENGTH', 'Embed size exceeds maximum size of 6000');
}

function components(c: Checker, rows: unknown[]): void {
  c.most('components', rows, 5);
  const ids = new Set<string>();
  for (const [i, raw] of rows.entries()) {
    const row = asObject(raw) ?? {};
    const at = `components.${i}`;
    if (row.type !== 1) {
      c.add(`${at}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      continue;
    }
    const buttons = asArray(row.components);
    c.most(`${at}.components`, buttons, 5);
    if (buttons.length === 0)
      c.add(`${at}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    for (const [j, b] of buttons.map((x) => asObject(x) ?? {}).entries()) {
      const bt = `${at}.components.${j}`;
      c.text(`${bt}.label`, b.label, 80);
      if (b.style === 5) c.text(`${bt}.url`, b.url, 512, true);
      else c.text(`${bt}.custom_id`, b.custom_id, 100, true);
      if (typeof b.custom_id === 'string') {
        if (ids.has(b.custom_id))
          c.add(
            `${bt}.custom_id`,
            'COMPONENT_CUSTOM_ID_DUPLICATED',
            'Component custom id cannot be duplicated',
          );
        ids.add(b.custom_id);
      }
    }
  }
}

const SNOWFLAKE = /^\d{15,21}$/;

function allowedMentions(c: Checker, raw: unknown): void {
  if (raw === undefined || raw === null) return;
  const am = asObject(raw);
  if (!am) {
    c.add('allowed_mentions', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const parse = am.parse === undefined ? [] : am.parse;
  if (!Array.isArray(parse)) {
    c.add('allowed_mentions.parse', 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  for (const [i, p] of parse.entries()) {
    if (!['roles', 'users', 'everyone'].includes(String(p))) {
      c.add(
        `allowed_mentions.parse.${i}`,
        'BASE_TYPE_CHOICES',
        'Value must be one of {"everyone", "roles", "users"}.',
      );
    }
  }
  for (const key of ['users', 'roles'] as const) {
    if (am[key] === undefined) continue;
    const ids = asArray(am[key]);
    if (!Array.isArray(am[key])) c.add(`allowed_mentions.${key}`, 'BASE_TYPE_LIST', 'Must be a list.');
    c.most(`allowed_mentions.${key}`, ids, 100);
    ids.forEach((id, i) => {
      if (!SNOWFLAKE.test(String(id)))
        c.add(
          `allowed_mentions.${key}.${i}`,
          'NUMBER_TYPE_COERCE',
          `Value "${String(id)}" is not snowflake.`,
        );
    });
    if (parse.includes(key)) {
      c.add(
        'allowed_mentions',
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
      );
    }
  }
  if (am.replied_user !== undefined && typeof am.replied_user !== 'boolean') {
    c.add('allowed_mentions.replied_user', 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }
}

/** A message body (create or edit): content, embeds, components, allowed_mentions. */
export function messageProblems(body: Json): Problem[] {
  const c = new Checker();
  c.text('content', body.content, 2000);
  if (body.embeds !== undefined && body.embeds !== null) embeds(c, asArray(body.embeds));
  if (body.components !== undefined && body.components !== null) components(c, asArray(body.components));
  allowedMentions(c, body.allowed_mentions);
  return c.problems;
}

/** Discord takes at most 10 files on a message. */
const MAX_FILES = 10;

/**
 * The `attachments` of a message sent with files (`files[n]` parts): at most 10; a list of
 * objects whose `id` is the n of an uploaded `files[n]` (else ATTACHMENT_NOT_FOUND, "Attachment
 * data not found", as Discord answered in Cogmasters/concord#78) and whose `description` (alt
 * text) is at most 1024 characters.
 */
export function attachmentProblems(body: Json, fields: readonly string[]): Problem[] {
  const c = new Checker();
  if (fields.length > MAX_FILES)
    c.add('attachments', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_FILES} or fewer in length.`);
  if (body.attachments === undefined || body.attachments === null) return c.problems;
  if (!Array.isArray(body.attachments)) {
    c.add('attachments', 'BASE_TYPE_LIST', 'Must be a list.');
    return c.problems;
  }
  c.most('attachments', body.attachments, MAX_FILES);
  for (const [i, raw] of body.attachments.entries()) {
    const a = asObject(raw);
    const at = `attachments.${i}`;
    if (!a) {
      c.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      continue;
    }
    if (a.id === undefined || a.id === null)
      c.add(`${at}.id`, 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (!/^\d{1,20}$/.test(String(a.id)))
      c.add(`${at}.id`, 'NUMBER_TYPE_COERCE', `Value "${String(a.id)}" is not snowflake.`);
    else if (!fields.includes(`files[${String(a.id)}]`))
      c.add(at, 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
    c.text(`${at}.description`, a.description, 1024);
  }
  return c.problems;
}

/** Nothing a person would see: Discord answers 50006 Cannot send an empty message. */
export const isEmptyMessage = (body: Json, files = 0): boolean =>
  files === 0 &&
  (typeof body.content !== 'string' || body.content.trim() === '') &&
  asArray(body.embeds).length === 0 &&
  asArray(body.components).length === 0 &&
  asArray(body.sticker_ids).length === 0;

/** Start Thread from Message: a name of 1–100 characters and one of the archive durations. */
export function threadProblems(body: Json): Problem[] {
  const c = new Checker();
  c.text('name', body.name, 100, true);
  if (
    body.auto_archive_duration !== undefined &&
    ![60, 1440, 4320, 10080].includes(Number(body.auto_archive_duration))
  ) {
    c.add('auto_archive_duration', 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
  }
  return c.problems;
}

function modal(c: Checker, data: Json): void {
  c.text('data.custom_id', data.custom_id, 100, true);
  c.text('data.title', data.title, 45, true);
  const rows = asArray(data.components);
  if (rows.length < 1 || rows.length > 5)
    c.add('data.components', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  for (const [i, row] of rows.map((r) => asObject(r) ?? {}).entries()) {
    for (const [j, input] of asArray(row.components)
      .map((x) => asObject(x) ?? {})
      .entries()) {
      const at = `data.components.${i}.components.${j}`;
      c.text(`${at}.custom_id`, input.custom_id, 100, true);
      c.text(`${at}.label`, input.label, 45, true);
      c.text(`${at}.placeholder`, input.placeholder, 100);
      c.text(`${at}.value`, input.value, 4000);
    }
  }
}

/** An interaction callback's `data` for its type: a message (4, 7), choices (8) or a modal (9). */
export function callbackProblems(type: number, data: unknown): Problem[] {
  const c = new Checker();
  const d = asObject(data) ?? {};
  if (![1, 4, 5, 6, 7, 8, 9].includes(type)) {
    c.add('type', 'BASE_TYPE_CHOICES', 'Value must be one of {1, 4, 5, 6, 7, 8, 9}.');
  } else if (type === 4 || type === 7) {
    return messageProblems(d).map((p) => ({ ...p, path: `data.${p.path}` }));
  } else if (type === 8) {
    const choices = asArray(d.choices);
    c.most('data.choices', choices, 25);
    for (const [i, ch] of choices.map((x) => asObject(x) ?? {}).entries()) {
      c.text(`data.choices.${i}.name`, ch.name, 100, true);
      if (typeof ch.value === 'string') c.text(`data.choices.${i}.value`, ch.value, 100, true);
    }
  } else if (type === 9) modal(c, d);
  return c.problems;
}

/** Discord's 50035 body: `errors` nested by path, each leaf holding `_errors`. */
export function invalidFormBody(problems: Problem[]): Json {
  const errors: Json = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path.split('.')) {
      node[key] ??= {};
      node = node[key] as Json;
    }
    const list = (node._errors ?? []) as Array<{ code: string; message: string }>;
    list.push({ code: p.code, message: p.message });
    node._errors = list;
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}

/** One option of a command payload, as far as the checks below read it. */
interface CommandOption {
  name: string;
  description: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  min_length?: number;
  max_length?: number;
  choices?: Array<{ name: string; value: unknown }>;
  options?: CommandOption[];
}

/** Discord's bounds on a string option's `min_length` and `max_length`. */
const LENGTHS = { min_length: [0, 6000], max_length: [1, 6000] } as const;

/** A `min_length` or `max_length` out of Discord's bounds, or on an option that is not a string (type 3). */
function lengthProblems(o: CommandOption, at: string, problems: string[]): void {
  for (const key of ['min_length', 'max_length'] as const) {
    const value = o[key];
    if (value === undefined) continue;
    const [least, most] = LENGTHS[key];
    if (o.type !== 3) problems.push(`${at}: ${key} on a non-string option`);
    else if (!Number.isInteger(value) || value < least || value > most)
      problems.push(`${at}: ${key} must be ${least}-${most}`);
  }
}

/**
 * What Discord refuses in a bulk overwrite of application commands
 * (discord.com/developers/docs/interactions/application-commands), each said as where it is and
 * what is wrong (`goalpost done ref: required after optional`): names, 1–100 character
 * descriptions, at most 25 options a level, subcommands not mixed with options, required options
 * first, at most 25 choices and none with autocomplete, `min_length` (0–6000) and `max_length`
 * (1–6000) on string options only, and at most `budget` characters of names, descriptions and
 * choices on each command (4,000; lengths do not count).
 */
export function commandProblems(body: readonly unknown[], budget = 4000): string[] {
  const problems: string[] = [];
  const name = (n: string, where: string) => {
    if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(n) || n !== n.toLowerCase())
      problems.push(`${where}: bad name "${n}"`);
  };
  const text = (d: string | undefined, where: string) => {
    if (!d || codePoints(d) > 100) problems.push(`${where}: description must be 1-100 chars`);
  };
  const walk = (options: readonly CommandOption[], where: string): number => {
    let size = 0;
    if (options.length > 25) problems.push(`${where}: ${options.length} options`);
    const subs = options.filter((o) => o.type === 1 || o.type === 2).length;
    if (subs > 0 && subs < options.length) problems.push(`${where}: subcommands mixed with options`);
    if (new Set(options.map((o) => o.name)).size !== options.length)
      problems.push(`${where}: duplicate names`);
    let optionalSeen = false;
    for (const o of options) {
      const at = `${where} ${o.name}`;
      name(o.name, at);
      text(o.description, at);
      size += codePoints(o.name) + codePoints(o.description ?? '');
      if (o.type === 1 || o.type === 2) {
        if (o.type === 2 && (o.options ?? []).some((c) => c.type !== 1))
          problems.push(`${at}: group holds non-subcommands`);
        size += walk(o.options ?? [], at);
        continue;
      }
      if (o.required && optionalSeen) problems.push(`${at}: required after optional`);
      if (!o.required) optionalSeen = true;
      const choices = o.choices ?? [];
      if (choices.length > 25) problems.push(`${at}: ${choices.length} choices`);
      if (choices.length > 0 && o.autocomplete) problems.push(`${at}: choices with autocomplete`);
      lengthProblems(o, at, problems);
      for (const c of choices) {
        if (c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100)
          problems.push(`${at}: choice`);
        size += codePoints(c.name) + codePoints(String(c.value));
      }
    }
    return size;
  };
  if (body.length > 100) problems.push(`${body.length} commands; at most 100`);
  const names = body.map((c) => (asObject(c)?.name ?? '') as string);
  if (new Set(names).size !== names.length) problems.push('two commands share a name');
  for (const raw of body) {
    const c = (asObject(raw) ?? {}) as unknown as CommandOption;
    name(c.name, c.name);
    if (c.type === undefined || c.type === 1) text(c.description, c.name);
    const size = codePoints(c.name) + codePoints(c.description ?? '') + walk(c.options ?? [], c.name);
    if (size > budget)
      problems.push(`${c.name}: ${size} characters in names, descriptions and choices; at most ${budget}`);
  }
  return problems;
}

import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import * as z from 'zod';
import type { CommandDef } from '../../src/index.js';
import { clip } from './render-limits.js';

/** Where a Discord option's value goes in the grammar's command line. */
export type GrammarSlot =
  | { kind: 'positional'; name: string }
  | { kind: 'rest'; name: string }
  | { kind: 'option'; name: string }
  | { kind: 'flag'; name: string };

/** One Discord option of a subcommand and the grammar slot it fills. */
export interface OptionSpec {
  slot: GrammarSlot;
  option: APIApplicationCommandBasicOption;
}

/** Discord's rule for option, subcommand and group names. */
export const DISCORD_NAME = /^[-_a-z0-9]{1,32}$/;

/** A grammar name as a Discord option name: `...reason` → `reason`, `max-tasks` → `max_tasks`. */
export const discordName = (grammarName: string): string =>
  grammarName
    .replace(/^\.\.\./, '')
    .replace(/-/g, '_')
    .toLowerCase();

/** The schema key parseArgs fills for a grammar name: `max-tasks` → `maxTasks`. */
const schemaKey = (grammarName: string): string =>
  grammarName.replace(/^\.\.\./, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const DESCRIPTIONS: Record<string, string> = {
  ref: 'The task, like T-12',
  reason: 'Why, like not this quarter',
  note: 'A note for the record',
  minutes: 'Minutes it took, like 45',
  who: '@person or assignee, like dev_worker1',
  status: 'Which tasks (default: open)',
  command: 'The command to explain',
  max_tasks: 'At most, 1 to 50',
  user: 'The person',
  role: 'The role to grant',
  field: 'Which part of the vision',
  value: 'The new value',
  metric: 'Metric, like signups',
  target: 'Target, like 500',
  by: 'Deadline, a day to come as YYYY-MM-DD',
  unit: 'The unit, like users',
  direction: 'up or down',
  baseline: 'Where it starts, like 120',
  owner: 'Who owns the goal',
  at: 'When (default: now)',
  text: 'What to note',
  goal: 'The goal’s metric',
  since: 'From, like 2026-11-01',
  actual: 'Dollars earned, like 420',
  project: 'The project',
  month: 'The month, like 2026-11',
  from: 'Start, like 2026-11-01',
  to: 'End, like 2026-11-30',
  subscriptions: 'Paying subscriptions',
  churn: 'Churn, like 0.05 or 5%',
  kind: 'digest or report',
  weight: 'Weight vs revenue, like 0.5',
  force: 'Needed to demote yourself',
  style: 'Layout',
  remind_after: '1d (default), 4h, off',
  zone: 'Like Europe/Berlin',
  days: 'Like mon-fri',
  hours: 'Like 09:00-17:30, or any',
  when: 'until 2026-12-01, or off',
  title: 'What it is, like Paid quiz packs',
  estimate: 'Hours, like 6, 1.5h, 90m or 2d',
  priority: 'The team’s priority',
  severity: 'How bad it is',
  after: 'Id of the feature it waits for',
  upkeep: 'A chore, docs or an upgrade',
  affects: 'Share of earnings at risk, like 5%',
  focus: 'Focus areas, like payment_integration',
  description: 'One line about it',
  revenue_bearing: 'It earns, or is to earn, money',
};

/** Descriptions that differ for one command, by `<command>:<option>`. */
const DESCRIPTIONS_BY_COMMAND: Record<string, string> = {
  'metric:value': 'The measurement, like 420',
  // A failure is no rejection: its example is what stopped the work.
  'fail:reason': 'Why, like blocked on the API keys',
  'goal add:value': '$/month a unit is worth, like 30',
  'goal set:value': '$/month a unit is worth, like 30',
  'assignee add:name': 'Its name, like dev_worker1',
  'assignee add:kind': 'person (default) or worker',
  'assignee add:capacity': 'Tasks at once (default 3)',
  'assignee add:category': 'Kinds, like bugfix,growth',
  'github connect:repo': 'Like acme/app',
  'github connect:bug_labels': 'Like bug,type: bug',
  'github connect:severity_labels': 'Like P0=critical,P1=high',
  'github connect:upkeep_labels': 'Like chore,docs',
  'github connect:export_tasks': 'Approved tasks get issues',
  'github sync:repo': 'Like acme/app (default: all)',
  'revenue remove:all': 'Every typed record',
  'project add:name': 'Its name, like EDU Quiz Builder',
  'bug add:title': 'What goes wrong, like Checkout crashes',
  'feature add:status': 'planned (default), in progress or done',
  'feature priority:id': 'The feature’s id, like 12',
  'feature priority:level': 'The team’s priority (none: take it back)',
  'feature drop:id': 'The feature’s id, like 12',
  'feature drop:reason': 'Why, for the record',
  'bug severity:id': 'The bug’s id, like 4',
  'bug severity:level': 'How bad it is',
};

const NUMBERS = new Set(['minutes', 'target', 'value', 'baseline', 'actual', 'weight']);
const AT_LEAST_ZERO = new Set(['minutes', 'actual']);

/**
 * The choices of a zod enum field (through optional/default/nullable, and the kind reading oneOf
 * pipes its value through first); null for any other schema.
 */
function enumValues(field: z.ZodType | undefined): string[] | null {
  let s: unknown = field;
  for (;;) {
    if (
      s instanceof z.ZodOptional ||
      s instanceof z.ZodDefault ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodPrefault
    ) {
      s = s.unwrap();
    } else if (s instanceof z.ZodPipe && s.in instanceof z.ZodTransform) s = s.out;
    else break;
  }
  return s instanceof z.ZodEnum ? s.options.map(String) : null;
}

/**
 * The most characters a text field of the grammar takes (its zod `.max()`, through
 * optional/default/nullable and what a pipe reads first); null for none. Discord's option carries
 * it as `max_length`, so Discord stops the typing there instead of Goalpost refusing what was typed.
 */
function maxLength(field: z.ZodType | undefined): number | null {
  let s: unknown = field;
  for (;;) {
    if (
      s instanceof z.ZodOptional ||
      s instanceof z.ZodDefault ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodPrefault
    ) {
      s = s.unwrap();
    } else if (s instanceof z.ZodPipe) s = s.in;
    else break;
  }
  return s instanceof z.ZodString ? s.maxLength : null;
}

/** The command's schema field for a grammar name, when its schema is an object. */
const fieldOf = (def: CommandDef, grammarName: string): z.ZodType | undefined =>
  def.schema instanceof z.ZodObject
    ? (def.schema.shape as Record<string, z.ZodType>)[schemaKey(grammarName)]
    : undefined;

/** Required when the schema's field rejects a missing value (no default, not optional). */
const isRequired = (field: z.ZodType | undefined): boolean =>
  field !== undefined && !field.safeParse(undefined).success;

/**
 * A list of values longer than this is suggested as it is typed (autocomplete, answered by the
 * bot) instead of sent as fixed choices: Discord counts every choice's name and value toward the
 * 4,000 characters a command may hold, and a long list is where typing to filter helps. Shorter
 * lists (role, kind, style, direction) stay a fixed pick that Discord itself checks.
 */
const MOST_FIXED_CHOICES = 4;

/** Options whose values the bot suggests as they are typed, from the tasks, the projects or the grammar. */
const isAutocompleted = (def: CommandDef, name: string, values: string[] | null): boolean =>
  name === 'ref' ||
  name === 'project' ||
  (def.name === 'help' && name === 'command') ||
  (values !== null && values.length > MOST_FIXED_CHOICES);

/** A value as a choice Discord shows: `in_progress` → `in progress`. */
export const choiceName = (value: string): string => value.replace(/_/g, ' ');

function typedOption(def: CommandDef, slot: GrammarSlot): APIApplicationCommandBasicOption {
  const name = discordName(slot.name);
  const field = fieldOf(def, slot.name);
  const description =
    DESCRIPTIONS_BY_COMMAND[`${def.name}:${name}`] ??
    DESCRIPTIONS[name] ??
    `${name.replace(/_/g, ' ')} (see /goalpost help ${def.name.split(' ')[0]})`;
  const base = { name, description: clip(description, 100), required: isRequired(field) };
  const choices = enumValues(field);
  if (slot.kind === 'flag') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (def.name === 'role' && name === 'user') return { ...base, type: ApplicationCommandOptionType.User };
  if (isAutocompleted(def, name, choices)) {
    const most = choices === null ? maxLength(field) : null;
    const cap = most === null ? {} : { max_length: most };
    return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true, ...cap };
  }
  if (choices) {
    const list = choices.map((c) => ({ name: choiceName(c), value: c }));
    return { ...base, type: ApplicationCommandOptionType.String, choices: list };
  }
  if (slot.kind !== 'rest' && NUMBERS.has(name)) {
    const min = AT_LEAST_ZERO.has(name) ? { min_value: 0 } : {};
    return { ...base, type: ApplicationCommandOptionType.Number, ...min };
  }
  if (name === 'max_tasks') {
    return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 50 };
  }
  if (name === 'subscriptions') return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 0 };
  const most = maxLength(field);
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(most === null ? {} : { max_length: most }),
  };
}

/** `subscribe`'s free words `[digest|report] HH:MM [Zone/City] [days]` as named Discord options, in that order. */
function subscribeSpecs(def: CommandDef): OptionSpec[] {
  const word = (option: APIApplicationCommandBasicOption): OptionSpec => ({
    slot: { kind: 'rest', name: option.name },
    option,
  });
  const options = (def.args.options ?? []).map((name): OptionSpec => {
    const slot: GrammarSlot = { kind: 'option', name };
    return { slot, option: typedOption(def, slot) };
  });
  const S = ApplicationCommandOptionType.String;
  return [
    word({ name: 'time', type: S, description: 'Like 09:00', required: true }),
    word({
      name: 'kind',
      type: S,
      description: 'digest or report',
      choices: [
        { name: 'digest', value: 'digest' },
        { name: 'report', value: 'report' },
      ],
    }),
    word({ name: 'timezone', type: S, description: 'Like Europe/Berlin' }),
    word({
      name: 'days',
      type: S,
      description: 'weekdays, daily, mon,wed,fri',
    }),
    ...options,
  ];
}

/** The order `subscribe`'s words take in the grammar's command line. */
export const SUBSCRIBE_WORDS = ['kind', 'time', 'timezone', 'days'] as const;

/**
 * A grammar command's arguments as Discord options, in the grammar's order: positionals (a rest
 * positional without its `...`), then `--options`, then flags (booleans). A flag's `--no-` twin is
 * no option of its own: the flag's boolean set to False says it.
 */
export function optionSpecs(def: CommandDef): OptionSpec[] {
  if (def.name === 'subscribe') return subscribeSpecs(def);
  const slots: GrammarSlot[] = [
    ...(def.args.positionals ?? []).map(
      (p): GrammarSlot =>
        p.startsWith('...') ? { kind: 'rest', name: p.slice(3) } : { kind: 'positional', name: p },
    ),
    // An option that only repeats a positional (`goal add <metric> <target>` also takes `--target`)
    // is one Discord option: the positional.
    ...(def.args.options ?? [])
      .filter((o) => !(def.args.positionals ?? []).some((p) => p.replace(/^\.\.\./, '') === o))
      .map((o): GrammarSlot => ({ kind: 'option', name: o })),
    ...(def.args.flags ?? [])
      .filter((f) => !(f.startsWith('no-') && def.args.flags?.includes(f.slice(3))))
      .map((f): GrammarSlot => ({ kind: 'flag', name: f })),
  ];
  return slots.map((slot) => ({ slot, option: typedOption(def, slot) }));
}

/**
 * The values a subcommand's option takes when the grammar names them (an enum), by its Discord
 * name: `tasks` `status` → `open`, `proposed`, …; null for an option that takes free text.
 */
export function optionValues(def: CommandDef, option: string): string[] | null {
  const spec = optionSpecs(def).find((s) => s.option.name === option);
  return spec ? enumValues(fieldOf(def, spec.slot.name)) : null;
}

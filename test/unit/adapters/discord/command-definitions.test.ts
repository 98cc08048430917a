import type {
  APIApplicationCommandOption,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  buildCommandDefinitions,
  commandAtPath,
  registeredPaths,
  subcommandPath,
} from '../../../../adapters/discord/command-definitions.js';
import type { CommandDef } from '../../../../src/index.js';
import { grammarCommands } from '../../../helpers/grammar.js';

const commands = grammarCommands();
const [slash] = buildCommandDefinitions(commands);
const top = (slash && 'options' in slash ? slash.options : undefined) ?? [];

const T = { string: 3, integer: 4, boolean: 5, user: 6, number: 10 } as const;

type Option = APIApplicationCommandOption;
const childrenOf = (o: Option): Option[] => ('options' in o && o.options ? o.options : []);
const find = (path: string[]): Option | undefined =>
  path.reduce<Option | undefined>(
    (at, name) => (at ? childrenOf(at) : top).find((o) => o.name === name),
    undefined,
  );
const leaf = (path: string[], name: string) => {
  const o = find([...path, name]);
  if (!o) throw new Error(`no option ${[...path, name].join(' ')}`);
  return o;
};

/** Discord's rules for a command payload (discord.com/developers/docs/interactions/application-commands). */
function discordProblems(body: RESTPutAPIApplicationCommandsJSONBody, budget = 4000): string[] {
  const problems: string[] = [];
  const name = (n: string, where: string) => {
    if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(n) || n !== n.toLowerCase())
      problems.push(`${where}: bad name "${n}"`);
  };
  const text = (d: string | undefined, where: string) => {
    if (!d || d.length > 100) problems.push(`${where}: description must be 1-100 chars`);
  };
  let size = 0;
  const walk = (options: Option[], where: string) => {
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
      size += o.name.length + o.description.length;
      if (o.type === 1 || o.type === 2) {
        if (o.type === 2 && childrenOf(o).some((c) => c.type !== 1))
          problems.push(`${at}: group holds non-subcommands`);
        walk(childrenOf(o), at);
        continue;
      }
      if (o.required && optionalSeen) problems.push(`${at}: required after optional`);
      if (!o.required) optionalSeen = true;
      const choices = 'choices' in o ? (o.choices ?? []) : [];
      if (choices.length > 25) problems.push(`${at}: ${choices.length} choices`);
      if (choices.length > 0 && 'autocomplete' in o && o.autocomplete)
        problems.push(`${at}: choices with autocomplete`);
      for (const c of choices) {
        if (c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100)
          problems.push(`${at}: choice`);
        size += c.name.length + String(c.value).length;
      }
    }
  };
  for (const c of body) {
    name(c.name, c.name);
    if ('description' in c) text(c.description, c.name);
    size += c.name.length + ('description' in c ? (c.description?.length ?? 0) : 0);
    walk(('options' in c ? c.options : undefined) ?? [], c.name);
  }
  if (size > budget)
    problems.push(`${size} characters in names, descriptions and choices; at most ${budget} here`);
  return problems;
}

describe('buildCommandDefinitions', () => {
  it('makes one guild-only /goalpost command that Discord accepts', () => {
    const body = buildCommandDefinitions(commands);
    expect(body).toHaveLength(1);
    expect(slash).toMatchObject({
      name: 'goalpost',
      type: 1,
      description: 'Goals, the daily digest, and decisions on proposed tasks',
      dm_permission: false,
      contexts: [0],
    });
    expect(discordProblems(body)).toEqual([]);
    expect(top.length).toBeLessThanOrEqual(25);
  });

  it('catches what Discord would refuse (the checker can fail)', () => {
    const broken = structuredClone(buildCommandDefinitions(commands));
    const done =
      broken[0] && 'options' in broken[0] ? broken[0].options?.find((o) => o.name === 'done') : undefined;
    if (done && 'options' in done && done.options) done.options.reverse();
    expect(discordProblems(broken)).toEqual(['goalpost done ref: required after optional']);
  });

  it('gives every grammar command a subcommand, grouping vision, revenue and goal', () => {
    for (const def of commands) {
      const path = subcommandPath(def.name, commands);
      expect(find(path)?.type, def.name).toBe(1);
      expect(commandAtPath(path, commands)).toBe(def);
    }
    // Past 25 subcommands, one task and cancelling one share a group: `/goalpost task cancel`.
    expect(commandAtPath(['task', 'cancel'], commands)?.name).toBe('cancel');
    expect(commandAtPath(['task', 'show'], commands)?.name).toBe('task');
    // Its description leaves the role to the refusal: Discord counts every character.
    expect(leaf(['task'], 'cancel').description).toBe('Cancel a task nobody will do');
    for (const g of ['vision', 'revenue', 'goal']) {
      expect(find([g])?.type).toBe(2);
      const subcommands = {
        vision: ['show', 'set'],
        revenue: ['show', 'add', 'remove'],
        goal: ['show', 'add', 'set', 'archive'],
      };
      expect(childrenOf(leaf([], g)).map((o) => o.name)).toEqual(subcommands[g as keyof typeof subcommands]);
    }
    expect(childrenOf(leaf([], 'me')).map((o) => o.name)).toEqual([
      'status',
      'timezone',
      'days',
      'hours',
      'away',
    ]);
    expect(leaf(['me', 'hours'], 'hours')).toMatchObject({
      type: T.string,
      required: true,
      description: 'Like 09:00-17:30, or any',
    });
    expect(registeredPaths(commands)).toContain('vision show');
    expect(registeredPaths(commands)).toHaveLength(commands.length);
  });

  it('types options: ref autocompletes, enums have choices, numbers and users are typed', () => {
    expect(leaf(['reject'], 'ref')).toMatchObject({ type: T.string, required: true, autocomplete: true });
    expect(leaf(['reject'], 'reason')).toMatchObject({ type: T.string, required: true });
    expect(leaf(['approve'], 'note')).toMatchObject({ type: T.string, required: false });
    expect(leaf(['done'], 'minutes')).toMatchObject({ type: T.number, required: false, min_value: 0 });
    expect(leaf(['digest'], 'max_tasks')).toMatchObject({ type: T.integer, min_value: 1, max_value: 50 });
    expect(leaf(['revenue', 'add'], 'subscriptions')).toMatchObject({ type: T.integer });
    expect(leaf(['revenue', 'add'], 'actual')).toMatchObject({ type: T.number, required: true });
    expect(leaf(['metric'], 'value')).toMatchObject({ type: T.number, required: true });
    expect(leaf(['vision', 'set'], 'value')).toMatchObject({ type: T.string, required: true });
    expect(leaf(['goal', 'set'], 'value')).toMatchObject({ type: T.number, required: false });
    expect(leaf(['goal', 'set'], 'weight')).toMatchObject({ type: T.number, required: false });
    expect(leaf(['role'], 'user')).toMatchObject({ type: T.user, required: false });
    const values = (o: Option) => ('choices' in o ? (o.choices ?? []).map((c) => c.value) : []);
    expect(values(leaf(['role'], 'role'))).toEqual(['member', 'approver', 'admin']);
    expect(values(leaf(['schedule', 'remove'], 'kind'))).toEqual(['digest', 'report']);
    expect(values(leaf(['goal', 'add'], 'direction'))).toEqual(['up', 'down']);
    // Long lists are suggested as typed, from the bot: their choices would crowd Discord's 4,000
    // characters. help's command too: more commands than Discord's 25 choices.
    for (const path of [
      ['tasks', 'status'],
      ['vision', 'set', 'field'],
      ['help', 'command'],
    ]) {
      const o = leaf(path.slice(0, -1), path.at(-1) ?? '');
      expect(o, path.join(' ')).toMatchObject({ type: T.string, autocomplete: true });
      expect(values(o), path.join(' ')).toEqual([]);
    }
  });

  it('gives no option more than 4 fixed choices, and has room for the grammar to grow', () => {
    const walk = (options: Option[]): Option[] => options.flatMap((o) => [o, ...walk(childrenOf(o))]);
    const most = Math.max(...walk(top).map((o) => ('choices' in o ? (o.choices ?? []).length : 0)));
    expect(most).toBeLessThanOrEqual(4);
    expect(discordProblems(buildCommandDefinitions(commands), 3900)).toEqual([]);
  });

  it('puts required options first and otherwise keeps the grammar order', () => {
    expect(childrenOf(leaf(['goal'], 'add')).map((o) => o.name)).toEqual([
      'metric',
      'target',
      'by',
      'unit',
      'direction',
      'baseline',
      'owner',
      'value',
      'weight',
    ]);
    expect(
      childrenOf(leaf(['schedule'], 'add')).map((o) => [o.name, 'required' in o && o.required === true]),
    ).toEqual([
      ['time', true],
      ['kind', false],
      ['timezone', false],
      ['days', false],
      ['max_tasks', false],
      ['style', false],
      ['remind_after', false],
    ]);
    expect(leaf(['schedule', 'add'], 'time').description).toBe('Like 09:00');
    expect(leaf(['schedule', 'add'], 'style')).toMatchObject({
      choices: [
        { name: 'thread', value: 'thread' },
        { name: 'cards', value: 'cards' },
        { name: 'compact', value: 'compact' },
      ],
    });
  });

  it('refuses a grammar with more than 25 subcommands', () => {
    const many: CommandDef[] = Array.from({ length: 26 }, (_, i) => ({
      ...(commands[0] as CommandDef),
      name: `cmd${i}`,
      args: {},
      schema: z.object({}),
    }));
    expect(() => buildCommandDefinitions(many)).toThrow(/26 subcommands and groups; Discord allows 25/);
  });
});

import type { APIApplicationCommandOption } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  buildCommandDefinitions,
  commandAtPath,
  registeredPaths,
  slashCommandOf,
  subcommandPath,
} from '../../../../adapters/discord/command-definitions.js';
import type { CommandDef } from '../../../../src/index.js';
import { commandProblems } from '../../../fakes/discord-validate.js';
import { grammarCommands } from '../../../helpers/grammar.js';

const commands = grammarCommands();
const [slash, backlog] = buildCommandDefinitions(commands);
const top = (slash && 'options' in slash ? slash.options : undefined) ?? [];
const backlogTop = (backlog && 'options' in backlog ? backlog.options : undefined) ?? [];

const T = { string: 3, integer: 4, boolean: 5, user: 6, number: 10 } as const;

type Option = APIApplicationCommandOption;
const childrenOf = (o: Option): Option[] => ('options' in o && o.options ? o.options : []);
const find = (path: string[], under = top): Option | undefined =>
  path.reduce<Option | undefined>(
    (at, name) => (at ? childrenOf(at) : under).find((o) => o.name === name),
    undefined,
  );
const values = (o: Option) => ('choices' in o ? (o.choices ?? []).map((c) => c.value) : []);
const leaf = (path: string[], name: string) => {
  const o = find([...path, name]);
  if (!o) throw new Error(`no option ${[...path, name].join(' ')}`);
  return o;
};

describe('buildCommandDefinitions', () => {
  it('makes the guild-only /goalpost and /backlog commands, which Discord accepts', () => {
    const body = buildCommandDefinitions(commands);
    expect(body).toHaveLength(2);
    expect(slash).toMatchObject({
      name: 'goalpost',
      type: 1,
      description: 'Goals, the daily digest, and decisions on proposed tasks',
      dm_permission: false,
      contexts: [0],
    });
    expect(backlog).toMatchObject({
      name: 'backlog',
      type: 1,
      description: 'Projects, features and bugs to plan from',
      dm_permission: false,
      contexts: [0],
    });
    expect(commandProblems(body)).toEqual([]);
    expect(top.length).toBeLessThanOrEqual(25);
  });

  it('puts the backlog under /backlog, a group per kind of item, each command with its typed options', () => {
    expect(backlogTop.map((o) => [o.name, o.type, childrenOf(o).map((c) => c.name)])).toEqual([
      ['project', 2, ['add']],
      ['feature', 2, ['add', 'priority', 'drop']],
      ['bug', 2, ['add', 'severity']],
    ]);
    expect(find(['feature', 'add'], backlogTop)?.description).toBe('Add a feature to a project’s backlog');
    const options = (path: string[]) =>
      childrenOf(find(path, backlogTop) as Option).map((o) => [
        o.name,
        o.type,
        'required' in o && o.required,
      ]);
    expect(options(['bug', 'add'])).toEqual([
      ['project', T.string, true],
      ['title', T.string, true],
      ['severity', T.string, true],
      ['estimate', T.string, false],
      ['goal', T.string, false],
      ['affects', T.string, false],
    ]);
    // Four severities are a fixed pick, as Discord shows them; a project's name is suggested.
    expect(values(find(['bug', 'add', 'severity'], backlogTop) as Option)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
    ]);
    expect(find(['bug', 'add', 'project'], backlogTop)).toMatchObject({ autocomplete: true });
    expect(options(['project', 'add'])).toEqual([
      ['name', T.string, true],
      ['focus', T.string, false],
      ['description', T.string, false],
      ['revenue_bearing', T.boolean, false],
    ]);
    // Five levels, one past Discord's fixed picks here: suggested as typed.
    expect(find(['feature', 'priority', 'level'], backlogTop)).toMatchObject({
      autocomplete: true,
      required: true,
    });
    // Not under /goalpost: its 25 subcommands and groups are taken.
    expect(find(['feature'])).toBeUndefined();
    expect(commandAtPath(['feature', 'add'], commands, 'backlog')?.name).toBe('feature add');
    expect(commandAtPath(['feature', 'add'], commands)).toBeUndefined();
  });

  it('catches what Discord would refuse (the checker can fail)', () => {
    const broken = structuredClone(buildCommandDefinitions(commands));
    const done =
      broken[0] && 'options' in broken[0] ? broken[0].options?.find((o) => o.name === 'done') : undefined;
    if (done && 'options' in done && done.options) done.options.reverse();
    expect(commandProblems(broken)).toEqual(['goalpost done ref: required after optional']);
  });

  it('catches a max_length past Discord’s 6000, or on an option that takes no text', () => {
    const broken = structuredClone(buildCommandDefinitions(commands));
    const reject =
      broken[0] && 'options' in broken[0] ? broken[0].options?.find((o) => o.name === 'reject') : undefined;
    const [ref, reason] = reject && 'options' in reject ? (reject.options ?? []) : [];
    Object.assign(reason ?? {}, { max_length: 6001 });
    Object.assign(ref ?? {}, { type: 10, max_length: 10 });
    expect(commandProblems(broken)).toEqual([
      'goalpost reject ref: max_length on a non-string option',
      'goalpost reject reason: max_length must be 1-6000',
    ]);
  });

  it('gives every grammar command a subcommand, grouping vision, revenue and goal', () => {
    for (const def of commands) {
      const path = subcommandPath(def.name, commands);
      const command = slashCommandOf(def.name);
      expect(find(path, command === 'backlog' ? backlogTop : top)?.type, def.name).toBe(1);
      expect(commandAtPath(path, commands, command)).toBe(def);
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
    expect(registeredPaths(commands)).toEqual(
      expect.arrayContaining(['/goalpost vision show', '/goalpost schedule add', '/backlog bug add']),
    );
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
    expect(commandProblems(buildCommandDefinitions(commands), 3900)).toEqual([]);
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

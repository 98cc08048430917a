import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type InteractionOption, toCommandText } from '../../../../adapters/discord/command-definitions.js';
import { optionSpecs } from '../../../../adapters/discord/command-options.js';
import { parseArgs, tokenize } from '../../../../src/commands/tokenize.js';
import { grammarCommands } from '../../../helpers/grammar.js';

const commands = grammarCommands();

const USER = '80351110224678912';
const T = { string: 3, integer: 4, boolean: 5, user: 6, number: 10 } as const;
const opt = (name: string, type: number, value: string | number | boolean): InteractionOption => ({
  name,
  type,
  value,
});
const sub = (name: string, ...options: InteractionOption[]): InteractionOption => ({
  name,
  type: 1,
  options,
});
const group = (name: string, s: InteractionOption): InteractionOption => ({ name, type: 2, options: [s] });

/** A good example of every grammar command, as Discord sends it, and what parseArgs must read back. */
const EXAMPLES: Record<
  string,
  { tree: InteractionOption[]; args: Record<string, string | boolean>; slash?: string }
> = {
  // The backlog's, under `/backlog` (Discord's 25 subcommands of `/goalpost` are taken).
  'feature priority': {
    slash: 'backlog',
    tree: [group('feature', sub('priority', opt('id', T.string, '12'), opt('level', T.string, 'high')))],
    args: { id: '12', level: 'high' },
  },
  'feature drop': {
    slash: 'backlog',
    tree: [
      group('feature', sub('drop', opt('id', T.string, '12'), opt('reason', T.string, 'sales sell it'))),
    ],
    args: { id: '12', reason: 'sales sell it' },
  },
  'bug severity': {
    slash: 'backlog',
    tree: [group('bug', sub('severity', opt('id', T.string, '4'), opt('level', T.string, 'low')))],
    args: { id: '4', level: 'low' },
  },
  'project add': {
    slash: 'backlog',
    tree: [
      group(
        'project',
        sub(
          'add',
          opt('name', T.string, 'EDU Quiz Builder'),
          opt('revenue_bearing', T.boolean, true),
          opt('focus', T.string, 'payment_integration'),
        ),
      ),
    ],
    args: { name: 'EDU Quiz Builder', revenueBearing: true, focus: 'payment_integration' },
  },
  'feature add': {
    slash: 'backlog',
    tree: [
      group(
        'feature',
        sub(
          'add',
          opt('project', T.string, 'Basic EDU Apps'),
          opt('title', T.string, 'Paid "quiz" packs'),
          opt('estimate', T.string, '6h'),
          opt('priority', T.string, 'high'),
          opt('upkeep', T.boolean, false),
        ),
      ),
    ],
    args: { project: 'Basic EDU Apps', title: 'Paid "quiz" packs', estimate: '6h', priority: 'high' },
  },
  'bug add': {
    slash: 'backlog',
    tree: [
      group(
        'bug',
        sub(
          'add',
          opt('severity', T.string, 'critical'),
          opt('project', T.string, 'Basic EDU Apps'),
          opt('title', T.string, 'Checkout crashes on Safari'),
          opt('affects', T.string, '5%'),
        ),
      ),
    ],
    args: {
      project: 'Basic EDU Apps',
      title: 'Checkout crashes on Safari',
      severity: 'critical',
      affects: '5%',
    },
  },
  help: { tree: [sub('help', opt('command', T.string, 'vision'))], args: { command: 'vision' } },
  digest: { tree: [sub('digest', opt('max_tasks', T.integer, 3))], args: { maxTasks: '3' } },
  whoami: { tree: [group('me', sub('status'))], args: {} },
  'me timezone': {
    tree: [group('me', sub('timezone', opt('zone', T.string, 'Europe/Berlin')))],
    args: { zone: 'Europe/Berlin' },
  },
  'me days': {
    tree: [group('me', sub('days', opt('days', T.string, 'mon-fri')))],
    args: { days: 'mon-fri' },
  },
  'me hours': {
    tree: [group('me', sub('hours', opt('hours', T.string, '09:00 - 17:30')))],
    args: { hours: '09:00 - 17:30' },
  },
  away: {
    tree: [group('me', sub('away', opt('when', T.string, 'until 2026-12-01')))],
    args: { when: 'until 2026-12-01' },
  },
  queue: { tree: [sub('queue')], args: {} },
  role: {
    tree: [sub('role', opt('role', T.string, 'approver'), opt('user', T.user, USER))],
    args: { user: `<@${USER}>`, role: 'approver' },
  },
  tasks: { tree: [sub('tasks', opt('status', T.string, 'in_progress'))], args: { status: 'in_progress' } },
  task: { tree: [group('task', sub('show', opt('ref', T.string, 'T-12')))], args: { ref: 'T-12' } },
  cancel: {
    tree: [
      group(
        'task',
        sub('cancel', opt('ref', T.string, 'T-12'), opt('note', T.string, 'the vendor ships it')),
      ),
    ],
    args: { ref: 'T-12', note: 'the vendor ships it' },
  },
  approve: {
    tree: [sub('approve', opt('ref', T.string, 'T-12'), opt('note', T.string, 'ship it, "finally"'))],
    args: { ref: 'T-12', note: 'ship it, "finally"' },
  },
  reject: {
    tree: [
      sub(
        'reject',
        opt('reason', T.string, 'not this quarter — it’s “later”\\maybe'),
        opt('ref', T.string, 'T-3'),
      ),
    ],
    args: { ref: 'T-3', reason: 'not this quarter — it’s “later”\\maybe' },
  },
  start: { tree: [sub('start', opt('ref', T.string, 'T-4'))], args: { ref: 'T-4' } },
  done: {
    tree: [
      sub(
        'done',
        opt('ref', T.string, 't-5'),
        opt('note', T.string, "  two  spaces\nand 'quotes' "),
        opt('minutes', T.number, 45.5),
      ),
    ],
    args: { ref: 't-5', note: "  two  spaces\nand 'quotes' ", minutes: '45.5' },
  },
  fail: {
    tree: [
      sub(
        'fail',
        opt('ref', T.string, 'T-6'),
        opt('reason', T.string, "can't reach the API"),
        opt('minutes', T.number, 30),
      ),
    ],
    args: { ref: 'T-6', reason: "can't reach the API", minutes: '30' },
  },
  assign: {
    tree: [sub('assign', opt('ref', T.string, 'T-7'), opt('who', T.string, `<@${USER}>`))],
    args: { ref: 'T-7', who: `<@${USER}>` },
  },
  retry: {
    tree: [sub('retry', opt('ref', T.string, 'T-4'), opt('note', T.string, 'the key is in the vault now'))],
    args: { ref: 'T-4', note: 'the key is in the vault now' },
  },
  assignee: { tree: [group('assignee', sub('show'))], args: {} },
  'assignee add': {
    tree: [
      group(
        'assignee',
        sub(
          'add',
          opt('name', T.string, 'dev_worker1'),
          opt('kind', T.string, 'worker'),
          opt('capacity', T.string, '2'),
        ),
      ),
    ],
    args: { name: 'dev_worker1', kind: 'worker', capacity: '2' },
  },
  vision: { tree: [group('vision', sub('show'))], args: {} },
  'vision set': {
    tree: [
      group(
        'vision',
        sub('set', opt('field', T.string, 'statement'), opt('value', T.string, 'The "best" \\ invoicing')),
      ),
    ],
    args: { field: 'statement', value: 'The "best" \\ invoicing' },
  },
  revenue: { tree: [group('revenue', sub('show'))], args: {} },
  'revenue add': {
    tree: [
      group(
        'revenue',
        sub(
          'add',
          opt('actual', T.number, 420.5),
          opt('project', T.string, 'EDU platform'),
          opt('month', T.string, '2026-11'),
          opt('subscriptions', T.integer, 14),
          opt('churn', T.string, '5%'),
        ),
      ),
    ],
    args: { actual: '420.5', project: 'EDU platform', month: '2026-11', subscriptions: '14', churn: '5%' },
  },
  'revenue remove': {
    tree: [
      group('revenue', sub('remove', opt('project', T.string, 'EDU platform'), opt('all', T.boolean, true))),
    ],
    args: { project: 'EDU platform', all: true },
  },
  demo: { tree: [sub('demo')], args: {} },
  goal: { tree: [group('goal', sub('show'))], args: {} },
  'goal add': {
    tree: [
      group(
        'goal',
        sub(
          'add',
          opt('metric', T.string, 'signups'),
          opt('target', T.number, 500),
          opt('by', T.string, '2026-12-31'),
          opt('unit', T.string, 'paying users'),
          opt('direction', T.string, 'up'),
          opt('baseline', T.number, 120),
        ),
      ),
    ],
    args: {
      metric: 'signups',
      target: '500',
      by: '2026-12-31',
      unit: 'paying users',
      direction: 'up',
      baseline: '120',
    },
  },
  'goal set': {
    tree: [group('goal', sub('set', opt('metric', T.string, 'active_sellers'), opt('value', T.number, 30)))],
    args: { metric: 'active_sellers', value: '30' },
  },
  'goal archive': {
    tree: [group('goal', sub('archive', opt('metric', T.string, 'active_sellers')))],
    args: { metric: 'active_sellers' },
  },
  metric: {
    tree: [
      sub(
        'metric',
        opt('metric', T.string, 'signups'),
        opt('value', T.number, 420),
        opt('at', T.string, '2026-11-20'),
      ),
    ],
    args: { metric: 'signups', value: '420', at: '2026-11-20' },
  },
  note: {
    tree: [
      sub(
        'note',
        opt('text', T.string, 'Customers love the “annual” plan'),
        opt('goal', T.string, 'signups'),
      ),
    ],
    args: { text: 'Customers love the “annual” plan', goal: 'signups' },
  },
  learn: { tree: [sub('learn')], args: {} },
  report: { tree: [sub('report', opt('since', T.string, '2026-11-01'))], args: { since: '2026-11-01' } },
  // On Discord the schedule commands sit in a group of their own, as the command line names them.
  subscribe: {
    tree: [
      group(
        'schedule',
        sub(
          'add',
          opt('time', T.string, '16:00'),
          opt('kind', T.string, 'report'),
          opt('timezone', T.string, 'America/New_York'),
          opt('days', T.string, 'fri'),
          opt('max_tasks', T.integer, 3),
        ),
      ),
    ],
    args: { time: 'report 16:00 America/New_York fri', maxTasks: '3' },
  },
  unsubscribe: {
    tree: [group('schedule', sub('remove', opt('kind', T.string, 'report')))],
    args: { kind: 'report' },
  },
  subscriptions: { tree: [group('schedule', sub('list'))], args: {} },
  github: { tree: [group('github', sub('show'))], args: {} },
  'github connect': {
    tree: [
      group(
        'github',
        sub(
          'connect',
          opt('repo', T.string, 'acme/edu-apps'),
          opt('project', T.string, 'Basic EDU Apps'),
          opt('severity_labels', T.string, 'P0=critical,P1=high'),
          opt('export_tasks', T.boolean, true),
        ),
      ),
    ],
    args: {
      repo: 'acme/edu-apps',
      project: 'Basic EDU Apps',
      severityLabels: 'P0=critical,P1=high',
      exportTasks: true,
    },
  },
  'github sync': {
    tree: [group('github', sub('sync', opt('repo', T.string, 'acme/edu-apps')))],
    args: { repo: 'acme/edu-apps' },
  },
};

describe('toCommandText', () => {
  it('writes the grammar line for the examples in the brief', () => {
    const reject = [sub('reject', opt('ref', T.string, 'T-3'), opt('reason', T.string, 'not this quarter'))];
    expect(toCommandText(reject, commands)).toBe('reject T-3 "not this quarter"');
    expect(toCommandText([group('vision', sub('show'))], commands)).toBe('vision');
    expect(toCommandText(EXAMPLES['vision set']?.tree ?? [], commands)).toBe(
      'vision set statement "The \\"best\\" \\\\ invoicing"',
    );
    expect(toCommandText(EXAMPLES.role?.tree ?? [], commands)).toBe(`role <@${USER}> approver`);
    expect(toCommandText(EXAMPLES.digest?.tree ?? [], commands)).toBe('digest --max-tasks 3');
    expect(toCommandText(EXAMPLES.subscribe?.tree ?? [], commands)).toBe(
      'subscribe report 16:00 America/New_York fri --max-tasks 3',
    );
    expect(toCommandText([group('schedule', sub('add', opt('time', T.string, '09:00')))], commands)).toBe(
      'subscribe 09:00',
    );
  });

  it('keeps a skipped positional in place, and passes unknown names on for the grammar to refuse', () => {
    expect(toCommandText([sub('role', opt('role', T.string, 'admin'))], commands)).toBe('role "" admin');
    expect(toCommandText([sub('frobnicate')], commands)).toBe('frobnicate');
    expect(
      toCommandText([sub('task', opt('ref', T.string, 'T-1'), opt('old_flag', T.string, 'x'))], commands),
    ).toBe('task T-1 --old-flag x');
    // From a registration before `task` moved into its group (`task show`): its old path still names it.
    expect(toCommandText([sub('task', opt('ref', T.string, 'T-1'))], commands)).toBe('task T-1');
    expect(toCommandText([], commands)).toBe('help');
    expect(toCommandText([{ name: 'goalpost', type: 1, options: [sub('whoami')] }], commands)).toBe('whoami');
  });

  it('says a flag set to False with its --no- twin, where the command has one', () => {
    const connect = (exportTasks: boolean) => [
      group(
        'github',
        sub(
          'connect',
          opt('repo', T.string, 'acme/edu-apps'),
          opt('project', T.string, 'Basic EDU Apps'),
          opt('export_tasks', T.boolean, exportTasks),
        ),
      ),
    ];
    expect(toCommandText(connect(false), commands)).toBe(
      'github connect acme/edu-apps --project "Basic EDU Apps" --no-export-tasks',
    );
    expect(toCommandText(connect(true), commands)).toBe(
      'github connect acme/edu-apps --project "Basic EDU Apps" --export-tasks',
    );
    // One boolean on Discord, not a second option for the twin.
    const def = commands.find((c) => c.name === 'github connect');
    expect(def && optionSpecs(def).map((s) => s.option.name)).toEqual(
      expect.arrayContaining(['export_tasks']),
    );
    expect(def && optionSpecs(def).map((s) => s.option.name)).not.toContain('no_export_tasks');
  });

  it('has a round-trip example for every grammar command', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it.each(
    Object.entries(EXAMPLES),
  )('reads back %s exactly through tokenize, parseArgs and its schema', (name, ex) => {
    const def = commands.find((c) => c.name === name);
    if (!def) throw new Error(`no command ${name}`);
    const words = tokenize(toCommandText(ex.tree, commands, ex.slash));
    const nameWords = def.name.split(' ');
    expect(words.slice(0, nameWords.length)).toEqual(nameWords);
    const args = parseArgs(words.slice(nameWords.length), def.args);
    expect(args).toEqual(ex.args);
    const parsed = def.schema.safeParse(args);
    expect(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error)).toBe(true);
  });
});

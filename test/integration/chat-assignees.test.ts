import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chatHarness, isError, textOf } from '../helpers/chat.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

const assigneeRows = (dbPath: string): number => {
  const db = new Database(dbPath, { readonly: true });
  const n = db.prepare('SELECT count(*) FROM assignees').pluck().get() as number;
  db.close();
  return n;
};

describe('assignees from chat', () => {
  it('lets an admin add people and worker agents that tasks are then assigned and routed to', async () => {
    const dir = tempDir();
    const chat = chatHarness(dir);
    expect(textOf(await chat.say('cy', 'assignee'))).toBe(
      'Assignees\nNo assignees yet: an admin adds one with `/goalpost assignee add dev_worker1 worker`.',
    );
    const added = await chat.say('ana', 'assignee add dev_worker1 worker 2');
    expect(added.visibility).toBe('channel');
    expect(textOf(added)).toBe(
      '@ana added dev_worker1, a worker agent that takes up to 2 open tasks: `/goalpost assign <ref> dev_worker1` routes a task to it.',
    );
    expect(textOf(await chat.say('ana', 'assignee add design_lead'))).toBe(
      '@ana added design_lead, a person who takes up to 3 open tasks: `/goalpost assign <ref> design_lead` routes a task to them.',
    );
    // The command line's form works too, as the hints write it.
    expect(textOf(await chat.say('ana', 'assignee add bot2 --kind worker --capacity 1'))).toMatch(
      /^@ana added bot2, a worker agent that takes up to 1 open task:/,
    );
    // Capacity 0: routing passes them over, and the reply says so (not "takes up to 0 open tasks").
    expect(textOf(await chat.say('ana', 'assignee add on_leave person 0'))).toBe(
      '@ana added on_leave, a person whom routing gives no tasks (capacity 0): `/goalpost assign <ref> on_leave` still gives them one by hand.',
    );
    expect(textOf(await chat.say('cy', 'assignee'))).toBe(
      [
        'Assignees',
        'bot2 | worker | 1',
        'design_lead | person | 3',
        'dev_worker1 | worker | 2',
        'on_leave | person | 0',
        '',
      ].join('\n'),
    );
    await chat.say('ana', 'digest');
    expect(textOf(await chat.say('bo', 'assign T-1 dev_worker1'))).toMatch(
      /T-1 assigned to dev_worker1 by @bo/,
    );
    // One use case with the command line: it sees what chat added.
    const cli = await cliFor(chat.dbPath)('assignee', 'list', '--json');
    expect(cli.json<Array<{ name: string; kind: string; capacity: number }>>()).toEqual([
      expect.objectContaining({ name: 'bot2', kind: 'worker', capacity: 1 }),
      expect.objectContaining({ name: 'design_lead', kind: 'person', capacity: 3 }),
      expect.objectContaining({ name: 'dev_worker1', kind: 'worker', capacity: 2 }),
      expect.objectContaining({ name: 'on_leave', kind: 'person', capacity: 0 }),
    ]);
    // Once someone works on named projects, the list says who works where.
    expect((await cliFor(chat.dbPath)('assignee', 'set', 'bot2', '--project', 'Basic EDU Apps')).code).toBe(
      0,
    );
    expect(textOf(await chat.say('cy', 'assignee'))).toContain(
      'bot2 | worker | 1 | Basic EDU Apps\ndesign_lead | person | 3 | any project',
    );
    chat.close();
  });

  it('adds an assignee who takes only some kinds of work, or one project, from chat as from the command line', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    expect(
      textOf(await chat.say('ana', 'assignee add docs_bot worker 5 --category infrastructure,research')),
    ).toBe(
      '@ana added docs_bot, a worker agent that takes up to 5 open tasks, infrastructure, research work only: `/goalpost assign <ref> docs_bot` routes a task to it.',
    );
    expect(textOf(await chat.say('ana', 'assignee add lena --project "Basic EDU Apps"'))).toBe(
      '@ana added lena, a person who takes up to 3 open tasks, on Basic EDU Apps only: `/goalpost assign <ref> lena` routes a task to them.',
    );
    // A kind there is not, or a project there is not: refused with what there is, nothing added.
    const kind = await chat.say('ana', 'assignee add qa_bot worker --category bugfx');
    expect(isError(kind)).toBe(true);
    expect(textOf(kind)).toMatch(/bugfx/);
    const project = await chat.say('ana', 'assignee add omar --project "Nope"');
    expect(isError(project)).toBe(true);
    expect(textOf(project)).toMatch(/Nope/);
    expect(textOf(await chat.say('cy', 'assignee'))).toBe(
      [
        'Assignees',
        'docs_bot | worker | 5 | any project | infrastructure, research',
        'lena | person | 3 | Basic EDU Apps | any kind',
        '',
      ].join('\n'),
    );
    expect(assigneeRows(chat.dbPath)).toBe(2);
    chat.close();
  });

  it('names the assignees there are for an unknown one, with a hint that works in chat', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const unknown = textOf(await chat.say('bo', 'assign T-1 dev_worker9'));
    expect(unknown).toBe(
      'unknown assignee "dev_worker9"; there are none yet; add them with `/goalpost assignee add dev_worker9` (`--kind worker` for an agent)',
    );
    // A name no assignee may have gets no hint to add it as typed (that would be refused).
    expect(textOf(await chat.say('bo', 'assign T-1 José'))).toBe(
      'unknown assignee "José"; there are none yet; add one with `/goalpost assignee add <name>` (a name of ASCII letters, digits and _.-, like jose; `--kind worker` for an agent)',
    );
    expect(textOf(await chat.say('ana', 'assignee add José'))).toContain(
      'name: ASCII letters, digits and _.- (first a letter or digit), like dev_worker1 (got "José")',
    );
    expect(isError(await chat.say('ana', 'assignee add dev_worker9 --kind worker'))).toBe(false);
    expect(textOf(await chat.say('bo', 'assign T-1 dev_worker9'))).toMatch(/T-1 assigned to dev_worker9/);
    chat.close();
  });

  it('refuses anyone but an admin, and bad input, with what is allowed, writing nothing', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'assignee add dev_worker1 worker');
    const before = assigneeRows(chat.dbPath);
    const cases: Array<[string, string, string]> = [
      ['bo', 'assignee add bot3', '/goalpost assignee add needs the admin role and you are an approver'],
      ['cy', 'assignee add bot3 worker', '/goalpost assignee add needs the admin role and you are a member'],
      [
        'ana',
        'assignee add "bad name!"',
        'name: ASCII letters, digits and _.- (first a letter or digit), like dev_worker1 (got "bad name!")',
      ],
      ['ana', 'assignee add bot3 robot', 'kind: one of person, worker (got "robot")'],
      ['ana', 'assignee add bot3 worker 500', 'capacity: at most 100 open tasks'],
      ['ana', 'assignee add bot3 worker many', 'capacity: a whole number ≥ 0 like 14 (got "many")'],
      ['ana', 'assignee add', 'name: a name like dev_worker1'],
      ['ana', 'assignee add dev_worker1 worker', 'an assignee named "dev_worker1" already exists'],
    ];
    for (const [user, line, message] of cases) {
      const reply = await chat.say(user, line);
      expect(isError(reply), line).toBe(true);
      expect(reply.visibility, line).toBe('ephemeral');
      expect(textOf(reply), line).toContain(message);
    }
    expect(assigneeRows(chat.dbPath)).toBe(before);
    chat.close();
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assignee, GenerateResult, Task, TaskEvent } from '../../src/index.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { usePlantedTeam } from '../helpers/planted-team.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDirOf = useTempDir();
const open = usePlantedTeam(tempDirOf);

/** A team (bot1, bot2) with T-1 and T-2 approved, T-1 routed to bot1, and the CLI on its file. */
async function team() {
  const g = open();
  plantTasks(g, 'default', [
    { title: 'Ship the pricing page', assignee: 'bot1', priority: 8 },
    { title: 'Fix the invoice e-mail', assignee: 'bot1', priority: 6 },
    { title: 'Write the changelog', assignee: 'bot1', priority: 4 },
  ]);
  const cli = cliFor(g.dbPath);
  for (const ref of ['T-1', 'T-2']) expect((await cli('approve', ref)).code).toBe(0);
  const assignees = async () => (await cli('assignee', 'list', '--json')).json<Assignee[]>();
  const task = async (ref: string) =>
    (await cli('task', 'show', ref, '--json')).json<{ task: Task; events: TaskEvent[] }>();
  return { g, cli, assignees, task };
}

describe('goalpost assignee set', () => {
  it('changes capacity, kind and linked users, saying what changed, and keeps the name', async () => {
    const { cli, assignees } = await team();
    const set = await cli(
      'assignee',
      'set',
      'bot1',
      '--capacity',
      '2',
      '--kind',
      'person',
      '--slack',
      'U024BE7LH',
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout.trim()).toBe(
      'Assignee bot1: kind worker → person, capacity 3 → 2, slack none → U024BE7LH.',
    );
    expect((await assignees()).find((a) => a.name === 'bot1')).toMatchObject({
      kind: 'person',
      capacity: 2,
      slackUser: 'U024BE7LH',
    });
    const unlink = await cli('assignee', 'set', 'bot1', '--no-slack');
    expect(unlink.stdout.trim()).toBe('Assignee bot1: slack U024BE7LH → none.');
    const same = await cli('assignee', 'set', 'bot1', '--capacity', '2');
    expect(same.stdout.trim()).toBe('bot1 already had those settings; nothing changed.');
  });

  it('refuses bad values, nothing to change and unknown names, and writes nothing', async () => {
    const { cli, assignees } = await team();
    const before = await assignees();
    const bad = await cli('assignee', 'set', 'bot1', '--capacity', 'lots', '--kind', 'robot');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/kind: one of person, worker \(got "robot"\)/);
    expect(bad.stderr).toMatch(/capacity: a whole number ≥ 0 like 14 \(got "lots"\)/);
    const nothing = await cli('assignee', 'set', 'bot1');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(
      /nothing to change: give a kind, a capacity, a Slack user, Discord user or GitHub login, the projects they work on, or the kinds of work they take/,
    );
    const unknown = await cli('assignee', 'set', 'bot9', '--capacity', '1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown assignee "bot9"; the assignees are bot1, bot2/);
    expect(await assignees()).toEqual(before);
  });

  it('sets the projects an assignee works on with --project, lists them, and clears them with --any-project', async () => {
    const { cli, assignees } = await team();
    expect((await cli('project', 'add', 'Ledgerly Web')).code).toBe(0);
    expect((await cli('project', 'add', 'Ledgerly Mobile')).code).toBe(0);
    const set = await cli(
      'assignee',
      'set',
      'bot1',
      '--project',
      'Ledgerly Web',
      '--project',
      'ledgerly mobile',
    );
    expect(set.stdout.trim()).toBe('Assignee bot1: projects any project → Ledgerly Mobile, Ledgerly Web.');
    expect((await cli('assignee', 'list')).stdout).toMatch(
      /bot1 .+ Ledgerly Mobile, Ledgerly Web\n.*bot2 .+ any project/,
    );
    const unknown = await cli('assignee', 'set', 'bot2', '--project', 'Ledgerly Desktop');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown project "Ledgerly Desktop"/);
    const both = await cli('assignee', 'set', 'bot1', '--project', 'Ledgerly Web', '--any-project');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--any-project' cannot be used with option '--project <name>'/);
    expect((await assignees()).map((a) => a.projects.length)).toEqual([2, 0]);
    const added = await cli('assignee', 'add', 'ios_dev', '--project', 'Ledgerly Mobile');
    expect(added.code).toBe(0);
    expect(added.stdout.trim()).toBe(
      'Assignee ios_dev added (person, up to 3 open tasks; works on Ledgerly Mobile).',
    );
    const cleared = await cli('assignee', 'set', 'bot1', '--any-project');
    expect(cleared.stdout.trim()).toBe(
      'Assignee bot1: projects Ledgerly Mobile, Ledgerly Web → any project.',
    );
    expect((await assignees()).map((a) => [a.name, a.projects.map((p) => p.name)])).toEqual([
      ['bot1', []],
      ['bot2', []],
      ['ios_dev', ['Ledgerly Mobile']],
    ]);
  });

  it('sets the kinds of work an assignee takes with --category, routing their other work to nobody', async () => {
    const { cli, assignees, task } = await team();
    const set = await cli(
      'assignee',
      'set',
      'bot1',
      '--category',
      'infrastructure',
      '--category',
      'research',
    );
    expect(set.code).toBe(0);
    // T-1 and T-2 (approved) and T-3 (proposed) are features: not theirs to take any more.
    expect(set.stdout.trim()).toBe(
      'Assignee bot1: categories any kind → infrastructure, research. T-1, T-2, T-3, of kinds of work bot1 no longer takes, are routed to nobody now (`goalpost assign <ref> <name>` gives one to someone; whoever may take it may claim them once approved).',
    );
    expect((await task('T-1')).task.assignee).toBeNull();
    expect((await cli('assignee', 'list')).stdout).toMatch(
      /takes\n[- ]+\nbot1 .+ infrastructure, research\n.*bot2 .+ any kind/,
    );
    // A worker claiming from the queue takes only the kinds it takes.
    const claim = await cli('queue', 'claim', '--assignee', 'bot1');
    expect(claim.code).toBe(0);
    expect(claim.stdout).toMatch(
      /no approved task is waiting for bot1 \(2 approved tasks of kinds of work bot1 does not take wait for others\)/,
    );
    // A kind there is not is refused, named by the option, and nothing changes.
    const typo = await cli('assignee', 'set', 'bot2', '--category', 'bugfx');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(
      /--category: one of revenue, feature, bugfix, growth, automation, infrastructure, research \(got "bugfx"; did you mean bugfix\?\)/,
    );
    const both = await cli('assignee', 'set', 'bot1', '--category', 'bugfix', '--any-category');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--any-category' cannot be used with option '--category <kind>'/);
    expect((await assignees()).map((a) => a.categories)).toEqual([['infrastructure', 'research'], []]);
    const added = await cli(
      'assignee',
      'add',
      'docs_bot',
      '--kind',
      'worker',
      '--category',
      'infrastructure',
    );
    expect(added.stdout.trim()).toBe(
      'Assignee docs_bot added (worker, up to 3 open tasks; takes infrastructure work).',
    );
    // Asked who takes the next feature, routing lists only those who take features: the others
    // are named apart, not listed at the prior's odds beside them.
    const route = (await cli('route', 'feature')).stdout;
    expect(route).toMatch(/^ {2}Left out as taking no feature work: bot1, docs_bot$/m);
    expect(route).toMatch(/^feature +bot2 /m);
    expect(route).not.toMatch(/^feature +(bot1|docs_bot) /m);
    const cleared = await cli('assignee', 'set', 'bot1', '--any-category');
    expect(cleared.stdout.trim()).toBe('Assignee bot1: categories infrastructure, research → any kind.');
    expect((await cli('route', 'feature')).stdout).toMatch(/^Next feature task → bot\d/);
  });

  it('points a second `assignee add` of a name to `assignee set`', async () => {
    const { cli } = await team();
    const again = await cli('assignee', 'add', 'bot1', '--capacity', '2');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /an assignee named "bot1" already exists; change it with `goalpost assignee set bot1`$/m,
    );
    // Typed in capitals, it names the one there is.
    const shouted = await cli('assignee', 'add', 'BOT1');
    expect(shouted.code).toBe(1);
    expect(shouted.stderr).toMatch(
      /an assignee named "bot1" already exists \(names match ignoring case, so "BOT1" is taken\); change it with `goalpost assignee set bot1`$/m,
    );
  });
});

describe('goalpost queue release', () => {
  it('gives a claimed task back to the queue without an outcome, for any worker to claim', async () => {
    const { cli, task } = await team();
    expect((await cli('queue', 'claim', '--assignee', 'bot1')).stdout).toMatch(/bot1 claimed T-1/);
    const released = await cli('queue', 'release', 'T-1', '--reason', 'handing it to the build agent');
    expect(released.code, released.stderr).toBe(0);
    expect(released.stdout.trim()).toBe(
      'T-1 is back in the queue (approved, routed to nobody: any assignee can claim it): Ship the pricing page',
    );
    const shown = await task('T-1');
    expect(shown.task).toMatchObject({
      status: 'approved',
      assignee: null,
      claimedBy: null,
      leaseExpiresAt: null,
    });
    expect(shown.events.at(-1)).toMatchObject({
      type: 'released',
      actor: expect.stringMatching(/^cli:/),
      note: 'taken back from bot1: handing it to the build agent',
    });
    // No outcome: learning saw nothing, and the task is claimable again.
    expect(shown.events.some((e) => e.type === 'done' || e.type === 'failed')).toBe(false);
    // Routed to nobody now: another worker takes it.
    expect((await cli('queue', 'claim', '--assignee', 'bot2')).stdout).toMatch(/bot2 claimed T-1/);
  });

  it('refuses a task nobody holds, naming its status, and an unknown task', async () => {
    const { cli, task } = await team();
    const idle = await cli('queue', 'release', 'T-2');
    expect(idle.code).toBe(1);
    expect(idle.stderr).toMatch(
      /T-2 is not claimed: it is approved; only a task a worker or `queue claim` holds/,
    );
    expect((await task('T-2')).events.at(-1)?.type).toBe('approved');
    const unknown = await cli('queue', 'release', 'T-99');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown task T-99/);
  });
});

describe('goalpost assignee remove', () => {
  it('refuses while the assignee holds work in progress, naming it and what to do', async () => {
    const { cli, assignees, task } = await team();
    await cli('queue', 'claim', '--assignee', 'bot1');
    const refused = await cli('assignee', 'remove', 'bot1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /bot1 still works on T-1 \(in progress\): finish it \(`goalpost done\|fail <ref>`\) or hand it to someone else \(`goalpost assign <ref> <name>`; one a worker claimed: `goalpost queue release <ref>`\) first; nothing was removed/,
    );
    expect((await assignees()).map((a) => a.name)).toEqual(['bot1', 'bot2']);
    expect((await task('T-2')).task.assignee).toBe('bot1');
  });

  it('unassigns its proposed and approved tasks with a step in their log, and routes nothing more to it', async () => {
    const { cli, assignees, task } = await team();
    const removed = await cli('assignee', 'remove', 'bot1');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout.trim()).toBe(
      'Assignee bot1 removed: no new work is routed to it. T-1, T-2, T-3 are routed to nobody now (`goalpost assign <ref> <name>` gives one to someone; whoever works on the project may claim them once approved). Its past outcomes stay in the history.',
    );
    expect((await assignees()).map((a) => a.name)).toEqual(['bot2']);
    const t2 = await task('T-2');
    expect(t2.task).toMatchObject({ status: 'approved', assignee: null });
    expect(t2.events.at(-1)).toMatchObject({ type: 'unassigned', note: 'bot1 was removed as an assignee' });
    // The history's columns line up, `unassigned` the longest type.
    const history =
      (await cli('task', 'show', 'T-2')).stdout.split('  History:\n')[1]?.trimEnd().split('\n') ?? [];
    expect(history.map((line) => line.indexOf(' by '))).toEqual([
      ...history.map(() => '    2026-11-21T09:00:00.000Z  unassigned'.length),
    ]);
    expect(history.at(-1)).toMatch(/ unassigned by cli:\S+ via cli — bot1 was removed as an assignee$/);
    // Given to bot2 by hand: its card says bot2 holds it, and its history whom it went to.
    expect((await cli('assign', 'T-2', 'bot2')).code).toBe(0);
    const given = (await cli('task', 'show', 'T-2')).stdout;
    expect(given).toMatch(/Assignee: +bot2\n/);
    expect(given).toMatch(
      /\d+\. Route: bot2 holds it now \(before: bot1 was removed as an assignee, so nobody holds it: /,
    );
    expect(given).toMatch(/ assigned +by cli:\S+ via cli — to bot2\n/);
    expect((await cli('queue', 'claim', '--assignee', 'bot2')).stdout).toMatch(/bot2 claimed T-1/);
    expect(
      (await cli('route', 'feature', '--json')).json<{ decision: { assignee: string } }>().decision.assignee,
    ).toBe('bot2');
    expect((await cli('assignee', 'remove', 'bot1')).stderr).toMatch(/unknown assignee "bot1"/);
    // A person is "them", as everywhere else.
    expect((await cli('assignee', 'add', 'ana')).code).toBe(0);
    expect((await cli('assignee', 'remove', 'ana')).stdout.trim()).toBe(
      'Assignee ana removed: no new work is routed to them. Their past outcomes stay in the history.',
    );
  });
});

describe('goalpost assignee add', () => {
  it('says what capacity 0 means: routing passes them over, a hand assignment still reaches them', async () => {
    const { cli, task } = await team();
    const added = await cli('assignee', 'add', 'on_leave', '--capacity', '0');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toBe(
      'Assignee on_leave added (person; capacity 0: routing gives them no tasks, `goalpost assign` still can).',
    );
    // Given by hand all the same, and told it is past their capacity.
    const given = await cli('assign', 'T-2', 'on_leave');
    expect(given.code).toBe(0);
    expect(given.stdout).toContain(
      '(on_leave holds 1 open task now (proposals routed to them included), over a capacity of 0: routing gives them nothing more until some close.)',
    );
    expect((await task('T-2')).task.assignee).toBe('on_leave');
    const busy = await cli('assignee', 'add', 'bot3', '--kind', 'worker', '--capacity', '1');
    expect(busy.stdout.trim()).toBe('Assignee bot3 added (worker, up to 1 open task).');
  });
});

describe('routing across days', () => {
  it('counts proposals already routed to an assignee against their capacity', async () => {
    const db = join(tempDirOf(), 'g.db');
    const cli = cliFor(db);
    await cli('init', '--demo');
    expect((await cli('assignee', 'add', 'solo', '--capacity', '1')).code).toBe(0);
    const monday = (await cli('generate', '--max-tasks', '1', '--json')).json<GenerateResult>();
    expect(monday.tasks[0]?.assignee).toBe('solo');
    // T-1 still awaits a decision, routed to solo: approved, it would fill their one slot.
    const tuesday = cliFor(db, '2026-11-22T09:00:00Z');
    // So the day's batch proposes nothing new: the proposal takes the team's only slot.
    const day = (await tuesday('generate', '--max-tasks', '1', '--json')).json<GenerateResult>();
    expect(day).toMatchObject({ tasks: [], capacity: { free: 1, awaiting: 1 } });
    // Planned past the room, the next task goes to nobody, as solo's slot is the proposal's.
    const next = (
      await tuesday('generate', '--max-tasks', '1', '--ignore-capacity', '--json')
    ).json<GenerateResult>();
    expect(next.tasks[0]?.assignee).toBeNull();
    expect(next.tasks[0]?.reasoning.join('\n')).toMatch(/every assignee is at capacity/);
    // `route` answers as a batch is routed: the proposal counts there too.
    const route = await tuesday('route', 'feature');
    expect(route.stdout).toMatch(/^Next feature task → nobody: every assignee is at capacity/);
    // And its table shows solo's one slot in use, as the reasoning says, not 0/1.
    expect(route.stdout).toMatch(/\nfeature +solo +.* 1\/1\n/);
  });
});

describe('goalpost learn --evaluate', () => {
  it('counts what it replayed in words that agree with the numbers', async () => {
    const { cli } = await team();
    expect((await cli('done', 'T-1', '--assignee', 'bot1')).code).toBe(0);
    const evaluated = await cli('learn', '--evaluate');
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/^Replayed 1 logged outcome in 1 category\.$/m);
    // One assignee: every policy picks it, and the table's tie says nothing of them.
    expect(evaluated.stdout).toContain(
      'Only bot1 has outcomes, so every policy picks bot1 and all score alike',
    );
  });

  it('says when a few outcomes are too few to tell the policies apart', async () => {
    const { cli } = await team();
    expect((await cli('done', 'T-1', '--assignee', 'bot1')).code).toBe(0);
    expect((await cli('fail', 'T-2', '--assignee', 'bot2', '--reason', 'tests red')).code).toBe(0);
    const evaluated = await cli('learn', '--evaluate');
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toContain('2 outcomes are too few to tell the policies apart: below 20');
    expect(evaluated.stdout).not.toContain('Only bot1');
    // Its rates are Laplace's over the whole log, and it says so, or bot1's 1 of 1 read as 67%
    // here beside learn's "expected", which starts from the team's record, reads as one wrong.
    expect(evaluated.stdout).toContain('Best in hindsight: feature → bot1 (67% over 1)');
    expect(evaluated.stdout).toContain(
      '(rates as (successes + 1) ÷ (outcomes + 2) over every logged outcome, none decayed;',
    );
    expect(evaluated.stdout).toContain('the replaced Python engine’s rule (best raw rate, 3+ samples)');
  });
});

describe('a task assigned after it was proposed', () => {
  it('no longer advises adding an assignee in its reasoning, and says who holds it', async () => {
    const dir = tempDirOf();
    const cli = cliFor(join(dir, 'g.db'));
    await cli('init', '--demo');
    await cli('generate', '--max-tasks', '1');
    const before = (await cli('task', 'show', 'T-1')).stdout;
    expect(before).toMatch(
      /Route: no assignees yet \(`goalpost assignee add <name>`\), so nobody is suggested/,
    );
    await cli('assignee', 'add', 'ana');
    expect((await cli('assign', 'T-1', 'ana')).code).toBe(0);
    const shown = (await cli('task', 'show', 'T-1')).stdout;
    expect(shown).not.toMatch(/no assignees yet|nobody is suggested/);
    expect(shown).toMatch(/\d+\. Route: ana, assigned after it was proposed \(nobody was suggested then\)/);
    // The stored reasoning is the proposal's, as it was: the API still gives it whole.
    const json = (await cli('task', 'show', 'T-1', '--json')).json<{ task: Task }>();
    expect(json.task.reasoning.at(-1)).toMatch(/so nobody is suggested$/);
  });
});

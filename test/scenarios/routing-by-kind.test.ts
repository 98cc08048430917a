import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEDGERLY_TWO_PRODUCTS as LEDGERLY, WEB } from './ledgerly.js';
import { LEAD, type PlannedTask, seedTeam, useTeam } from './team.js';

// Ledgerly runs a docs bot beside its two developers: the bot writes docs and answers questions,
// and nothing else. A lead's note: routing learns who succeeds at a category of work, and knew
// nothing of what a worker agent is built for, so the docs bot was handed bug fixes and features
// until its failures taught routing otherwise, each one a customer's bug left undone for a day.
// A lead expects the bot to get the upkeep and only the upkeep, the developers the rest, and a
// plan to say so when nobody takes a kind of work, rather than hand it to the bot.

const routeLine = (t: { reasoning: readonly string[] }) =>
  t.reasoning.find((l) => l.startsWith('Route:')) ?? '';

describe('routing by the kinds of work an assignee takes', () => {
  const team = useTeam();

  function seeded(
    people: Array<{ name: string; kind?: string; capacity?: number; categories?: string[] }>,
  ): Goalpost {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    app.projects.addFeature(LEAD, WEB, { title: 'Document the export API', upkeep: true });
    app.projects.addFeature(LEAD, WEB, { title: 'Upgrade to Node 22', upkeep: true });
    for (const p of people) app.assignees.add(LEAD, p);
    return app;
  }

  it('gives the docs bot the upkeep and nothing else, the developers the rest', () => {
    const app = seeded([
      { name: 'ana', capacity: 10 },
      { name: 'docs_bot', kind: 'worker', capacity: 10, categories: ['infrastructure'] },
    ]);
    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    const upkeep = batch.tasks.filter((t) => t.category === 'infrastructure');
    const rest = batch.tasks.filter((t) => t.category !== 'infrastructure');
    expect(upkeep.length).toBe(2);
    expect(rest.length).toBeGreaterThanOrEqual(3);
    for (const t of rest) expect(t.assignee, t.title).toBe('ana');
    expect(upkeep.some((t) => t.assignee === 'docs_bot')).toBe(true);
    // `route` answers as a plan routes.
    expect(app.learning.route(LEAD, 'bugfix').decision?.assignee).toBe('ana');
  });

  it('suggests nobody for work nobody takes, and says how to change that', () => {
    const app = seeded([
      { name: 'ana', capacity: 10, categories: ['feature', 'infrastructure'] },
      { name: 'docs_bot', kind: 'worker', capacity: 10, categories: ['infrastructure'] },
    ]);
    // Within the team's room, nobody has a slot for it: left out, and the team line says why.
    const within = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    expect(within.tasks.filter((t) => t.category === 'bugfix')).toEqual([]);
    expect(within.capacity?.note).toMatch(
      /; left out as nobody at work takes it: bugfix work \(`goalpost assignee set <name> --category bugfix` gives it to someone, with the other kinds they take: --category lists them all\)$/,
    );
    // Laid out ahead of the team's room (`--ignore-capacity`), it is proposed, to nobody.
    const tasks = app.engine.generate(LEAD, { maxTasks: 10, ignoreCapacity: true }).tasks as PlannedTask[];
    const bug = tasks.find((t) => t.category === 'bugfix') as PlannedTask;
    expect(bug.assignee).toBeNull();
    expect(routeLine(bug)).toBe(
      'Route: nobody takes bugfix work (`goalpost assignee set <name> --category bugfix` gives it to someone, with the other kinds they take: --category lists them all), so nobody is suggested',
    );
    const answer = app.learning.route(LEAD, 'bugfix');
    expect(answer.decision).toBeNull();
    expect(answer.nobody).toMatch(/^nobody takes bugfix work/);
  });

  it('says the ones who take the work are full, not everyone, while the bot has room', () => {
    const app = seeded([
      { name: 'ana', capacity: 1 },
      { name: 'docs_bot', kind: 'worker', capacity: 10, categories: ['infrastructure'] },
    ]);
    // Within the team's room, her one slot takes the best of it, and the rest is left out.
    const within = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).tasks;
    expect(within.filter((t) => t.category !== 'infrastructure').map((t) => t.assignee)).toEqual(['ana']);
    // Laid out ahead of it, the rest gets nobody, and says who is full.
    const tasks = app.engine.generate(LEAD, { maxTasks: 10, ignoreCapacity: true }).tasks;
    const growth = tasks.filter((t) => t.category !== 'infrastructure');
    expect(growth.filter((t) => t.assignee === 'ana')).toHaveLength(1);
    const left = growth.filter((t) => t.assignee === null);
    expect(left.length).toBeGreaterThan(0);
    for (const t of left)
      expect(routeLine(t)).toMatch(
        /^Route: everyone who takes \w+ work is at capacity, so nobody is suggested$/,
      );
    for (const t of growth) expect(t.assignee).not.toBe('docs_bot');
  });

  it('lets the bot claim from the queue only the kinds of work it takes', () => {
    const app = seeded([{ name: 'docs_bot', kind: 'worker', capacity: 10, categories: ['infrastructure'] }]);
    // Laid out ahead of the team's room: the bug is proposed, though nobody takes it.
    const tasks = app.engine.generate(LEAD, { maxTasks: 10, ignoreCapacity: true }).tasks;
    const bug = tasks.find((t) => t.category === 'bugfix');
    const docs = tasks.find((t) => t.category === 'infrastructure' && t.assignee === null) ?? null;
    // Routed to nobody: nobody takes bug fixes; approved, it waits in the queue for someone who does.
    expect(bug?.assignee).toBeNull();
    app.decisions.decide(LEAD, { ref: bug?.ref, action: 'approve' });
    const nothing = app.queue.claim(LEAD, 'docs_bot');
    expect(nothing.task).toBeNull();
    expect(nothing.reason).toMatch(
      /^no approved task is waiting for docs_bot \(1 approved task of kinds of work docs_bot does not take waits for others\)$/,
    );
    expect(app.tasks.show(LEAD, bug?.ref ?? null).task.status).toBe('approved');
    // Upkeep it takes, routed to it or to nobody.
    const upkeep = docs ?? tasks.find((t) => t.category === 'infrastructure');
    app.decisions.decide(LEAD, { ref: upkeep?.ref, action: 'approve' });
    expect(app.queue.claim(LEAD, 'docs_bot').task?.ref).toBe(upkeep?.ref);
  });

  it('routes to nobody the waiting work of a kind someone stops taking, and says so when it is given by hand', () => {
    const app = seeded([{ name: 'ana', capacity: 10 }]);
    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    const bug = batch.tasks.find((t) => t.category === 'bugfix');
    expect(bug?.assignee).toBe('ana');
    const set = app.assignees.set(LEAD, 'ana', { categories: ['feature'] });
    expect(set.changed).toContainEqual({ field: 'categories', from: null, to: 'feature' });
    expect(set.unassigned).toContain(bug?.ref);
    const shown = app.tasks.show(LEAD, bug?.ref ?? null);
    expect(shown.task.assignee).toBeNull();
    expect(shown.events.at(-1)?.note).toBe('ana no longer takes bugfix work');
    // Features stay hers.
    for (const t of batch.tasks.filter((t) => t.category === 'feature'))
      expect(app.tasks.show(LEAD, t.ref).task.assignee).toBe('ana');
    // Given to her by hand, it is hers all the same, and the reply says it is of another kind.
    expect(app.decisions.assign(LEAD, bug?.ref, 'ana').outside).toBe('ana takes feature work, not bugfix');
    // A later change of what she takes leaves it hers: she never took bug fixes, so none was
    // taken from her (the log said "ana no longer takes bugfix work" of work given by hand).
    const widened = app.assignees.set(LEAD, 'ana', { categories: ['feature', 'research'] });
    expect(widened.unassigned).toEqual([]);
    expect(app.tasks.show(LEAD, bug?.ref ?? null).task.assignee).toBe('ana');
    // Any kind again: nothing to unassign, her list cleared.
    const cleared = app.assignees.set(LEAD, 'ana', { categories: [] });
    expect(cleared.changed).toEqual([{ field: 'categories', from: 'feature, research', to: null }]);
    expect(cleared.assignee.categories).toEqual([]);
  });

  it('refuses a kind of work there is not, naming the kinds, and writes nothing', () => {
    const app = seeded([]);
    expect(() => app.assignees.add(LEAD, { name: 'qa_bot', categories: ['bugfx'] })).toThrow(
      /categories: one of revenue, feature, bugfix, growth, automation, infrastructure, research \(got "bugfx"; did you mean bugfix\?\)/,
    );
    expect(app.assignees.list(LEAD)).toEqual([]);
    // Kinds listed in the order routing knows them, each once.
    const qa = app.assignees.add(LEAD, { name: 'qa_bot', categories: ['research', 'bugfix', 'research'] });
    expect(qa.categories).toEqual(['bugfix', 'research']);
  });
});

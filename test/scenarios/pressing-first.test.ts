import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { connect, issue, NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, fix, LEAD, seedTeam, useTeam } from './team.js';

// Pagewise's team is one developer, ana, who takes one task at a time. Friday's digest proposes
// the emoji reactions the team marked low priority, and routes them to her. Nobody has decided on
// them yet when, on Saturday, a critical bug lands on GitHub: the links in the sidebar are broken.
// A lead expects the most pressing work to get the next free hands: a mere proposal for
// low-priority work must not keep a critical bug from being routed (a product lead's review found
// the bug's card saying `every assignee is at capacity`). Work the team approved is another
// matter: it holds its slot whatever comes.
const SATURDAY = '2026-11-21T09:00:00Z';
const EMOJI = build('Emoji reactions on comments', PAGEWISE);
const LINKS = fix('Broken links in sidebar', PAGEWISE);
const route = (reasoning: readonly string[]) => reasoning.find((l) => l.startsWith('Route:'));

describe('the most pressing work gets the next free hands', () => {
  const team = useTeam();

  /** Friday: ana (capacity 1) is routed the low-priority emoji reactions, awaiting a decision. */
  function friday(): { app: Goalpost; emoji: string } {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Emoji reactions on comments', { labels: ['low priority'] })]);
    app.assignees.add(LEAD, { name: 'ana', capacity: 1 });
    const batch = app.engine.generate(LEAD, { maxTasks: 1 });
    expect(batch.tasks.map((t) => [t.title, t.assignee])).toEqual([[EMOJI, 'ana']]);
    return { app, emoji: batch.tasks[0]?.ref as string };
  }

  /** Saturday: the critical bug is on GitHub; the next digest plans. */
  function saturday(): Goalpost {
    const app = team.reopen(SATURDAY);
    app.github.ingest(LEAD, REPO, [
      issue(2, 'Broken links in sidebar', { labels: ['bug', 'P0'], updatedAt: '2026-11-21T08:00:00Z' }),
    ]);
    return app;
  }

  it('routes a critical bug to the one assignee whose slot a low-priority proposal holds', () => {
    const { emoji } = friday();
    const app = saturday();
    const batch = app.engine.generate(LEAD, { maxTasks: 3 });
    const bug = batch.tasks.find((t) => t.title === LINKS);
    expect(bug, 'the critical bug is proposed').toBeDefined();
    expect(bug?.priority).toBe(10);
    expect(bug?.assignee).toBe('ana');
    // Its card says whose slot it takes, and does not claim she is free.
    expect(route(bug?.reasoning ?? [])).toMatch(new RegExp(`^Route: ana: .*${emoji}`));
    expect(route(bug?.reasoning ?? [])).not.toMatch(/at capacity/);
    // The proposal keeps its assignee: the team decides on it as before.
    expect(app.tasks.show(LEAD, emoji).task).toMatchObject({ status: 'proposed', assignee: 'ana' });
  });

  it('keeps the critical bug its slot against lesser work of its own batch', () => {
    friday();
    const app = saturday();
    app.github.ingest(LEAD, REPO, [issue(3, 'Saved searches', { updatedAt: '2026-11-21T08:00:00Z' })]);
    // Planned ahead of ana's one slot, which the bug takes (a batch otherwise leaves lesser work
    // out for want of room).
    const batch = app.engine.generate(LEAD, { maxTasks: 3, ignoreCapacity: true });
    const searches = batch.tasks.find((t) => t.title === build('Saved searches', PAGEWISE));
    expect(batch.tasks.find((t) => t.title === LINKS)?.assignee).toBe('ana');
    expect(searches?.priority).toBeLessThan(10);
    expect(searches?.assignee).toBeNull();
    expect(route(searches?.reasoning ?? [])).toBe(
      'Route: every assignee is at capacity, so nobody is suggested',
    );
    // Given to her by hand, she is past her capacity: routing still gives her more pressing work.
    const given = app.decisions.assign(LEAD, searches?.ref, 'ana');
    expect(given.over).toBe(
      'ana holds 3 open tasks now (proposals routed to them included), over a capacity of 1: routing gives them nothing more until some close, but work more pressing than a proposal of theirs',
    );
  });

  it('leaves a critical bug unrouted while approved low-priority work holds the slot', () => {
    const { app, emoji } = friday();
    app.decisions.decide(LEAD, { ref: emoji, action: 'approve' });
    const batch = saturday().engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    const bug = batch.tasks.find((t) => t.title === LINKS);
    expect(bug?.assignee).toBeNull();
    expect(route(bug?.reasoning ?? [])).toBe('Route: every assignee is at capacity, so nobody is suggested');
  });

  it('routes the critical bug before approved low-priority work nobody holds', () => {
    // Ana has no room on Friday: the emoji reactions, approved, wait for someone.
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Emoji reactions on comments', { labels: ['low priority'] })]);
    app.assignees.add(LEAD, { name: 'ana', capacity: 0 });
    const [emoji] = app.engine
      .generate(LEAD, { maxTasks: 1, ignoreCapacity: true })
      .tasks.map((t) => t.ref as string);
    app.decisions.decide(LEAD, { ref: emoji as string, action: 'approve' });
    app.assignees.set(LEAD, 'ana', { capacity: 1 });

    const batch = saturday().engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(batch.tasks.find((t) => t.title === LINKS)?.assignee).toBe('ana');
    // The approved work waits for the bug's decision: proposed, the bug holds the slot against it.
    expect(batch.routed).toEqual([]);
  });
});

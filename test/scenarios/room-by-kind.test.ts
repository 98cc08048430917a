import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEDGERLY_TWO_PRODUCTS as LEDGERLY, WEB } from './ledgerly.js';
import { LEAD, seedTeam, useTeam } from './team.js';

// Ledgerly again, with a docs bot beside its developer: the bot takes upkeep (infrastructure
// work) and nothing else. A lead's note: the batch was sized to the team's free slots, but not to
// whose they were. With the developer full and the bot idle, "Room for 2 tasks today" filled both
// places with features, which nobody with room could take ("everyone who takes feature work is at
// capacity"), while the bot's upkeep sat in the backlog. A lead fills each free slot with the best
// work its owner takes, and leaves the rest for when someone who takes it has room.

const UPKEEP = 'infrastructure';
const isUpkeep = (t: { category: string }) => t.category === UPKEEP;

describe('a batch sized to whose free slots they are', () => {
  const team = useTeam();

  function seeded(
    people: Array<{ name: string; kind?: string; capacity?: number; categories?: string[] }>,
  ): Goalpost {
    const app = team.open();
    seedWithUpkeep(app);
    for (const p of people) app.assignees.add(LEAD, p);
    return app;
  }

  function seedWithUpkeep(app: Goalpost): void {
    seedTeam(app, LEDGERLY);
    app.projects.addFeature(LEAD, WEB, { title: 'Document the export API', upkeep: true });
    app.projects.addFeature(LEAD, WEB, { title: 'Upgrade to Node 22', upkeep: true });
  }

  it("fills the bot's free slots with upkeep and the developer's one with her best work, no more", () => {
    const app = seeded([
      { name: 'ana', capacity: 1 },
      { name: 'docs_bot', kind: 'worker', capacity: 10, categories: [UPKEEP] },
    ]);
    // What the team would do with room for everything, best first.
    const ahead = app.engine.generate(LEAD, { maxTasks: 10, dryRun: true, ignoreCapacity: true }).tasks;
    const bestOfHers = ahead.filter((t) => !isUpkeep(t));
    expect(bestOfHers.length).toBeGreaterThanOrEqual(3);

    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    // Every task someone with room takes: none waits for a slot nobody has.
    for (const t of batch.tasks) expect(t.assignee, t.title).not.toBeNull();
    expect(batch.tasks.filter(isUpkeep).map((t) => t.assignee)).toEqual(['docs_bot', 'docs_bot']);
    const hers = batch.tasks.filter((t) => !isUpkeep(t));
    expect(hers.map((t) => [t.title, t.assignee])).toEqual([[bestOfHers[0]?.title, 'ana']]);
    // The rest of her kind of work is left for want of room, listed, and the team line says why.
    const left = batch.cutByCap.map((c) => c.title);
    for (const t of bestOfHers.slice(1)) expect(left).toContain(t.title);
    expect(batch.capacity?.note).toBe(
      "Room for 11 tasks today, 10 of them docs_bot's, who takes infrastructure work only: the team has 0 of 11 slots busy; 8 stay empty, as docs_bot takes none of the work left",
    );
  });

  it("proposes the bot's upkeep, not features, while the developer is full", () => {
    const app = seeded([{ name: 'ana', capacity: 1 }]);
    // Her one slot taken by approved work.
    const first = app.engine.generate(LEAD, { maxTasks: 1 }).tasks[0];
    expect(first?.assignee).toBe('ana');
    expect(first && isUpkeep(first)).toBe(false);
    app.decisions.decide(LEAD, { ref: first?.ref, action: 'approve' });
    app.assignees.add(LEAD, { name: 'docs_bot', kind: 'worker', capacity: 2, categories: [UPKEEP] });

    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(batch.tasks.map((t) => [t.category, t.assignee])).toEqual([
      [UPKEEP, 'docs_bot'],
      [UPKEEP, 'docs_bot'],
    ]);
    expect(batch.capacity?.note).toBe(
      "Room for 2 tasks today, both docs_bot's, who takes infrastructure work only: the team has 1 of 3 slots busy",
    );
    // Her kind of work waits in the cut list for her room.
    expect(batch.cut).toBeGreaterThanOrEqual(2);
    expect(batch.cutByCap.every((c) => !/(Document the export API|Upgrade to Node 22)/.test(c.title))).toBe(
      true,
    );
  });

  it('leaves the bot idle rather than hand it work it does not take, and says so', () => {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    app.assignees.add(LEAD, { name: 'ana', capacity: 1 });
    const first = app.engine.generate(LEAD, { maxTasks: 1 }).tasks[0];
    app.decisions.decide(LEAD, { ref: first?.ref, action: 'approve' });
    app.assignees.add(LEAD, { name: 'docs_bot', kind: 'worker', capacity: 2, categories: [UPKEEP] });
    // No upkeep in the backlog: nothing for the bot, and nothing else has room.
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(batch.tasks).toEqual([]);
    expect(batch.cut).toBeGreaterThanOrEqual(2);
    expect(batch.capacity?.note).toBe(
      "Room for 2 tasks today, both docs_bot's, who takes infrastructure work only: the team has 1 of 3 slots busy; 2 stay empty, as docs_bot takes none of the work left",
    );
  });

  it('gives the bot the upkeep and the developer the other work, whoever routing favours', () => {
    const app = seeded([
      { name: 'ana', capacity: 1 },
      { name: 'docs_bot', kind: 'worker', capacity: 1, categories: [UPKEEP] },
    ]);
    // Ana has done upkeep well before: routing alone would hand her the upkeep, leaving the
    // feature to nobody.
    const done = app.engine.generate(LEAD, { maxTasks: 10, ignoreCapacity: true });
    for (const t of done.tasks) {
      app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
      // The rest handed back to the backlog, to be proposed again.
      if (!isUpkeep(t)) app.decisions.decide(LEAD, { ref: t.ref, action: 'cancel' });
      else app.decisions.decide(LEAD, { ref: t.ref, action: 'done', assignee: 'ana', minutes: 30 });
    }
    expect(app.learning.route(LEAD, UPKEEP).decision?.assignee).toBe('ana');
    // Upkeep the team marked critical: it comes first, and is routed first.
    app.projects.addFeature(LEAD, WEB, {
      title: 'Rotate the signing keys',
      upkeep: true,
      priority: 'critical',
    });
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(batch.tasks[0]?.title).toMatch(/Rotate the signing keys/);
    expect(batch.tasks.filter(isUpkeep).map((t) => t.assignee)).toEqual(['docs_bot']);
    expect(batch.tasks.filter((t) => !isUpkeep(t)).map((t) => t.assignee)).toEqual(['ana']);
    // The card says why the bot and not the one who did it well before.
    expect(batch.tasks[0]?.reasoning.find((l) => l.startsWith('Route:'))).toMatch(
      /^Route: docs_bot: .*; ana's slot is kept for work of this batch docs_bot does not take$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { impactText } from '../../src/index.js';
import { taskCard } from '../../src/views/cards.js';
import { chatHarness, textOf } from '../helpers/chat.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { STALLWISE } from './stallwise.js';
import { LEAD, NOW, seedTeam, useTeam } from './team.js';

// Stallwise (see stallwise.ts): its card must say the value its goal gives it, not "+$0/mo" beside a
// reasoning that says the dollars.
describe('a task valued by a goal', () => {
  const team = useTeam();

  it('shows on its card what it is worth toward the goal, not +$0/mo', () => {
    const app = team.open();
    seedTeam(app, STALLWISE);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    // The studio's own feature serves the goal (its project names sellers): its value is the goal's.
    const forGoal = batch.tasks.find((t) => t.title === "Build 'Shop page themes' for Seller Studio");
    expect(forGoal?.revenueImpact).toBe(0);
    expect(forGoal?.goalValue).toBeGreaterThan(0);
    const task = app.tasks.show(LEAD, forGoal?.ref).task;
    expect(task.goalValue).toBe(forGoal?.goalValue);
    // 140 sellers short of 400, at $30 a month each, all of it this item's, the only one serving
    // it: three readings of a slow climb (255, 258, 260), within their noise, are no trend to count
    // on to close any of it.
    expect(task.goalValue).toBe(4200);
    expect(task.reasoning).toContainEqual(
      expect.stringMatching(/^Goal value \$4,200\/month \(not revenue\)/),
    );
    expect(impactText(taskCard(task))).toBe('+$4,200/mo toward its goal');
    // The goal is met: a plan valuing the proposal again says what its goal value became.
    app.goals.observe(LEAD, { metric: 'active_sellers', value: 400, at: '2026-11-21T08:00:00Z' });
    const again = app.engine.generate(LEAD, { maxTasks: 5 });
    const change = again.revalued.find((c) => c.ref === task.ref);
    expect(change?.was.goalValue).toBe(4200);
    expect(change?.now.goalValue).toBe(0);
    expect(app.tasks.show(LEAD, task.ref).events.at(-1)?.note).toMatch(
      /\$4,200\.00 → \$0\.00 a month toward its goal/,
    );
    // Work that wins revenue says its revenue, and what it is worth toward a goal beside it.
    expect(impactText({ revenueImpact: 333, goalValue: 12 })).toBe('+$333/mo and +$12/mo toward its goal');
    expect(impactText({ revenueImpact: 333, goalValue: 0 })).toBe('+$333/mo');
    expect(impactText({ revenueImpact: 0, goalValue: 0 })).toBe('+$0/mo');
  });

  describe('in a list of tasks', () => {
    const tempDir = useTempDir();

    it('is listed by `goalpost tasks` at what it is worth toward the goal, as chat lists it', async () => {
      const chat = chatHarness(tempDir(), NOW, false);
      seedTeam(chat.app, STALLWISE);
      chat.app.engine.generate(LEAD, { maxTasks: 5 });
      const row = (list: string) =>
        list.split('\n').find((l) => l.includes("Build 'Shop page themes' for Seller Studio")) ?? '';
      // A lead scanning the list for what is worth doing must not read "$0.00" on work worth $4,200.
      const cli = row((await cliFor(chat.dbPath, NOW)('tasks')).stdout);
      expect(cli).toContain('+$4,200/mo toward its goal');
      expect(cli).not.toMatch(/\$0\.00/);
      // Chat's list says it in the same words.
      expect(row(textOf(await chat.say('console:ana', 'tasks')))).toContain('+$4,200/mo toward its goal');
      chat.close();
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { WEEKLY_INSTALLS } from './tallyo.js';
import { build, fix, LEAD, plan, seedTeam, taskTitled, titles, useTeam } from './team.js';

// A review's Tallyo had an off-track weekly_installs goal, a high bug "Crash during install on
// macOS" and a "Windows installer" feature. The fix took the goal's whole value as "the only open
// item that serves it (it names 'install')", the installer got none of it, and once the fix was
// done it held the goal's research and experiment for two weeks, its card saying it "serves goal
// weekly_installs" though nobody linked it. A crash fix keeps installs working; it does not move
// how many there are. A lead expects the goal's own playbooks while nothing that moves the metric
// is linked to it, with the command that links the installer, and the fix valued as a fix.
const DAY = 86_400_000;
const NOW = '2026-12-05T09:00:00Z';
const CRASH = 'Crash during install on macOS';

/** Tallyo, its crash fix linked to the goal when `linked` (`bug add --goal weekly_installs`). */
function tallyo(app: Goalpost, linked = false): void {
  seedTeam(app, {
    vision: {
      statement: 'Grow Tallyo into the invoicing tool small agencies install first',
      primary_goal: 'Grow Tallyo into the invoicing tool small agencies install first',
      focus_areas: ['growth'],
      revenue_targets: { '2027-06': 10000 },
    },
    projects: [
      {
        name: 'Tallyo',
        revenueBearing: true,
        focus: [],
        features: [
          ['Windows installer', 'planned'],
          ['Recurring invoices', 'planned'],
        ],
      },
    ],
    revenue: [{ project: 'Tallyo', month: '2026-11', actual: 4200 }],
    goals: [WEEKLY_INSTALLS],
  });
  app.projects.addBug(LEAD, 'Tallyo', {
    title: CRASH,
    severity: 'high',
    ...(linked ? { goal: 'weekly_installs' } : {}),
  });
}

const isGoalPlaybook = (t: { signal: string }) => t.signal === 'goal_off_track';

describe('a bug fix whose title names what a goal measures', () => {
  const team = useTeam();

  it('takes none of the goal: its research and experiment answer it, saying how to link work', () => {
    const app = team.open(NOW);
    tallyo(app);
    const tasks = plan(app, 5);
    const crash = taskTitled(tasks, fix(CRASH, 'Tallyo'));
    expect(crash.goalValue).toBe(0);
    expect(crash.goalId).toBeNull();
    expect(crash.reasoning.join('\n')).not.toMatch(/weekly_installs/);
    const playbooks = tasks.filter(isGoalPlaybook);
    expect(playbooks.map((t) => t.playbookKey).sort()).toEqual(['goal.diagnose', 'goal.experiment']);
    for (const t of playbooks) {
      expect(t.goalValue).toBeGreaterThan(0);
      expect(t.reasoning[0]).toMatch(/nothing planned works on it/);
      expect(t.reasoning[0]).toContain('`goalpost feature goal <id> weekly_installs`');
    }
    expect(titles(tasks)).toContain(build('Windows installer', 'Tallyo'));
  });

  it('once done, holds none of the goal’s playbooks back', () => {
    const app = team.open(NOW);
    tallyo(app);
    const batch = app.engine.generate(LEAD, { maxTasks: 1 });
    const [crash] = batch.tasks;
    expect(crash?.title).toBe(fix(CRASH, 'Tallyo'));
    const ref = crash?.ref as string;
    for (const action of ['approve', 'start', 'done'] as const) app.decisions.decide(LEAD, { ref, action });

    const next = team.reopen(new Date(Date.parse(NOW) + DAY).toISOString());
    const preview = next.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(
      preview.tasks
        .filter(isGoalPlaybook)
        .map((t) => t.playbookKey)
        .sort(),
    ).toEqual(['goal.diagnose', 'goal.experiment']);
    const held = preview.skipped.map((s) => s.note ?? '').join('\n');
    expect(held).not.toMatch(/weekly_installs/);
  });

  it('serves the goal when the team links it', () => {
    const app = team.open(NOW);
    tallyo(app, true);
    const tasks = plan(app, 5);
    expect(taskTitled(tasks, fix(CRASH, 'Tallyo')).goalValue).toBeGreaterThan(0);
    expect(tasks.filter(isGoalPlaybook)).toEqual([]);
  });

  // A review's linked bug of a product that earns nothing read "no revenue rides on it, but it is
  // on the team's list" beside its goal value of $865/month.
  it('says what a linked fix of a product that earns nothing is worth toward its goal', () => {
    const app = team.open(NOW);
    tallyo(app);
    app.projects.add(LEAD, { name: 'Tallyo Docs', revenueBearing: false, focus: ['growth'] });
    app.projects.addBug(LEAD, 'Tallyo Docs', {
      title: 'Install guide links to a 404',
      severity: 'high',
      goal: 'weekly_installs',
    });
    const guide = taskTitled(plan(app, 10), fix('Install guide links to a 404', 'Tallyo Docs'));
    expect(guide.goalValue).toBeGreaterThan(0);
    expect(guide.reasoning[0]).toMatch(
      /^Fixing this high bug in Tallyo Docs is worth about \$[\d,]+\/month toward its goal; no revenue rides on it\.$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  build,
  finish,
  fix,
  LEAD,
  type ProjectSpec,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  titles,
  useTeam,
} from './team.js';

// GitHub issues are mostly titled by what to do ("Add dark mode"), and a review's batch read
// "Build 'Add dark mode' for Tallyo" and "Fix 'Fix typo in footer' in Tallyo": the verb twice. A lead
// expects work the team named by what to do to be called by the team's words, and work named by
// what it is ("Export page", "Checkout crash") to keep the verb that says what to do with it.
/** Tallyo, earning, with `backlog`. */
function tallyo(backlog: Pick<ProjectSpec, 'features' | 'bugs'>): TeamSpec {
  const statement = 'Small shops keep their books';
  return {
    vision: {
      statement,
      primary_goal: statement,
      focus_areas: ['growth'],
      revenue_targets: { '2027-03': 6000 },
    },
    projects: [{ name: 'Tallyo', revenueBearing: true, focus: ['growth'], ...backlog }],
    revenue: [{ project: 'Tallyo', month: '2026-10', actual: 3000 }],
  };
}

describe('work the team titled by what to do', () => {
  const team = useTeam();

  it('is called by its own words, the project after them; work named by what it is keeps a verb', () => {
    const app = team.open();
    seedTeam(
      app,
      tallyo({
        features: [
          ['add dark mode', 'planned'],
          ['Add single sign-on', 'in_progress'],
          ['Export page', 'planned'],
        ],
        bugs: [
          ['Fix typo in footer', 'high'],
          ['Checkout crash on Safari', 'high'],
        ],
      }),
    );
    app.projects.addFeature(LEAD, 'Tallyo', { title: 'Upgrade to Node 22', upkeep: true });
    const named = titles(plan(app, 10));
    expect(named).toEqual(
      expect.arrayContaining([
        // The team's words, capitalised as a title is.
        'Add dark mode for Tallyo',
        'Fix typo in footer in Tallyo',
        'Upgrade to Node 22 for Tallyo',
        // Under way, it is finished: the verb is said once.
        finish('Add single sign-on', 'Tallyo'),
        build('Export page', 'Tallyo'),
        fix('Checkout crash on Safari', 'Tallyo'),
      ]),
    );
    expect(named.filter((t) => /^(Build|Fix|Do) '(Add|Fix|Upgrade) /.test(t))).toEqual([]);
  });

  // A second review: a bug named by its symptom lost its "Fix" ("Build fails on Node 22 in
  // Tallyo"), a title naming its project named it twice, and a full stop landed mid-title.
  it("keeps a bug's symptom a thing to fix, names the project once, and drops a closing full stop", () => {
    const app = team.open();
    seedTeam(
      app,
      tallyo({
        features: [
          ['Add SSO to Tallyo', 'planned'],
          ['Remove legacy v1 API.', 'planned'],
          ['Polish translation', 'planned'],
        ],
        bugs: [
          ['Build fails on Node 22', 'high'],
          ['Update banner overlaps footer', 'high'],
        ],
      }),
    );
    const tasks = plan(app, 10);
    // Its card says it is done, not built ("Building it moves Tallyo…" of a removal).
    expect(taskTitled(tasks, 'Remove legacy v1 API for Tallyo').reasoning[0]).toMatch(
      /^Doing it moves Tallyo toward its revenue target/,
    );
    expect(titles(tasks)).toEqual(
      expect.arrayContaining([
        fix('Build fails on Node 22', 'Tallyo'),
        fix('Update banner overlaps footer', 'Tallyo'),
        'Add SSO to Tallyo',
        'Remove legacy v1 API for Tallyo',
        build('Polish translation', 'Tallyo'),
      ]),
    );
  });
});

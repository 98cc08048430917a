import { describe, expect, it } from 'vitest';
import type { BacklogIssue, Goalpost } from '../../src/index.js';
import { LEDGERLY_REVENUE, LEDGERLY_VISION, MOBILE, WEB } from './ledgerly.js';
import {
  build,
  fix,
  LEAD,
  lines,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  titles,
  useTeam,
} from './team.js';

// Ledgerly: bookkeeping for freelancers. Web earns $5,000 a month, Mobile $1,000; the March target
// is $9,000, so $3,000 a month is missing. Web's backlog is on GitHub: one feature customers asked
// for, a high bug, and three chores (a Node upgrade, API docs, a CI move). Mobile's two features
// are typed in. A lead expects the chores on the list of what the team could do, but worth nothing
// toward revenue and never ahead of the work that wins customers; and the three features to share
// the gap as the only backlog work that can close it, each product asked to grow by the same part
// of what it earns.
const REPO = { fullName: 'ledgerly/web', htmlUrl: 'https://github.com/ledgerly/web' };

const LEDGERLY: TeamSpec = {
  vision: LEDGERLY_VISION,
  projects: [
    { name: WEB, revenueBearing: true, focus: ['growth'] },
    {
      name: MOBILE,
      revenueBearing: true,
      focus: ['growth'],
      features: [
        ['Scan receipts with the camera', 'planned'],
        ['Offline mode for expenses', 'planned'],
      ],
    },
  ],
  revenue: LEDGERLY_REVENUE,
};

function issue(number: number, title: string, labels: string[]): BacklogIssue {
  return {
    number,
    title,
    state: 'open',
    stateReason: null,
    labels,
    htmlUrl: `https://github.com/ledgerly/web/issues/${number}`,
    assignee: null,
    milestone: null,
    updatedAt: '2026-11-18T10:00:00Z',
  };
}

const ISSUES = [
  issue(1, 'Bank feed for Wise', ['enhancement']),
  issue(2, 'Upgrade to Node 22', ['chore']),
  issue(3, 'Document the export API', ['documentation']),
  issue(4, 'Move CI to GitHub Actions', ['ci']),
  issue(6, 'Why does the sandbox reset nightly?', ['question']),
  issue(5, 'Receipt upload fails over 5 MB', ['bug', 'P1']),
];
const CHORES = [
  'Upgrade to Node 22 for Ledgerly Web',
  "Do 'Document the export API' for Ledgerly Web",
  "Do 'Move CI to GitHub Actions' for Ledgerly Web",
  // A question is answered, not done.
  "Answer 'Why does the sandbox reset nightly?' for Ledgerly Web",
];
const GROWTH = [
  build('Bank feed for Wise', WEB),
  build('Scan receipts with the camera', MOBILE),
  build('Offline mode for expenses', MOBILE),
];

describe('upkeep from GitHub: chores, docs and upgrades on the list, sharing no part of the revenue gap', () => {
  const team = useTeam();

  function connected(upkeepLabels?: string): Goalpost {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    const input = {
      repo: REPO.fullName,
      project: WEB,
      ...(upkeepLabels === undefined ? {} : { upkeepLabels }),
    };
    app.github.connect(LEAD, app.github.planConnect(LEAD, input), REPO);
    app.github.ingest(LEAD, REPO.fullName, ISSUES);
    return app;
  }

  const named = (tasks: readonly PlannedTask[], title: string) => tasks.find((t) => t.title === title);

  // Web earns five sixths of the revenue, so $2,500 of the gap is its to win; its one feature
  // claims what a feature-size of work wins ($1,000, as the split by work values it), and leaves
  // the rest to a growth experiment. Mobile's $500 is its two features', $250 each: the chores
  // take none of either.
  it('splits the $3,000 gap by what each product earns, among the three features and Web’s experiment', () => {
    const tasks = plan(connected(), 10);
    const impact = GROWTH.map((title) => {
      const task = named(tasks, title);
      expect(task, `${title}\n${tasks.map((t) => t.title).join('\n')}`).toBeDefined();
      return task?.revenueImpact;
    });
    expect(impact).toEqual([1000, 250, 250]);
    const wise = named(tasks, GROWTH[0] as string);
    expect(lines(wise ? [wise] : []).join('\n')).toMatch(
      /1 of the 2\.5 feature-sizes the share is counted for by what its product earns \(the open work comes to 1\) sharing Ledgerly Web's \$2,500\/month share/,
    );
    const experiment = tasks.find((t) => t.projectName === WEB && /experiment/.test(t.title));
    expect(experiment?.reasoning.join('\n'), tasks.map((t) => t.title).join('\n')).toContain(
      "claims 10% of the $1,500/month (60%) Ledgerly Web's open work leaves of",
    );
  });

  it('values each chore at nothing, says why, and ranks none above the features or the high bug', () => {
    const tasks = plan(connected(), 10);
    const chores = CHORES.map((title) => named(tasks, title));
    const real = [...GROWTH, fix('Receipt upload fails over 5 MB', WEB)].map((title) => named(tasks, title));
    expect(real.every((t) => t !== undefined)).toBe(true);
    const lastReal = Math.max(...real.map((t) => tasks.indexOf(t as PlannedTask)));
    for (const chore of chores) {
      if (chore === undefined) continue;
      expect(chore.revenueImpact).toBe(0);
      expect(chore.reasoning[0]).toMatch(/^Upkeep on Ledgerly Web/);
      expect(chore.reasoning.join('\n')).toMatch(/No dollars at stake/);
      // A chore moves no focus area: it does not answer the vision's neglected one.
      expect(chore.reasoning.join('\n')).not.toMatch(/focus area has had no work/);
      expect(tasks.indexOf(chore)).toBeGreaterThan(lastReal);
    }
  });

  it('lists every chore among the candidates, a question as one to answer', () => {
    const titles = plan(connected(), 20).map((t) => t.title);
    expect(titles).toEqual(expect.arrayContaining(CHORES));
  });

  it('proposes the real work first in a batch of five', () => {
    const top = plan(connected(), 5).map((t) => t.title);
    expect(top).toEqual(expect.arrayContaining([...GROWTH, fix('Receipt upload fails over 5 MB', WEB)]));
    expect(top.filter((t) => CHORES.includes(t)).length).toBeLessThanOrEqual(1);
  });

  it('counts no chore in how far a product is, nor as work on a focus area', () => {
    const app = connected();
    for (const title of ['Scan receipts with the camera', 'Offline mode for expenses']) {
      const id = app.projects.features(LEAD).find((f) => f.title === title)?.id;
      app.items.setFeatureStatus(LEAD, String(id), 'done');
    }
    app.projects.addFeature(LEAD, MOBILE, { title: 'Bump the iOS SDK', upkeep: true });
    const mobile = app.engine.state(LEAD).projects.find((p) => p.project.name === MOBILE);
    // Both features done, a chore left: the product is complete, not "nearly complete".
    expect(mobile).toMatchObject({ featuresTotal: 2, featuresDone: 2, completion: 1, nearCompletion: false });
    // An approved chore is no work on the vision's focus area: it stays neglected.
    expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['growth']);
    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    const chore = batch.tasks.find((t) => t.title === "Do 'Bump the iOS SDK' for Ledgerly Mobile");
    expect(chore?.focusArea).toBeNull();
    app.decisions.decide(LEAD, { ref: chore?.ref, action: 'approve' });
    expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['growth']);
  });

  it('reads the chores as features again once the repository has no upkeep labels', () => {
    const app = connected('none');
    const tasks = plan(app, 10);
    // Four of Web's items share its part, so each of them is worth less than a Mobile feature.
    const node = named(tasks, 'Upgrade to Node 22 for Ledgerly Web');
    expect(node?.revenueImpact ?? 0).toBeGreaterThan(0);
    // Named by their own words either way, the chores are features now: none reads as upkeep.
    expect(tasks.filter((t) => /^Upkeep on/.test(t.reasoning[0] ?? ''))).toEqual([]);
    expect(titles(tasks)).toContain("Build 'Why does the sandbox reset nightly?' for Ledgerly Web");
  });
});

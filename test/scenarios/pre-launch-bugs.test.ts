import { describe, expect, it } from 'vitest';
import {
  build,
  fix,
  LEAD,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  titles,
  useTeam,
} from './team.js';

// Notely, a note-taking app for teams, has not launched: it earns nothing yet, and its lead wants
// $20,000 a month by June. Its backlog has three features (dark mode, custom fonts, shared
// workspaces) and a high bug: the editor loses images pasted into a note. A review's plan read
// "A high bug in Notely; no revenue rides on it" and put the fix below custom fonts, while the same
// bug on the product earning $3,000 came second. A product lead fixes the editor before launch: a
// bug threatens what the product is to win as it does what it earns.
const NOTELY = 'Notely';
const PASTE = fix('Editor loses images on paste', NOTELY);
const FONTS = build('Custom fonts', NOTELY);
const FEATURES = ['Dark mode', 'Custom fonts', 'Shared workspaces'].map((t) => build(t, NOTELY));

const notely = (earns: number | null): TeamSpec => ({
  vision: {
    statement: 'Notes a whole team can write together',
    primary_goal: 'Reach $20,000 MRR with a note-taking app for teams',
    focus_areas: ['editor', 'collaboration'],
    revenue_targets: { '2027-06': 20_000 },
  },
  projects: [
    {
      name: NOTELY,
      revenueBearing: true,
      focus: ['editor'],
      features: [
        ['Dark mode', 'planned'],
        ['Custom fonts', 'planned'],
        ['Shared workspaces', 'planned'],
      ],
      bugs: [
        ['Editor loses images on paste', 'high'],
        ['Typo on login page', 'low'],
      ],
    },
  ],
  revenue: earns === null ? [] : [{ project: NOTELY, month: '2026-10', actual: earns }],
});

const revenueLine = (task: PlannedTask, of: string): string | undefined =>
  task.reasoning.find((l) => l.startsWith('Revenue ') && l.includes(of));

describe('a bug of a product that earns nothing yet', () => {
  const team = useTeam();
  const planFor = (earns: number | null) => {
    const app = team.open();
    seedTeam(app, notely(earns));
    return { app, tasks: plan(app, 6) };
  };

  it('threatens what the product is to win, and is fixed before the features', () => {
    const { tasks } = planFor(null);
    expect(titles(tasks)[0]).toBe(PASTE);
    expect(titles(tasks).indexOf(FONTS)).toBeGreaterThan(0);
    const paste = taskTitled(tasks, PASTE);
    // 20% of the $20,000 the product is to win, beside the three features' all of it: 120% of the
    // share claimed, each claim scaled to fit ($4,000 to $3,333.33, $6,666.67 to $5,555.55).
    expect(paste.revenueImpact).toBe(3_333.33);
    expect(paste.reasoning[0]).toBe(
      'Fixing this high bug protects up to $3,333/month of what Notely is to win by its revenue target.',
    );
    expect(paste.reasoning.join('\n')).not.toMatch(/no revenue rides on it/);
    expect(revenueLine(paste, 'to win')).toBe(
      "Revenue $3,333/month: a high bug threatens 20% of what its product is to win, the $20,000/month gap to the 2027-06 target of $20,000, all of it on Notely (claims on it add up to 120%, what the product's bugs threaten of it included, so each is scaled to fit)",
    );
    for (const feature of FEATURES) expect(taskTitled(tasks, feature).revenueImpact).toBe(5_555.55);
    expect(
      revenueLine(taskTitled(tasks, FONTS), 'feature-size') ??
        revenueLine(taskTitled(tasks, FONTS), 'open items'),
    ).toMatch(/what the product's bugs threaten of it included/);
    // The work on Notely claims no more than its share of the gap.
    const claimed = tasks.reduce((sum, t) => sum + t.revenueImpact, 0);
    expect(claimed).toBeLessThanOrEqual(20_000);
    expect(claimed).toBeGreaterThan(19_999);
  });

  it('is worth about as much once the product earns its first dollars: no jump at the first', () => {
    const before = taskTitled(planFor(null).tasks, PASTE);
    const first = planFor(100).tasks;
    expect(titles(first)[0]).toBe(PASTE);
    const paste = taskTitled(first, PASTE);
    // 20% of $100 it earns, and of the $19,900 gap beyond the $200 those count for in a score.
    expect(paste.reasoning[0]).toMatch(
      /^Fixing this high bug protects about \$20\/month of Notely's revenue \(a guess by its severity\) and up to \$3,[\d,]+\/month of what it is to win by its revenue target\.$/,
    );
    expect(revenueLine(paste, 'to win')).toMatch(
      /^Revenue \$3,[\d,]+\/month: a high bug threatens 20% of what its product is to win beyond the \$200\/month its earnings count for, so 19\.8% of the \$19,900\/month gap/,
    );
    expect(Math.abs(paste.revenueImpact - before.revenueImpact)).toBeLessThan(before.revenueImpact * 0.05);
  });

  it('is worth what it threatens of what the product earns once that counts for more', () => {
    // $12,000 earned: an $8,000 gap, less than the $24,000 its earnings count for in a score.
    const { tasks } = planFor(12_000);
    const paste = taskTitled(tasks, PASTE);
    expect(paste.revenueImpact).toBe(2_400);
    expect(paste.reasoning[0]).toBe(
      "Fixing this high bug protects about $2,400/month of Notely's revenue (a guess by its severity).",
    );
    expect(revenueLine(paste, 'to win')).toBeUndefined();
    // The features share the whole gap, as before.
    for (const feature of FEATURES) expect(taskTitled(tasks, feature).revenueImpact).toBe(2_666.66);
  });

  it('claims the share the team judges it affects of what the product is to win', () => {
    const { app } = planFor(null);
    const bug = app.projects.bugs(LEAD).find((b) => b.title === 'Editor loses images on paste');
    app.items.setAffects(LEAD, String(bug?.id), '5%');
    const tasks = plan(app, 6);
    const paste = taskTitled(tasks, PASTE);
    // 5% of $20,000 beside the features' all of it: $1,000 / 1.05.
    expect(paste.revenueImpact).toBe(952.38);
    expect(revenueLine(paste, 'to win')).toMatch(
      /^Revenue \$952\/month: the team judges it affects 5% \(a high bug threatens 20%\) of what its product is to win, /,
    );
    for (const feature of FEATURES) expect(taskTitled(tasks, feature).revenueImpact).toBe(6_349.2);
  });

  it('comes before a half-hour tweak that claims less of what the product is to win', () => {
    // A review's pre-launch Notely: two week-long launch features, a half-hour favicon and a medium
    // bug; the favicon, claiming $118 of the gap, went before the bug claiming $952 of it.
    const app = team.open();
    seedTeam(app, {
      ...notely(null),
      projects: [
        {
          name: NOTELY,
          revenueBearing: true,
          focus: ['editor'],
          bugs: [['Export drops footnotes', 'medium']],
        },
      ],
    });
    app.projects.addFeature(LEAD, NOTELY, { title: 'Launch pricing page', estimate: '40h' });
    app.projects.addFeature(LEAD, NOTELY, { title: 'Onboarding flow', estimate: '40h' });
    app.projects.addFeature(LEAD, NOTELY, { title: 'Sharper favicon', estimate: '30m' });
    const tasks = plan(app, 6);
    const favicon = taskTitled(tasks, build('Sharper favicon', NOTELY));
    const bug = taskTitled(tasks, fix('Export drops footnotes', NOTELY));
    expect(bug.revenueImpact).toBeGreaterThan(5 * favicon.revenueImpact);
    expect(titles(tasks).indexOf(bug.title)).toBeLessThan(titles(tasks).indexOf(favicon.title));
    // 5% of the $20,000 Notely is to win.
    expect(favicon.reasoning).toContainEqual(
      expect.stringMatching(
        /^Fills in: it claims \$1\d\d\/month of revenue, less than a medium bug of Notely puts at risk \(\$1,000\/month\)/,
      ),
    );
  });

  it('says what a bug of a product earning its first dollar protects, and nothing it does not', () => {
    // Two products share the gap: Notely earns $3,000, Sketchy $1. Sketchy's bug protects a part of
    // each, and unblocks no growth: its card said "and is worth up to $0/month toward that target",
    // the cents its shares were rounded to.
    const app = team.open();
    const base = notely(3_000);
    seedTeam(app, {
      ...base,
      projects: [
        {
          name: NOTELY,
          revenueBearing: true,
          focus: ['editor'],
          features: [['Dark mode', 'planned']],
          bugs: [['Editor loses images on paste', 'high']],
        },
        {
          name: 'Sketchy',
          revenueBearing: true,
          focus: ['editor'],
          features: [['Pen pressure', 'planned']],
          bugs: [['Canvas flickers', 'high']],
        },
      ],
      revenue: [...(base.revenue ?? []), { project: 'Sketchy', month: '2026-10', actual: 1 }],
    });
    const canvas = taskTitled(plan(app, 6), fix('Canvas flickers', 'Sketchy'));
    expect(canvas.reasoning[0]).toMatch(
      /^Fixing this high bug protects about \$0\.20\/month of Sketchy's revenue \(a guess by its severity\) and up to \$[\d,.]+\/month of what it is to win by its revenue target\.$/,
    );
  });
});

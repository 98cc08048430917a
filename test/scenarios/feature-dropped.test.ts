import { describe, expect, it } from 'vitest';
import { connect, issue, REPO, spec } from './pagewise.js';
import { build, LEAD, NOW, seedTeam, titles, useTeam } from './team.js';

// A review's team decided it would never build one of its typed features: the only ways to say so
// were to reject its task again and again (held 60 days, then back), reject it "as a duplicate"
// (held 240 days), or mark it done, which counted it as shipped in its project's completion and
// as work awaiting revenue. GitHub's "closed as not planned" takes a synced feature out of the
// backlog; a lead expects the same for one typed into Goalpost, with what it leaves said.
const team = useTeam();
const INVOICELY = 'Invoicely';

function invoicely() {
  const app = team.open(NOW);
  seedTeam(app, {
    vision: {
      statement: 'Freelancers get paid on time',
      primary_goal: 'Grow Invoicely to $5,000 MRR',
      focus_areas: ['billing'],
      revenue_targets: { '2027-06': 5000 },
    },
    projects: [
      {
        name: INVOICELY,
        revenueBearing: true,
        focus: ['billing'],
        features: [
          ['Dark mode', 'planned'],
          ['Dunning emails', 'planned'],
          ['Recurring invoices', 'done'],
        ],
      },
    ],
    revenue: [{ project: INVOICELY, month: '2026-10', actual: 3000 }],
  });
  const dark = featureId(app, 'Dark mode');
  const themes = app.projects.addFeature(LEAD, INVOICELY, { title: 'Theme editor', after: dark });
  return { app, dark, themes: themes.id };
}

function featureId(app: ReturnType<typeof team.open>, title: string): number {
  const feature = app.projects.features(LEAD).find((f) => f.title === title);
  if (feature === undefined) throw new Error(`no feature ${title}`);
  return feature.id;
}

describe('a feature the team will not do', () => {
  it('leaves the backlog: its proposal withdrawn, what waited for it freed, never proposed again', () => {
    const { app, dark, themes } = invoicely();
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const proposed = batch.tasks.find((t) => t.title === build('Dark mode', INVOICELY));
    expect(proposed).toBeDefined();

    const dropped = app.items.dropFeature(LEAD, dark, 'out of scope for freelancers');
    expect(dropped).toMatchObject({ id: dark, title: 'Dark mode', project: INVOICELY });
    expect(dropped.withdrawn).toEqual([proposed?.ref]);
    expect(dropped.freed).toEqual([{ id: themes, title: 'Theme editor' }]);
    const withdrawn = app.tasks.show(LEAD, proposed?.ref);
    expect(withdrawn.task.status).toBe('cancelled');
    expect(withdrawn.events.at(-1)?.note).toMatch(/feature \d+ was dropped: out of scope for freelancers/);

    // The feature waiting for it was proposed after it: its proposal stands, waiting for nothing.
    const theme = batch.tasks.find((t) => t.title === build('Theme editor', INVOICELY));
    expect(app.tasks.show(LEAD, theme?.ref).task).toMatchObject({ status: 'proposed', dependsOn: [] });
    const next = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    const considered = [...titles(next.tasks as never), ...next.skipped.map((s) => s.title)];
    expect(considered).not.toContain(build('Dark mode', INVOICELY));
    expect(considered).toContain(build('Theme editor', INVOICELY));
    // Completion counts the work left: one done of three, not of four.
    const state = app.engine.state(LEAD).projects.find((p) => p.project.name === INVOICELY);
    expect(state?.completion).toBeCloseTo(1 / 3, 2);
  });

  it('is refused, writing nothing, when it is done, under way, unknown or from GitHub', () => {
    const { app, dark } = invoicely();
    const done = featureId(app, 'Recurring invoices');
    expect(() => app.items.dropFeature(LEAD, done)).toThrow(/is done/);

    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const task = batch.tasks.find((t) => t.title === build('Dark mode', INVOICELY));
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'approve' });
    expect(() => app.items.dropFeature(LEAD, dark)).toThrow(new RegExp(`${task?.ref} is approved`));
    expect(app.projects.features(LEAD).map((f) => f.title)).toContain('Dark mode');
    expect(() => app.items.dropFeature(LEAD, 9999)).toThrow(/unknown feature 9999/);

    const synced = team.open(NOW);
    seedTeam(synced, spec);
    connect(synced, [issue(7, 'Saved searches')]);
    const fromGitHub = synced.projects.features(LEAD)[0];
    expect(() => synced.items.dropFeature(LEAD, fromGitHub?.id)).toThrow(/comes from GitHub.*not planned/);
    expect(synced.projects.features(LEAD)).toHaveLength(1);
  });

  it('is named as dropped, with when and why, by a command naming it again', () => {
    const { app, dark } = invoicely();
    app.items.dropFeature(LEAD, dark, 'out of scope for freelancers');
    const dropped = `feature ${dark}, "Dark mode", was dropped from Invoicely's backlog on 2026-11-21 ('out of scope for freelancers'); \`goalpost feature add "Invoicely" "Dark mode"\` adds it again as a new feature; nothing was changed`;
    expect(() => app.items.dropFeature(LEAD, dark)).toThrow(dropped);
    expect(() => app.items.setFeatureStatus(LEAD, dark, 'done')).toThrow(dropped);
    expect(() => app.items.setPriority(LEAD, String(dark), 'high')).toThrow(dropped);
  });

  // A feature synced from GitHub leaves with its issue: a later command naming it said "unknown
  // feature", as if mistyped. It names the issue, and brings the work back where it is kept.
  it('is named with its issue when it left the backlog from GitHub, and says how to bring it back', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [issue(7, 'Saved searches'), issue(8, 'Page templates'), issue(9, 'Slack digest')]);
    const [searches, templates, digest] = ['Saved searches', 'Page templates', 'Slack digest'].map((t) =>
      featureId(app, t),
    );
    const later = { updatedAt: '2026-11-21T08:00:00Z' };
    app.github.ingest(LEAD, REPO, [
      issue(7, 'Saved searches', { ...later, state: 'closed', stateReason: 'not_planned' }),
      issue(8, 'Page templates', { ...later, labels: ['wontfix'] }),
      issue(9, 'Slack digest', { ...later, state: 'closed', stateReason: 'duplicate' }),
    ]);
    const url = (n: number) => `https://github.com/${REPO}/issues/${n}`;
    expect(() => app.items.setFeatureStatus(LEAD, searches, 'done')).toThrow(
      `feature ${searches}, "Saved searches", left Pagewise's backlog on 2026-11-21: ${REPO}#7 was closed on GitHub as not planned; reopen it there and the next sync adds it back: ${url(7)}; nothing was changed`,
    );
    expect(() => app.items.setPriority(LEAD, String(templates), 'high')).toThrow(
      `${REPO}#8 was labelled 'wontfix' on GitHub; take the label off and the next sync adds it back: ${url(8)}`,
    );
    expect(() => app.items.dropFeature(LEAD, digest)).toThrow(
      `${REPO}#9 was closed on GitHub as a duplicate; reopen it there`,
    );
    // Reopened, it is backlog again, as a new feature.
    app.github.ingest(LEAD, REPO, [issue(7, 'Saved searches', { updatedAt: '2026-11-22T08:00:00Z' })]);
    expect(app.projects.features(LEAD).map((f) => f.title)).toContain('Saved searches');
  });

  it('keeps its id: a feature added after it is new work, not held by what the team said of it', () => {
    const { app } = invoicely();
    // The last feature added, rejected and then dropped: its id is the highest.
    const last = app.projects.addFeature(LEAD, INVOICELY, { title: 'Invoice templates' });
    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    const task = batch.tasks.find((t) => t.title === build('Invoice templates', INVOICELY));
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'reject', note: 'customers never asked for these' });
    app.items.dropFeature(LEAD, last.id);
    const next = app.projects.addFeature(LEAD, INVOICELY, { title: 'Late fees' });
    expect(next.id).toBeGreaterThan(last.id);
    const tasks = titles(
      team.reopen('2026-11-22T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 10 })
        .tasks as never,
    );
    expect(tasks).toContain(build('Late fees', INVOICELY));
  });
});

import { describe, expect, it } from 'vitest';
import { renderFeatures } from '../../adapters/cli/render-projects.js';
import type { Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, LEAD, plan, seedTeam, useTeam } from './team.js';

function connect(app: Goalpost, labels: string[]): void {
  const connection = app.github.planConnect(LEAD, { repo: REPO, project: PAGEWISE });
  app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
  app.github.ingest(LEAD, REPO, [openIssue(REPO, 1, 'Dark mode', { labels })]);
}

describe('a feature typed with a priority, then linked to its GitHub issue', () => {
  const team = useTeam();

  it("is ranked by its issue's labels, which give none, not by the typed priority nobody can change now", () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Saved searches' });
    const dark = app.projects.addFeature(LEAD, PAGEWISE, { title: 'Dark mode', priority: 'low' });
    connect(app, []);
    const synced = app.projects.features(LEAD).find((f) => f.title === 'Dark mode');
    expect(synced?.id).toBe(dark.id); // the typed feature, linked to issue #1
    // The team can no longer change it: a synced feature's priority is its labels'.
    expect(() => app.items.setPriority(LEAD, String(dark.id), 'none')).toThrow(/comes from GitHub/);
    const card = plan(app, 20).find((t) => t.title === build('Dark mode', PAGEWISE));
    expect(card?.reasoning.some((l) => l.startsWith('Team priority'))).toBe(false);
  });

  it('shows in project show the priority the plan uses (labels first)', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Dark mode', priority: 'low' });
    connect(app, ['P0']);
    // The plan ranks it by its label (critical: first), and project show says so.
    const dark = plan(app, 20).find((t) => t.title === build('Dark mode', PAGEWISE));
    expect(dark?.reasoning).toContainEqual(expect.stringMatching(/critical priority on GitHub/));
    expect(renderFeatures(app.projects.features(LEAD))).toMatch(/ critical .*Dark mode$/m);
  });
});

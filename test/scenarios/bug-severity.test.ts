import { describe, expect, it } from 'vitest';
import { openIssue } from '../helpers/backlog-issue.js';
import { NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { fix, LEAD, plan, seedTeam, useTeam } from './team.js';

// A reviewer added a 15-minute typo as a low bug; no plan proposed it in three weeks, and nothing
// could make one: a typed bug's severity was fixed at `bug add`. The team sets it as it ranks
// the work (`bug severity`), as it sets a feature's priority; GitHub's labels set a synced one's.
describe("a typed bug's severity, set by the team", () => {
  const team = useTeam();
  const TYPO = fix('Typo on the settings page', PAGEWISE);

  it('raised, has plans propose the bug; lowered to low, withdraws its proposal', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    const bug = app.projects.addBug(LEAD, PAGEWISE, {
      title: 'Typo on the settings page',
      severity: 'low',
      estimate: '15m',
    });
    expect(plan(app, 20).map((t) => t.title)).not.toContain(TYPO);

    const raised = app.items.setBugSeverity(LEAD, String(bug.id), 'medium');
    expect(raised).toMatchObject({ severity: 'medium', was: 'low', unchanged: false, withdrawn: [] });
    const batch = app.engine.generate(LEAD, { maxTasks: 20 });
    const task = batch.tasks.find((t) => t.title === TYPO);
    expect(task, batch.tasks.map((t) => t.title).join('\n')).toBeDefined();

    const lowered = app.items.setBugSeverity(LEAD, String(bug.id), 'low');
    expect(lowered).toMatchObject({ severity: 'low', was: 'medium', withdrawn: [task?.ref] });
    expect(app.tasks.show(LEAD, task?.ref as string).task.status).toBe('cancelled');
    expect(plan(app, 20).map((t) => t.title)).not.toContain(TYPO);
    // Said again, nothing changes.
    expect(app.items.setBugSeverity(LEAD, String(bug.id), 'low')).toMatchObject({ unchanged: true });
  });

  it('is refused for a bug from GitHub, whose labels are its severity, and for a level that is none', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    const connection = app.github.planConnect(LEAD, { repo: REPO, project: PAGEWISE });
    app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
    app.github.ingest(LEAD, REPO, [openIssue(REPO, 7, 'Login fails on Safari', { labels: ['bug', 'high'] })]);
    const synced = app.projects.bugs(LEAD).find((b) => b.title === 'Login fails on Safari');
    if (synced === undefined) throw new Error('the issue was not synced as a bug');
    expect(() => app.items.setBugSeverity(LEAD, String(synced.id), 'low')).toThrow(
      /bug \d+ comes from GitHub \(acme\/pagewise#7\): its severity is its labels there .*; nothing was changed/,
    );
    expect(app.projects.bugs(LEAD).find((b) => b.id === synced.id)?.severity).toBe('high');
    expect(() => app.items.setBugSeverity(LEAD, String(synced.id), 'urgent')).toThrow(
      /severity: one of critical, high, medium, low/,
    );
  });
});

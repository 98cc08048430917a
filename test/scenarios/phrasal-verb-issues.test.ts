import { describe, expect, it } from 'vitest';
import { openIssue } from '../helpers/backlog-issue.js';
import { NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, LEAD, seedTeam, useTeam } from './team.js';

// A review synced "Log out fails on Safari" beside "Log in fails on Safari": `in` and `out` were
// stopwords, the two read the same, and the plan proposed one and dropped the other as its
// duplicate. A phrasal verb's particle is part of its word, as English writes it (`login`,
// `logout`, `signup`): issues that differ in it are two pieces of work, and "Sign up page" beside
// "Signup page" is one piece typed twice.
describe('GitHub issues whose titles differ in a phrasal verb', () => {
  const team = useTeam();

  it('proposes issues on logging in and out both, and issues on one signup page once', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    const connection = app.github.planConnect(LEAD, { repo: REPO, project: PAGEWISE });
    app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
    app.github.ingest(LEAD, REPO, [
      openIssue(REPO, 1, 'Log in fails on Safari'),
      openIssue(REPO, 2, 'Log out fails on Safari'),
      openIssue(REPO, 3, 'Sign up page'),
      openIssue(REPO, 4, 'Signup page'),
    ]);
    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 30 });
    const titles = result.tasks.map((t) => t.title);
    expect(titles).toContain(build('Log in fails on Safari', PAGEWISE));
    expect(titles).toContain(build('Log out fails on Safari', PAGEWISE));
    const signup = titles.filter((t) => /sign ?up page/i.test(t));
    expect(signup).toHaveLength(1);
    expect(result.skipped.filter((s) => /Sign ?up page/.test(s.title)).map((s) => s.reason)).toEqual([
      'duplicate',
    ]);
    expect(result.skipped.some((s) => /Log (in|out) fails/.test(s.title))).toBe(false);
  });
});

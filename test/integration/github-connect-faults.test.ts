import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const TOKEN = 'github_pat_11AAAAAAA0readOnlyTokenForTests';
const REPO = 'acme/app';
/** The pages after the first: GitHub links them by the repository's id. */
const LATER_PAGE = /^\/repositories\/\d+\/issues$/;

interface Link {
  fullName: string;
  projectName: string;
  syncedAt: string | null;
  bugLabels: string[];
}

describe('goalpost github connect when GitHub fails after the repository was found', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    github = await startFakeGitHub({ tokens: { [TOKEN]: { repos: [REPO] } }, now: '2026-11-20T09:00:00Z' });
    github.addRepo(REPO);
    // 150 open issues: two pages.
    github.addIssues(
      REPO,
      Array.from({ length: 150 }, (_, i) => ({ title: `Idea ${i + 1}`, labels: ['enhancement'] })),
    );
    const opened = openQuickStart(tempDir());
    const { dbPath } = opened;
    opened.close();
    goalpost = cliFor(dbPath, FIXTURE_NOW, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url });
  });
  afterEach(() => github.close());

  const links = async () => (await goalpost('github', 'list', '--json')).json<Link[]>();
  const titles = async (project: string) =>
    (await goalpost('project', 'show', project, '--json'))
      .json<{ features: Array<{ title: string }> }>()
      .features.map((f) => f.title);

  it('links nothing when the first read of the issues fails, and says so truthfully', async () => {
    github.failNext({ path: LATER_PAGE, status: 500 });
    const failed = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(failed.code).toBe(69);
    expect(failed.stderr).toContain(`GitHub answered 500 when asked to read issues in ${REPO}`);
    expect(failed.stderr).toContain('nothing was changed, try again later');
    expect(await links()).toEqual([]);
    expect((await goalpost('github', 'list')).stdout).toContain('No repository is connected');
    expect(await titles('Basic EDU Apps')).not.toContain('Idea 1');
    // Nothing half-done is left in the way: connecting again takes it all.
    const again = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Connected ${REPO} to Basic EDU Apps`);
    expect((await titles('Basic EDU Apps')).filter((t) => t.startsWith('Idea '))).toHaveLength(150);
  });

  it('leaves the link where it was when connecting it to another project fails', async () => {
    expect((await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps')).code).toBe(0);
    const before = await links();
    expect(before).toMatchObject([{ fullName: REPO, projectName: 'Basic EDU Apps' }]);
    // Moved, every open issue is read again: the second page of that read fails.
    github.failNext({ path: LATER_PAGE, status: 500 });
    const failed = await goalpost(
      'github',
      'connect',
      REPO,
      '--project',
      'Architect Dashboard',
      '--bug-labels',
      'defect',
    );
    expect(failed.code).toBe(69);
    expect(failed.stderr).toContain('nothing was changed, try again later');
    expect(await links()).toEqual(before);
    expect(await titles('Architect Dashboard')).not.toContain('Idea 1');
    expect(await titles('Basic EDU Apps')).toContain('Idea 1');
    const moved = await goalpost('github', 'connect', REPO, '--project', 'Architect Dashboard');
    expect(moved.code).toBe(0);
    expect(await links()).toMatchObject([{ fullName: REPO, projectName: 'Architect Dashboard' }]);
  });

  it('says GitHub answered something that is not JSON, naming its status and content type', async () => {
    for (const notJson of [
      { body: '{not json', contentType: 'application/json; charset=utf-8' },
      { body: '<html><body>Sign in to the network</body></html>', contentType: 'text/html; charset=utf-8' },
    ]) {
      github.failNext({ path: LATER_PAGE, notJson });
      const failed = await goalpost('github', 'connect', REPO, '--project', 'Basic EDU Apps');
      expect(failed.code).toBe(69);
      expect(failed.stderr).toContain(
        `GitHub answered 200 with something that is not JSON (${notJson.contentType}) when asked to read issues in ${REPO}; nothing was changed, try again later`,
      );
      expect(failed.stderr).not.toContain('could not reach');
      expect(await links()).toEqual([]);
    }
  });
});

import type { Goalpost } from '../../src/index.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { FIXTURE_NOW, openQuickStart } from './goalpost-fixture.js';
import { cliFor } from './run-cli.js';

/** A fine-grained token that reads the repositories it is given on the fake GitHub. */
export const READ_TOKEN = 'github_pat_11AAAAAAA0readOnlyTokenForTests';

/**
 * A fake GitHub whose clock starts on 2026-11-20 09:00 UTC, on which READ_TOKEN reads `repos`
 * (none added yet: each test adds its own, public or private, with their issues), and the CLI of
 * a quick-start workspace in `dir` pointed at it with that token. `prepare` changes the workspace
 * first (its vision, a project's focus), as a team would have before connecting a repository.
 */
export async function githubForCli(
  dir: string,
  repos: string[],
  prepare: (app: Goalpost) => void = () => {},
): Promise<{ github: FakeGitHub; dbPath: string; goalpost: ReturnType<typeof cliFor> }> {
  const github = await startFakeGitHub({ tokens: { [READ_TOKEN]: { repos } }, now: '2026-11-20T09:00:00Z' });
  const opened = openQuickStart(dir);
  try {
    prepare(opened.app);
  } finally {
    opened.close();
  }
  const env = { GITHUB_TOKEN: READ_TOKEN, GITHUB_API_URL: github.url };
  return { github, dbPath: opened.dbPath, goalpost: cliFor(opened.dbPath, FIXTURE_NOW, env) };
}

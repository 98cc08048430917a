// `goalpost github …`'s work, loaded only when one of those commands runs (octokit is large).
import {
  type ConnectInput,
  GITHUB_REPO_COLUMNS,
  githubRepoRow,
  type RepoLinkView,
} from '../../../src/index.js';
import { type Connected, connectRepo, type GitHubAccess, syncRepos } from '../../github/github-connector.js';
import type { RepoSync } from '../../github/sync-repo.js';
import { table } from '../format.js';
import type { CliSession } from '../session.js';

export { renderConnected, renderSynced } from '../../github/render.js';

function access(s: CliSession): GitHubAccess {
  const { github } = s.config();
  return { token: github.token, app: github.app, apiUrl: github.apiUrl, logger: s.logger() };
}

export const connect = (s: CliSession, input: ConnectInput): Promise<Connected> =>
  connectRepo(s.app(), s.ctx(), access(s), input);

export const sync = (s: CliSession, repo: string | undefined): Promise<RepoSync[]> =>
  syncRepos(s.app(), s.ctx(), access(s), repo);

export function renderLinks(links: RepoLinkView[]): string {
  if (links.length === 0)
    return 'No repository is connected: `goalpost github connect owner/repo --project "Name"`.';
  return table(GITHUB_REPO_COLUMNS, links.map(githubRepoRow));
}

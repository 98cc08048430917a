import type { GitHubChat, Goalpost } from '../../src/index.js';
import { connectRepo, type GitHubAccess, syncRepos } from './github-connector.js';
import { renderConnected, renderSynced } from './render.js';

/** The connector as chat uses it (`/goalpost github connect`, `github sync`): each answers in words. */
export function createGitHubChat(app: Goalpost, access: GitHubAccess): GitHubChat {
  return {
    connect: async (ctx, input) => renderConnected(await connectRepo(app, ctx, access, input)),
    sync: async (ctx, repo) => renderSynced(await syncRepos(app, ctx, access, repo)),
  };
}

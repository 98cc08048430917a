import type { Goalpost, Logger } from '../../src/index.js';
import { createSyncLoop, type SyncLoop } from '../sync-loop.js';
import { type GitHubAccess, syncRepos } from './github-connector.js';

/**
 * The bot's scheduled sync: every `intervalMs`, each workspace's connected repositories are synced
 * (webhooks bring changes at once; this catches what a missed delivery lost). One repository that
 * fails is logged and the others go on.
 */
export function createGitHubSyncLoop(options: {
  app: Goalpost;
  access: GitHubAccess;
  logger: Logger;
  intervalMs: number;
}): SyncLoop {
  const { app, logger } = options;
  const log = logger.child({ component: 'github-sync' });

  async function syncAll(): Promise<void> {
    for (const workspaceId of app.github.linkedWorkspaces()) {
      const ctx = app.context({
        workspaceId,
        actor: 'goalpost:github-sync',
        source: 'scheduler',
        role: 'admin',
      });
      for (const link of app.github.repos(ctx)) {
        try {
          const [result] = await syncRepos(app, ctx, options.access, link.fullName);
          if (result && !result.notModified) log.info({ workspace: workspaceId, ...result }, 'GitHub synced');
        } catch (error) {
          log.warn(
            { workspace: workspaceId, repo: link.fullName, err: error },
            'GitHub sync failed; next try at the next interval',
          );
        }
      }
    }
  }

  return createSyncLoop(syncAll, options.intervalMs);
}

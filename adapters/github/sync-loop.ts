import type { Goalpost, Logger } from '../../src/index.js';
import { type GitHubAccess, syncRepos } from './github-connector.js';

export interface GitHubSyncLoop {
  /** Syncs every connected repository of every workspace now; resolves when done (failures logged). */
  runOnce(): Promise<void>;
  start(): void;
  /** Stops the timer and waits for a sync in flight. */
  stop(): Promise<void>;
}

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
}): GitHubSyncLoop {
  const { app, logger } = options;
  const log = logger.child({ component: 'github-sync' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

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

  const runOnce = (): Promise<void> => {
    running ??= syncAll().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    runOnce,
    start() {
      timer ??= setInterval(() => void runOnce(), options.intervalMs);
      timer.unref();
      void runOnce();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

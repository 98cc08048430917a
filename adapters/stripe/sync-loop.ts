import type { Goalpost, Logger } from '../../src/index.js';
import { createSyncLoop, type SyncLoop } from '../sync-loop.js';

/**
 * The bot's scheduled read of Stripe: every `intervalMs`, each connected account is read again
 * (the webhook brings changes at once; this catches what a missed event lost, and keeps the
 * figure fresh without one). An account that fails is recorded on it (the digest warns), logged,
 * and the others go on. The Stripe client loads at the first read that has an account to read,
 * so a bot with none never pays for it.
 */
export function createStripeSyncLoop(options: {
  app: Goalpost;
  apiBase: string | undefined;
  logger: Logger;
  intervalMs: number;
}): SyncLoop {
  const { app, logger } = options;
  const log = logger.child({ component: 'stripe-sync' });

  async function syncAll(): Promise<void> {
    const workspaces = app.stripe.connectedWorkspaces();
    if (workspaces.length === 0) return;
    const [{ syncAccount }, { createStripeClient }] = await Promise.all([
      import('./backfill.js'),
      import('./stripe-client.js'),
    ]);
    for (const workspaceId of workspaces) {
      const ctx = app.context({
        workspaceId,
        actor: 'goalpost:stripe-sync',
        source: 'scheduler',
        role: 'admin',
      });
      for (const account of app.stripe.accounts(ctx)) {
        try {
          const stripe = createStripeClient(app.stripe.keyOf(ctx, account.accountId), options.apiBase);
          const result = await syncAccount(app, ctx, stripe, account.accountId);
          log.info(
            { workspace: workspaceId, account: account.accountId, subscriptions: result.subscriptions },
            'Stripe read',
          );
        } catch (error) {
          log.warn(
            { workspace: workspaceId, account: account.accountId, err: error },
            'Stripe read failed; next try at the next interval',
          );
        }
      }
    }
  }

  return createSyncLoop(syncAll, options.intervalMs);
}

// The connectors the bot runs besides chat: GitHub's and Stripe's webhooks and scheduled syncs, and
// the metric pushes of other systems. The SDKs (octokit, stripe) load only when configured:
// together they cost a bot without them about a third of a second of start-up.
import type { Clock, Config, GitHubChat, Goalpost, Logger } from '../src/index.js';
import type { GitHubAccess } from './github/github-connector.js';
import type { HttpServer } from './http/create-http-server.js';
import { createMetricsWebhookHandler } from './http/metrics-webhook.js';
import { createWebhookOffHandler } from './http/webhook-off.js';
import type { SyncLoop } from './sync-loop.js';

/** How the bot reaches GitHub (a token or an app), when it is configured at all. */
function githubAccess(config: Config, logger: Logger): GitHubAccess | null {
  const { github } = config;
  if (!github.token && !github.app) return null;
  return { token: github.token, app: github.app, apiUrl: github.apiUrl, logger };
}

/** The chat bot's `github connect` and `github sync`; null when GitHub is not configured. */
export async function githubChatFor(
  app: Goalpost,
  config: Config,
  logger: Logger,
): Promise<GitHubChat | null> {
  const access = githubAccess(config, logger);
  if (!access) return null;
  return (await import('./github/github-chat.js')).createGitHubChat(app, access);
}

/** The connectors mounted on the bot's HTTP server, with their syncs, started and stopped together. */
export interface Connectors {
  /** Starts the scheduled syncs. */
  start(): void;
  /** Stops the syncs, waiting for one in flight. */
  stop(): Promise<void>;
  /** What to tell the operator once the server listens at `url`: where each webhook is. */
  announce(url: string): string[];
}

export interface ConnectorDeps {
  app: Goalpost;
  config: Config;
  clock: Clock;
  logger: Logger;
  http: HttpServer;
  /** Called when a delivery changed tasks, so chat shows it at once. */
  onChange: () => void;
}

/**
 * Mounts the webhooks that are configured (GitHub's and Stripe's; metric pushes always, each
 * source signing with its own secret) and makes the scheduled syncs: webhooks bring changes at
 * once, the syncs catch what a missed delivery lost and keep MRR fresh without one.
 */
export async function mountConnectors(deps: ConnectorDeps): Promise<Connectors> {
  const { app, config, clock, logger, http } = deps;
  const { github, stripe } = config;
  const access = githubAccess(config, logger);
  if (github.webhookSecret) {
    const { createGitHubWebhookHandler } = await import('./github/webhook-handler.js');
    http.mount(
      '/github/webhook',
      createGitHubWebhookHandler({ app, secret: github.webhookSecret, logger, onChange: deps.onChange }),
    );
  } else {
    http.mount('/github/webhook', createWebhookOffHandler('GITHUB_WEBHOOK_SECRET', "GitHub's events"));
  }
  http.mount('/metrics/webhook', createMetricsWebhookHandler({ app, clock, logger }));
  if (stripe.webhookSecret) {
    const { createStripeWebhookHandler } = await import('./stripe/webhook-handler.js');
    http.mount(
      '/stripe/webhook',
      createStripeWebhookHandler({ app, secret: stripe.webhookSecret, apiBase: stripe.apiBase, logger }),
    );
  } else {
    http.mount('/stripe/webhook', createWebhookOffHandler('STRIPE_WEBHOOK_SECRET', "Stripe's events"));
  }
  const syncs: SyncLoop[] = [];
  if (access && github.syncMinutes > 0) {
    const { createGitHubSyncLoop } = await import('./github/sync-loop.js');
    syncs.push(createGitHubSyncLoop({ app, access, logger, intervalMs: github.syncMinutes * 60_000 }));
  }
  if (stripe.syncMinutes > 0) {
    const { createStripeSyncLoop } = await import('./stripe/sync-loop.js');
    syncs.push(
      createStripeSyncLoop({ app, apiBase: stripe.apiBase, logger, intervalMs: stripe.syncMinutes * 60_000 }),
    );
  }
  return {
    start: () => {
      for (const sync of syncs) sync.start();
    },
    stop: async () => {
      for (const sync of syncs) await sync.stop();
    },
    announce: (url) => [
      ...(github.webhookSecret ? [`GitHub: deliveries at ${url}/github/webhook`] : []),
      ...(stripe.webhookSecret ? [`Stripe: events at ${url}/stripe/webhook`] : []),
    ],
  };
}

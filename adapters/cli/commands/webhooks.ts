import type { Command } from 'commander';
import {
  type AddedWebhook,
  createWebhookDeliverer,
  type DeliveryCounts,
  silentLogger,
  type Webhook,
} from '../../../src/index.js';
import { table } from '../format.js';
import type { Runner } from '../runner.js';

const eventsOf = (w: Webhook): string => (w.events.includes('*') ? 'all events' : w.events.join(', '));

function renderAdded(w: AddedWebhook): string {
  return [
    `Webhook ${w.id} added: ${w.url} (${eventsOf(w)}).`,
    '',
    `  secret: ${w.secret}`,
    '',
    'Copy the secret now: it cannot be shown again. Receivers verify X-Goalpost-Signature with it.',
  ].join('\n');
}

function renderWebhooks(list: Webhook[]): string {
  if (list.length === 0) return 'No webhooks yet: `goalpost webhook add https://example.com/hooks/goalpost`.';
  return table(
    ['id', 'url', 'events', 'pending', 'delivered', 'failed', 'last error'],
    list.map((w) => [
      String(w.id),
      w.url,
      eventsOf(w),
      String(w.deliveries.pending),
      String(w.deliveries.delivered),
      String(w.deliveries.failed),
      w.lastError ?? '—',
    ]),
  );
}

const renderCounts = (c: DeliveryCounts): string =>
  `Webhook deliveries: ${c.delivered} delivered, ${c.retried} to retry later, ${c.failed} failed for good.`;

/** `goalpost webhook add|list|remove|deliver`: outgoing, signed event notifications. */
export function registerWebhookCommands(program: Command, run: Runner<'webhooks'>): void {
  const webhook = program
    .command('webhook')
    .description('outgoing webhooks: batch.generated, task.decided, outcome.recorded (signed)');
  webhook
    .command('add <url>')
    .description('send events to a URL; prints its signing secret once')
    .option('--events <list>', 'comma list of batch.generated, task.decided, outcome.recorded (default all)')
    .action((url: string, o: { events?: string }, cmd: Command) =>
      run(cmd, (s) => s.app().webhooks.add(s.ctx(), { url, events: o.events }), renderAdded),
    );
  webhook
    .command('list', { isDefault: true })
    .description('every webhook with its delivery counts')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().webhooks.list(s.ctx()), renderWebhooks));
  webhook
    .command('remove <id>')
    .description('stop sending to a webhook (its pending deliveries are dropped)')
    .action((id: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().webhooks.remove(s.ctx(), id),
        (w) => `Webhook ${w.id} (${w.url}) removed.`,
      ),
    );
  webhook
    .command('deliver')
    .description('send the deliveries that are due now and print the counts (cron-friendly)')
    .action((_o, cmd: Command) =>
      run(
        cmd,
        (s) => {
          const { store } = s.opened();
          return createWebhookDeliverer({
            store,
            clock: s.clock(),
            logger: silentLogger,
            allowPrivate: s.config().webhooks.allowPrivate,
          }).deliverDue();
        },
        renderCounts,
      ),
    );
}

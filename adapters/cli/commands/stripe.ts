import type { Command } from 'commander';
import { collectList, type Runner } from '../runner.js';

/** `goalpost stripe …`: a Stripe account's subscriptions as projects' revenue. Stripe's client loads only when one runs. */
export function registerStripeCommands(program: Command, run: Runner<'stripe'>): void {
  const stripe = program
    .command('stripe')
    .description('Stripe: subscriptions as projects’ monthly revenue (MRR)');
  stripe
    .command('connect')
    .description(
      'connect a Stripe account with its key and sync it (admin); a restricted read-only key is enough',
    )
    .requiredOption(
      '--key <key>',
      'a restricted key (rk_live_…) with read access to subscriptions, invoices, products, prices',
    )
    .option('--project <name>', 'the project every product feeds, unless mapped')
    .option(
      '--map <prod=project>',
      'a product and the project it feeds: prod_X="Project" (repeatable, or comma-separated)',
      collectList,
    )
    .action(async (o: { key: string; project?: string; map?: string[] }, cmd: Command) => {
      const { connect, renderConnected } = await import('./stripe-run.js');
      return run(cmd, (s) => connect(s, o), renderConnected);
    });
  stripe
    .command('sync')
    .description('read every subscription and write each month’s MRR as the projects’ revenue')
    .action(async (_o, cmd: Command) => {
      const { sync, renderSynced } = await import('./stripe-run.js');
      return run(cmd, sync, renderSynced);
    });
}

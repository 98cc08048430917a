import { startFakeProcess } from './fake-process.js';
import { figure } from './stats.js';
import type { Row } from './table.js';

const BENCH_KEY = 'rk_test_51BenchBenchRestrictedKeyForTheFake';

/** Issue 21's bar: 50,000 subscriptions backfilled in under 60 s against the fake. */
const BACKFILL_LIMIT_MS = 60_000;

/**
 * `goalpost stripe connect` on an account of 50,000 subscriptions and their invoices (check the
 * key and account, read 500 pages of subscriptions and every invoice, rebuild each subscription's
 * history, work out 12 months of MRR, write them), each run on a fresh copy of a workspace with
 * the project.
 */
export async function stripeRows(
  workspace: { fresh(): string },
  runBin: (
    args: readonly string[],
    env: Record<string, string>,
  ) => { ms: number; peakMb: number; stdout: string },
  runs: number,
): Promise<Row[]> {
  const subscriptions = 50_000;
  const fake = await startFakeProcess('stripe-fake-server.js', [String(subscriptions), BENCH_KEY]);
  const invoices = Number(fake.said[0]);
  try {
    const env = { STRIPE_API_BASE: fake.url };
    const samples = Array.from({ length: runs }, () => {
      const db = workspace.fresh();
      const run = runBin(
        ['stripe', 'connect', '--key', BENCH_KEY, '--project', 'Big backlog', '--db', db, '--json'],
        env,
      );
      const read = (JSON.parse(run.stdout) as { sync: { subscriptions: number } }).sync.subscriptions;
      if (read !== subscriptions)
        throw new Error(`stripe connect read ${read} of ${subscriptions} subscriptions`);
      return run;
    });
    const f = figure(samples.map((r) => r.ms));
    return [
      {
        section: 'process',
        name: `goalpost stripe connect, ${subscriptions.toLocaleString('en-US')} subscriptions (fake Stripe)`,
        unit: 'ms',
        figure: f,
        peakMb: Math.max(...samples.map((r) => r.peakMb)),
        target: { text: `≤ ${BACKFILL_LIMIT_MS / 1000} s (issue 21)`, met: f.median <= BACKFILL_LIMIT_MS },
        note: `reads 500 pages of subscriptions and ${invoices.toLocaleString('en-US')} invoices, works out each month’s MRR, writes the months; a fresh workspace each run`,
      },
    ];
  } finally {
    fake.stop();
  }
}

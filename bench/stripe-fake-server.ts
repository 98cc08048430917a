// The fake Stripe of the tests, as its own process for the bench (`count key`): an account with
// `count` subscriptions the restricted key reads, each with its invoices (see startBenchStripe),
// served on 127.0.0.1 until stdin closes. Prints its URL, the number of invoices, then `ready`.
import { startBenchStripe } from '../test/fakes/stripe-bench-account.js';

const count = Number(process.argv[2] ?? 50_000);
const key = process.argv[3] ?? '';
const { stripe, invoices } = await startBenchStripe(count, key);
process.stdout.write(`${stripe.url}\n${invoices}\nready\n`);
process.stdin.resume();
process.stdin.on('end', () => void stripe.close().then(() => process.exit(0)));

import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// The demo's Basic EDU Apps, ranked by its lead from the command line: the pricing page (feature
// 5) matters most this month, gift subscriptions can wait.
const tempDir = useTempDir();
let cli: ReturnType<typeof cliFor>;

beforeEach(async () => {
  cli = cliFor(join(tempDir(), 'g.db'));
  await cli('init', '--demo');
});

describe('feature priority', () => {
  it("sets the team's priority, shows it in project show and on the card, and takes it back", async () => {
    expect((await cli('feature', 'priority', '5', 'high')).stdout).toMatch(
      /^Feature 5 \('Pricing page with monthly and annual plans'\) is high priority now: plans weigh its score ×1.5 and never put it among the fill-ins, whatever it claims/,
    );
    expect((await cli('feature', 'priority', '5', 'high')).stdout).toMatch(
      /was high priority already; nothing changed\./,
    );
    expect(
      (await cli('feature', 'add', 'Basic EDU Apps', 'Gift subscriptions', '--priority', 'low')).stdout,
    ).toMatch(/^Feature \d+ added: Gift subscriptions \(planned, low priority\)/);

    const show = (await cli('project', 'show', 'Basic EDU Apps')).stdout;
    expect(show).toMatch(/^id +status +priority +title$/m);
    expect(show).toMatch(/^5 +planned +high +Pricing page with monthly and annual plans$/m);
    expect(show).toMatch(/^\d+ +planned +low +Gift subscriptions$/m);
    expect(show).toMatch(/^1 +done +— +Lesson library$/m);

    const plan = (await cli('generate', '--dry-run', '--max-tasks', '20')).stdout;
    const gift = plan.slice(plan.indexOf("Build 'Gift subscriptions'"));
    expect(gift).toMatch(/Team priority ×0\.50: the team marked it low priority/);

    // Critical goes first, as a critical bug does: the reply says so, not only its weight.
    expect((await cli('feature', 'priority', '6', 'critical')).stdout).toMatch(
      /is critical priority now: plans weigh its score ×2 and put it first, as a critical bug, after the critical bugs that outscore it/,
    );
    expect((await cli('feature', 'priority', '--help')).stdout).toMatch(/critical goes first/);

    expect((await cli('feature', 'priority', '5', 'none')).stdout).toMatch(
      /is of no set priority now: plans rank it by its value alone/,
    );
    expect((await cli('project', 'show', 'Basic EDU Apps')).stdout).toMatch(/^5 +planned +— +Pricing page/m);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A review's team had one critical bug. Its fix failed at 10:00 ("staging is down"); at 11:00 a
// plan proposed nothing, said "The next plan proposes what the backlog gains: `goalpost feature
// add …`", and nothing of the bug coming back the next morning on its own, or of how to try it
// again now. A lead reading that adds busywork to the backlog, or thinks the bug is gone.
const tempDir = useTempDir();

describe('a plan that holds back only failed work', () => {
  it('says when it comes back and how to retry it now, not to add to the backlog', async () => {
    const db = join(tempDir(), 'g.db');
    const morning = cliFor(db, '2026-12-05T09:00:00Z');
    await runEach(morning, [
      ['init'],
      ['vision', 'set', 'statement', 'Invoicing agencies love'],
      ['vision', 'set', 'revenue_targets', '2027-06=10000'],
      ['vision', 'set', 'focus_areas', 'growth'],
      ['project', 'add', 'Tallyo', '--focus', 'growth'],
      ['bug', 'add', 'Tallyo', 'Login fails for SSO users', '--severity', 'critical'],
      ['generate'],
      ['approve', 'T-1'],
    ]);
    await runEach(cliFor(db, '2026-12-05T10:00:00Z'), [['fail', 'T-1', '--reason', 'staging is down']]);

    const plan = await cliFor(db, '2026-12-05T11:00:00Z')('generate', '--dry-run');
    expect(plan.code).toBe(0);
    const lines = plan.stdout.split('\n');
    expect(lines).toContain(
      `Failed work comes back on its own: "Fix 'Login fails for SSO users' in Tallyo" from 2026-12-06 10:00 UTC (\`goalpost retry T-1\` tries it again now).`,
    );
    expect(plan.stdout).not.toMatch(/The next plan proposes what the backlog gains/);

    // The command it names does what it says.
    const retried = await cliFor(db, '2026-12-05T11:05:00Z')('retry', 'T-1');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/^T-\d+ /m);
  });
});

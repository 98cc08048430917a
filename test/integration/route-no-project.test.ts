import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

// A review's team: maya works on any project (two slots), raj on Payroll Sync only (one). A goal
// off track brings research and an experiment, work of no project; the flagship, Invoicer, has
// features only maya takes. Until 2026-12-05 routing gave both of maya's slots to the goal's work
// (work of no project goes to generalists first) and proposed the Invoicer feature to nobody,
// while raj's slot, which the batch had counted on, stayed empty.
describe('work of no project in a batch sized to whose slots they are', () => {
  it('goes to a one-project developer when a generalist’s slot is the only one the rest fits', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'), '2026-12-07T09:00:00Z');
    await runEach(cli, [
      ['init'],
      ['vision', 'set', 'statement', 'Make finance ops painless for small firms'],
      ['vision', 'set', 'focus_areas', 'payments,retention'],
      ['vision', 'set', 'revenue_targets', '2027-03=30000'],
      ['project', 'add', 'Invoicer', '--revenue-bearing', '--focus', 'payments'],
      ['project', 'add', 'Payroll Sync', '--revenue-bearing', '--focus', 'retention'],
      ['revenue', 'add', '--project', 'Invoicer', '--month', '2026-10', '--actual', '18000'],
      ['revenue', 'add', '--project', 'Invoicer', '--month', '2026-11', '--actual', '18000'],
      ['revenue', 'add', '--project', 'Payroll Sync', '--month', '2026-10', '--actual', '5500'],
      ['revenue', 'add', '--project', 'Payroll Sync', '--month', '2026-11', '--actual', '5500'],
      ['goal', 'add', 'trial_conversion', '15', '--unit', '%', '--by', '2027-03-31'],
      ['metric', 'trial_conversion', '9.5', '--at', '2026-10-01'],
      ['metric', 'trial_conversion', '9.1', '--at', '2026-11-01'],
      ['metric', 'trial_conversion', '8.6', '--at', '2026-12-01'],
      ['feature', 'add', 'Invoicer', 'Recurring invoice templates', '--estimate', '2d'],
      ['feature', 'add', 'Invoicer', 'Multi-currency invoices', '--estimate', '2d'],
      ['feature', 'add', 'Payroll Sync', 'Gusto integration', '--estimate', '1w'],
      ['assignee', 'add', 'maya', '--capacity', '2'],
      ['assignee', 'add', 'raj', '--project', 'Payroll Sync', '--capacity', '1'],
      ['generate'],
    ]);
    const tasks = (await cli('tasks', '--json')).json<Task[]>();
    expect(tasks).toHaveLength(3);
    // Every task the team's three free slots were counted for has someone to do it.
    expect(tasks.map((t) => t.assignee)).not.toContain(null);
    const invoicer = tasks.find((t) => t.title.includes('Invoicer'));
    expect(invoicer?.assignee).toBe('maya');
    // raj takes one piece of the goal's work, and the card says why him and not maya.
    const rajs = tasks.filter((t) => t.assignee === 'raj');
    expect(rajs).toHaveLength(1);
    expect(rajs[0]?.projectId).toBeNull();
    const shown = await cli('task', 'show', rajs[0]?.ref ?? '');
    expect(shown.stdout).toContain("maya's slot is kept for work of this batch raj does not take");
  });
});

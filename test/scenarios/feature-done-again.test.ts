import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GenerateResult, Task } from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

// A review's lead finished the subscription admin dashboard, then someone filed "subscription
// admin dashboards!" again: the next plan proposed it at full value, its card silent about the
// work done that morning, where a bug filed again says its fix may not have held and a playbook's
// copy is held back. A lead expects to be told, and to be shown how to close it if it is the same.
describe('a feature filed again after the same work was done', () => {
  it('is proposed saying which done work it reads as, and how to close it if it is that work', async () => {
    const dbPath = join(tempDir(), 'g.db');
    const cli = cliFor(dbPath, '2026-11-21T09:00:00Z');
    const run = async (...argv: string[]) => {
      const r = await cli(...argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    await run('init', '--demo');
    await run('generate', '--max-tasks', '8');
    const proposed = (await run('tasks', 'proposed', '--json')).json<Task[]>();
    const dashboard = proposed.find(
      (t) => t.title === "Build 'Subscription admin dashboard' for Basic EDU Apps",
    );
    expect(dashboard).toBeDefined();
    const ref = dashboard?.ref ?? '';
    await run('approve', ref);
    await run('done', ref);

    await run('feature', 'add', 'Basic EDU Apps', 'Teacher gradebook export');
    const dryRun = async () =>
      (await run('generate', '--dry-run', '--max-tasks', '10', '--json')).json<GenerateResult>();
    const GRADEBOOK = "Build 'Teacher gradebook export' for Basic EDU Apps";
    const before = (await dryRun()).tasks.find((t) => t.title === GRADEBOOK);
    expect(before?.revenueImpact).toBeGreaterThan(0);
    const again = (
      await run('feature', 'add', 'Basic EDU Apps', 'subscription admin dashboards!', '--json')
    ).json<{
      id: number;
    }>();
    const plan = await dryRun();
    const card = (title: string) => plan.tasks.find((t) => t.title === title);

    const filedAgain = card("Build 'subscription admin dashboards!' for Basic EDU Apps");
    expect(filedAgain, JSON.stringify(plan.tasks.map((t) => t.title))).toBeDefined();
    expect(filedAgain?.reasoning).toContain(
      `A feature of the same words was done as ${ref} on 2026-11-21 ('Subscription admin dashboard'): if this is that work again, \`goalpost feature drop ${again.id} --reason "done as ${ref}"\` takes it out of the backlog`,
    );
    // Work that reads as nothing done says nothing of the kind.
    const other = card(GRADEBOOK);
    expect(other).toBeDefined();
    expect(other?.reasoning.join('\n')).not.toContain('same words was done');
    // Taken out as the card says, it is no second piece of work shipped: the open work is valued
    // as it was before it was filed again (set done, it took a share of the gap as shipped work).
    await run('feature', 'drop', String(again.id), '--reason', `done as ${ref}`);
    const after = (await dryRun()).tasks;
    expect(after.map((t) => t.title)).not.toContain(
      "Build 'subscription admin dashboards!' for Basic EDU Apps",
    );
    expect(after.find((t) => t.title === GRADEBOOK)?.revenueImpact).toBe(before?.revenueImpact);
  });
});

import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
let cli: ReturnType<typeof cliFor>;

beforeEach(async () => {
  cli = cliFor(join(tempDir(), 'g.db'));
  await cli('init', '--demo');
});

// Architect Dashboard was added as a free tool; it has started to sell. Its lead says so.
describe('project set --revenue-bearing', () => {
  it("puts a project's work on the revenue gap, and takes it off again", async () => {
    const dryRun = async () =>
      (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<{
        tasks: Array<{ title: string; revenueImpact: number }>;
      }>();
    const alerting = "Finish 'Alerting' for Architect Dashboard";
    expect((await dryRun()).tasks.find((t) => t.title === alerting)?.revenueImpact).toBe(0);

    expect((await cli('project', 'set', 'Architect Dashboard', '--revenue-bearing')).stdout).toBe(
      'Project "Architect Dashboard" is active, on automation, revenue-bearing: its work shares the revenue gap (proposals made from it are valued again by the next saved plan).\n',
    );
    const listed = (await cli('project', 'list', '--json')).json<
      Array<{ name: string; revenueBearing: boolean }>
    >();
    expect(listed.find((p) => p.name === 'Architect Dashboard')?.revenueBearing).toBe(true);
    expect((await dryRun()).tasks.find((t) => t.title === alerting)?.revenueImpact).toBeGreaterThan(0);

    await cli('project', 'set', 'Architect Dashboard', '--no-revenue-bearing');
    expect((await dryRun()).tasks.find((t) => t.title === alerting)?.revenueImpact).toBe(0);
  });
});

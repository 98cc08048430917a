import { describe, expect, it } from 'vitest';
import type { QueueView } from '../../src/index.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { usePlantedTeam } from '../helpers/planted-team.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const open = usePlantedTeam(useTempDir());

describe('goalpost queue, claim and fail with prerequisites', () => {
  it('names what a task waits for, and says what failing the prerequisite released', async () => {
    const g = open();
    plantTasks(g, 'default', [
      { title: 'Get the payment API key', assignee: 'bot2' },
      { title: 'Charge cards', after: ['T-1'] },
    ]);
    const cli = cliFor(g.dbPath);
    for (const ref of ['T-1', 'T-2']) expect((await cli('approve', ref)).code).toBe(0);

    const queue = await cli('queue');
    expect(queue.stdout).toMatch(/^ref\s+pri\s+routed to\s+waits for\s+title$/m);
    expect(queue.stdout).toMatch(/^T-1\s+5\s+bot2\s+—\s+Get the payment API key$/m);
    expect(queue.stdout).toMatch(/^T-2\s+5\s+nobody yet\s+T-1 \(approved\)\s+Charge cards$/m);
    expect((await cli('queue', '--json')).json<QueueView>().blocked).toEqual([
      {
        ref: 'T-2',
        assignee: null,
        waitsFor: [{ ref: 'T-1', title: 'Get the payment API key', status: 'approved' }],
        paused: null,
        projectDone: null,
        reason: 'T-2 waits for T-1 (approved)',
      },
    ]);
    expect((await cli('queue', 'claim', '--assignee', 'bot1')).stdout.trim()).toBe(
      'Nothing claimed: no approved task is ready for bot1: T-2 waits for T-1 (approved).',
    );

    const failed = await cli('fail', 'T-1', '--reason', 'exit 2: missing API key');
    expect(failed.stdout.trim()).toBe(
      [
        'T-1 is now failed: Get the payment API key',
        '  T-1 failed (exit 2: missing API key): T-2 no longer waits for it and needs a new decision',
      ].join('\n'),
    );
    expect((await cli('queue')).stdout).toMatch(/Waiting \(approved\):\n {2}none\n?$/);
    expect((await cli('tasks', '--status', 'proposed')).stdout).toMatch(/T-2\b.*Charge cards/);
  });
});

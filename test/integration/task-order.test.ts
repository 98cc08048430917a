import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.js';
import { OPERATOR } from '../helpers/goalpost-fixture.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const startApi = useApi(tempDir);

const refs = (tasks: Array<{ ref: string }>) => tasks.map((t) => t.ref);

describe('every task, on every surface', () => {
  it('lists open work highest priority first, then what was decided, the latest first', async () => {
    // A week of the demo: Monday's batch of three, one shipped Tuesday, one rejected Wednesday; on
    // Thursday the top-up proposes more. A done task's priority was set against Monday's batch.
    const db = join(tempDir(), 'goalpost.db');
    const on = (day: string) => cliFor(db, `2026-11-${day}T09:00:00Z`);
    await runEach(on('23'), [
      ['init', '--demo'],
      ['generate', '--max-tasks', '3'],
    ]);
    await runEach(on('24'), [
      ['approve', 'T-1'],
      ['done', 'T-1'],
    ]);
    await runEach(on('25'), [['reject', 'T-2', '--reason', 'not this quarter']]);
    await runEach(on('26'), [
      ['approve', 'T-3'],
      ['generate', '--max-tasks', '3'],
    ]);

    const all = (await on('26')('tasks', '--status', 'all', '--json')).json<Task[]>();
    const open = all.filter((t) => ['proposed', 'approved', 'in_progress'].includes(t.status));
    // The open ones first, highest priority first…
    expect(refs(all.slice(0, open.length))).toEqual(
      refs(
        [...open].sort((a, b) => b.priority - a.priority || Number(a.ref.slice(2)) - Number(b.ref.slice(2))),
      ),
    );
    // …then Wednesday's rejection before Tuesday's shipped task, whatever their priorities.
    expect(refs(all.slice(open.length))).toEqual(['T-2', 'T-1']);
    expect(all.find((t) => t.ref === 'T-1')?.priority).toBeGreaterThan(
      Math.min(...open.map((t) => t.priority)),
    );

    // Asked for closed statuses alone, the same order: what a reader of the week's history wants.
    const closed = (await on('26')('tasks', 'done', 'rejected', '--json')).json<Task[]>();
    expect(refs(closed)).toEqual(['T-2', 'T-1']);
    // And a limit keeps the open work.
    const firstTwo = (await on('26')('tasks', '--status', 'all', '--limit', '2', '--json')).json<Task[]>();
    expect(refs(firstTwo)).toEqual(refs(all.slice(0, 2)));
  });

  it('lists alike on the HTTP API and in chat as on the command line', async () => {
    const api = await startApi();
    await api.generate(3);
    const cli = cliFor(api.dbPath);
    await runEach(cli, [
      ['approve', 'T-1'],
      ['done', 'T-1'],
      ['reject', 'T-2', '--reason', 'not now'],
    ]);
    await api.generate(4);
    const expected = refs((await cli('tasks', '--status', 'all', '--json')).json<Task[]>());
    expect(expected.slice(-2)).toEqual(['T-2', 'T-1']);
    const http = await api.call('GET', '/api/tasks', { token: api.tokens.member });
    expect(refs((http.json as { tasks: Task[] }).tasks)).toEqual(expected);
    // Chat's `/goalpost tasks all` lists summaries, in the same order.
    expect(refs(api.app.tasks.summaries(OPERATOR, { status: ['all'] }))).toEqual(expected);
  });
});

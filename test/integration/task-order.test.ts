import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.js';
import { OPERATOR } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const startApi = useApi(tempDir);

const seq = (ref: string): number => Number(ref.slice(2));

describe('every task, on every surface', () => {
  it('is listed highest priority first, ties by ref, whatever the statuses', async () => {
    const api = await startApi();
    await api.generate(3);
    api.app.decisions.decide(OPERATOR, { ref: 'T-1', action: 'approve' });
    api.app.decisions.decide(OPERATOR, { ref: 'T-2', action: 'reject', note: 'not now' });
    await api.generate(4);
    const all = api.app.tasks.list(OPERATOR, { status: ['open', 'rejected'] });
    const expected = [...all]
      .sort((a, b) => b.priority - a.priority || seq(a.ref) - seq(b.ref))
      .map((t) => t.ref);
    // Newest first would differ: the top-up brings later refs of lower priority.
    expect(expected).not.toEqual([...all].sort((a, b) => seq(b.ref) - seq(a.ref)).map((t) => t.ref));

    const http = await api.call('GET', '/api/tasks', { token: api.tokens.member });
    expect((http.json as { tasks: Task[] }).tasks.map((t) => t.ref)).toEqual(expected);
    const cli = await cliFor(api.dbPath)('tasks', '--status', 'all', '--json');
    expect(cli.json<Task[]>().map((t) => t.ref)).toEqual(expected);
  });
});

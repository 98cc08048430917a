import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

interface TaskRow {
  ref: string;
  title: string;
  status: string;
}

describe('closing a feature or bug by hand', () => {
  it('withdraws the tasks still proposed from it, and names those approved or under way', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = cliFor(db);
    await cli('init', '--demo');
    expect(
      (await cli('bug', 'add', 'Basic EDU Apps', 'Checkout crashes', '--severity', 'critical')).code,
    ).toBe(0);
    await cli('generate', '--max-tasks', '5');
    const tasks = async () => (await cli('tasks', '--status', 'all', '--json')).json<TaskRow[]>();
    const titled = async (words: string) => (await tasks()).find((t) => t.title.includes(words));
    const fix = await titled("'Checkout crashes'");
    const checkout = await titled("'Stripe checkout for subscription tiers'");
    expect(fix?.status).toBe('proposed');
    expect(checkout?.status).toBe('proposed');
    await cli('approve', checkout?.ref ?? '');

    // The bug was fixed outside Goalpost: its proposal goes, rather than waiting to be approved.
    const bugs = (await cli('bug', 'list', '--json')).json<{ bugs: Array<{ id: number; title: string }> }>();
    const bug = bugs.bugs.find((b) => b.title === 'Checkout crashes');
    const fixed = await cli('bug', 'set', String(bug?.id), 'fixed');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toBe(
      `Bug ${bug?.id} is now fixed.\n${fix?.ref}, still proposed from it, is withdrawn (cancelled).\n`,
    );
    expect((await titled("'Checkout crashes'"))?.status).toBe('cancelled');
    // Said again, it changes nothing, and says so: the date it was fixed stays the first one.
    const fixedAt = async () =>
      (await cli('bug', 'list', '--json'))
        .json<{ bugs: Array<{ id: number; updatedAt: string }> }>()
        .bugs.find((b) => b.id === bug?.id)?.updatedAt;
    const first = await fixedAt();
    // A day later, so a rewritten date would show.
    const again = await cliFor(db, '2026-11-22T10:00:00Z')('bug', 'set', String(bug?.id), 'fixed');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Bug ${bug?.id} was already fixed; nothing changed.\n`);
    expect(await fixedAt()).toBe(first);
    const shown = (await cli('task', 'show', fix?.ref ?? '', '--json')).json<{
      events: Array<{ note: string | null }>;
    }>();
    expect(shown.events.at(-1)?.note).toBe(`bug ${bug?.id} was marked fixed`);

    // Approved work is the team's: named, left as it is.
    const features = (await cli('project', 'show', 'Basic EDU Apps', '--json')).json<{
      features: Array<{ id: number; title: string }>;
    }>();
    const feature = features.features.find((f) => f.title === 'Stripe checkout for subscription tiers');
    const done = await cli('feature', 'set', String(feature?.id), 'done');
    expect(done.stdout).toContain(
      `${checkout?.ref} is approved or under way on it: \`goalpost done ${checkout?.ref}\``,
    );
    expect((await titled("'Stripe checkout for subscription tiers'"))?.status).toBe('approved');

    const next = (await cli('generate', '--dry-run', '--max-tasks', '10', '--json')).json<{
      tasks: Array<{ title: string }>;
    }>();
    expect(next.tasks.map((t) => t.title).join('\n')).not.toMatch(/Checkout crashes|Stripe checkout/);
  });

  it('offers only cancelling the approved work on a bug that will not be fixed', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    await cli('bug', 'add', 'Basic EDU Apps', 'Checkout crashes', '--severity', 'critical');
    await cli('generate', '--max-tasks', '5');
    const fix = (await cli('tasks', '--json'))
      .json<TaskRow[]>()
      .find((t) => t.title.includes('Checkout crashes'));
    await cli('approve', fix?.ref ?? '');
    const bugs = (await cli('bug', 'list', '--json')).json<{ bugs: Array<{ id: number; title: string }> }>();
    const id = bugs.bugs.find((b) => b.title === 'Checkout crashes')?.id;
    const wontfix = await cli('bug', 'set', String(id), 'wontfix');
    expect(wontfix.stdout).toBe(
      `Bug ${id} is now wontfix.\n${fix?.ref} is approved or under way on it: \`goalpost cancel ${fix?.ref}\`, as the bug will not be fixed.\n`,
    );
  });

  it('leaves the tasks of a feature moved back to planned as they are', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    await cli('generate', '--max-tasks', '5');
    const before = (await cli('tasks', '--status', 'all', '--json')).json<TaskRow[]>();
    const moved = await cli('feature', 'set', '1', 'planned');
    expect(moved.stdout).toBe('Feature 1 is now planned.\n');
    expect((await cli('tasks', '--status', 'all', '--json')).json<TaskRow[]>()).toEqual(before);
  });
});

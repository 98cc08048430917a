import { describe, expect, it } from 'vitest';
import type { DigestHeaderView, Reply } from '../../src/index.js';
import { chatHarness } from '../helpers/chat.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const admin = declaredCtx({ workspaceId: 'default', actor: 'console:ana', source: 'console', role: 'admin' });
const header = (r: Reply) => r.messages.find((m): m is DigestHeaderView => m.kind === 'digest_header');

describe('the digest proposes no more than the team has room for', () => {
  it('sizes the batch to the free slots, says why, and proposes none when every slot is busy', async () => {
    const chat = chatHarness(tempDir());
    chat.app.assignees.add(admin, { name: 'bo', kind: 'person', capacity: 2 });
    chat.app.assignees.add(admin, { name: 'dev_worker1', kind: 'worker', capacity: 3 });
    // A backlog longer than any batch, so the room the team has is what limits it.
    for (const title of [
      'Class roster import',
      'Parent messages',
      'Grade export',
      'Attendance',
      'Timetable',
      'Quiz bank',
    ])
      chat.app.projects.addFeature(admin, 'Basic EDU Apps', { title });
    // Five slots, none busy: the configured cap of 5.
    const first = header(await chat.say('ana', 'digest'));
    expect(first?.batch).toEqual({ id: 1, number: 1, proposed: 5, newTasks: 5, duplicates: 0, heldBack: 0 });
    const proposed = chat.app.tasks.list(admin, { status: ['proposed'] });
    // Three approved and assigned; the other two rejected.
    for (const [i, t] of proposed.entries()) {
      if (i < 3) {
        await chat.say('ana', `approve ${t.ref}`);
        await chat.say('ana', `assign ${t.ref} ${i === 0 ? 'bo' : 'dev_worker1'}`);
      } else {
        await chat.say('ana', `reject ${t.ref} not now`);
      }
    }
    const second = header(await chat.say('ana', 'digest'));
    expect(second?.batch).toMatchObject({
      newTasks: 2,
      proposed: 2,
      capacity: 'Room for 2 tasks today: the team has 3 of 5 slots busy',
    });
    // bo away: their two slots are not the team's today, and the task they held goes to
    // dev_worker1, the one at work, filling its last slot.
    await chat.say('bo', 'away until 2026-12-01');
    expect(chat.app.tasks.show(admin, proposed[0]?.ref).task.assignee).toBe('dev_worker1');
    for (const t of chat.app.tasks.list(admin, { status: ['proposed'] }))
      await chat.say('ana', `reject ${t.ref} later`);
    const third = header(await chat.say('ana', 'digest'));
    expect(third?.batch).toMatchObject({
      newTasks: 0,
      capacity: 'No room for new tasks today: the team has 3 of 3 slots busy',
    });
    chat.close();
  });

  it('names the command that gives work to someone as the command line’s, in chat', async () => {
    const chat = chatHarness(tempDir());
    // ana works on the dashboard only: nobody at work takes the EDU app's work.
    chat.app.assignees.add(admin, {
      name: 'ana',
      kind: 'person',
      capacity: 1,
      projects: ['Architect Dashboard'],
    });
    const room = header(await chat.say('ana', 'digest --max-tasks 3'))?.batch.capacity ?? '';
    // Chat has no `assignee set`: until 2026-12-05 the header named it bare, as if chat took it.
    expect(room).toContain(
      '(`goalpost assignee set <name> --project "Basic EDU Apps"` on the command line gives it to someone',
    );
    chat.close();
  });

  // A lead does not let a critical bug wait for the team to decide on lesser work first.
  it('proposes a critical bug that lands while the proposals awaiting a decision fill the cap', async () => {
    const chat = chatHarness(tempDir());
    for (const title of ['Class roster import', 'Parent messages', 'Grade export', 'Attendance'])
      chat.app.projects.addFeature(admin, 'Basic EDU Apps', { title });
    const first = header(await chat.say('ana', 'digest'));
    expect(first?.batch).toMatchObject({ newTasks: 5, proposed: 5 });
    // Topping up: nothing new while the five await a decision.
    expect(header(await chat.say('ana', 'digest'))?.batch).toMatchObject({ newTasks: 0, proposed: 5 });
    chat.app.projects.addBug(admin, 'Basic EDU Apps', {
      title: 'Checkout crashes on Safari',
      severity: 'critical',
    });
    const next = await chat.say('ana', 'digest');
    expect(header(next)?.batch).toMatchObject({ newTasks: 1, proposed: 6 });
    const cards = next.messages.flatMap((m) => (m.kind === 'task' ? [m.card.title] : []));
    expect(cards[0]).toBe("Fix 'Checkout crashes on Safari' in Basic EDU Apps");
    chat.close();
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueueView, Task } from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

// A lead pauses a project: its work stops. A worker agent must not pick up an approved task of it,
// and the lead is told which of its tasks are left open, and how to resume or end them.
describe('work of a paused project', () => {
  async function approvedOnBasicEduApps() {
    const cli = cliFor(join(tempDir(), 'goalpost.db'));
    expect((await cli('init', '--demo')).code).toBe(0);
    expect((await cli('assignee', 'add', 'agent7', '--kind', 'worker')).code).toBe(0);
    expect((await cli('generate', '--max-tasks', '3')).code).toBe(0);
    const tasks = (await cli('tasks', '--json')).json<Task[]>();
    const first = tasks.find((t) => t.projectName === 'Basic EDU Apps');
    if (!first) throw new Error('no task for Basic EDU Apps');
    expect((await cli('approve', first.ref)).code).toBe(0);
    return { cli, first, open: tasks.filter((t) => t.projectName === 'Basic EDU Apps') };
  }

  it('is not handed out by the queue while the project is paused, and is again once it is active', async () => {
    const { cli, first } = await approvedOnBasicEduApps();
    expect((await cli('project', 'set', 'Basic EDU Apps', 'paused')).code).toBe(0);
    const waiting = await cli('queue', 'claim', '--assignee', 'agent7');
    expect(waiting.stdout).toContain(`${first.ref} waits while Basic EDU Apps is paused`);
    expect((await cli('task', 'show', first.ref, '--json')).json<{ task: Task }>().task.status).toBe(
      'approved',
    );
    // The queue's view says what it waits for.
    expect((await cli('queue')).stdout).toMatch(
      new RegExp(`${first.ref} +\\d+ +agent7 +Basic EDU Apps \\(paused\\)`),
    );
    expect((await cli('project', 'set', 'Basic EDU Apps', 'active')).code).toBe(0);
    expect((await cli('queue', 'claim', '--assignee', 'agent7')).stdout).toContain(first.ref);
  });

  it('is not handed out once the project is done, and says so as it is marked done', async () => {
    const { cli, first, open } = await approvedOnBasicEduApps();
    const done = await cli('project', 'set', 'Basic EDU Apps', 'done');
    expect(done.stdout).toContain(
      `Its tasks not yet started are not handed out now it is done: ${first.ref} (approved, routed to agent7)`,
    );
    for (const t of open) expect(done.stdout).toContain(t.ref);
    expect(done.stdout).toContain('goalpost project set "Basic EDU Apps" active` hands them out again');
    const claim = await cli('queue', 'claim', '--assignee', 'agent7');
    expect(claim.stdout).toContain(`${first.ref} is not handed out: Basic EDU Apps is done`);
    expect((await cli('task', 'show', first.ref, '--json')).json<{ task: Task }>().task.status).toBe(
      'approved',
    );
    expect((await cli('queue')).stdout).toMatch(
      new RegExp(`${first.ref} +\\d+ +agent7 +Basic EDU Apps \\(done\\)`),
    );
    const blocked = (await cli('queue', '--json')).json<QueueView>().blocked;
    expect(blocked.find((b) => b.ref === first.ref)).toMatchObject({
      paused: null,
      projectDone: 'Basic EDU Apps',
    });
    // Set active again, it is handed out.
    expect((await cli('project', 'set', 'Basic EDU Apps', 'active')).code).toBe(0);
    expect((await cli('queue', 'claim', '--assignee', 'agent7')).stdout).toContain(first.ref);
  });

  it('says, as the project is paused, which of its tasks are left open and how to resume or end them', async () => {
    const { cli, first, open } = await approvedOnBasicEduApps();
    const paused = await cli('project', 'set', 'Basic EDU Apps', 'paused');
    expect(paused.stdout).toContain('Project "Basic EDU Apps" is paused');
    expect(paused.stdout).toContain(`${first.ref} (approved, routed to agent7)`);
    for (const t of open) expect(paused.stdout).toContain(t.ref);
    expect(paused.stdout).toContain('wait while it is paused (the queue hands out none of them)');
    expect(paused.stdout).toContain('goalpost project set "Basic EDU Apps" active');
    // Work a worker holds is not said to wait: it keeps going.
    expect((await cli('project', 'set', 'Basic EDU Apps', 'active')).code).toBe(0);
    const claimed = await cli('queue', 'claim', '--assignee', 'agent7');
    expect(claimed.stdout).toContain(first.ref);
    const again = await cli('project', 'set', 'Basic EDU Apps', 'paused');
    expect(again.stdout).toContain(
      `Under way, these keep going until done or failed: ${first.ref} (in progress, routed to agent7)`,
    );
    expect(again.stdout).not.toMatch(new RegExp(`wait while it is paused[^\\n]*${first.ref} \\(`));
    // Asked to approve it again, the reply names the worker that claimed it, not who ran the claim.
    expect((await cli('approve', first.ref)).stderr).toMatch(/it is in progress .*; claimed by agent7 at /);
    // A project with nothing open: its pause says only that.
    expect((await cli('project', 'add', 'Docs Site', '--focus', 'automation')).code).toBe(0);
    expect((await cli('project', 'set', 'Docs Site', 'paused')).stdout).toBe(
      'Project "Docs Site" is paused, on automation.\n',
    );
  });

  it("is not routed again by the next plan while its project is paused: nobody's slots go to it", async () => {
    const db = join(tempDir(), 'goalpost.db');
    const cli = cliFor(db);
    expect((await cli('init', '--demo')).code).toBe(0);
    // Proposed before the team had anyone: every proposal waits, held by nobody.
    expect((await cli('generate')).code).toBe(0);
    const proposals = (await cli('tasks', '--json')).json<Task[]>();
    const orchestrator = proposals.filter((t) => t.projectName === 'Self-Healing Orchestrator');
    expect(orchestrator.length).toBeGreaterThan(0);
    expect((await cli('project', 'set', 'Self-Healing Orchestrator', 'paused')).code).toBe(0);
    expect((await cli('assignee', 'add', 'ana', '--capacity', '9')).code).toBe(0);
    const tomorrow = cliFor(db, '2026-11-22T09:00:00Z');
    const next = (await tomorrow('generate', '--json')).json<{
      routed: Array<{ ref: string; assignee: string | null }>;
    }>();
    const routed = next.routed.map((r) => r.ref);
    // The active projects' waiting proposals go to ana; the paused project's stay with nobody.
    expect(routed.length).toBeGreaterThan(0);
    for (const t of orchestrator) expect(routed).not.toContain(t.ref);
    for (const t of orchestrator)
      expect((await cli('task', 'show', t.ref, '--json')).json<{ task: Task }>().task.assignee).toBeNull();
  });
});

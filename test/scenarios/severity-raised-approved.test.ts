import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/watch/chat-watch.js';
import { connect, issue, NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { fix, LEAD, seedTeam, useTeam } from './team.js';

// Pagewise's team approves the fix of a high bug on Friday; on Monday a customer escalates it and
// the PM relabels the issue P0. A review found the approved task still saying "this high bug" and
// queued as one, while `state` listed the bug as a blocker. A lead expects the approved fix to go
// first from the next sync on, its card saying why, and the queue to hand it out before the rest.
const SIDEBAR = fix('Broken links in sidebar', PAGEWISE);

describe('a bug raised to critical after its fix was approved', () => {
  const team = useTeam();

  /** Friday: the sidebar bug (high) and two features synced, the batch approved; the sidebar fix's ref. */
  function approvedOnFriday() {
    const friday = team.open(NOW);
    seedTeam(friday, spec);
    connect(friday, [
      issue(1, 'Broken links in sidebar', { labels: ['bug', 'P1'] }),
      issue(2, 'Saved searches', {}),
      issue(3, 'Comment threads', {}),
    ]);
    const batch = friday.engine.generate(LEAD, { maxTasks: 5 });
    for (const t of batch.tasks) friday.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    return { friday, ref: batch.tasks.find((t) => t.title === SIDEBAR)?.ref ?? null };
  }

  it('moves its approved task to the front, saying so, from the sync that saw it', () => {
    const { ref } = approvedOnFriday();

    const monday = team.reopen('2026-11-23T09:00:00Z');
    monday.github.ingest(LEAD, REPO, [
      issue(1, 'Broken links in sidebar', { labels: ['bug', 'P0'], updatedAt: '2026-11-23T08:00:00Z' }),
    ]);
    const { task, events } = monday.tasks.show(LEAD, ref);
    expect(task.status).toBe('approved');
    expect(task.facts.severity).toBe('critical');
    expect(task.reasoning).toContain(
      `Severity on GitHub now: critical (${REPO}#1), high when it was proposed`,
    );
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'severity_changed' });
    // What the chat watch posts to the task's thread.
    if (last === undefined) throw new Error('no event');
    expect(describeEvent({ ...last, workspaceId: LEAD.workspaceId, ref: ref ?? '', title: task.title })).toBe(
      `🚨 ${ref} is a critical bug on GitHub now (${REPO}#1), high when it was proposed: it goes first — ${SIDEBAR}`,
    );

    // The next plan puts it first on its scale, and the queue hands it out first.
    monday.engine.generate(LEAD, { maxTasks: 5 });
    const approved = monday.tasks.list(LEAD, { status: ['approved'] });
    const top = Math.max(...approved.map((t) => t.priority));
    expect(monday.tasks.show(LEAD, ref).task.priority).toBe(top);
    expect(approved[0]?.ref).toBe(ref);
  });

  // A review's VAT bug, approved while high, was relabelled low on GitHub: the queue still handed it
  // out before the approved feature work.
  it('moves a fix lowered to a low bug behind the approved real work from the next plan', () => {
    const { friday, ref } = approvedOnFriday();
    expect(friday.tasks.list(LEAD, { status: ['approved'] })[0]?.ref).toBe(ref);

    const monday = team.reopen('2026-11-23T09:00:00Z');
    monday.github.ingest(LEAD, REPO, [
      issue(1, 'Broken links in sidebar', { labels: ['bug', 'P3'], updatedAt: '2026-11-23T08:00:00Z' }),
    ]);
    expect(monday.tasks.show(LEAD, ref).task.reasoning).toContain(
      `Severity on GitHub now: low (${REPO}#1), high when it was proposed`,
    );
    monday.engine.generate(LEAD, { maxTasks: 5 });
    const approved = monday.tasks.list(LEAD, { status: ['approved'] });
    expect(approved.at(-1)?.ref).toBe(ref);
    const features = approved.filter((t) => t.ref !== ref);
    expect(features.length).toBeGreaterThan(0);
    for (const t of features)
      expect(t.priority, t.title).toBeGreaterThan(monday.tasks.show(LEAD, ref).task.priority);
  });
});

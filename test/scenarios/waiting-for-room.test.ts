import { describe, expect, it } from 'vitest';
import type { DigestHeaderView } from '../../src/domain/reply.js';
import { digestReply } from '../../src/views/digest.js';
import { fix, LEAD, NOW, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review's tutoring team had the week's features awaiting a decision, holding every free slot,
// when a teacher reported that quiz results could not be exported: a high bug, filed on GitHub,
// the best-scoring work of the backlog. The morning's plan proposed nothing ("0 proposed (room for
// 0 beside those awaiting a decision), 11 left for want of room"), and the digest the lead reads
// named the bug nowhere. A lead expects to hear of it, and what makes room for it.
const APP = 'Tutorly';
const SPEC: TeamSpec = {
  vision: {
    statement: 'Tutoring schools pay for',
    primary_goal: 'Reach $3,000 MRR',
    focus_areas: ['retention'],
    revenue_targets: { '2027-03': 3000 },
  },
  projects: [
    {
      name: APP,
      revenueBearing: true,
      focus: ['retention'],
      features: [
        ['Dark mode', 'planned'],
        ['Print-friendly worksheets', 'planned'],
      ],
    },
  ],
  revenue: [{ project: APP, month: '2026-10', actual: 1500 }],
};

const suggestionsOn = (app: Parameters<typeof digestReply>[0], date: string) =>
  (digestReply(app, LEAD, { date }).messages[0] as DigestHeaderView).suggestions;

describe('work that waits for the room undecided proposals hold', () => {
  const team = useTeam();

  it('is named in the digest when it outscores one of them, with what makes room', () => {
    const monday = team.open(NOW);
    seedTeam(monday, SPEC);
    monday.assignees.add(LEAD, { name: 'ana', kind: 'person', capacity: 2 });
    const first = suggestionsOn(monday, NOW.slice(0, 10));
    expect(first.some((s) => s.includes('waits for room'))).toBe(false);
    const proposed = monday.tasks.list(LEAD, { status: ['proposed'] });
    expect(proposed).toHaveLength(2);

    const tuesday = team.reopen('2026-11-24T09:00:00Z');
    tuesday.projects.addBug(LEAD, APP, { title: "Teachers can't export quiz results", severity: 'high' });
    const weakest = [...proposed].sort((a, b) => a.score - b.score)[0];
    const lines = suggestionsOn(tuesday, '2026-11-24');
    expect(tuesday.tasks.list(LEAD, { status: ['proposed'] })).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^"${fix("Teachers can't export quiz results", APP).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" \\(score \\d+\\.\\d\\) waits for room while ${weakest?.ref} \\(score \\d+\\.\\d\\) awaits a decision: approved, a proposal keeps its slot; rejecting one makes room for it$`,
        ),
      ),
    );

    // Once the lead rejects one, the bug has its room, and the line goes.
    tuesday.decisions.decide(LEAD, { ref: weakest?.ref, action: 'reject', note: 'not now' });
    const after = suggestionsOn(team.reopen('2026-11-24T10:00:00Z'), '2026-11-24');
    expect(after.some((s) => s.includes('waits for room'))).toBe(false);
    expect(
      team
        .reopen('2026-11-24T10:05:00Z')
        .tasks.list(LEAD, { status: ['proposed'] })
        .map((t) => t.title),
    ).toContain(fix("Teachers can't export quiz results", APP));
  });
});

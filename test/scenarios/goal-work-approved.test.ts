import { describe, expect, it } from 'vitest';
import type { DigestHeaderView } from '../../src/domain/reply.js';
import { digestReply } from '../../src/views/digest.js';
import { WEEKLY_INSTALLS } from './tallyo.js';
import { build, LEAD, seedTeam, useTeam } from './team.js';

// A review linked "Windows installer" to its off-track weekly_installs goal and approved it. The
// next morning's digest proposed nothing for the goal, rightly, but said nothing of it either: the
// goal's nudge read "aim for 358 by 2027-01-17" as if nobody worked on it. A lead expects the
// digest to say what the team has under way on a goal that slips, and to stop saying so once that
// work is done (its measurements tell the rest).
const NOW = '2026-12-05T09:00:00Z';
const TOMORROW = '2026-12-06T09:00:00Z';
const INSTALLER = build('Windows installer', 'Tallyo');

function header(app: Parameters<typeof digestReply>[0], date: string): DigestHeaderView {
  return digestReply(app, LEAD, { date }).messages[0] as DigestHeaderView;
}

describe('an off-track goal whose linked work the lead approved', () => {
  const team = useTeam();

  function tallyo() {
    const app = team.open(NOW);
    seedTeam(app, {
      vision: {
        statement: 'Grow Tallyo into the invoicing tool small agencies love',
        primary_goal: 'Grow Tallyo into the invoicing tool small agencies love',
        focus_areas: ['growth'],
        revenue_targets: { '2027-06': 10000 },
      },
      projects: [
        {
          name: 'Tallyo',
          revenueBearing: true,
          focus: [],
          features: [
            ['Recurring invoices', 'planned'],
            ['Client portal', 'planned'],
          ],
        },
      ],
      revenue: [{ project: 'Tallyo', month: '2026-11', actual: 4200 }],
      goals: [WEEKLY_INSTALLS],
    });
    app.projects.addFeature(LEAD, 'Tallyo', { title: 'Windows installer', goal: 'weekly_installs' });
    const installer = app.engine.generate(LEAD, { maxTasks: 5 }).tasks.find((t) => t.title === INSTALLER)
      ?.ref as string;
    app.decisions.decide(LEAD, { ref: installer, action: 'approve' });
    return installer;
  }

  it("names that work in the goal's nudge, and proposes nothing more for the goal", () => {
    const installer = tallyo();
    const app = team.reopen(TOMORROW);
    const nudge = header(app, TOMORROW.slice(0, 10)).suggestions.find((s) => s.startsWith('weekly_installs'));
    expect(nudge).toContain(`${installer} "${INSTALLER}" (approved) works on it`);
    const preview = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(preview.tasks.filter((t) => t.signal === 'goal_off_track')).toEqual([]);
  });

  it('says so in progress, and no more once it is done', () => {
    const installer = tallyo();
    const app = team.reopen(TOMORROW);
    app.decisions.decide(LEAD, { ref: installer, action: 'start' });
    const started = header(app, TOMORROW.slice(0, 10)).suggestions.find((s) =>
      s.startsWith('weekly_installs'),
    );
    expect(started).toContain(`${installer} "${INSTALLER}" (in progress) works on it`);
    app.decisions.decide(LEAD, { ref: installer, action: 'done' });
    const done = header(app, TOMORROW.slice(0, 10)).suggestions.find((s) => s.startsWith('weekly_installs'));
    expect(done).toBeDefined();
    expect(done).not.toContain(installer);
  });
});

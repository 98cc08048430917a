import { describe, expect, it } from 'vitest';
import type { DigestHeaderView } from '../../src/domain/reply.js';
import { digestReply } from '../../src/views/digest.js';
import { LEAD, NOW, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review ran a clinic-scheduling team for two weeks. On the morning June's revenue came in with
// churn up from 3.6 % to 4.1 %, the digest's suggestions were two stalled approvals, a line
// counting eight more, and two goal nudges: five lines, the digest's room, and not a word of the
// churn rise, which `goalpost state` printed the same minute. A lead reads the digest, not the
// state: money that moved since yesterday is news, and comes before reminders.
const APP = 'Lumen';
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

const LUMEN: TeamSpec = {
  vision: {
    statement: 'Scheduling clinics rely on',
    primary_goal: 'Reach $55,000 MRR',
    focus_areas: ['onboarding', 'billing'],
    revenue_targets: { '2027-03': 55_000 },
  },
  projects: [
    {
      name: APP,
      revenueBearing: true,
      focus: ['onboarding', 'billing'],
      features: [
        ['Guided onboarding checklist', 'planned'],
        ['Annual billing plan', 'planned'],
        ['Invoice PDF download', 'planned'],
        ['Multi-location billing', 'planned'],
        ['Google Calendar two-way sync', 'planned'],
        ['Setup wizard import from CSV', 'planned'],
      ],
    },
  ],
  revenue: [
    { project: APP, month: '2026-09', actual: 42_000, subscriptions: 600, churn: 0.036 },
    { project: APP, month: '2026-10', actual: 41_500, subscriptions: 590, churn: 0.041 },
  ],
  goals: [
    {
      metric: 'activation_rate',
      target: 45,
      unit: '%',
      by: '2027-03-31',
      direction: 'up',
      baseline: 38,
      observed: [
        ['2026-10-01T09:00:00Z', 38],
        ['2026-10-15T09:00:00Z', 37],
        ['2026-11-01T09:00:00Z', 36],
        ['2026-11-15T09:00:00Z', 35],
      ],
    },
    {
      metric: 'support_tickets',
      target: 80,
      unit: 'tickets',
      by: '2027-03-31',
      direction: 'down',
      baseline: 120,
      observed: [
        ['2026-10-01T09:00:00Z', 120],
        ['2026-10-15T09:00:00Z', 124],
        ['2026-11-01T09:00:00Z', 129],
        ['2026-11-15T09:00:00Z', 133],
      ],
    },
  ],
};

describe("a digest's suggestions on a busy morning", () => {
  const team = useTeam();

  it('name a churn rise before the reminders of stalled work and goals fill the room', () => {
    const app = team.open();
    seedTeam(app, LUMEN);
    const saturday = app.engine.generate(LEAD, { maxTasks: 5 });
    const approved = saturday.tasks.slice(0, 4);
    for (const t of approved) app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    // Eleven days on, nothing approved has started, and the goals went on slipping.
    const later = team.reopen(day(11));
    const header = digestReply(later, LEAD, { date: day(11).slice(0, 10) }).messages[0] as DigestHeaderView;
    const all = header.suggestions.join('\n');
    expect(all).toContain("Lumen's churn rose from 3.6% to 4.1% in 2026-10");
    // The reminders keep their place beside it: the longest-waiting approval is still named.
    expect(all).toMatch(/approved 11 days ago and not started/);
    expect(header.suggestions.length).toBeLessThanOrEqual(5);
  });
});

// A review's studio paused its legacy CRM, which still earns $4,900 a month; its SSO login broke.
// `goalpost state` listed the blocker, but no batch and no digest said a word: nothing plans a
// paused project's work. A lead expects the digest to say so, and how to plan it again.
describe('a paused product that earns, with a critical bug open', () => {
  const team = useTeam();

  it('is named in the digest, with how to plan its work again', () => {
    const app = team.open();
    seedTeam(app, {
      ...LUMEN,
      projects: [
        ...LUMEN.projects,
        {
          name: 'Oldbook CRM',
          revenueBearing: true,
          focus: [],
          status: 'paused',
          bugs: [['Login fails for SSO users', 'critical']],
        },
      ],
      revenue: [...(LUMEN.revenue ?? []), { project: 'Oldbook CRM', month: '2026-10', actual: 4900 }],
      goals: [],
    });
    const header = digestReply(app, LEAD, { date: NOW.slice(0, 10) }).messages[0] as DigestHeaderView;
    expect(header.suggestions.join('\n')).toContain(
      'Oldbook CRM is paused with a critical bug open while it earns $4,900/month: nothing is planned for a paused project (`goalpost project set "Oldbook CRM" active` plans its work again)',
    );
    // Nor is its work planned: the team paused it.
    expect(
      app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).tasks.some((t) => /SSO/.test(t.title)),
    ).toBe(false);
  });
});

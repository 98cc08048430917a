import { describe, expect, it } from 'vitest';
import type { GenerateResult, Goalpost } from '../../src/index.js';
import { build, type GoalSpec, LEAD, NOW, own, seedTeam, type TeamSpec, useTeam } from './team.js';

// Ledgerline is $1,400 a month short of its March target. Its lead rejects two proposals on the
// first morning: a footer typo fix ("cosmetic, not plan work") and the diagnosis of its slipping
// activation goal ("we know why: the onboarding rewrite ships next week"). November's revenue comes
// in lower, and the gap rises to $2,200. A dip in revenue says nothing about a typo, nor about why
// activation slips: a lead expects neither back before the cooldown ends, and work the team
// changed since (a feature it now ranks high) back as before. A product review found both back the morning
// the revenue came in, "because the revenue gap it shares rose", "because the dollars at stake
// behind it besides any share of the revenue gap rose" (a goal's worth is a part of that gap).
const INVOICING = 'InvoiceFlow';
const TYPO = own('Fix typo in footer', INVOICING);
const DAY = 86_400_000;
const daysLater = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();

const LEDGERLINE: TeamSpec = {
  vision: {
    statement: 'Invoicing small firms trust',
    primary_goal: 'Reach $4k MRR by March',
    focus_areas: ['growth', 'activation'],
    revenue_targets: { '2027-03': 4000 },
  },
  projects: [
    {
      name: INVOICING,
      revenueBearing: true,
      focus: ['growth'],
      features: [
        ['Fix typo in footer', 'planned'],
        ['Recurring invoices', 'planned'],
        ['Client portal', 'planned'],
      ],
      bugs: [['Invoice PDF shows the wrong VAT rate', 'medium']],
    },
  ],
  revenue: [{ project: INVOICING, month: '2026-10', actual: 2600 }],
  goals: [
    {
      metric: 'activation_rate',
      target: 40,
      unit: '%',
      by: '2027-01-31',
      direction: 'up',
      baseline: 20,
      observed: [
        ['2026-11-07T09:00:00Z', 21],
        ['2026-11-14T09:00:00Z', 20],
        ['2026-11-20T09:00:00Z', 20],
      ],
    },
  ],
};

function reject(
  app: Goalpost,
  result: GenerateResult,
  match: (title: string) => boolean,
  note: string,
): string {
  const task = result.tasks.find((t) => match(t.title));
  if (!task?.ref) throw new Error(`not proposed; got: ${result.tasks.map((t) => t.title).join('; ')}`);
  app.decisions.decide(LEAD, { ref: task.ref, action: 'reject', note });
  return task.ref;
}

describe('rejected work when revenue dips', () => {
  const team = useTeam();

  it('stays held: a larger gap is no news about the work the team said no to', () => {
    const app = team.open();
    seedTeam(app, LEDGERLINE);
    const first = app.engine.generate(LEAD, { dryRun: false, maxTasks: 10 });
    // Measured flat for a fortnight, the goal is off track, and its card says so.
    const diagnosed = first.tasks.find(
      (t) => /activation_rate/.test(t.title) && /diagnos|why/i.test(t.title),
    );
    expect(diagnosed?.reasoning).toContainEqual(
      expect.stringMatching(/^Urgency ×[\d.]+: its goal is off track, due in 10 weeks$/),
    );
    expect(diagnosed?.reasoning[0]).toMatch(/^A goal is off track and nothing planned works on it/);
    const typo = reject(app, first, (t) => t === TYPO, 'cosmetic, not plan work');
    const diagnosis = reject(
      app,
      first,
      (t) => /activation_rate/.test(t) && /diagnos|why/i.test(t),
      'we know why: the onboarding rewrite ships next week',
    );

    // Eleven days on, November closed $800 lower: the gap rose from $1,400 to $2,200 a month.
    const later = team.reopen(daysLater(11));
    later.revenue.add(LEAD, { project: INVOICING, actual: 1800, from: '2026-11-01', to: '2026-11-30' });
    const digest = later.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    expect(digest.tasks.map((t) => t.title)).not.toContain(TYPO);
    expect(digest.tasks.some((t) => /activation_rate/.test(t.title) && /diagnos|why/i.test(t.title))).toBe(
      false,
    );
    const held = (ref: string) =>
      digest.skipped.find((s) => s.reason === 'rejected' && s.note?.includes(ref));
    expect(held(typo)?.note).toBe(
      `rejected as ${typo} on 2026-11-21 ('cosmetic, not plan work'); not before 2026-12-21 09:00 UTC unless its facts change`,
    );
    expect(held(diagnosis)?.note).toContain(`rejected as ${diagnosis} on 2026-11-21`);
    // What the dip itself calls for is proposed: finding out why the revenue fell.
    expect(digest.tasks.map((t) => t.title)).toContainEqual(
      expect.stringMatching(/^Find out why InvoiceFlow's revenue fell/),
    );
  });

  // A review found a goal set this morning, one measurement in, called slipping on its card.
  it('says a goal measured once is at risk, not slipping, on the cards of the work it calls for', () => {
    const app = team.open();
    const [activation] = LEDGERLINE.goals ?? [];
    seedTeam(app, {
      ...LEDGERLINE,
      goals: [{ ...(activation as GoalSpec), observed: [['2026-11-21T08:00:00Z', 21]] }],
    });
    const diagnosed = app.engine
      .generate(LEAD, { dryRun: true, maxTasks: 10 })
      .tasks.find((t) => /activation_rate/.test(t.title) && /diagnos|why/i.test(t.title));
    expect(diagnosed?.reasoning[0]).toMatch(/^A goal is at risk and nothing planned works on it/);
    expect(diagnosed?.reasoning).toContainEqual(
      expect.stringMatching(/^Urgency ×[\d.]+: its goal is at risk, due in 10 weeks$/),
    );
  });

  it('brings back work that changed since, revenue dip or not: a feature the team now ranks high', () => {
    const app = team.open();
    seedTeam(app, LEDGERLINE);
    const first = app.engine.generate(LEAD, { dryRun: false, maxTasks: 10 });
    const portal = reject(app, first, (t) => t === build('Client portal', INVOICING), 'not this quarter');
    const later = team.reopen(daysLater(11));
    later.revenue.add(LEAD, { project: INVOICING, actual: 1800, from: '2026-11-01', to: '2026-11-30' });
    const feature = later.projects.features(LEAD).find((f) => f.title === 'Client portal');
    later.items.setPriority(LEAD, String(feature?.id), 'high');
    const back = later.engine
      .generate(LEAD, { dryRun: true, maxTasks: 10 })
      .tasks.find((t) => t.title === build('Client portal', INVOICING));
    expect(back?.reasoning).toContain(
      `Rejected on 2026-11-21 as ${portal} ('not this quarter'); proposed again because the team marked it high priority since`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { STALLWISE, STUDIO } from './stallwise.js';
import { build, LEAD, NOW, seedTeam, useTeam } from './team.js';

// Stallwise linked its onboarding wizard to the active_sellers goal; "Payout schedule settings",
// in the same Seller Studio, serves the goal only by its project's name. A review rejected the
// settings ("not now", held until mid-December), shipped the wizard, and found the settings back
// two days later: "proposed again because it serves a goal off track now (worth $4,200/month to
// it), where it served none when it was rejected", its card saying "it names 'seller'". The goal
// was as far off track when it was rejected; only the work linked to it had shipped.
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();
const PAYOUTS = build('Payout schedule settings', STUDIO);

describe('work naming a goal rejected while linked work served it', () => {
  const team = useTeam();

  it('stays held once the linked work ships, and says its project names the goal', () => {
    const app = team.open();
    seedTeam(app, { ...STALLWISE, projects: [{ name: STUDIO, focus: ['supply'] }] });
    app.projects.addFeature(LEAD, STUDIO, { title: 'Onboarding wizard', goal: 'active_sellers' });
    app.projects.addFeature(LEAD, STUDIO, { title: 'Payout schedule settings' });
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const refOf = (title: string) => first.tasks.find((t) => t.title === title)?.ref;
    app.decisions.decide(LEAD, { ref: refOf(PAYOUTS), action: 'reject', note: 'not now' });
    const wizard = refOf(build('Onboarding wizard', STUDIO));
    for (const action of ['approve', 'start', 'done'] as const)
      app.decisions.decide(LEAD, { ref: wizard, action });

    const later = team.reopen(day(2)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(later.tasks.map((t) => t.title)).not.toContain(PAYOUTS);
    expect(later.skipped.find((s) => s.title === PAYOUTS)?.reason).toBe('rejected');
  });

  it('says on its card that its project names the goal, not its title', () => {
    const app = team.open();
    seedTeam(app, { ...STALLWISE, projects: [{ name: STUDIO, focus: ['supply'] }] });
    app.projects.addFeature(LEAD, STUDIO, { title: 'Payout schedule settings' });
    const task = app.engine
      .generate(LEAD, { dryRun: true, maxTasks: 5 })
      .tasks.find((t) => t.title === PAYOUTS);
    expect(task?.reasoning.join('\n')).toContain("(its project's name, Seller Studio, names 'seller')");
  });
});

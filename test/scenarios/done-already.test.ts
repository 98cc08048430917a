import { describe, expect, it } from 'vitest';
import { renderTransition } from '../../adapters/cli/render-tasks.js';
import { shipwiseVision } from './shipwise.js';
import { build, LEAD, plan, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// A review's lead rejected a proposal "we already did this": the reply offered `feature drop`, and
// on the day its 30-day cooldown ended the work the team had shipped came back at P9, worth $494 a
// month. Another's failed an upgrade prompt "A/B test: users hated it, conversions dropped 12%":
// the next morning it was back at P10, where the same words rejecting it held it for months.
const SHIFTLY = 'Shiftly';
const spec: TeamSpec = {
  vision: shipwiseVision(['activation']),
  projects: [{ name: SHIFTLY, revenueBearing: true, focus: ['activation'] }],
  revenue: [{ project: SHIFTLY, month: '2026-11', actual: 2400 }],
};
const SWAPS = 'Shift swap requests';
const PROMPT = 'In-app upgrade prompt';

describe('work the team says is done already, or that its users judged', () => {
  const team = useTeam();

  function rejected(reason: string) {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, spec);
    const feature = app.projects.addFeature(LEAD, SHIFTLY, { title: SWAPS, estimate: 16 });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    const result = app.decisions.decide(LEAD, { ref: task?.ref, action: 'reject', note: reason });
    return { result, feature };
  }

  it('is held as work done, and the reply says how to mark it done', () => {
    const { result, feature } = rejected('we already did this');
    expect(result.doneSuggested).toBe(true);
    expect(renderTransition(result)).toContain(
      `Done already? \`goalpost feature set ${feature.id} done\` marks it done: its project's completion counts it, and no plan proposes it again.`,
    );
    expect(renderTransition(result)).toContain(
      'unless the work itself changes (held as work its reason says is done already, as long as a rejection is remembered, 240 days)',
    );
    expect(renderTransition(result)).not.toContain('feature drop');
    // Past its 30-day cooldown, still not proposed: it is the same work as work done.
    const later = team.reopen('2027-01-08T09:00:00Z');
    expect(titles(plan(later))).not.toContain(build(SWAPS, SHIFTLY));
  });

  it('is not read as done when the words say the team tried it and it failed', () => {
    const { result } = rejected('we already tried this and nobody used it');
    expect(result.doneSuggested).toBeUndefined();
    expect(rejected('already too busy this month').result.doneSuggested).toBeUndefined();
    expect(rejected('we have already planned this quarter').result.doneSuggested).toBeUndefined();
    expect(rejected('we have it already in the admin panel').result.doneSuggested).toBe(true);
  });

  it('is moved, not disliked, when filed under the wrong product', () => {
    const { result, feature } = rejected('wrong product');
    expect(result.moveSuggested).toBe(true);
    expect(renderTransition(result)).toContain(
      `On the wrong product? \`goalpost feature drop ${feature.id}\` takes it out of "Shiftly"'s backlog, and \`goalpost feature add "<the right product>" "<its title>"\` puts it in the right one's.`,
    );
  });

  function failed(reason: string) {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, SHIFTLY, { title: PROMPT, estimate: 8 });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'approve' });
    return app.decisions.decide(LEAD, { ref: task?.ref, action: 'fail', note: reason });
  }

  it('is held as long as a failure is remembered when its users judged it once it was out', () => {
    const result = failed('A/B test: users hated it, conversions dropped 12%');
    expect(renderTransition(result)).toContain(
      'Plans propose its work again from 2027-02-05 09:00 UTC, the longest a failure is remembered (60 days), as its reason says its users judged the work once it was out.',
    );
    const planAt = (at: string) => titles(plan(team.reopen(at)));
    expect(planAt('2026-12-08T09:00:00Z')).not.toContain(build(PROMPT, SHIFTLY));
    expect(planAt('2027-01-20T09:00:00Z')).not.toContain(build(PROMPT, SHIFTLY));
    expect(planAt('2027-02-06T09:00:00Z')).toContain(build(PROMPT, SHIFTLY));
  });

  it('comes back the next day when its reason says only that the attempt did not work', () => {
    failed("the migration didn't work, CI was red");
    const next = team.reopen('2026-12-08T09:10:00Z');
    expect(titles(plan(next))).toContain(build(PROMPT, SHIFTLY));
  });
});

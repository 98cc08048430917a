import { describe, expect, it } from 'vitest';
import { declaredCtx } from '../helpers/ctx.js';
import { PAGEWISE, spec } from './pagewise.js';
import { LEAD, seedTeam, useTeam } from './team.js';

// A review's team fixed bugs of four to eight hours, and `learn` said they took 22 hours: minutes
// were measured on the clock from the start to done, nights and weekends included. A lead reading
// the routing table expects the time the work took, in the hours the person works.
describe('the minutes an outcome took, measured', () => {
  const team = useTeam();

  /** Ana (a person) and ci_bot (a worker agent) each take a feature; both are started `from` and done `to`. */
  function measure(from: string, to: string, setUp: (app: ReturnType<typeof team.open>) => void = () => {}) {
    const app = team.open('2026-11-19T09:00:00Z');
    seedTeam(app, spec);
    app.assignees.add(LEAD, { name: 'ana', kind: 'person' });
    app.assignees.add(LEAD, { name: 'ci_bot', kind: 'worker' });
    setUp(app);
    for (const title of ['Saved views', 'Bulk export']) app.projects.addFeature(LEAD, PAGEWISE, { title });
    const [a, b] = app.engine.generate(LEAD, { maxTasks: 2 }).tasks;
    const started = team.reopen(from);
    for (const t of [a, b]) {
      started.decisions.decide(LEAD, { ref: t?.ref, action: 'approve' });
      started.decisions.decide(LEAD, { ref: t?.ref, action: 'start' });
    }
    const done = team.reopen(to);
    done.decisions.decide(LEAD, { ref: a?.ref, action: 'done', assignee: 'ana' });
    done.decisions.decide(LEAD, { ref: b?.ref, action: 'done', assignee: 'ci_bot' });
    const minutes = (ref: string | null | undefined) =>
      done.tasks.show(LEAD, ref).events.at(-1)?.data.minutes;
    return { ana: minutes(a?.ref), bot: minutes(b?.ref), app: done };
  }

  it("counts a person's working hours, not the weekend or the nights between", () => {
    // Friday 16:00 to Monday 10:00 UTC: an hour each side of the weekend for ana, who gave no
    // hours (09:00 to 17:00 is counted); the worker agent's clock ran the whole 66 hours.
    const { ana, bot } = measure('2026-11-20T16:00:00Z', '2026-11-23T10:00:00Z', (app) =>
      app.people.setTimeZone(declaredCtx({ ...LEAD, actor: 'console:ana' }), 'UTC'),
    );
    expect(ana).toBe(120);
    expect(bot).toBe(66 * 60);
  });

  it("knows no time for a person's work marked done as it was approved: it was done before", () => {
    const { ana, bot } = measure('2026-11-23T10:00:00Z', '2026-11-23T10:00:20Z');
    expect(ana).toBeNull();
    // A worker agent may well take seconds.
    expect(bot).toBe(0.3);
  });

  it('reads the hours and zone the person gave', () => {
    // Monday 16:00 to Tuesday 11:00 in Berlin, where ana works 09:00 to 17:30: 1.5 h and 2 h.
    const { ana } = measure('2026-11-23T15:00:00Z', '2026-11-24T10:00:00Z', (app) => {
      const ana = declaredCtx({ ...LEAD, actor: 'console:ana' });
      app.people.setTimeZone(ana, 'Europe/Berlin');
      app.people.setHours(ana, '09:00-17:30');
    });
    expect(ana).toBe(210);
  });
});

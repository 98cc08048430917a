import { describe, expect, it } from 'vitest';
import type { Goalpost, Task } from '../../src/index.js';
import { LEAD, NOW, useTeam } from './team.js';

// The EDU demo team proposes three tasks on Saturday and decides none. On Monday a second paid
// product lands with three features of its own, so the $999 gap is shared by more work. A lead
// reading Monday's open list compares the proposals side by side: the same kind of work must show
// the same dollars and stand on one scale of priority, whichever day it was proposed.
const MONDAY = new Date(Date.parse(NOW) + 2 * 86_400_000).toISOString();

const proposed = (app: Goalpost): Task[] => app.tasks.list(LEAD, { status: ['proposed'] });
const feature = (t: Task) => t.item?.kind === 'feature';

describe('open proposals on a later day', () => {
  const team = useTeam();

  function mondayAfterANewProduct(): Goalpost {
    const saturday = team.open();
    saturday.demo.load(LEAD);
    saturday.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const monday = team.reopen(MONDAY);
    monday.projects.add(LEAD, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    for (const title of ['Paid quiz packs', 'Quiz bundles for schools', 'Teacher quiz marketplace']) {
      monday.projects.addFeature(LEAD, 'Quiz Packs', { title, status: 'planned' });
    }
    monday.engine.generate(LEAD, { dryRun: false, maxTasks: 6 });
    return monday;
  }

  it("shows Saturday's proposals at Monday's dollars: equal work, equal dollars", () => {
    const app = mondayAfterANewProduct();
    const open = proposed(app);
    expect(open.map((t) => t.ref)).toEqual(expect.arrayContaining(['T-1', 'T-2', 'T-3']));
    // Every open feature on payment_integration weighs alike: one share of the gap each.
    const planned = open.filter((t) => feature(t) && t.revenueImpact > 0);
    expect(new Set(planned.map((t) => t.projectName))).toEqual(new Set(['Basic EDU Apps', 'Quiz Packs']));
    expect(
      new Set(planned.map((t) => t.revenueImpact)).size,
      planned.map((t) => `${t.ref} $${t.revenueImpact}`).join(', '),
    ).toBe(1);
  });

  it('changes nothing of a proposal when nothing changed: a second digest the same day values it alike', () => {
    const app = team.open();
    app.demo.load(LEAD);
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const value = (t: Task) => [t.ref, t.priority, t.score, t.revenueImpact, t.reasoning, t.facts];
    const morning = proposed(app).map(value);
    const refs = new Set(morning.map(([ref]) => ref));
    // A digest tops up to its cap; generate proposes three more beside them.
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3, topUp: true });
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    expect(
      proposed(app)
        .filter((t) => refs.has(t.ref))
        .map(value),
    ).toEqual(morning);
  });

  it('never claims more than the gap across the open list', () => {
    const app = mondayAfterANewProduct();
    const total = proposed(app).reduce((sum, t) => sum + t.revenueImpact, 0);
    expect(total).toBeLessThanOrEqual(999);
  });

  it('ranks the open proposals on one scale: more score never reads as a lower priority', () => {
    const app = mondayAfterANewProduct();
    const open = proposed(app);
    for (const a of open) {
      for (const b of open) {
        if (a.score > b.score)
          expect(a.priority, `${a.ref} (${a.score}) vs ${b.ref} (${b.score})`).toBeGreaterThanOrEqual(
            b.priority,
          );
      }
    }
  });

  it("says Monday's numbers in a re-valued proposal's reasoning", () => {
    const app = mondayAfterANewProduct();
    const first = proposed(app).find((t) => t.ref === 'T-1');
    if (!first) throw new Error('T-1 is no longer proposed');
    const why = first.reasoning.join('\n');
    // On Saturday the whole gap was Basic EDU Apps'; on Monday it shares it with Quiz Packs.
    expect(why).not.toContain('all of it on Basic EDU Apps');
    expect(why).toMatch(/Basic EDU Apps' \$\d+\/month share of the \$999\/month gap/);
  });
});

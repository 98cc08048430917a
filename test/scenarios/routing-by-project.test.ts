import { describe, expect, it } from 'vitest';
import type { TaskCategory } from '../../src/domain/task.js';
import type { Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { LEDGERLY_REVENUE, LEDGERLY_VISION, MOBILE, WEB } from './ledgerly.js';
import { LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Ledgerly's three people: Ana builds the iOS app, Ben the web app, Cy takes whatever comes. A
// lead's trial found the iOS developer routed the web app's bugs: routing knew who succeeds at a
// category of work, not who works where. A lead expects each product's work to go to whoever
// works on it, a generalist to pick up what a full specialist cannot, and nobody to be handed work
// on a product they do not touch.
const SITE = 'Marketing Site';

const LEDGERLY: TeamSpec = {
  vision: LEDGERLY_VISION,
  projects: [
    {
      name: WEB,
      revenueBearing: true,
      focus: ['growth'],
      features: [['Bank feed for Wise', 'planned']],
      bugs: [['Receipt upload fails over 5 MB', 'high']],
    },
    {
      name: MOBILE,
      revenueBearing: true,
      focus: ['growth'],
      features: [['Scan receipts with the camera', 'planned']],
      bugs: [['Crash on iOS 18 when exporting', 'high']],
    },
    { name: SITE, focus: ['growth'], features: [['Pricing page A/B test', 'planned']] },
  ],
  revenue: LEDGERLY_REVENUE,
};

const on = (tasks: readonly PlannedTask[], project: string) => tasks.filter((t) => t.projectName === project);
const routeLine = (t: PlannedTask) => t.reasoning.find((l) => l.startsWith('Route:')) ?? '';
/**
 * A plan laid out ahead of the team's free slots (`--ignore-capacity`): work nobody with room
 * takes is proposed too, and each card says why it gets nobody. A plan within them leaves it out.
 */
const ahead = (app: Goalpost, maxTasks: number) =>
  app.engine.generate(LEAD, { dryRun: true, maxTasks, ignoreCapacity: true }).tasks as PlannedTask[];

describe('routing by the projects people work on', () => {
  const team = useTeam();

  function seeded(
    people: Array<{ name: string; projects?: string[]; capacity?: number; categories?: TaskCategory[] }>,
  ): Goalpost {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    for (const p of people) app.assignees.add(LEAD, p);
    return app;
  }

  it('gives each product’s work to whoever works on it, saying so', () => {
    const app = seeded([
      { name: 'ana', projects: [MOBILE] },
      { name: 'ben', projects: [WEB] },
      { name: 'cy', projects: [SITE] },
    ]);
    const tasks = plan(app, 10);
    expect(on(tasks, MOBILE).length).toBeGreaterThan(0);
    expect(on(tasks, WEB).length).toBeGreaterThan(0);
    for (const t of on(tasks, MOBILE)) {
      expect(t.assignee, t.title).toBe('ana');
      expect(routeLine(t)).toMatch(/^Route: ana \(works on Ledgerly Mobile\): /);
    }
    for (const t of on(tasks, WEB)) expect(t.assignee, t.title).toBe('ben');
    for (const t of on(tasks, SITE)) expect(t.assignee, t.title).toBe('cy');
  });

  it('hands a full specialist’s work to someone who works on any project, never to another product’s', () => {
    const app = seeded([
      { name: 'ana', projects: [MOBILE], capacity: 1 },
      { name: 'ben', projects: [WEB], capacity: 5 },
      { name: 'cy', capacity: 5 },
    ]);
    const mobile = on(plan(app, 10), MOBILE);
    expect(mobile.length).toBe(2);
    expect(mobile.map((t) => t.assignee).sort()).toEqual(['ana', 'cy']);
    const stood = mobile.find((t) => t.assignee === 'cy') as PlannedTask;
    expect(routeLine(stood)).toMatch(/^Route: ana \(who works on Ledgerly Mobile\) is at capacity; cy: /);
  });

  it('gives work of no project to someone who works on any project while one has room', () => {
    // Everyone has room, and routing goes by the mean: with no records, ties go to the first
    // name, ana, unless who works where decides.
    const app = team.open(undefined, {
      learning: { halfLifeDays: 30, policy: 'greedy', leaseMinutes: 30, maxAttempts: 3, seed: 'scenario' },
    });
    seedTeam(app, LEDGERLY);
    for (const p of [
      { name: 'ana', projects: [MOBILE], capacity: 10 },
      { name: 'ben', projects: [WEB], capacity: 10 },
      { name: 'cy', capacity: 10 },
    ])
      app.assignees.add(LEAD, p);
    // A goal slipping that no item serves: its playbooks' tasks are of no project.
    app.goals.add(LEAD, { metric: 'trial_signups', target: 400, by: '2027-03-31', baseline: 100 });
    app.goals.observe(LEAD, { metric: 'trial_signups', value: 110, at: '2026-11-15' });
    const tasks = plan(app, 10);
    const workspaceWide = tasks.filter((t) => t.projectName === null);
    expect(workspaceWide.length).toBeGreaterThan(0);
    for (const t of workspaceWide) expect(t.assignee, t.title).toBe('cy');
    // The specialists keep their products' work.
    for (const t of on(tasks, MOBILE)) expect(t.assignee, t.title).toBe('ana');
    // `route` answers as for such work.
    expect(app.learning.route(LEAD, 'research').decision?.assignee).toBe('cy');
    // With the generalist full, a specialist with room takes it rather than nobody.
    const full = seeded([
      { name: 'ana', projects: [MOBILE], capacity: 10 },
      { name: 'cy', capacity: 0 },
    ]);
    full.goals.add(LEAD, { metric: 'trial_signups', target: 400, by: '2027-03-31', baseline: 100 });
    full.goals.observe(LEAD, { metric: 'trial_signups', value: 110, at: '2026-11-15' });
    const taken = plan(full, 10).filter((t) => t.projectName === null);
    expect(taken.length).toBeGreaterThan(0);
    expect(taken.every((t) => t.assignee === 'ana')).toBe(true);
  });

  it('suggests nobody for a product nobody works on, and says how to change that', () => {
    const app = seeded([
      { name: 'ana', projects: [MOBILE] },
      { name: 'ben', projects: [WEB] },
    ]);
    // Within the team's room, nobody has a slot for it: left out, and the team line says why.
    const within = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    expect(on(within.tasks as PlannedTask[], SITE)).toEqual([]);
    expect(within.capacity?.note).toMatch(
      /; left out as nobody at work takes it: work on Marketing Site \(`goalpost assignee set <name> --project "Marketing Site"` gives it to someone, with their other projects: --project lists them all\)$/,
    );
    const site = on(ahead(app, 10), SITE);
    expect(site.length).toBeGreaterThan(0);
    for (const t of site) {
      expect(t.assignee).toBeNull();
      expect(routeLine(t)).toBe(
        'Route: nobody works on Marketing Site (`goalpost assignee set <name> --project "Marketing Site"` gives it to someone, with their other projects: --project lists them all), so nobody is suggested',
      );
    }
  });

  it('routes to nobody the waiting work of a project someone stops working on, keeping what is under way', () => {
    const app = seeded([{ name: 'ana', capacity: 10 }]);
    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    const web = on(batch.tasks, WEB);
    const mobile = on(batch.tasks, MOBILE);
    expect(web.length).toBe(2);
    expect([...web, ...mobile].every((t) => t.assignee === 'ana')).toBe(true);
    app.decisions.decide(LEAD, { ref: web[0]?.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: web[1]?.ref, action: 'approve' });
    expect(app.queue.claim(LEAD, 'ana').task?.ref).toBeDefined();
    const held = app.tasks.show(LEAD, web[0]?.ref).task.status === 'in_progress' ? web[0] : web[1];
    const waiting = held === web[0] ? web[1] : web[0];
    const set = app.assignees.set(LEAD, 'ana', { projects: [MOBILE] });
    // Every task of the other projects but the one under way: the approved Web fix, and the rest.
    const others = batch.tasks.filter((t) => t.projectName !== MOBILE && t.projectName !== null);
    expect(set.unassigned.sort()).toEqual(
      others
        .map((t) => t.ref)
        .filter((ref) => ref !== held?.ref)
        .sort(),
    );
    expect(set.unassigned).toContain(waiting?.ref);
    expect(set.stillHolds).toEqual([held?.ref]);
    expect(app.tasks.show(LEAD, waiting?.ref).task.assignee).toBeNull();
    expect(app.tasks.show(LEAD, waiting?.ref).events.at(-1)?.note).toBe(
      'ana no longer works on Ledgerly Web',
    );
    // Its card no longer names her beside no assignee: it says why nobody holds it, and what next.
    expect(app.tasks.show(LEAD, waiting?.ref).task.reasoning.filter((l) => l.startsWith('Route:'))).toEqual([
      'Route: ana no longer works on Ledgerly Web, so nobody holds it: whoever works on its project may claim it from the queue',
    ]);
    const leftProposal = others.find((t) => t.ref !== held?.ref && t.ref !== waiting?.ref);
    expect(
      app.tasks.show(LEAD, leftProposal?.ref ?? null).task.reasoning.filter((l) => l.startsWith('Route:')),
    ).toEqual([
      `Route: ana no longer works on ${leftProposal?.projectName}, so nobody holds it: the next saved plan routes it again`,
    ]);
    // Mobile's work stays hers.
    for (const t of mobile) expect(app.tasks.show(LEAD, t.ref).task.assignee).toBe('ana');
    // Work given her by hand on another project stays hers while her projects do not change.
    expect(app.decisions.assign(LEAD, waiting?.ref, 'ana').outside).toBe(
      'ana works on Ledgerly Mobile, not Ledgerly Web',
    );
    expect(app.assignees.set(LEAD, 'ana', { capacity: 9 }).unassigned).toEqual([]);
    expect(app.tasks.show(LEAD, waiting?.ref).task.assignee).toBe('ana');
  });

  // A team tries Goalpost before adding anyone: the first batch suggests nobody. A lead who then
  // adds the team expects tomorrow's digest to give the proposals still awaiting a decision to
  // whoever works on them, not to leave them saying "no assignees yet" until approved one by one.
  it('routes the proposals still awaiting a decision once someone can take them', () => {
    const app = seeded([]);
    const first = app.engine.generate(LEAD, { maxTasks: 10 });
    expect(first.tasks.length).toBeGreaterThan(3);
    expect(first.tasks.every((t) => t.assignee === null)).toBe(true);
    const mobile = on(first.tasks, MOBILE);
    const web = on(first.tasks, WEB);
    const site = on(first.tasks, SITE);
    expect([mobile.length, web.length, site.length].every((n) => n > 0)).toBe(true);
    app.assignees.add(LEAD, { name: 'ana', projects: [MOBILE] });
    app.assignees.add(LEAD, { name: 'ben', projects: [WEB], capacity: 1 });
    // One proposal given by hand stays where it was put; approved work nobody held is routed too,
    // before the proposals (see approved-unheld.test.ts).
    const byHand = web[0]?.ref as string;
    app.decisions.assign(LEAD, byHand, 'ana');
    const approved = mobile[0]?.ref as string;
    app.decisions.decide(LEAD, { ref: approved, action: 'approve' });

    const second = app.engine.generate(LEAD, { maxTasks: 10 });
    const shown = (ref: string | null) => app.tasks.show(LEAD, ref);
    expect(shown(byHand).task.assignee).toBe('ana');
    expect(shown(approved).task.assignee).toBe('ana');
    for (const t of mobile.slice(1)) {
      const { task, events } = shown(t.ref);
      expect(task.assignee, t.title).toBe('ana');
      const route = task.reasoning.filter((l) => l.startsWith('Route:'));
      expect(route).toHaveLength(1);
      expect(route[0]).toMatch(/^Route: ana \(works on Ledgerly Mobile\): /);
      expect(events.at(-1)?.type).toBe('routed');
      expect(events.at(-1)?.note).toBe(`routed to ana with batch ${second.batchId}`);
    }
    // Ben has room for one: the better of the Web proposals nobody took by hand.
    const webLeft = web.slice(1);
    expect(webLeft.map((t) => shown(t.ref).task.assignee)).toEqual(
      webLeft.map((_, i) => (i === 0 ? 'ben' : null)),
    );
    for (const t of webLeft.slice(1))
      expect(shown(t.ref).task.reasoning.filter((l) => l.startsWith('Route:'))).toEqual([
        'Route: ben (who works on Ledgerly Web) is at capacity, and nobody works on any project, so nobody is suggested',
      ]);
    // Nobody works on the site: its proposals say so now, not that the team has no assignees.
    for (const t of site)
      expect(shown(t.ref).task.reasoning.filter((l) => l.startsWith('Route:'))).toEqual([
        'Route: nobody works on Marketing Site (`goalpost assignee set <name> --project "Marketing Site"` gives it to someone, with their other projects: --project lists them all), so nobody is suggested',
      ]);
    const bySeq = (ts: PlannedTask[]) =>
      [...ts].sort((a, b) => Number(a.ref?.slice(2)) - Number(b.ref?.slice(2)));
    expect(second.routed).toEqual(
      bySeq([...mobile, webLeft[0] as PlannedTask]).map((t) => ({
        ref: t?.ref,
        title: t?.title,
        status: t?.ref === approved ? 'approved' : 'proposed',
        assignee: t?.projectName === MOBILE ? 'ana' : 'ben',
      })),
    );
    // A second plan the same day routes nothing again.
    expect(app.engine.generate(LEAD, { maxTasks: 10 }).routed).toEqual([]);
  });

  it('routes a waiting proposal whose issue is assigned on GitHub to that assignee, saying so', () => {
    const app = seeded([]);
    const plan = app.github.planConnect(LEAD, { repo: 'acme/ledgerly-web', project: WEB });
    app.github.connect(LEAD, plan, {
      fullName: 'acme/ledgerly-web',
      htmlUrl: 'https://github.com/acme/ledgerly-web',
    });
    const issue = openIssue('acme/ledgerly-web', 30, 'Crash on CSV export', {
      labels: ['bug', 'P0'],
      assignee: 'ana-codes',
    });
    app.github.ingest(LEAD, 'acme/ledgerly-web', [issue]);
    const first = app.engine.generate(LEAD, { maxTasks: 10 });
    const crash = first.tasks.find((t) => t.title.includes('CSV export'));
    expect(crash?.assignee).toBeNull();
    // Bob works on the web app with room to spare; the issue is Ana's on GitHub.
    app.assignees.add(LEAD, { name: 'bob', capacity: 20, projects: [WEB] });
    app.assignees.add(LEAD, { name: 'ana', capacity: 20, github: 'ana-codes' });
    const second = app.engine.generate(LEAD, { maxTasks: 10 });
    expect(second.routed).toContainEqual({
      ref: crash?.ref,
      title: crash?.title,
      status: 'proposed',
      assignee: 'ana',
    });
    const { task } = app.tasks.show(LEAD, crash?.ref ?? null);
    expect(task.assignee).toBe('ana');
    expect(task.reasoning.filter((l) => l.startsWith('Route:'))).toEqual([
      'Route: ana: its issue is assigned to @ana-codes on GitHub',
    ]);
  });

  it('lets a worker claim from the queue only the unrouted work of its projects', () => {
    const app = seeded([]);
    const batch = app.engine.generate(LEAD, { maxTasks: 10 });
    for (const t of batch.tasks) app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    expect(batch.tasks.every((t) => t.assignee === null)).toBe(true);
    app.assignees.add(LEAD, { name: 'ios_bot', kind: 'worker', capacity: 10, projects: [MOBILE] });
    const claimed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { task } = app.queue.claim(LEAD, 'ios_bot');
      if (task === null) break;
      claimed.push(task.ref);
    }
    const mobileOrNone = batch.tasks
      .filter((t) => t.projectName === MOBILE || t.projectName === null)
      .map((t) => t.ref);
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.sort()).toEqual(mobileOrNone.sort());
    const others = batch.tasks.length - mobileOrNone.length;
    expect(others).toBeGreaterThan(1);
    expect(app.queue.claim(LEAD, 'ios_bot').reason).toBe(
      `no approved task is waiting for ios_bot (${others} approved tasks of projects ios_bot does not work on wait for others)`,
    );
  });

  it('says nobody works on a product when those who take any project’s work are full, not that everyone is', () => {
    const app = seeded([
      { name: 'ana', projects: [MOBILE] },
      { name: 'cy', capacity: 0 },
    ]);
    for (const t of on(plan(app, 10), SITE)) {
      expect(t.assignee).toBeNull();
      expect(routeLine(t)).toBe(
        'Route: nobody works on Marketing Site, and everyone who works on any project is at capacity, so nobody is suggested',
      );
    }
  });

  // A product lead's review: a card said "lena (who works on Fieldnote Mobile) is at capacity, and
  // nobody works on any project" of a feature, while two people who work on any project took
  // other kinds of work only. What a card says excluded them must be what did.
  it('names those who work on any project but take other kinds of work, not that nobody works on any', () => {
    const app = seeded([
      { name: 'ana', projects: [MOBILE], capacity: 1 },
      { name: 'cy', categories: ['growth', 'research'] },
      { name: 'dee', categories: ['infrastructure'] },
    ]);
    const left = on(ahead(app, 10), MOBILE).filter((t) => t.assignee === null);
    expect(left.length).toBeGreaterThan(0);
    for (const t of left)
      expect(routeLine(t)).toBe(
        `Route: ana (who works on Ledgerly Mobile) is at capacity, and cy, dee (who work on any project) do not take ${t.category} work, so nobody is suggested`,
      );
    // One of them taking it, at capacity: named as such, the other left out.
    const busy = seeded([
      { name: 'ana', projects: [MOBILE], capacity: 1 },
      { name: 'cy', capacity: 0 },
      { name: 'dee', categories: ['infrastructure'] },
    ]);
    const waiting = on(ahead(busy, 10), MOBILE).filter((t) => t.assignee === null);
    expect(waiting.length).toBeGreaterThan(0);
    for (const t of waiting)
      expect(routeLine(t)).toBe(
        'Route: ana (who works on Ledgerly Mobile) is at capacity, and cy (who works on any project) is too, so nobody is suggested',
      );
  });

  // The same review: a research task on Fieldnote Mobile said "nobody works on Fieldnote Mobile"
  // while lena does; she takes feature and bug work only.
  it('says who works on a product but does not take the kind of work, not that nobody works on it', () => {
    const app = seeded([
      { name: 'ana', projects: [MOBILE], categories: ['bugfix'] },
      { name: 'ben', projects: [WEB] },
      { name: 'cy', capacity: 0 },
      { name: 'dee', categories: ['infrastructure'] },
    ]);
    const features = on(ahead(app, 10), MOBILE).filter((t) => t.category === 'feature');
    expect(features.length).toBeGreaterThan(0);
    for (const t of features) {
      expect(t.assignee).toBeNull();
      expect(routeLine(t)).toBe(
        'Route: ana (who works on Ledgerly Mobile) does not take feature work, and cy (who works on any project) is at capacity, so nobody is suggested',
      );
    }
    // Nobody who works on any project taking it either: said so.
    const none = seeded([
      { name: 'ana', projects: [MOBILE], categories: ['bugfix'] },
      { name: 'ben', projects: [WEB] },
      { name: 'dee', categories: ['infrastructure'] },
    ]);
    for (const t of on(ahead(none, 10), MOBILE).filter((t) => t.category === 'feature'))
      expect(routeLine(t)).toBe(
        'Route: ana (who works on Ledgerly Mobile) does not take feature work, and dee (who works on any project) does not take it either, so nobody is suggested',
      );
  });

  it('refuses an unknown project and writes nothing; clears the list with none given', () => {
    const app = seeded([{ name: 'ana' }]);
    expect(() => app.assignees.set(LEAD, 'ana', { projects: [MOBILE, 'Ledgerly Desktop'] })).toThrow(
      /unknown project "Ledgerly Desktop"/,
    );
    expect(app.assignees.list(LEAD)[0]?.projects).toEqual([]);
    expect(() => app.assignees.add(LEAD, { name: 'dee', projects: ['Nope'] })).toThrow(
      /unknown project "Nope"/,
    );
    expect(app.assignees.list(LEAD).map((a) => a.name)).toEqual(['ana']);
    const set = app.assignees.set(LEAD, 'ana', { projects: ['ledgerly mobile', MOBILE, WEB] });
    expect(set.assignee.projects.map((p) => p.name)).toEqual([MOBILE, WEB]);
    expect(set.changed).toEqual([{ field: 'projects', from: null, to: 'Ledgerly Mobile, Ledgerly Web' }]);
    expect(app.assignees.set(LEAD, 'ana', { projects: [] }).changed).toEqual([
      { field: 'projects', from: 'Ledgerly Mobile, Ledgerly Web', to: null },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { BacklogIssue } from '../../src/index.js';
import { connect, issue, NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, LEAD, lines, plan, seedTeam, titles, useTeam } from './team.js';

// Pagewise is behind its revenue target, so every feature of it shares the gap alike. The team
// keeps its backlog on GitHub and ranks it there: the audit log is P0 and, with annual billing
// ('priority: high'), due for the enterprise launch on Wednesday; dark mode is P3 and emoji
// reactions 'low priority'; two more features are not triaged. A lead reading the digest on
// Friday expects the launch work first and the work the team put last not proposed while other
// work waits: the team's own ranking and its deadlines are what it knows best.
const LAUNCH = { title: 'Enterprise launch', dueOn: '2026-11-25T07:00:00Z' };

const AUDIT = build('Audit log for admins', PAGEWISE);
const ANNUAL = build('Annual plans for teams', PAGEWISE);
const DARK = build('Dark mode', PAGEWISE);
const EMOJI = build('Emoji reactions on comments', PAGEWISE);
const SEARCHES = build('Saved searches', PAGEWISE);
const THREADS = build('Comment threads', PAGEWISE);

const backlog: BacklogIssue[] = [
  issue(1, 'Dark mode', { labels: ['P3'] }),
  issue(2, 'Emoji reactions on comments', { labels: ['low priority'] }),
  issue(3, 'Saved searches', {}),
  issue(4, 'Audit log for admins', { labels: ['P0'], milestone: LAUNCH }),
  issue(5, 'Annual plans for teams', { labels: ['priority: high'], milestone: LAUNCH }),
  issue(6, 'Comment threads', {}),
];

describe("the team's own priorities on GitHub", () => {
  const team = useTeam();

  it('puts the launch work it marked P0 and high first, and what it marked low after the rest', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, backlog);

    const batch = plan(app, 4);
    expect(titles(batch).slice(0, 2).sort()).toEqual([ANNUAL, AUDIT].sort());
    expect(titles(batch)).toEqual(expect.arrayContaining([SEARCHES, THREADS]));
    expect(titles(batch)).not.toContain(DARK);
    expect(titles(batch)).not.toContain(EMOJI);

    const audit = batch.find((t) => t.title === AUDIT)?.reasoning ?? [];
    expect(audit).toContain('Team priority ×2.00: the team marked it critical priority on GitHub');
    expect(audit).toContainEqual(expect.stringMatching(/^Score .* × 2\.00 team priority → priority 10$/));
    const annual = batch.find((t) => t.title === ANNUAL)?.reasoning ?? [];
    expect(annual).toContainEqual(
      expect.stringMatching(
        /^Urgency ×1\.\d+: milestone 'Enterprise launch' is due 2026-11-25, in 5 days; the revenue milestone$/,
      ),
    );

    // Everything, to read the cards of the work put last: each says why it waits.
    const all = plan(app, 20);
    const dark = all.find((t) => t.title === DARK);
    expect(dark?.reasoning).toContain('Team priority ×0.50: the team marked it low priority on GitHub');
    expect(titles(all).indexOf(DARK)).toBeGreaterThan(titles(all).indexOf(THREADS));
    expect(titles(all).indexOf(EMOJI)).toBeGreaterThan(titles(all).indexOf(SEARCHES));
    // Its dollars are its share of the gap, as any feature's: the priority moves its rank, not its worth.
    expect(dark?.revenueImpact).toBe(all.find((t) => t.title === SEARCHES)?.revenueImpact);
  });

  // A product review found the invoices' wrong VAT rate, a medium bug scoring six times as much,
  // lowered below the emoji reactions the team itself marked low priority: medium bugs come after
  // the real work, and the team's 'low' said the emoji reactions come after the rest.
  it('puts what it marked low after its medium bugs too, by score among them', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [
      ...backlog,
      issue(7, 'Invoice PDF shows the wrong VAT rate', { labels: ['bug', 'estimate: 1h'] }),
    ]);
    const all = plan(app, 20);
    const vat = all.find((t) => t.title.includes('wrong VAT rate'));
    const emoji = all.find((t) => t.title === EMOJI);
    expect(vat?.score).toBeGreaterThan(emoji?.score ?? Number.POSITIVE_INFINITY);
    expect(titles(all).indexOf(EMOJI)).toBeGreaterThan(titles(all).indexOf(vat?.title ?? ''));
    expect(emoji?.priority).toBeLessThanOrEqual(vat?.priority ?? 0);
    // Still after every feature it did not mark low.
    expect(titles(all).indexOf(EMOJI)).toBeGreaterThan(titles(all).indexOf(SEARCHES));
  });

  it('presses work due this week on a product behind its target more than the target alone', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Saved searches', {}), issue(2, 'Comment threads', { milestone: LAUNCH })]);
    const [first, second] = plan(app, 2);
    expect(first?.title).toBe(THREADS);
    expect(first?.score).toBeGreaterThan(second?.score ?? Number.POSITIVE_INFINITY);
    expect(lines([first].filter((t) => t !== undefined))).toContainEqual(
      expect.stringMatching(
        /^Urgency ×1\.\d+: milestone 'Enterprise launch' is due 2026-11-25, in 5 days; the revenue milestone$/,
      ),
    );
  });

  it('moves a feature when its priority labels change on GitHub', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, backlog);
    // Dark mode is promoted to P1 and the audit log taken off P0: the next sync says so.
    const synced = app.github.ingest(LEAD, REPO, [
      issue(1, 'Dark mode', { labels: ['P1'], updatedAt: '2026-11-20T11:00:00Z' }),
      issue(4, 'Audit log for admins', { labels: [], milestone: LAUNCH, updatedAt: '2026-11-20T11:00:00Z' }),
    ]);
    // Both counted as updated, though only their labels' priority changed.
    expect(synced).toMatchObject({ updated: 2, unchanged: 0 });
    const all = plan(app, 20);
    const dark = all.find((t) => t.title === DARK);
    expect(dark?.reasoning).toContain('Team priority ×1.50: the team marked it high priority on GitHub');
    const audit = all.find((t) => t.title === AUDIT);
    expect(audit?.reasoning.join('\n')).not.toMatch(/critical priority/);
    expect(titles(all).indexOf(DARK)).toBeLessThan(titles(all).indexOf(SEARCHES));
  });
});

// The same team without GitHub types its backlog into Goalpost, and its priorities with it.
describe("the team's own priorities typed into Goalpost", () => {
  const team = useTeam();

  it('presses a feature typed high, puts one typed low after the rest, and refuses one from GitHub', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    const add = (title: string, priority?: string) =>
      app.projects.addFeature(LEAD, PAGEWISE, { title, ...(priority ? { priority } : {}) });
    const dark = add('Dark mode', 'low');
    add('Saved searches');
    const audit = add('Audit log for admins');
    add('Comment threads');

    const before = plan(app, 20);
    expect(titles(before).indexOf(DARK)).toBeGreaterThan(titles(before).indexOf(THREADS));
    expect(before.find((t) => t.title === DARK)?.reasoning).toContain(
      'Team priority ×0.50: the team marked it low priority',
    );

    expect(app.items.setPriority(LEAD, String(audit.id), 'high')).toMatchObject({
      priority: 'high',
      unchanged: false,
    });
    expect(app.items.setPriority(LEAD, String(audit.id), 'high').unchanged).toBe(true);
    const after = plan(app, 20);
    expect(after[0]?.title).toBe(AUDIT);
    expect(after[0]?.reasoning).toContainEqual('Team priority ×1.50: the team marked it high priority');
    // Taken back, the dark mode is ranked by its value alone, as the features no one ranked.
    app.items.setPriority(LEAD, String(dark.id), 'none');
    const dark2 = plan(app, 20).find((t) => t.title === DARK);
    expect(dark2?.reasoning.some((l) => l.startsWith('Team priority'))).toBe(false);

    // A feature from GitHub is ranked by its labels there: typing a priority is refused, unwritten.
    connect(app, [issue(9, 'Export to PDF', { labels: ['P3'] })]);
    const synced = app.projects.features(LEAD).find((f) => f.title === 'Export to PDF');
    expect(() => app.items.setPriority(LEAD, String(synced?.id), 'high')).toThrow(
      /comes from GitHub \(acme\/pagewise#9\): its priority is its labels there .*nothing was changed/,
    );
    const pdf = plan(app, 20).find((t) => t.title === build('Export to PDF', PAGEWISE));
    expect(pdf?.reasoning).toContain('Team priority ×0.50: the team marked it low priority on GitHub');
  });
});

// The lead turns dark mode down for now; a week later the PM marks it P0 on GitHub (a big customer
// asked). Held back for 30 days, it would wait three more weeks behind a label that says drop
// everything: the team's own call on the work brings it back.
describe('work rejected before the team ranked it higher', () => {
  const team = useTeam();

  it('comes back once the team raises its priority, saying so, and not when it lowers it', () => {
    const monday = team.open(NOW);
    seedTeam(monday, spec);
    connect(monday, [
      issue(1, 'Dark mode', { labels: ['P3'] }),
      issue(2, 'Saved searches', { labels: ['P1'] }),
    ]);
    const batch = monday.engine.generate(LEAD, { maxTasks: 5 });
    const ref = (title: string) => batch.tasks.find((t) => t.title === title)?.ref ?? null;
    monday.decisions.decide(LEAD, { ref: ref(DARK), action: 'reject', note: 'not this quarter' });
    monday.decisions.decide(LEAD, { ref: ref(SEARCHES), action: 'reject', note: 'not this quarter' });

    const later = team.reopen('2026-11-27T09:00:00Z');
    expect(titles(plan(later, 5))).not.toContain(DARK);
    later.github.ingest(LEAD, REPO, [
      issue(1, 'Dark mode', { labels: ['P0'], updatedAt: '2026-11-27T08:00:00Z' }),
      issue(2, 'Saved searches', { labels: ['P3'], updatedAt: '2026-11-27T08:00:00Z' }),
    ]);
    const again = plan(later, 5);
    expect(titles(again)).toContain(DARK);
    expect(titles(again)).not.toContain(SEARCHES);
    expect(again.find((t) => t.title === DARK)?.reasoning.join('\n')).toMatch(
      /'not this quarter'\); proposed again because the team raised its priority from low to critical/,
    );
  });

  // A review found emoji reactions rejected as "Not a priority" back the next day "because the
  // team raised its priority from low to none": a `low priority` label taken off is no ranking up,
  // and the team had just said no.
  it('stays held when its low priority is only taken off, or set to medium', () => {
    const monday = team.open(NOW);
    seedTeam(monday, spec);
    connect(monday, [
      issue(1, 'Emoji reactions on comments', { labels: ['low priority'] }),
      issue(2, 'Dark mode', { labels: ['P3'] }),
    ]);
    const batch = monday.engine.generate(LEAD, { maxTasks: 5 });
    for (const title of [EMOJI, DARK]) {
      const ref = batch.tasks.find((t) => t.title === title)?.ref ?? null;
      monday.decisions.decide(LEAD, { ref, action: 'reject', note: 'Not a priority' });
    }
    const later = team.reopen('2026-11-27T09:00:00Z');
    later.github.ingest(LEAD, REPO, [
      issue(1, 'Emoji reactions on comments', { labels: [], updatedAt: '2026-11-27T08:00:00Z' }),
      issue(2, 'Dark mode', { labels: ['P2'], updatedAt: '2026-11-27T08:00:00Z' }),
    ]);
    const held = later.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    expect(titles(held.tasks as never)).not.toContain(EMOJI);
    expect(titles(held.tasks as never)).not.toContain(DARK);
    expect(
      held.skipped
        .filter((s) => s.reason === 'rejected')
        .map((s) => s.title)
        .sort(),
    ).toEqual([DARK, EMOJI].sort());
  });

  it('comes back once the lead types a priority for it', () => {
    const monday = team.open(NOW);
    seedTeam(monday, spec);
    const threads = monday.projects.addFeature(LEAD, PAGEWISE, { title: 'Comment threads' });
    const batch = monday.engine.generate(LEAD, { maxTasks: 5 });
    const ref = batch.tasks.find((t) => t.title === THREADS)?.ref ?? null;
    monday.decisions.decide(LEAD, { ref, action: 'reject', note: 'after the launch' });

    const later = team.reopen('2026-11-27T09:00:00Z');
    expect(titles(plan(later, 5))).not.toContain(THREADS);
    later.items.setPriority(LEAD, String(threads.id), 'high');
    expect(
      plan(later, 5)
        .find((t) => t.title === THREADS)
        ?.reasoning.join('\n'),
    ).toMatch(/proposed again because the team marked it high priority since/);
  });
});

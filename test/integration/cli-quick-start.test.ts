import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { GenerateResult, RevenueRecord, Task, Vision, WorkspaceState } from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** The README's quick start, step by step, on a real database file. */
async function quickStart() {
  const db = join(tempDir(), 'data', 'goalpost.db');
  const cli = cliFor(db);
  expect((await cli('init', '--demo')).code).toBe(0);
  expect((await cli('vision', 'set', 'primary_goal', 'Launch EDU apps with 100 paying users')).code).toBe(0);
  expect(
    (await cli('project', 'add', 'EDU Quiz Builder', '--revenue-bearing', '--focus', 'payment_integration'))
      .code,
  ).toBe(0);
  expect((await cli('feature', 'add', 'EDU Quiz Builder', 'Paid quiz packs')).code).toBe(0);
  expect(
    (await cli('bug', 'add', 'Basic EDU Apps', 'Checkout crashes on Safari', '--severity', 'critical')).code,
  ).toBe(0);
  const revenue = await cli(
    'revenue',
    'add',
    '--project',
    'Basic EDU Apps',
    '--from',
    '2026-10-01',
    '--to',
    '2026-10-31',
    '--actual',
    '420',
    '--subscriptions',
    '14',
  );
  expect(revenue.code).toBe(0);
  return { db, cli };
}

describe('the quick start, through the CLI', () => {
  it('creates the database with the demo vision dated from today', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    expect((await cli('init', '--demo')).stdout).toMatch(/Loaded the EDU demo/);
    const vision = (await cli('vision', 'show', '--json')).json<Vision>();
    expect(vision.focusAreas).toEqual(['payment_integration', 'automation', 'self_healing']);
    expect(vision.revenueTargets).toEqual({ '2027-02': 999, '2027-05': 1498 });
    expect((await cli('init', '--demo')).stdout).toMatch(/already loaded; nothing changed/);
  });

  // A review was told by `state` to set `revenue_targets 2026-03=999`, a month gone by, which
  // `vision set` refuses: the hint names no date that can be past.
  it('says how to set a milestone without a month already past', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init');
    await cli('vision', 'set', 'statement', 'Tools teams pay for');
    expect((await cli('state')).stdout).toContain(
      'Milestone:        none set (`goalpost vision set revenue_targets YYYY-MM=N`: the MRR to reach by a month to come)',
    );
  });

  // A review typed targets as `vision show` prints them, "2027-03: 2000", and was refused.
  it('takes revenue targets as `vision show` prints them, month: amount', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init');
    await cli('vision', 'set', 'statement', 'Tools teams pay for');
    expect((await cli('vision', 'set', 'revenue_targets', '2027-03: 2000, 2027-06: 3000')).code).toBe(0);
    expect((await cli('vision', 'show', '--json')).json<Vision>().revenueTargets).toEqual({
      '2027-03': 2000,
      '2027-06': 3000,
    });
    // Copied whole from the table: the amounts' commas and `/month` are the table's.
    const shown = /Revenue targets: +(.*)$/m.exec((await cli('vision', 'show')).stdout)?.[1] ?? '';
    expect(shown).toBe('2027-03: $2,000.00/month, 2027-06: $3,000.00/month');
    expect((await cli('vision', 'set', 'revenue_targets', shown.replace('2,000', '2,500'))).code).toBe(0);
    expect((await cli('vision', 'show', '--json')).json<Vision>().revenueTargets).toEqual({
      '2027-03': 2500,
      '2027-06': 3000,
    });
    // As the help's pairs, with an amount written as money: `$12,200` is one amount, not two pairs.
    expect((await cli('vision', 'set', 'revenue_targets', '2027-03=$12,200, 2027-06=15,000')).code).toBe(0);
    expect((await cli('vision', 'show', '--json')).json<Vision>().revenueTargets).toEqual({
      '2027-03': 12200,
      '2027-06': 15000,
    });
    expect(
      (await cli('vision', 'set', 'success_metrics', 'active_teachers=1,250,subscriptions=100')).code,
    ).toBe(0);
    expect((await cli('vision', 'show', '--json')).json<Vision>().successMetrics).toEqual({
      active_teachers: 1250,
      subscriptions: 100,
    });
  });

  // A review's lead typed "our MRR was 2,000" as the workspace's own beside the projects' $800 and
  // $1,200 for November: revenue read $4,000 and the gap shrank by $2,000, without a word.
  it('says when revenue typed for the workspace adds to the projects’ own for the same days', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'), '2026-12-01T09:00:00Z');
    await cli('init', '--demo');
    await cli('revenue', 'add', '800', '--month', '2026-11', '--project', 'Basic EDU Apps');
    const whole = await cli('revenue', 'add', '2000', '--month', '2026-11');
    expect(whole.stdout).toContain(
      "It adds to the $800.00 recorded on the projects for those days (1 record): revenue sums both, so if $2,000.00 was the whole business's, remove it (`goalpost revenue remove --from 2026-11-01 --to 2026-11-30`) and keep the projects' own.",
    );
    const own = await cli('revenue', 'add', '900', '--month', '2026-11', '--project', 'Basic EDU Apps');
    expect(own.stdout).toContain(
      "The workspace's own $2,000.00 recorded for those days adds to it (revenue sums both): if that was the whole business's, `goalpost revenue remove --from 2026-11-01 --to 2026-11-30` (without --project) removes the workspace's own for them.",
    );
    // A month with no other level's revenue says nothing of it.
    expect(
      (await cli('revenue', 'add', '700', '--month', '2026-10', '--project', 'Basic EDU Apps')).stdout,
    ).not.toMatch(/adds to/);
  });

  // A review typed "Late payment reminders sent automatically" beside "Automatic payment
  // reminders": both were proposed side by side, each claiming its share of the gap, unsaid.
  it('says when a new feature reads like an open one in other words, and adds it all the same', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    await cli('feature', 'add', 'Basic EDU Apps', 'Automatic payment reminders');
    const twin = await cli('feature', 'add', 'Basic EDU Apps', 'Late payment reminders sent automatically');
    expect(twin.code).toBe(0);
    expect(twin.stdout).toMatch(
      /^ {2}It reads like feature \d+, 'Automatic payment reminders', open on its project \(both say automatically, payment, reminder\): if it is the same work, `goalpost feature drop \d+`/m,
    );
    // Work that shares a word or so is other work, said nothing of.
    expect((await cli('feature', 'add', 'Basic EDU Apps', 'Card payments by Stripe')).stdout).not.toMatch(
      /reads like/,
    );
  });

  // A review's low bug (a 15-minute typo) never appeared in three weeks of plans, unsaid.
  it("says at once that a low bug is the team's to pick up, never a plan's", async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    const low = await cli('bug', 'add', 'Basic EDU Apps', 'Typo on the settings page', '--severity', 'low');
    expect(low.code).toBe(0);
    expect(low.stdout).toMatch(
      /^Bug (\d+) recorded \(low\)\. A low bug is never proposed by a plan: it is the team's to pick up when it likes \(`goalpost bug set \1 fixed` when done\); `goalpost bug severity \1 medium` has plans weigh it\.$/m,
    );
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '50', '--json')).json<{
      tasks: { title: string }[];
    }>();
    expect(plan.tasks.map((t) => t.title).join('\n')).not.toMatch(/Typo on the settings page/);
    // Raised, plans weigh it; lowered again, its proposal is withdrawn.
    const id = /^Bug (\d+)/.exec(low.stdout)?.[1] as string;
    expect((await cli('bug', 'severity', id, 'medium')).stdout).toBe(
      `Bug ${id} ('Typo on the settings page') is medium now (was low): plans weigh it as a medium bug from the next one.\n`,
    );
    const saved = (await cli('generate', '--max-tasks', '50', '--json')).json<{
      tasks: { ref: string; title: string }[];
    }>();
    const ref = saved.tasks.find((t) => /Typo on the settings page/.test(t.title))?.ref;
    expect(ref).toBeDefined();
    expect((await cli('bug', 'severity', id, 'low')).stdout).toBe(
      `Bug ${id} ('Typo on the settings page') is low now (was medium): plans never propose it.\n${ref}, still proposed from it, is withdrawn (cancelled).\n`,
    );
    expect(
      (await cli('bug', 'add', 'Basic EDU Apps', 'Refunds fail', '--severity', 'medium')).stdout,
    ).not.toMatch(/never proposed/);
  });

  it('keeps every vision version, with who changed it', async () => {
    const { cli } = await quickStart();
    const history = (await cli('vision', 'history', '--json')).json<Vision[]>();
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]?.primaryGoal).toBe('Launch EDU apps with 100 paying users');
    expect(history[1]?.primaryGoal).toBe('Launch Basic EDU Apps with payment integration');
    expect(history[0]?.createdBy).toMatch(/^cli:/);
  });

  it('says how long each stale project has been idle, under a header, only when one is', async () => {
    const { cli, db } = await quickStart();
    const now = (await cli('state')).stdout;
    expect(now).toMatch(/ blockers {2}revenue\n/);
    // Five weeks on, nothing touched: every project is idle.
    const later = (await cliFor(db, '2026-12-30T09:00:00Z')('state')).stdout;
    expect(later).toMatch(/ blockers {2}revenue {2}idle\n/);
    expect(later).toMatch(/Basic EDU Apps .* stale, \d+ d\n/);
  });

  it('reports revenue against the dated milestone, blockers and opportunities', async () => {
    const { cli } = await quickStart();
    const state = (await cli('state', '--json')).json<WorkspaceState>();
    // From October's $420, May's $1,498 asks $154 a month over seven months, February's $999
    // $145 over four: May's binds, and February's is still shown.
    expect(state.revenue.milestone).toEqual({
      month: '2027-05',
      target: 1498,
      passed: false,
      nearer: { month: '2027-02', target: 999, requiredPace: 144.75, onTrack: false },
    });
    // October's revenue as recorded: a calendar month is not rescaled by its days.
    expect(state.revenue.current).toBe(420);
    expect(state.revenue.gap).toBe(1078);
    expect(state.revenue.churn).toBeNull(); // the record did not measure churn: unknown, not 0
    const edu = state.projects.find((p) => p.project.name === 'Basic EDU Apps');
    expect(edu?.blockers.map((b) => b.title)).toEqual(['Checkout crashes on Safari']);
    // The state shows each source's record whole, as recorded (a plan reads only what it analyses).
    const noted = await cli(
      ...['revenue', 'add', '--project', 'Architect Dashboard', '--from', '2026-10-01', '--to', '2026-10-31'],
      ...['--actual', '200', '--projected', '250', '--notes', 'from the invoice export'],
    );
    expect(noted.code).toBe(0);
    const shown = (await cli('state', '--json')).json<WorkspaceState<RevenueRecord>>();
    const architect = shown.projects.find((p) => p.project.name === 'Architect Dashboard');
    expect(architect?.revenue?.record).toMatchObject({
      workspaceId: 'default',
      actual: 200,
      projected: 250,
      notes: 'from the invoice export',
      source: 'manual',
      movements: null,
    });
    const text = (await cli('state')).stdout;
    // With Architect Dashboard's $200 counted too: $1,078 less $200 over seven months, $579 less
    // $200 over four.
    expect(text).toContain('Milestone:        $1,498.00/month by 2027-05');
    expect(text).toContain(
      '(the 2027-05 target of $1,498 binds: it needs +$125/month, more than the +$94.75/month the nearer 2027-02 target of $999 needs (off track for that one))',
    );
    expect(text).toMatch(/Basic EDU Apps: Checkout crashes on Safari \(bug \d+\)\n/);
    // Once a task works on it, the blocker says which, and how far along it is.
    expect((await cli('generate', '--max-tasks', '3')).code).toBe(0);
    expect((await cli('state')).stdout).toMatch(
      /Basic EDU Apps: Checkout crashes on Safari \(bug \d+; T-1 proposed\)\n/,
    );
    expect((await cli('approve', 'T-1')).code).toBe(0);
    expect((await cli('state')).stdout).toMatch(/Checkout crashes on Safari \(bug \d+; T-1 approved\)\n/);
  });

  it('says whose revenue it recorded by the name the project has, not as typed around it', async () => {
    const { cli } = await quickStart();
    const added = await cli('revenue', 'add', '420', '--project', ' Basic EDU Apps ', '--month', '2026-08');
    expect(added.stdout).toBe('Revenue recorded: $420.00 for 2026-08-01 → 2026-08-31 (Basic EDU Apps).\n');
  });

  it('corrects a month typed wrong when it is typed again, rather than reading the fix as a fall', async () => {
    const { cli } = await quickStart();
    const add = (actual: string, ...more: string[]) =>
      cli(
        ...['revenue', 'add', '--project', 'Basic EDU Apps', '--from', '2026-09-01', '--to', '2026-09-30'],
        ...['--actual', actual, ...more],
      );
    expect((await add('3800', '--subscriptions', '13', '--churn', '5%')).code).toBe(0); // a zero too many
    const fixed = await add('380');
    expect(fixed.stdout).toBe(
      'Revenue recorded: $380.00 for 2026-09-01 → 2026-09-30 (Basic EDU Apps), in place of $3,800.00 typed for that period before.\n',
    );
    const state = (await cli('state', '--json')).json<WorkspaceState>();
    expect(state.revenue.current).toBe(420);
    // October's $420 after September's $380: growing $40 a month, not falling $3,380.
    expect(state.revenue.monthlyGrowth).toBe(40);
    const records = (await cli('revenue', 'show', '--json')).json<{ records: RevenueRecord[] }>().records;
    // A correction of another figure says which: the amount alone reads as nothing changed.
    expect((await add('380', '--churn', '4%')).stdout).toBe(
      'Revenue recorded: $380.00 for 2026-09-01 → 2026-09-30 (Basic EDU Apps), in place of $380.00 typed for that period before (churn 5.0% → 4.0%).\n',
    );
    // Half a point of churn is a change, said as typed, not rounded away to 'nothing changed'.
    expect((await add('380', '--churn', '3.5%')).stdout).toBe(
      'Revenue recorded: $380.00 for 2026-09-01 → 2026-09-30 (Basic EDU Apps), in place of $380.00 typed for that period before (churn 4.0% → 3.5%).\n',
    );
    expect((await add('380', '--churn', '0.0351')).stdout).toContain('(churn 3.50% → 3.51%)');
    expect((await add('380', '--churn', '3.5%')).stdout).toContain('(churn 3.51% → 3.50%)');
    // However small, a change of the rate typed is said, to as many places as tell the two apart.
    expect((await add('380', '--churn', '0.5%')).stdout).toContain('(churn 3.5% → 0.5%)');
    expect((await add('380', '--churn', '0.00504')).stdout).toContain('(churn 0.500% → 0.504%)');
    await add('380', '--churn', '3.5%');
    expect((await cli('revenue', 'show')).stdout).toMatch(
      /2026-09-01 +2026-09-30 +Basic EDU Apps +\$380\.00 +13 +3\.5%/,
    );
    expect((await add('380')).stdout).toBe(
      'Revenue recorded: $380.00 for 2026-09-01 → 2026-09-30 (Basic EDU Apps), as typed for that period before (nothing changed).\n',
    );
    await add('380', '--churn', '5%');
    // The figures the correction left out are kept as they were typed.
    expect(records.map((r) => [r.periodStart, r.actual, r.subscriptions, r.churnRate])).toEqual([
      ['2026-09-01', 380, 13, 0.05],
      ['2026-10-01', 420, 14, null],
    ]);
    // Another source's record of the same period stays: the workspace's own is not the project's.
    await cli('revenue', 'add', '--from', '2026-09-01', '--to', '2026-09-30', '--actual', '50');
    expect(
      (await cli('revenue', 'show', '--json')).json<{ records: RevenueRecord[] }>().records,
    ).toHaveLength(3);
    // Where the workspace stands says churn to the tenth of a point, as the cards do, and that the
    // workspace's own record (September's $50) measured none.
    await cli(
      ...['revenue', 'add', '--project', 'Basic EDU Apps', '--from', '2026-10-01', '--to', '2026-10-31'],
      ...['--actual', '420', '--churn', '3.5%'],
    );
    expect((await cli('state')).stdout).toMatch(
      /\nChurn: +3\.5% \(weighted by revenue at the start of each period; 1 source's latest record measures none\)\n/,
    );
  });

  it('names the command that removes a period of a few days typed before such periods were refused', async () => {
    const { cli, db } = await quickStart();
    // Three days of a launch, as a database written before the week-long minimum holds them.
    const raw = new Database(db);
    raw
      .prepare(
        `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, subscriptions,
           churn_rate, created_at) VALUES ('default', (SELECT id FROM projects WHERE name = 'Basic EDU Apps'),
           '2026-11-11', '2026-11-13', 87, 3, NULL, '2026-11-14T09:00:00Z')`,
      )
      .run();
    raw.close();
    const before = snapshot(db);
    const period = ['--project', 'Basic EDU Apps', '--from', '2026-11-11', '--to', '2026-11-13'];
    const retyped = await cli('revenue', 'add', ...period, '--actual', '90');
    expect(retyped.code).not.toBe(0);
    expect(retyped.stderr).toContain(
      'the same period typed before (2026-11-11 → 2026-11-13 ($87)) is removed with `goalpost revenue remove --project "Basic EDU Apps" --from 2026-11-11 --to 2026-11-13`; nothing was written',
    );
    expect(snapshot(db)).toEqual(before);
    expect((await cli('revenue', 'remove', ...period)).code).toBe(0);
  });

  it('refuses a period that overlaps one typed before, rather than reading the two as a month of change', async () => {
    const { cli, db } = await quickStart();
    const add = (from: string, to: string, actual: string) =>
      cli('revenue', 'add', '--project', 'Basic EDU Apps', '--from', from, '--to', to, '--actual', actual);
    expect((await add('2026-09-01', '2026-09-30', '3800')).code).toBe(0);
    const before = snapshot(db);
    // A correction typed with the month's end one day off, and a week inside the month: either,
    // kept beside September's record, would be read as the period before or after it.
    for (const [from, to] of [
      ['2026-09-01', '2026-09-29'],
      ['2026-09-08', '2026-09-14'],
      ['2026-08-15', '2026-09-01'],
    ] as const) {
      const refused = await add(from, to, '380');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(
        `${from} → ${to} overlaps 2026-09-01 → 2026-09-30 ($3,800), typed for Basic EDU Apps before`,
      );
      expect(refused.stderr).toContain(
        'type that period again to correct it, or remove it first (`goalpost revenue remove --project "Basic EDU Apps" --from 2026-09-01 --to 2026-09-30`); nothing was written',
      );
      expect(snapshot(db)).toEqual(before);
    }
    // Removing with the end one day off removes nothing, and names the record meant.
    const missed = await cli(
      ...['revenue', 'remove', '--project', 'Basic EDU Apps', '--from', '2026-09-01', '--to', '2026-09-29'],
    );
    expect(missed.code).not.toBe(0);
    expect(missed.stderr).toContain(
      'no typed revenue for Basic EDU Apps within 2026-09-01 → 2026-09-29; 2026-09-01 → 2026-09-30 ($3,800) overlaps it: `goalpost revenue remove --project "Basic EDU Apps" --from 2026-09-01 --to 2026-09-30` removes that one; `goalpost revenue show` lists the records; nothing was removed',
    );
    expect(snapshot(db)).toEqual(before);
    // Periods that only meet are a series: July, before September, is recorded.
    expect((await add('2026-07-01', '2026-07-31', '250')).code).toBe(0);
    // A quarter over months typed one by one names them, and the one command that clears them all.
    const quarter = await add('2026-07-01', '2026-09-30', '1200');
    expect(quarter.code).not.toBe(0);
    expect(quarter.stderr).toContain(
      '2026-07-01 → 2026-09-30 overlaps 2026-07-01 → 2026-07-31 ($250) and 1 more, typed for Basic EDU Apps before',
    );
    expect(quarter.stderr).toContain(
      'remove them first (`goalpost revenue remove --project "Basic EDU Apps" --from 2026-07-01 --to 2026-09-30`); nothing was written',
    );
    expect((await add('2026-08-01', '2026-08-31', '300')).code).toBe(0);
    // A month billed mid-month to mid-month across two months typed: no one command removes just
    // them, so it names one for each.
    const across = await add('2026-07-15', '2026-08-14', '280');
    expect(across.code).not.toBe(0);
    expect(across.stderr).toContain(
      'remove them first (`goalpost revenue remove --project "Basic EDU Apps" --from 2026-07-01 --to 2026-07-31` and `goalpost revenue remove --project "Basic EDU Apps" --from 2026-08-01 --to 2026-08-31`); nothing was written',
    );
    // The workspace's own revenue is another source: its September overlaps no project's.
    expect(
      (await cli('revenue', 'add', '--from', '2026-09-01', '--to', '2026-09-29', '--actual', '5')).code,
    ).toBe(0);
  });

  it('takes revenue as chat types it: the amount first, a month with --month, this month by default', async () => {
    const { cli, db } = await quickStart();
    const chatWay = await cli('revenue', 'add', '380', '--month', '2026-09', '--project', 'Basic EDU Apps');
    expect(chatWay.stdout).toBe('Revenue recorded: $380.00 for 2026-09-01 → 2026-09-30 (Basic EDU Apps).\n');
    // This month (the clock says 2026-11-21), said to count once it has ended.
    expect((await cli('revenue', 'add', '--actual', '90')).stdout).toBe(
      'Revenue recorded: $90.00 for 2026-11-01 → 2026-11-30; it counts from 2026-12-01, once the period has ended (the milestone counts complete periods).\n',
    );
    const before = snapshot(db);
    for (const [args, error] of [
      [
        ['revenue', 'add', '300', '--actual', '400'],
        'actual: the amount was given twice ("300" and --actual "400"): give it once',
      ],
      [
        ['revenue', 'add', '--month', '2026-10'],
        'actual: the amount earned, like `revenue add 420` or --actual 420',
      ],
      [
        ['revenue', 'add', '300', '--month', '2026-10', '--from', '2026-10-01'],
        'month: give --month, or --from and --to, not both',
      ],
      [['revenue', 'add', '300', '--from', '2026-10-01'], 'from: give --from and --to together, or --month'],
      [['revenue', 'add', '300', '--month', '2026-12'], 'month: 2026-12 has not begun (today is 2026-11-21)'],
      [['revenue', 'add', '300', '--month', '2026-13'], 'a month like 2026-03 (got "2026-13")'],
    ] as const) {
      const refused = await cli(...args);
      expect(refused.code, args.join(' ')).not.toBe(0);
      expect(refused.stderr, args.join(' ')).toContain(error);
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('lists the revenue recorded before a vision is set, rather than refusing to show it', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init');
    expect((await cli('revenue', 'add', '400', '--month', '2026-10')).code).toBe(0);
    const shown = await cli('revenue', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      'No vision yet, so no milestone to measure revenue against: `goalpost vision set statement "…"`, then `goalpost vision set revenue_targets 2027-03=999`, sets one (or `goalpost init --demo`).',
    );
    expect(shown.stdout).toMatch(/2026-10-01 +2026-10-31 +\(workspace\) +\$400\.00/);
    // The commands it names work, in that order, and then the milestone is measured.
    expect((await cli('vision', 'set', 'statement', 'Schools pay for what saves teachers time')).code).toBe(
      0,
    );
    expect((await cli('vision', 'set', 'revenue_targets', '2027-03=999')).code).toBe(0);
    expect((await cli('revenue', 'show')).stdout).toContain('Milestone:        $999.00/month by 2027-03');
    // Given again, the list is replaced whole, and what it left out is named.
    expect((await cli('vision', 'set', 'revenue_targets', '2027-06=1500')).stdout).toMatch(
      /^Vision updated to version 3\. The value replaces the whole list: 2027-03 \(\$999\/month\) is no longer a revenue target \(give it too, to keep it\)\.\n/,
    );
  });

  it('says a month in progress is not counted yet, rather than showing $0 unexplained', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    const added = await cli(
      ...['revenue', 'add', '--project', 'Basic EDU Apps', '--from', '2026-11-01', '--to', '2026-11-30'],
      '--actual',
      '90',
    );
    expect(added.stdout).toBe(
      'Revenue recorded: $90.00 for 2026-11-01 → 2026-11-30 (Basic EDU Apps); it counts from 2026-12-01, once the period has ended (the milestone counts complete periods).\n',
    );
    const shown = (await cli('revenue', 'show')).stdout;
    expect(shown).toContain(
      'Revenue now:      $0.00/month (0 subscriptions), as no period recorded has ended yet (the milestone counts complete ones)',
    );
    expect(shown).toContain(
      'Source:           recorded for a period not over yet; it counts from 2026-12-01, once the period has ended',
    );
    // `state` says it too, under its $0.
    const state = await cli('state');
    expect(state.stdout).toMatch(
      /Revenue now: {6}\$0\.00\/month[^\n]*\n(?:.*\n){0,5}Source: {11}recorded for a period not over yet; it counts from 2026-12-01/,
    );
    expect((await cli('state', '--json')).json<{ revenueSource: string }>().revenueSource).toMatch(
      /^recorded for a period not over yet; it counts from 2026-12-01/,
    );
  });

  it('points init at the next step: a vision to set on an empty workspace, the state on one set up', async () => {
    const fresh = cliFor(join(tempDir(), 'g.db'));
    expect((await fresh('init')).stdout).toMatch(
      /\nNext: `goalpost vision set statement "…"` or `goalpost init --demo`\.\n$/,
    );
    const { cli } = await quickStart();
    expect((await cli('init')).stdout).toMatch(
      /\nIt has a vision already: `goalpost state` shows where the team stands\.\n$/,
    );
  });

  it('says when every milestone has passed, with no pace to keep, and how to set the next', async () => {
    const { db } = await quickStart();
    // The demo's milestones are 2027-02 and 2027-05; in July both have passed.
    const cli = cliFor(db, '2027-07-01T09:00:00Z');
    const state = (await cli('state')).stdout;
    expect(state).toContain('Milestone:        $1,498.00/month by 2027-05 (passed)');
    expect(state).toMatch(/Gap: {14}\$[\d,.]+\n/);
    expect(state).not.toContain('Required pace');
    expect(state).toContain(
      'Next:             every milestone of the vision has passed: `goalpost vision set revenue_targets YYYY-MM=N`, with a month to come, sets the next',
    );
    const batch = (await cli('generate', '--dry-run')).stdout;
    expect(batch).toMatch(
      /short of the 2027-05 target of \$1,498, which has passed \(\d+% reached\), and no later milestone is set/,
    );
    expect(batch).not.toContain('months left');
  });

  it('previews a reasoned batch without saving it', async () => {
    const { db, cli } = await quickStart();
    const before = snapshot(db);
    const dry = (await cli('generate', '--dry-run', '--max-tasks', '5', '--json')).json<GenerateResult>();
    expect(snapshot(db)).toEqual(before);
    expect(dry.dryRun).toBe(true);
    expect(dry.queued).toBe(0);
    expect(dry.tasks.length).toBeGreaterThan(0);
    expect(dry.tasks.length).toBeLessThanOrEqual(5);
    expect(dry.unique).toBeGreaterThanOrEqual(dry.tasks.length);
    for (const t of dry.tasks) {
      expect(t.ref).toBeNull();
      expect(t.priority).toBeGreaterThanOrEqual(0);
      expect(t.priority).toBeLessThanOrEqual(10);
      expect(t.alignment).toBeGreaterThanOrEqual(0);
      expect(t.alignment).toBeLessThanOrEqual(1);
      expect(t.reasoning.length).toBeGreaterThan(2);
    }
    // The critical bug on the revenue-bearing project is the most pressing work, then its own backlog.
    expect(dry.tasks[0]?.title).toBe("Fix 'Checkout crashes on Safari' in Basic EDU Apps");
    expect(dry.tasks.map((t) => t.title)).toContain("Build 'Paid quiz packs' for EDU Quiz Builder");
    expect(dry.tasks.every((t) => t.item !== null)).toBe(true);
    expect(dry.revenueImpact).toBeLessThanOrEqual(1078 + 420);
    expect(
      dry.tasks.some((t) => t.reasoning.some((l) => l.includes('behind the 2027-05 target of $1,498'))),
    ).toBe(true);
    const text = (await cli('generate', '--dry-run', '--max-tasks', '5')).stdout;
    expect(text).toContain('TASK GENERATION SUMMARY (dry run: nothing saved)');
    expect(text).toMatch(/Revenue impact: {3}\$[\d,]+\/month/);
    // A task's dollars in its header are its reasoning's: an estimate, in whole dollars from $100
    // up (a share cut down to the cent read `$3,679.98` above `$3,680`).
    const one = dry.tasks.find((t) => t.reasoning.filter((l) => l.startsWith('Revenue $')).length === 1);
    const said = one?.reasoning
      .find((l) => l.startsWith('Revenue $'))
      ?.match(/^Revenue (\$[\d,.]+)\/month/)?.[1];
    expect(said).toBeDefined();
    expect(text).toContain(`   Revenue:    ${`${said}/month`.padEnd(16)} Alignment:`);
  });

  it('takes a feature as upkeep with --upkeep: listed as such, proposed at no share of the gap', async () => {
    const { cli } = await quickStart();
    const added = await cli('feature', 'add', 'EDU Quiz Builder', 'Upgrade to Node 22', '--upkeep');
    expect(added.stdout.trim()).toMatch(/^Feature \d+ added: Upgrade to Node 22 \(planned, upkeep\)$/);
    const shown = (await cli('project', 'show', 'EDU Quiz Builder')).stdout;
    expect(shown).toMatch(/planned +upkeep +Upgrade to Node 22/);
    expect(shown).toMatch(/planned +feature +Paid quiz packs/);
    const dry = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    const chore = dry.tasks.find((t) => t.title === 'Upgrade to Node 22 for EDU Quiz Builder');
    const packs = dry.tasks.find((t) => t.title === "Build 'Paid quiz packs' for EDU Quiz Builder");
    expect(chore).toMatchObject({ category: 'infrastructure', revenueImpact: 0 });
    // The quiz packs are the only open item to win the project's share, as before the chore.
    expect(packs?.reasoning.join('\n')).toMatch(/the only open item to win/);
    expect(dry.tasks.indexOf(chore as (typeof dry.tasks)[number])).toBeGreaterThan(
      dry.tasks.indexOf(packs as (typeof dry.tasks)[number]),
    );
  });

  it('makes a feature typed as growth work upkeep with feature set --upkeep, withdrawing its proposal, and back', async () => {
    const { cli } = await quickStart();
    const batch = (await cli('generate', '--max-tasks', '10', '--json')).json<GenerateResult>();
    const packs = batch.tasks.find((t) => t.title === "Build 'Paid quiz packs' for EDU Quiz Builder");
    const id = String(packs?.item?.id);
    const made = await cli('feature', 'set', id, '--upkeep');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`Feature ${id} is upkeep now: it shares no part of the revenue gap`);
    expect(made.stdout).toContain(
      `${packs?.ref}, proposed from it at a share of the gap, is withdrawn (cancelled)`,
    );
    expect((await cli('feature', 'set', id, '--upkeep')).stdout.trim()).toBe(
      `Feature ${id} was upkeep already; nothing changed.`,
    );
    const dry = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    expect(dry.tasks.find((t) => t.item?.id === packs?.item?.id)).toMatchObject({
      title: "Do 'Paid quiz packs' for EDU Quiz Builder",
      revenueImpact: 0,
    });
    expect((await cli('feature', 'set', id, '--no-upkeep')).stdout).toContain('is growth work now');
    const neither = await cli('feature', 'set', id);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('give a status (planned, in_progress or done), --upkeep or --no-upkeep');
    const both = await cli('feature', 'set', id, 'done', '--upkeep');
    expect(both.code).toBe(1);
    expect((await cli('feature', 'set', '999', '--upkeep')).stderr).toContain('unknown feature 999');
  });

  it('says how many candidates the cap cut, and which, in a dry run', async () => {
    const { cli } = await quickStart();
    const dry = (await cli('generate', '--dry-run', '--max-tasks', '5', '--json')).json<GenerateResult>();
    expect(dry).toMatchObject({ generated: 8, unique: 8, proposed: 5, queued: 0, maxTasks: 5, cut: 3 });
    expect(dry.cutByCap.map((c) => c.title)).toEqual([
      "Finish 'Alerting' for Architect Dashboard",
      "Build 'Automatic restart' for Self-Healing Orchestrator",
      "Build 'Replay of interrupted tasks' for Self-Healing Orchestrator",
    ]);
    const text = (await cli('generate', '--dry-run', '--max-tasks', '5')).stdout;
    expect(text.split('\n')[3]).toBe(
      `8 candidates; 5 proposed (cap 5), 3 cut by the cap: "Finish 'Alerting' for Architect Dashboard", "Build 'Automatic restart' for Self-Healing Orchestrator", "Build 'Replay of interrupted tasks' for Self-Healing Orchestrator"`,
    );
    const roomy = (await cli('generate', '--dry-run', '--max-tasks', '20')).stdout;
    expect(roomy.split('\n')[3]).toBe('8 candidates; 8 proposed (cap 20)');
  });

  // A review typed `goalpost tasks approved`, as chat takes it, and was told "too many arguments".
  it('lists tasks by the statuses given as words, as chat does, or by --status, not both', async () => {
    const { cli } = await quickStart();
    await cli('generate', '--max-tasks', '3');
    const byWord = await cli('tasks', 'proposed', '--json');
    expect(byWord.code).toBe(0);
    const byOption = await cli('tasks', '--status', 'proposed', '--json');
    expect(byWord.json()).toEqual(byOption.json());
    expect(byWord.json<unknown[]>()).toHaveLength(3);
    expect((await cli('tasks', 'done', 'failed', '--json')).json()).toEqual([]);
    const both = await cli('tasks', 'approved', '--status', 'done');
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('give the statuses once');
    const bogus = await cli('tasks', 'bogus');
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain('(got "bogus")');
  });

  it('drops a feature the team will not do, saying what that withdrew, and refuses one done', async () => {
    const { cli } = await quickStart();
    await cli('generate', '--max-tasks', '5');
    const proposed = (await cli('tasks', '--status', 'proposed', '--json')).json<
      Array<{ ref: string; item: { id: number } | null; title: string }>
    >();
    const dashboard = proposed.find(
      (t) => t.title === "Build 'Subscription admin dashboard' for Basic EDU Apps",
    );
    const id = String(dashboard?.item?.id);
    const dropped = await cli('feature', 'drop', id, '--reason', "Stripe's own dashboard does it");
    expect(dropped.stdout).toBe(
      `Feature ${id}, "Subscription admin dashboard", is out of Basic EDU Apps' backlog: no plan proposes it again. ${dashboard?.ref}, still proposed from it, is withdrawn (cancelled).\n`,
    );
    expect((await cli('project', 'show', 'Basic EDU Apps')).stdout).not.toContain(
      'Subscription admin dashboard',
    );
    const done = await cli('feature', 'drop', '1');
    expect(done.code).toBe(1);
    expect(done.stderr).toBe(
      `goalpost: feature 1, "Lesson library", is done: shipped work stays in its project's completion; nothing was changed\n`,
    );
  });

  it("takes the team's estimates, shows them, and plans by them", async () => {
    const { cli } = await quickStart();
    const added = await cli('feature', 'add', 'Basic EDU Apps', 'Rename export button', '--estimate', '30m');
    expect(added.stdout).toMatch(
      /^Feature (\d+) added: Rename export button \(planned, estimated 0\.5 h\)\n$/,
    );
    const id = /^Feature (\d+)/.exec(added.stdout)?.[1] as string;
    // Half an hour against the eight hours of its siblings, which share the gap alike: it claims
    // the part of a feature's share its half hour wins, and does not jump ahead of them for it.
    const dry = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    const rename = dry.tasks.find((t) => t.title === 'Rename export button for Basic EDU Apps');
    const sibling = dry.tasks.find(
      (t) => t.item?.kind === 'feature' && t.projectName === 'Basic EDU Apps' && t.effortHours === 8,
    );
    expect(rename).toMatchObject({ effortHours: 0.5 });
    expect(rename?.reasoning).toContain(
      "Effort 0.5 h: the team's estimate; scored as 1 h, the least a task takes to pick up, review and ship; a feature's value is counted per 8 h of work (the default for a planned feature): it claims 6% of a feature's share of the gap and strategic value",
    );
    expect(rename?.revenueImpact).toBeCloseTo((sibling?.revenueImpact ?? 0) / 16, 1);
    // Scored as the hour it takes at least: half the score of its siblings, and after them.
    expect(rename?.score).toBeLessThan((sibling?.score ?? 0) * 0.6);
    expect((await cli('project', 'show', 'Basic EDU Apps')).stdout).toMatch(
      new RegExp(`\\n${id} +planned +0\\.5 h +Rename export button\\n`),
    );
    // Sized again as a two-day job: two features' worth of work, it claims two features' parts.
    expect((await cli('feature', 'estimate', id, '16h')).stdout).toBe(
      `Feature ${id} is estimated at 16 h: plans count it as 2 feature-sizes of 8 h of work in its share of a revenue gap, and divide its value by its hours, from now on (a proposal made from it is valued again by the next saved plan; work approved keeps the value it was decided at).\n`,
    );
    const again = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    const twoDays = again.tasks.find((t) => t.title.includes('Rename export'));
    const unestimated = again.tasks.find(
      (t) => t.item?.kind === 'feature' && t.projectName === 'Basic EDU Apps' && t.effortHours === 8,
    );
    expect(twoDays?.effortHours).toBe(16);
    expect(twoDays?.revenueImpact).toBeCloseTo((unestimated?.revenueImpact ?? 0) * 2, 1);
    // Started, and estimated at the hours left of it: still the two-day feature it was started at.
    await cli('feature', 'set', id, 'in_progress');
    expect((await cli('feature', 'estimate', id, '3h')).stdout).toMatch(
      /is estimated at 3 h: plans count it as 2 feature-sizes of 8 h of work \(the 16 h it was started at: work under way keeps its size, its estimate the hours left\) in its share/,
    );
    const left = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    const under = left.tasks.find((t) => t.title.includes('Rename export'));
    expect(under?.effortHours).toBe(3);
    expect(under?.revenueImpact).toBeCloseTo(twoDays?.revenueImpact ?? 0, 0);
    await cli('feature', 'set', id, 'planned');
    expect((await cli('feature', 'estimate', id, 'none')).stdout).toBe(
      `Feature ${id} has no estimate now: plans take its kind's default again.\n`,
    );
    expect((await cli('feature', 'estimate', id, 'none')).stdout).toBe(
      `Feature ${id} had no estimate already; nothing changed.\n`,
    );
    // Done work keeps an estimate, and the reply says no plan will use it.
    expect((await cli('feature', 'set', id, 'done')).code).toBe(0);
    expect((await cli('feature', 'estimate', id, '2h')).stdout).toBe(
      `Feature ${id} is done: its estimate of 2 h is kept, though no plan proposes it (reopened, it would count).\n`,
    );
  });

  it('proposes no work that scores 0, even with room, and says what would let it rank', async () => {
    const { cli } = await quickStart();
    // A project the vision says nothing about, earning nothing: its features score 0.
    expect((await cli('project', 'add', 'Office move')).code).toBe(0);
    for (const title of ['Book movers', 'Pack archive boxes']) {
      expect((await cli('feature', 'add', 'Office move', title)).code).toBe(0);
    }
    const dry = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    expect(dry).toMatchObject({ generated: 10, unique: 10, proposed: 8, cut: 0, unvalued: 2 });
    expect(dry.unvaluedWork).toEqual([
      {
        title: "Build 'Book movers' for Office move",
        project: 'Office move',
        upkeepId: null,
        onFocusArea: false,
      },
      {
        title: "Build 'Pack archive boxes' for Office move",
        project: 'Office move',
        upkeepId: null,
        onFocusArea: false,
      },
    ]);
    const lines = (await cli('generate', '--dry-run', '--max-tasks', '20')).stdout.split('\n');
    expect(lines.slice(3, 6)).toEqual([
      '10 candidates; 8 proposed (cap 20)',
      `Scoring 0:        2 not proposed though the batch has room (no dollars at stake, no alignment with the vision): "Build 'Book movers' for Office move", "Build 'Pack archive boxes' for Office move"`,
      '                  To rank its work, give "Office move" a focus area of the vision (goalpost project set "Office move" --focus <area>), or pause it (goalpost project set "Office move" paused)',
    ]);
    // Once on a focus area, its work ranks and is proposed.
    expect((await cli('project', 'set', 'Office move', '--focus', 'automation')).code).toBe(0);
    const moved = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    expect(moved).toMatchObject({ proposed: 10, unvalued: 0 });
  });

  // A trial was told to give a project a focus area it had for its upkeep to rank, and nothing
  // changed; a later review's platform team, earning nothing, never had a chore proposed. Upkeep
  // keeps a project of the vision running: it is proposed after the real work. On a project off
  // the vision's areas it ranks as the project's growth work does: once the project has one.
  it('proposes upkeep on a project of the vision that earns nothing, and says how to rank it off the vision', async () => {
    const { cli } = await quickStart();
    expect((await cli('project', 'add', 'Ops', '--focus', 'self_healing')).code).toBe(0);
    expect((await cli('feature', 'add', 'Ops', 'Upgrade to Node 22', '--upkeep')).code).toBe(0);
    const planned = (
      await cli('generate', '--dry-run', '--max-tasks', '20', '--json')
    ).json<GenerateResult>();
    expect(planned.unvalued).toBe(0);
    expect(planned.tasks.map((t) => t.title)).toContain('Upgrade to Node 22 for Ops');
    // On a project with no focus area of the vision, it waits for one, as growth work does.
    expect((await cli('project', 'add', 'Office')).code).toBe(0);
    expect((await cli('feature', 'add', 'Office', 'Tidy the wiki', '--upkeep')).code).toBe(0);
    const lines = (await cli('generate', '--dry-run', '--max-tasks', '20')).stdout.split('\n');
    expect(lines.slice(4, 6)).toEqual([
      `Scoring 0:        1 not proposed though the batch has room (no dollars at stake, no alignment with the vision): "Do 'Tidy the wiki' for Office"`,
      '                  To rank its work, give "Office" a focus area of the vision (goalpost project set "Office" --focus <area>), or pause it (goalpost project set "Office" paused)',
    ]);
    expect((await cli('project', 'set', 'Office', '--focus', 'self_healing')).code).toBe(0);
    const ranked = (await cli('generate', '--dry-run', '--max-tasks', '20', '--json')).json<GenerateResult>();
    expect(ranked.unvalued).toBe(0);
    expect(ranked.tasks.map((t) => t.title)).toContain("Do 'Tidy the wiki' for Office");
  });

  it('persists a batch as proposed tasks T-1..T-3 and proposes no duplicate right after', async () => {
    const { cli } = await quickStart();
    const batch = (await cli('generate', '--max-tasks', '3', '--json')).json<GenerateResult>();
    expect(batch.queued).toBe(3);
    expect(batch.tasks.map((t) => t.ref)).toEqual(['T-1', 'T-2', 'T-3']);
    const proposed = (await cli('tasks', '--status', 'proposed', '--json')).json<Task[]>();
    expect(proposed.map((t) => t.ref).sort()).toEqual(['T-1', 'T-2', 'T-3']);
    const again = (await cli('generate', '--max-tasks', '3', '--json')).json<GenerateResult>();
    const titles = new Set(batch.tasks.map((t) => t.title));
    expect(again.tasks.filter((t) => titles.has(t.title))).toEqual([]);
    expect(again.skipped.filter((s) => /^T-[123]$/.test(s.duplicateOf)).length).toBeGreaterThanOrEqual(3);
  });

  // A review rejected a feature's task saying "we don't do this: the DevEx guild owns local
  // tooling", and it came back 13 days later as its goal slipped: a rejection holds work back for a
  // while, and the reply only gave a date. A lead who means never is told how to say so.
  it('tells a rejection of backlog work how to take the work out for good', async () => {
    const { cli } = await quickStart();
    const batch = (await cli('generate', '--max-tasks', '5', '--json')).json<GenerateResult>();
    const feature = batch.tasks.find((t) => t.item?.kind === 'feature');
    expect(feature?.item).toBeDefined();
    const reply = (
      await cli('reject', feature?.ref as string, '--reason', "we don't do this: another team owns it")
    ).stdout;
    expect(reply).toContain(
      `  Not doing it at all? \`goalpost feature drop ${feature?.item?.id}\` takes feature ${feature?.item?.id} out of the backlog for good.\n`,
    );
    // A reason that asks for later is no "never": no such line.
    const other = batch.tasks.find((t) => t.item?.kind === 'feature' && t.ref !== feature?.ref);
    const later = (await cli('reject', other?.ref as string, '--reason', 'not this quarter')).stdout;
    expect(later).not.toMatch(/Not doing it at all/);
  });

  // A review rejected features as "too big" and "too big for this sprint": each came back a month
  // on, as big, the reply having said only a date. Too big is a reason to split it.
  it('tells a rejection of a feature as too big how to put its parts in the backlog instead', async () => {
    const { cli } = await quickStart();
    const batch = (await cli('generate', '--max-tasks', '5', '--json')).json<GenerateResult>();
    const feature = batch.tasks.find((t) => t.item?.kind === 'feature');
    const id = feature?.item?.id;
    const reply = (await cli('reject', feature?.ref as string, '--reason', 'too big, split it')).stdout;
    expect(reply).toContain(
      `  Too big as one piece? \`goalpost feature drop ${id}\` takes it out of the backlog, and \`goalpost feature add "${feature?.projectName}" "<a part>"\` puts each of its parts in, each proposed on its own.\n`,
    );
    expect(reply).not.toMatch(/Not doing it at all/);
    // As it says: the whole leaves, its parts are proposed.
    expect((await cli('feature', 'drop', String(id))).code).toBe(0);
    expect((await cli('feature', 'add', feature?.projectName as string, 'First slice of it')).code).toBe(0);
    const next = (await cli('generate', '--dry-run', '--json')).json<GenerateResult>();
    expect(next.tasks.map((t) => t.title)).toContain(`Build 'First slice of it' for ${feature?.projectName}`);
  });

  it('walks a task through its lifecycle, logging every step', async () => {
    const { cli } = await quickStart();
    await cli('generate', '--max-tasks', '3');
    expect((await cli('approve', 'T-1')).stdout).toContain('T-1 is now approved');
    expect((await cli('approve', 't-1')).stdout).toMatch(
      /^T-1 was already approved \(approved by cli:\S+ at 2026-11-21 09:00 UTC\); nothing changed$/m,
    );
    expect((await cli('start', 'T-1')).code).toBe(0);
    expect((await cli('done', 'T-1', '--note', 'shipped')).code).toBe(0);
    // A rejection says how long plans hold its work back: until the quarter its reason names is over.
    expect((await cli('reject', 'T-2', '--reason', 'not this quarter')).stdout).toMatch(
      /^T-2 is now rejected: .*\n {2}Its work is not proposed again before 2027-01-01 unless the work itself changes\.\n$/,
    );
    expect((await cli('cancel', 'T-3')).stdout).toMatch(
      /^T-3 is now cancelled: .*\n {2}Its item, feature #\d+, stays open in the backlog: a later plan may propose it again \(reject the task instead to hold it back, or mark the item done\)\.\n$/,
    );
    const shown = (await cli('task', 'show', 'T-1', '--json')).json<{
      task: Task;
      events: { type: string; note: string | null }[];
    }>();
    expect(shown.task.status).toBe('done');
    expect(shown.events.map((e) => e.type)).toEqual(['created', 'approved', 'started', 'done']);
    expect(shown.events.at(-1)?.note).toBe('shipped');
    // `tasks` lists open work, as chat does; what ended is asked for.
    const refs = async (...argv: string[]) =>
      (await cli('tasks', ...argv, '--json')).json<Task[]>().map((t) => `${t.ref} ${t.status}`);
    expect(await refs()).toEqual([]);
    expect((await cli('tasks')).stdout).toBe(
      'No open tasks.\n(open tasks only: `--status all` lists every status)\n',
    );
    expect((await refs('--status', 'all')).sort()).toEqual(['T-1 done', 'T-2 rejected', 'T-3 cancelled']);
    // Rejected by mistake: approved after all, saying what it overturns.
    expect((await cli('approve', 'T-2')).stdout).toMatch(
      /^T-2 is now approved, after all \(it was rejected by cli:\S+ at \d{4}-\d\d-\d\d \d\d:\d\d UTC: "not this quarter"\): /,
    );
  });

  it('says on a done task what it did to its backlog item, not what done would do', async () => {
    const { cli } = await quickStart();
    const batch = (await cli('generate', '--max-tasks', '3', '--json')).json<GenerateResult>();
    const fromItem = batch.tasks.find((t) => t.item !== null);
    if (!fromItem?.ref || !fromItem.item) throw new Error('the quick start proposes backlog work');
    const kind = fromItem.item.kind;
    expect((await cli('task', 'show', fromItem.ref)).stdout).toContain(
      `From:       ${kind} #${fromItem.item.id} (done closes it)`,
    );
    await cli('approve', fromItem.ref);
    await cli('done', fromItem.ref);
    expect((await cli('task', 'show', fromItem.ref)).stdout).toContain(
      `From:       ${kind} #${fromItem.item.id} (${kind === 'bug' ? 'fixed' : 'done'} with this task)`,
    );
  });
});

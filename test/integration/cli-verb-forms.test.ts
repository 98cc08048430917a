import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A review filed "EU card payments failing" beside "Payments fail for EU cards": `failing` and
// `fail` were two words, so both bugs were taken, both proposed to two people, none skipped as a
// duplicate; and once the first was fixed, "Payments failing for EU cards" was not said to be
// maybe back. A verb's forms (`-ing`, `-ed`, `-s`) read as one word, as a plural and its singular do.
const tempDir = useTempDir();
let db: string;
let cli: ReturnType<typeof cliFor>;

beforeEach(async () => {
  db = join(tempDir(), 'g.db');
  cli = cliFor(db, '2026-12-07T10:00:00Z');
  await runEach(cli, [
    ['init'],
    ['vision', 'set', 'statement', 'Make invoicing painless for freelancers'],
    ['vision', 'set', 'focus_areas', 'payments,onboarding'],
    ['project', 'add', 'Invoicer', '--revenue-bearing', '--focus', 'payments,onboarding'],
    [
      'revenue',
      'add',
      '--project',
      'Invoicer',
      '--month',
      '2026-11',
      '--actual',
      '9000',
      '--subscriptions',
      '300',
    ],
    ['feature', 'add', 'Invoicer', 'Recurring invoices'],
    ['assignee', 'add', 'ana'],
    ['assignee', 'add', 'ben'],
  ]);
});

describe('titles that differ in a verb form', () => {
  it('refuses a bug filed again with `failing` for `fail`, naming the open one, and proposes it once', async () => {
    expect(
      (await cli('bug', 'add', 'Invoicer', 'Payments fail for EU cards', '--severity', 'critical')).code,
    ).toBe(0);
    const again = await cli('bug', 'add', 'Invoicer', 'EU card payments failing', '--severity', 'high');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(
      /^goalpost: Invoicer already has bug 1 open, "Payments fail for EU cards" \(critical\), which reads the same; nothing added\./m,
    );
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '10')).stdout;
    expect(plan.match(/EU card/g)?.length).toBe(1);
  });

  it('says a bug filed in another verb form after the same words were fixed may have come back', async () => {
    await runEach(cli, [
      ['bug', 'add', 'Invoicer', 'Payments fail for EU cards', '--severity', 'critical'],
      ['generate'],
      ['approve', 'T-1'],
      ['done', 'T-1'],
    ]);
    const later = cliFor(db, '2026-12-14T10:00:00Z');
    expect(
      (await later('bug', 'add', 'Invoicer', 'Payments failing for EU cards', '--severity', 'high')).code,
    ).toBe(0);
    expect((await later('generate', '--dry-run')).stdout).toMatch(
      /A bug of the same words was fixed as T-1 on 2026-12-07: it may have come back/,
    );
  });

  it('refuses `Recurring invoicing` beside `Recurring invoices`, and names the words as typed when it only reads alike', async () => {
    const same = await cli('feature', 'add', 'Invoicer', 'Recurring invoicing');
    expect(same.stderr).toMatch(
      /already has feature 1 open, "Recurring invoices" \(planned\), which reads the same/,
    );
    const alike = await cli('feature', 'add', 'Invoicer', 'Recurring invoicing for agencies');
    expect(alike.stdout).toMatch(
      /It reads like feature 1, 'Recurring invoices', open on its project \(both say invoicing, recurring\)/,
    );
  });

  it('keeps apart work that shares a noun but not its verb: export and import', async () => {
    await runEach(cli, [
      ['feature', 'add', 'Invoicer', 'Export invoices to CSV'],
      ['feature', 'add', 'Invoicer', 'Import invoices from CSV'],
      ['feature', 'add', 'Invoicer', 'Onboarding email'],
      ['feature', 'add', 'Invoicer', 'Onboard teachers'],
    ]);
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '10')).stdout;
    for (const title of [
      'Export invoices to CSV',
      'Import invoices from CSV',
      'Onboarding email',
      'Onboard teachers',
    ])
      expect(plan).toContain(title);
    expect(plan).toMatch(/^Skipped:\s+0 duplicates/m);
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Bug, GenerateResult } from '../../src/index.js';
import { cliFor, runEach, runTyped } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** Invoicely, earning $9,000 a month short of a $12,000 target, with a feature and a high bug. */
async function invoicely() {
  const db = join(tempDir(), 'goalpost.db');
  const cli = cliFor(db);
  await runEach(cli, [
    ['init'],
    ['vision', 'set', 'statement', 'Invoicing that freelancers trust'],
    ['vision', 'set', 'focus_areas', 'billing'],
    ['vision', 'set', 'revenue_targets', '2027-03=12000'],
    ['project', 'add', 'Invoicely', '--revenue-bearing', '--focus', 'billing'],
    ['revenue', 'add', '9000', '--project', 'Invoicely', '--month', '2026-10'],
    ['feature', 'add', 'Invoicely', 'Annual billing plans'],
    ['bug', 'add', 'Invoicely', 'Trial expiry email links to a 404', '--severity', 'high'],
  ]);
  const bugs = async () => (await cli('bug', 'list', '--json')).json<{ bugs: Bug[] }>().bugs;
  const id = String((await bugs())[0]?.id);
  /** The bug's row as stored: its share and its last change. */
  const row = () => {
    const sqlite = new Database(db, { readonly: true });
    try {
      return sqlite.prepare('SELECT affects, updated_at FROM bugs WHERE id = ?').get(id);
    } finally {
      sqlite.close();
    }
  };
  return { db, cli, id, bugs, row };
}

describe('`bug affects`', () => {
  it('sets the share of what its product earns a bug puts at risk, shows it, and plans by it', async () => {
    const { db, cli, id, bugs, row } = await invoicely();
    const before = row();
    // A day later, so a rewritten date would show.
    const later = cliFor(db, '2026-11-22T10:00:00Z');
    const set = await later('bug', 'affects', id, '2%');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe(
      `Bug ${id} affects 2% of what Invoicely earns or is to win (its high severity's default is 20%): plans count that from now on (a proposal made from it is valued again by the next saved plan; work approved keeps the value it was decided at).\n`,
    );
    // How the team judges the work, not a change to it: its last change is as it was.
    expect(row()).toEqual({ affects: 0.02, updated_at: (before as { updated_at: string }).updated_at });
    expect((await bugs())[0]?.affects).toBe(0.02);
    expect((await cli('bug', 'list')).stdout).toMatch(
      new RegExp(`\\n${id} +high +open +Invoicely +2% +Trial expiry email links to a 404\\n`),
    );
    expect((await cli('project', 'show', 'Invoicely')).stdout).toMatch(
      / affects +title\n[\s\S]* 2% +Trial expiry/,
    );
    // Said again, nothing changes.
    expect((await cli('bug', 'affects', id, '2%')).stdout).toBe(
      `Bug ${id} was said to affect 2% of what Invoicely earns or is to win already; nothing changed.\n`,
    );

    const dry = (await cli('generate', '--dry-run', '--json')).json<GenerateResult>();
    expect(dry.tasks.map((t) => t.title)).toEqual([
      "Build 'Annual billing plans' for Invoicely",
      "Fix 'Trial expiry email links to a 404' in Invoicely",
    ]);
    const fix = dry.tasks[1];
    expect(fix?.revenueImpact).toBe(180);
    expect(fix?.reasoning).toContain(
      'Revenue $180/month: the team judges it affects 2% (a high bug threatens 20%) of the $9,000/month Invoicely earns; earned now, it counts ×2 in the score',
    );

    // Typed as `5 %`, unquoted: two words, one share.
    expect((await cli('bug', 'affects', id, '5', '%')).stdout).toMatch(
      /^Bug \d+ affects 5% of what Invoicely earns or is to win/,
    );
    expect((await cli('bug', 'affects', id, '0.5%')).stdout).toMatch(/^Bug \d+ affects 0\.5% of what/);
    expect(row()).toMatchObject({ affects: 0.005 });
    // 0% is a judgement too: the bug claims nothing of what Invoicely earns.
    expect((await cli('bug', 'affects', id, '0%')).code).toBe(0);
    const none = (await cli('generate', '--dry-run', '--json')).json<GenerateResult>();
    expect(none.tasks.find((t) => t.item?.kind === 'bug')?.revenueImpact).toBe(0);
  });

  it('takes the share back with `none`, the severity’s default standing again', async () => {
    const { cli, id, bugs, row } = await invoicely();
    await cli('bug', 'affects', id, '2%');
    const back = await cli('bug', 'affects', id, 'none');
    expect(back.stdout).toBe(
      `Bug ${id} has no share set now: plans count it at its high severity's 20% of what Invoicely earns or is to win again (a proposal made from it is valued again by the next saved plan; work approved keeps the value it was decided at).\n`,
    );
    expect(row()).toMatchObject({ affects: null });
    expect((await bugs())[0]).not.toHaveProperty('affects');
    expect((await cli('bug', 'list')).stdout).not.toMatch(/affects/);
    expect((await cli('bug', 'affects', id, 'none')).stdout).toBe(
      `Bug ${id} had no share set already (its high severity's default is 20%); nothing changed.\n`,
    );
    const dry = (await cli('generate', '--dry-run', '--json')).json<GenerateResult>();
    expect(dry.tasks[0]?.title).toBe("Fix 'Trial expiry email links to a 404' in Invoicely");
    expect(dry.tasks[0]?.revenueImpact).toBe(1_800);
  });

  it('refuses a share above its severity’s, saying to raise the severity, and writes nothing', async () => {
    const { cli, id, row } = await invoicely();
    await cli('bug', 'affects', id, '2%');
    const refused = await cli('bug', 'affects', id, '30%');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `goalpost: share: a high bug threatens at most 20% of what its product earns or is to win (got 30%); to say more, set its severity: \`goalpost bug severity ${id} critical\`; nothing was changed\n`,
    );
    expect(row()).toMatchObject({ affects: 0.02 });
    // A critical bug has no worse severity to raise it to.
    await cli('bug', 'severity', id, 'critical');
    expect((await cli('bug', 'affects', id, '60%')).stderr).toBe(
      "goalpost: share: a critical bug threatens at most 50% of what its product earns or is to win, and no bug is counted to threaten more than a critical bug's 50% (got 60%); nothing was changed\n",
    );
    expect((await cli('bug', 'affects', id, '50%')).code).toBe(0);
  });

  it('says, when its severity is lowered below the share, that plans count the severity’s', async () => {
    const { cli, id } = await invoicely();
    await cli('bug', 'affects', id, '15%');
    expect((await cli('bug', 'severity', id, 'medium')).stdout).toBe(
      `Bug ${id} ('Trial expiry email links to a 404') is medium now (was high): plans weigh it as a medium bug from the next one.\nThe team judged it affects 15% of what its product earns or is to win, more than a medium bug threatens: plans count 5% (\`goalpost bug affects ${id} <share>\` says less).\n`,
    );
    const dry = (await cli('generate', '--dry-run', '--json')).json<GenerateResult>();
    expect(dry.tasks.find((t) => t.item?.kind === 'bug')?.revenueImpact).toBe(450);
  });

  it('refuses a low bug, which plans never propose, and writes nothing', async () => {
    const { cli, row, bugs } = await invoicely();
    await cli('bug', 'add', 'Invoicely', 'Typo in the footer', '--severity', 'low');
    const low = String((await bugs()).find((b) => b.severity === 'low')?.id);
    const refused = await cli('bug', 'affects', low, '1%');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `goalpost: bug ${low} is low: a low bug is never proposed by a plan, so no share of what its product earns or is to win counts for it; \`goalpost bug severity ${low} medium\` has plans weigh it; nothing was changed\n`,
    );
    expect((await bugs()).find((b) => b.severity === 'low')).not.toHaveProperty('affects');
    expect(row()).toMatchObject({ affects: null });
  });

  it.each([
    ['abc', 'share: a percentage like 5% or 0.5%, or none (got "abc")'],
    ['150%', 'share: a percentage from 0% to 100% (got "150%")'],
    ['5', 'share: a percentage with its % sign, like 5% or 0.5% (got "5": for 5 %, type 5%)'],
    [
      '0.05',
      'share: a percentage with its % sign, like 5% or 0.5% (got "0.05": for 0.05 %, type 0.05%; for 5 %, type 5%)',
    ],
  ])('refuses %s, saying what it takes, and writes nothing', async (typed, message) => {
    const { cli, id, row } = await invoicely();
    await cli('bug', 'affects', id, '2%');
    const refused = await cli('bug', 'affects', id, typed, '--json');
    expect(refused.code).toBe(1);
    expect(refused.json<{ error: { code: string; field: string; message: string } }>().error).toEqual({
      code: 'E_VALIDATION',
      field: 'share',
      message,
    });
    expect(row()).toMatchObject({ affects: 0.02 });
  });

  it('refuses a negative share, and an unknown bug', async () => {
    const { db, cli, id, row } = await invoicely();
    // A negative number is an option to the command line unless `--` comes before it.
    const asOption = await cli('bug', 'affects', id, '-3%');
    expect(asOption.code).not.toBe(0);
    expect(asOption.stderr).toMatch(
      /^error: unknown option '-3%'\n\(a negative number is taken for an option unless -- comes before it/,
    );
    const negative = await runTyped(['--db', db, 'bug', 'affects', id, '--', '-3%']);
    expect(negative.code).toBe(1);
    expect(negative.stderr).toBe('goalpost: share: a percentage from 0% to 100% (got "-3%")\n');
    expect(row()).toMatchObject({ affects: null });
    const unknown = await cli('bug', 'affects', '999', '5%');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toBe('goalpost: unknown bug 999; `goalpost bug list` shows bug ids\n');
  });

  it('is taken by `bug add --affects`, no more than its severity’s', async () => {
    const { cli, bugs } = await invoicely();
    const added = await cli(
      'bug',
      'add',
      'Invoicely',
      'Receipt PDF blank for one locale',
      '--severity',
      'medium',
      '--affects',
      '1%',
    );
    expect(added.stdout).toMatch(
      /^Bug \d+ recorded \(medium, affecting 1% of what its product earns or is to win\)\.\n$/,
    );
    expect((await bugs()).find((b) => b.title === 'Receipt PDF blank for one locale')?.affects).toBe(0.01);
    const refused = await cli(
      'bug',
      'add',
      'Invoicely',
      'Slow export',
      '--severity',
      'medium',
      '--affects',
      '10%',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'goalpost: --affects: a medium bug threatens at most 5% of what its product earns or is to win (got 10%); to say more, set its severity: `--severity high`\n',
    );
    expect((await bugs()).some((b) => b.title === 'Slow export')).toBe(false);
  });

  it('says a product that earns nothing yet has what it is to win at stake, and plans by that share of it', async () => {
    const db = join(tempDir(), 'goalpost.db');
    const cli = cliFor(db);
    await runEach(cli, [
      ['init'],
      ['vision', 'set', 'statement', 'Notes a whole team can write together'],
      ['vision', 'set', 'revenue_targets', '2027-06=20000'],
      ['project', 'add', 'Notely', '--revenue-bearing'],
      ['feature', 'add', 'Notely', 'Dark mode'],
      ['bug', 'add', 'Notely', 'Editor loses images on paste', '--severity', 'high'],
    ]);
    const set = await cli('bug', 'affects', '1', '5%');
    // Notely earns nothing: "5% of what Notely earns" would say the share counts for nothing.
    expect(set.stdout).toMatch(
      /^Bug 1 affects 5% of what Notely earns or is to win \(its high severity's default is 20%\)/,
    );
    const planned = (await cli('generate', '--dry-run', '--json')).json<GenerateResult>();
    const fix = planned.tasks.find((t) => t.title === "Fix 'Editor loses images on paste' in Notely");
    expect(fix?.revenueImpact).toBeGreaterThan(0);
    expect(fix?.reasoning.join('\n')).toMatch(
      /the team judges it affects 5% \(a high bug threatens 20%\) of what its product is to win/,
    );
  });
});

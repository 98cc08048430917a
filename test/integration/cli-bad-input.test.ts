import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor, runTyped } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
let db: string;
let cli: ReturnType<typeof cliFor>;

beforeEach(async () => {
  db = join(tempDir(), 'g.db');
  cli = cliFor(db);
  await cli('init', '--demo');
  await cli('generate', '--max-tasks', '2');
  await cli('reject', 'T-2', '--reason', 'not now');
  // Bug 1, fixed, and bug 2 reading the same, open; feature 15 done, reading as feature 6, open.
  await cli('bug', 'add', 'Basic EDU Apps', 'Login fails', '--severity', 'high');
  await cli('bug', 'set', '1', 'fixed');
  await cli('bug', 'add', 'Basic EDU Apps', 'Login fails', '--severity', 'high');
  await cli('feature', 'add', 'Basic EDU Apps', 'Subscription admin dashboard', '--status', 'done');
  await cli('feature', 'after', '5', '4');
});

const cases: Array<[string, string[], RegExp]> = [
  // A review's project named with a direction mark alone showed blank, and a title holding U+202E
  // read backwards in chat (`invoice_\u202Efdp.exe` shows as `invoice_exe.pdf`).
  [
    'a project name of a direction mark alone',
    ['project', 'add', '\u200e'],
    /name: must not be empty: it holds nothing that shows/,
  ],
  // Said once: it was "title: must not be empty; title: must not be empty: it holds nothing that shows".
  ['an empty feature title', ['feature', 'add', 'Basic EDU Apps', ' '], /title: must not be empty$/m],
  [
    'a feature title that reorders how it shows',
    ['feature', 'add', 'Basic EDU Apps', 'Invoice \u202efdp.exe'],
    /title: must not hold characters that reorder how it shows \(U\+202A to U\+202E, U\+2066 to U\+2069\)/,
  ],
  [
    'a rejection reason that reorders how it shows',
    ['reject', 'T-1', '--reason', 'no \u2067thanks\u2069'],
    /reason: must not hold characters that reorder how it shows/,
  ],
  // A review's `__proto__=5` was dropped and the vision saved without it ("Vision updated").
  [
    'a success metric named __proto__',
    ['vision', 'set', 'success_metrics', '__proto__=5,users=10'],
    /success_metrics: "__proto__" is not a name like subscriptions/,
  ],
  [
    'a revenue removal that names no records',
    ['revenue', 'remove'],
    /from: say which records: --from and --to \(those within them\), or --all/,
  ],
  [
    'a revenue removal where nothing was typed',
    ['revenue', 'remove', '--from', '2020-01-01', '--to', '2020-12-31'],
    /no typed revenue for the workspace itself \(a project’s: --project\) within 2020-01-01 → 2020-12-31/,
  ],
  [
    'an unknown project',
    ['bug', 'add', 'Nope', 'x', '--severity', 'high'],
    /unknown project "Nope"; projects are: .*"Basic EDU Apps"/,
  ],
  [
    'a malformed date',
    ['revenue', 'add', '--from', '2026-02-30', '--to', '2026-03-01', '--actual', '1'],
    /from: a date like 2026-02-01 \(got "2026-02-30"\)/,
  ],
  [
    'a period that ends before it starts',
    ['revenue', 'add', '--from', '2026-03-01', '--to', '2026-02-01', '--actual', '1'],
    /to: must be on or after from/,
  ],
  [
    // Three days of a launch would read as ten times a month's revenue (a walkthrough).
    'a period of a few days, which would read as a month',
    ['revenue', 'add', '--from', '2026-11-11', '--to', '2026-11-13', '--actual', '87'],
    /^goalpost: --to: 2026-11-11 → 2026-11-13 is 3 days, and a period's revenue reads as a month's: \$87 would read as \$883\/month; record a week or more, or the month \(--month 2026-11\); nothing was written$/m,
  ],
  [
    'negative money',
    ['revenue', 'add', '--from', '2026-02-01', '--to', '2026-02-28', '--actual', '-5'],
    /actual: a non-negative amount like 420/,
  ],
  [
    'a churn over 100 %',
    ['revenue', 'add', '--from', '2026-02-01', '--to', '2026-02-28', '--actual', '12', '--churn', '150%'],
    /churn: a ratio from 0 to 1 like 0\.05, or a percentage like 5% \(got "150%"\)/,
  ],
  [
    'a churn of 5 meant as 5 %',
    ['revenue', 'add', '--from', '2026-02-01', '--to', '2026-02-28', '--actual', '12', '--churn', '5'],
    /churn: a ratio from 0 to 1 like 0\.05, or a percentage like 5% \(got 5: for 5 %, type 5% or 0\.05\)/,
  ],
  [
    // A review read "type 4.1% or 0.040999999999999995".
    'a churn of 4.1 meant as 4.1 %',
    ['revenue', 'add', '--from', '2026-02-01', '--to', '2026-02-28', '--actual', '12', '--churn', '4.1'],
    /churn: a ratio from 0 to 1 like 0\.05, or a percentage like 5% \(got 4\.1: for 4\.1 %, type 4\.1% or 0\.041\)/,
  ],
  [
    'non-numeric money',
    ['revenue', 'add', '--from', '2026-02-01', '--to', '2026-02-28', '--actual', '12abc'],
    /actual: a non-negative amount like 420, 420\.50 or \$12,200 \(got "12abc"\)/,
  ],
  [
    // 1e308 made every plan's priority NaN (generate crashed) and state print $Infinity.NaN.
    'a revenue target past 10^12 dollars',
    ['vision', 'set', 'revenue_targets', '2027-03=1e308'],
    /^goalpost: revenue_targets\.2027-03: a non-negative amount like 420, 420\.50 or \$12,200, at most 10\^12 \(got 1e\+308\)$/m,
  ],
  [
    'a revenue amount of 400 digits, quoted as typed',
    ['revenue', 'add', `1${'0'.repeat(400)}`, '--month', '2026-10'],
    /^goalpost: actual: a non-negative amount like 420, 420\.50 or \$12,200, at most 10\^12 \(got "10{39}…"\)$/m,
  ],
  [
    'a projected amount past 10^12 dollars',
    ['revenue', 'add', '12', '--month', '2026-10', '--projected', '1000000000001'],
    /^goalpost: --projected: a non-negative amount like 420, 420\.50 or \$12,200, at most 10\^12 \(got "1000000000001"\)$/m,
  ],
  [
    'more subscriptions than 10^9',
    ['revenue', 'add', '12', '--month', '2026-10', '--subscriptions', '1000000000001'],
    /^goalpost: --subscriptions: a whole number ≥ 0 like 14, at most 10\^9 \(got "1000000000001"\)$/m,
  ],
  [
    'a success metric target past 10^15',
    ['vision', 'set', 'success_metrics', 'subscriptions=1e300'],
    /^goalpost: success_metrics\.subscriptions: a number like 100, at most 10\^15 either way \(got 1e\+300\)$/m,
  ],
  [
    'a goal unit with a tab',
    ['goal', 'add', 'nps', '--target', '5', '--by', '2027-03-31', '--unit', 'pts\tx'],
    /^goalpost: --unit: must be one line: no line breaks or tabs$/m,
  ],
  [
    'a goal owner with an escape sequence',
    ['goal', 'add', 'nps', '--target', '5', '--by', '2027-03-31', '--owner', 'ana\u001b[31m'],
    /^goalpost: --owner: must not contain control characters$/m,
  ],
  [
    'a goal owner on two lines, in a change',
    ['goal', 'set', 'active_teachers', '--owner', 'ana\nbo'],
    /^goalpost: --owner: must be one line: no line breaks or tabs$/m,
  ],
  [
    'revenue notes with a bell',
    ['revenue', 'add', '12', '--month', '2026-10', '--notes', 'ding\u0007'],
    /^goalpost: --notes: must not contain control characters$/m,
  ],
  [
    'a project description with an escape sequence',
    ['project', 'add', 'Quiet', '--description', 'clear\u001b[2J'],
    /^goalpost: --description: must not contain control characters$/m,
  ],
  [
    'a metric context value with a tab',
    ['metric', 'active_teachers', '3', '--context', 'campaign=a\tb'],
    /^goalpost: --context: campaign's value must be one line without control characters or tabs \(got "campaign=a\\tb"\)$/m,
  ],
  [
    'a metric context key given twice with two values',
    ['metric', 'active_teachers', '3', '--context', 'campaign=a,campaign=b'],
    /^goalpost: --context: campaign is given twice \("a" and "b"\): give it once$/m,
  ],
  [
    'a webhook URL with a tab',
    ['webhook', 'add', 'https://example.com/a\tb'],
    /^goalpost: url: must not contain spaces, line breaks, tabs or control characters$/m,
  ],
  [
    'a webhook URL on port 0, where no server listens',
    ['webhook', 'add', 'http://example.com:0/h'],
    /^goalpost: url: a port from 1 to 65535, or none \(got "http:\/\/example\.com:0\/h"\)$/m,
  ],
  [
    // A no-break space, or a zero-width one, makes no name another: each was added beside it.
    'a duplicate project spelt with a no-break space',
    ['project', 'add', 'Basic\u00a0EDU Apps'],
    /^goalpost: a project named "Basic EDU Apps" already exists; change it with `goalpost project set "Basic EDU Apps"`$/m,
  ],
  [
    'a duplicate project spelt with a zero-width space',
    ['project', 'add', 'Basic EDU\u200b Apps'],
    /^goalpost: a project named "Basic EDU Apps" already exists; change it with/m,
  ],
  [
    'a feature that reads as an open one but for a zero-width space',
    ['feature', 'add', 'Basic EDU Apps', 'Stripe check\u200bout for subscription tiers'],
    /^goalpost: Basic EDU Apps already has feature \d+ open, "Stripe checkout for subscription tiers" \(\w+\), which reads the same; nothing added\./m,
  ],
  [
    // Read as Infinity, it was quoted as "null".
    'a batch cap of 400 digits, quoted as typed',
    ['generate', '--max-tasks', '9'.repeat(400)],
    /^goalpost: --max-tasks: a whole number ≥ 1 like 5 \(got "9{40}…"\)$/m,
  ],
  [
    'an unknown focus area',
    ['project', 'add', 'X', '--focus', 'marketing'],
    /focus: unknown focus area "marketing"; the vision's focus areas are: payment_integration, automation, self_healing/,
  ],
  [
    'an unknown vision field',
    ['vision', 'set', 'mission', 'x'],
    /unknown vision field "mission"; fields are: statement, primary_goal/,
  ],
  [
    'a vision field with a slip of the keys',
    ['vision', 'set', 'primary_gaol', 'x'],
    /unknown vision field "primary_gaol"; did you mean primary_goal\? fields are: statement/,
  ],
  ['an empty vision statement', ['vision', 'set', 'statement', '   '], /statement: must not be empty/],
  [
    'a malformed revenue target',
    ['vision', 'set', 'revenue_targets', '2026-13=5'],
    /revenue_targets.*a month like 2027-02/,
  ],
  [
    'a revenue target month given twice',
    ['vision', 'set', 'revenue_targets', '2027-02=999,2027-02=5'],
    /revenue_targets: 2027-02 is given twice \(got "2027-02=5" again\)/,
  ],
  [
    'revenue targets all in the past',
    ['vision', 'set', 'revenue_targets', '2020-01=5'],
    /revenue_targets: every month is past \(the latest is 2020-01; this is 2026-11\): give the next milestone too/,
  ],
  ['an unknown task ref', ['approve', 'T-99'], /unknown task T-99/],
  ['a malformed task ref', ['approve', 'banana'], /a task ref like T-12 \(got "banana"\)/],
  [
    'an illegal transition',
    ['start', 'T-2'],
    /cannot start T-2: it is rejected \(only a task that is approved can be started\)/,
  ],
  ['a reject without a reason', ['reject', 'T-1', '--reason', ' '], /reason: say why/],
  [
    'a bad severity',
    ['bug', 'add', 'Basic EDU Apps', 'x', '--severity', 'urgent'],
    /severity: one of critical, high, medium, low \(got "urgent"\)/,
  ],
  [
    'a project name on two lines',
    ['project', 'add', 'line1\nline2'],
    /name: must be one line: no line breaks or tabs/,
  ],
  [
    'a bug title with a tab',
    ['bug', 'add', 'Basic EDU Apps', 'crash\ton login', '--severity', 'high'],
    /title: must be one line: no line breaks or tabs/,
  ],
  // A review's `project add $'\u2028x'` added a project named "x": the trim took the line
  // separator off before the one-line check could see it. At either end, as inside: refused.
  [
    'a project name after a line separator',
    ['project', 'add', '\u2028x'],
    /^goalpost: name: must be one line: no line breaks or tabs$/m,
  ],
  [
    'a project name ending in a line break',
    ['project', 'add', 'Quiz Packs\n'],
    /^goalpost: name: must be one line: no line breaks or tabs$/m,
  ],
  [
    'a feature title ending in a paragraph separator',
    ['feature', 'add', 'Basic EDU Apps', 'Dark mode\u2029'],
    /^goalpost: title: must be one line: no line breaks or tabs$/m,
  ],
  [
    'a playbook title ending in a line break',
    [
      'playbook',
      'add',
      'x.y',
      '--signal',
      'revenue_gap',
      '--title',
      'Fix checkout\n',
      '--category',
      'bugfix',
      '--effort',
      '2',
      '--impact',
      '0.5',
    ],
    /^goalpost: --title: must be one line: no line breaks or tabs$/m,
  ],
  [
    'a bug title after a form feed',
    ['bug', 'add', 'Basic EDU Apps', '\fcrash on login', '--severity', 'high'],
    /^goalpost: title: must not contain control characters$/m,
  ],
  [
    'a duplicate project',
    ['project', 'add', 'basic edu apps'],
    /^goalpost: a project named "basic edu apps" already exists \(as "Basic EDU Apps"\); change it with `goalpost project set "Basic EDU Apps"`$/m,
  ],
  [
    'a goal named none',
    ['goal', 'add', 'none', '--target', '3', '--by', '2027-03-31'],
    /^goalpost: metric: a name other than none, which unlinks an item$/m,
  ],
  [
    'archiving a goal there is not',
    ['goal', 'archive', 'nps'],
    /^goalpost: unknown goal or metric "nps"; there are no goals yet$/m,
  ],
  [
    'an estimate out of range',
    ['feature', 'estimate', '1', '0'],
    /hours: a number of hours like 3, 1\.5h, 90m, 2d, 1w or 3h30m, from 0\.1 \(6m\) to 10000, or none \(got "0"\)/,
  ],
  [
    'a zero batch cap',
    ['generate', '--max-tasks', '0'],
    /^goalpost: --max-tasks: a whole number ≥ 1 like 5 \(got 0\)$/m,
  ],
  // A review's 120,000-character token name was printed back whole: a refusal quotes 40.
  [
    'a token name of 100,000 characters',
    ['token', 'create', 'a'.repeat(100_000)],
    /^goalpost: name: a name of letters, digits, - _ \. like ci-bot \(got "a{40}…"\)$/m,
  ],
  // A review copied `vision set --help`'s example, 2026-03=999,2026-06=1498, in December 2026 and
  // was told every month is past: each example is months to come, from the command's clock.
  [
    'revenue targets that are not pairs',
    ['vision', 'set', 'revenue_targets', '2027-03'],
    /^goalpost: revenue_targets: expected key=value pairs like 2027-02=999,2027-05=1498 \(got "2027-03"\)$/m,
  ],
  // A number typed is shown as a number whatever is wrong with it, as 0 is; text as text.
  [
    'a negative batch cap',
    ['generate', '--max-tasks=-2'],
    /^goalpost: --max-tasks: a whole number ≥ 1 like 5 \(got -2\)$/m,
  ],
  [
    'a batch cap of a fraction',
    ['generate', '--max-tasks', '1.5'],
    /^goalpost: --max-tasks: a whole number ≥ 1 like 5 \(got 1\.5\)$/m,
  ],
  [
    'a batch cap in words',
    ['generate', '--max-tasks', 'five'],
    /^goalpost: --max-tasks: a whole number ≥ 1 like 5 \(got "five"\)$/m,
  ],
  [
    'a playbook with an unknown placeholder',
    [
      'playbook',
      'add',
      'x.y',
      '--signal',
      'revenue_gap',
      '--title',
      'Fix {widget}',
      '--category',
      'bugfix',
      '--effort',
      '2',
      '--impact',
      '0.5',
    ],
    /title: unknown placeholder \{widget\}/,
  ],
  [
    'a playbook for an unknown signal',
    [
      'playbook',
      'add',
      'x.y',
      '--signal',
      'moon',
      '--title',
      'x',
      '--category',
      'bugfix',
      '--effort',
      '2',
      '--impact',
      '0.5',
    ],
    /signal: one of revenue_gap/,
  ],
  [
    'a playbook for a signal the backlog always serves',
    [
      'playbook',
      'add',
      'x.y',
      '--signal',
      'blocker',
      '--title',
      'Write a post-mortem for {bug}',
      '--category',
      'research',
      '--effort',
      '2',
      '--impact',
      '0.1',
    ],
    /signal: blocker is always served by the team's backlog \(the critical bug is its own task\)/,
  ],
  [
    'a playbook effort that is no number, named as the option',
    [
      ...['playbook', 'add', 'x.y', '--signal', 'stale_project', '--title', 'Review {project}'],
      ...['--category', 'research', '--effort', 'lots', '--impact', '0.5'],
    ],
    /^goalpost: --effort: /m,
  ],
  [
    'a playbook with two bad values, each named as its option',
    [
      ...['playbook', 'add', 'x.y', '--signal', 'stale_project', '--title', 'Review {project}'],
      ...['--category', 'research', '--effort', 'lots', '--impact', '7'],
    ],
    /^goalpost: --effort: [^;]+; --impact: /m,
  ],
  [
    'an amount given as the positional argument, named as it is (no --actual was typed)',
    ['revenue', 'add', 'abc', '--month', '2026-09'],
    /^goalpost: actual: a non-negative amount like 420, 420\.50 or \$12,200 \(got "abc"\)$/m,
  ],
  [
    'a recurrence that is not a number of days',
    [
      'playbook',
      'add',
      'x.y',
      '--signal',
      'stale_project',
      '--title',
      'Review {project}',
      '--category',
      'research',
      '--effort',
      '1',
      '--impact',
      '0.1',
      '--recur-days',
      'monthly',
    ],
    /^goalpost: --recur-days: whole days from 1 to 3650, like 30/m,
  ],
  [
    'a feature estimated at nothing',
    ['feature', 'add', 'Basic EDU Apps', 'Teacher invites', '--estimate', '0'],
    /^goalpost: --estimate: a number of hours like 3, 1\.5h, 90m, 2d, 1w or 3h30m, from 0\.1 \(6m\) to 10000 \(got "0"\)/m,
  ],
  [
    'a bug estimated in sprints',
    ['bug', 'add', 'Basic EDU Apps', 'Slow export', '--severity', 'high', '--estimate', '2 sprints'],
    /^goalpost: --estimate: a number of hours like 3, 1\.5h, 90m, 2d, 1w or 3h30m, from 0\.1 \(6m\) to 10000 \(got "2 sprints"\)/m,
  ],
  ['an estimate of an unknown feature', ['feature', 'estimate', '999', '2h'], /unknown feature 999; /],
  [
    'a priority that is no level',
    ['feature', 'priority', '5', 'urgent'],
    /^goalpost: priority: one of critical, high, medium, low, none \(got "urgent"\)$/m,
  ],
  ['a priority of an unknown feature', ['feature', 'priority', '999', 'high'], /unknown feature 999; /],
  [
    'a feature added at a priority that is no level',
    ['feature', 'add', 'Basic EDU Apps', 'Gift cards', '--priority', 'p1'],
    /^goalpost: --priority: one of critical, high, medium, low \(got "p1"\)$/m,
  ],
  [
    'an estimate that is no number of hours',
    ['bug', 'estimate', '1', 'soon'],
    /hours: a number of hours like 3, 1\.5h, 90m, 2d, 1w or 3h30m, from 0\.1 \(6m\) to 10000, or none \(got "soon"\)/,
  ],
  [
    'a feature linked to an unknown goal',
    ['feature', 'add', 'Basic EDU Apps', 'Teacher invites', '--goal', 'nps'],
    /goal: unknown goal "nps"; there are no goals yet \(add one with `goalpost goal add nps --target N --by YYYY-MM-DD`, then give --goal nps again\)/,
  ],
  [
    'a feature that reads as one its project has open',
    ['feature', 'add', 'Basic EDU Apps', 'subscription admin  dashboards!'],
    /^goalpost: Basic EDU Apps already has feature 6 open, "Subscription admin dashboard" \(planned\), which reads the same; nothing added\. /,
  ],
  [
    'a bug that reads as one its project has open',
    ['bug', 'add', 'Basic EDU Apps', 'The login fails', '--severity', 'critical'],
    /^goalpost: Basic EDU Apps already has bug 2 open, "Login fails" \(high\), which reads the same; nothing added\. /,
  ],
  [
    'a done feature opened again that reads as one its project has open',
    ['feature', 'set', '15', 'in_progress'],
    /^goalpost: feature 15, "Subscription admin dashboard", reads the same as feature 6, "Subscription admin dashboard" \(planned\), open on its project; nothing was changed\. /,
  ],
  [
    'a fixed bug opened again that reads as one its project has open',
    ['bug', 'set', '1', 'open'],
    /^goalpost: bug 1, "Login fails", reads the same as bug 2, "Login fails" \(high\), open on its project; nothing was changed\. /,
  ],
  [
    'a success metric without its target',
    ['vision', 'set', 'success_metrics', 'subscriptions'],
    /^goalpost: success_metrics: expected key=value pairs like subscriptions=100,active_teachers=40 \(got "subscriptions"\)$/m,
  ],
  [
    'a workspace flag that is no workspace id, named as the flag',
    ['tasks', '--workspace', 'a b'],
    /^goalpost: --workspace: letters, digits and _\.:- only, up to 64, like default \(got "a b"\)$/m,
  ],
  ['an empty workspace flag', ['tasks', '--workspace', ''], /^goalpost: --workspace: .* \(got ""\)$/m],
  [
    'an unknown task status filter',
    ['tasks', '--status', 'bogus'],
    /^goalpost: --status: one of proposed, approved, in_progress, done, failed, rejected, cancelled, open, all \(got "bogus"\)$/m,
  ],
  [
    "a task's ref where a status goes: where that task is shown",
    ['tasks', 't-1'],
    /^goalpost: status: T-1 is a task, not a status; `goalpost task show T-1` shows it$/m,
  ],
  [
    'more tasks to a batch than a batch takes, saying what was typed',
    ['generate', '--dry-run', '--max-tasks', '100'],
    /^goalpost: --max-tasks: at most 50 tasks per batch \(got 100\)$/m,
  ],
  [
    'a feature after one of another project',
    ['feature', 'after', '6', '7'],
    /^goalpost: feature 7 is of Architect Dashboard, and feature 6 of Basic EDU Apps: a feature waits only for one of its own project; nothing was changed$/m,
  ],
  [
    'a new feature after one of another project',
    ['feature', 'add', 'Basic EDU Apps', 'Teacher invites', '--after', '7'],
    /^goalpost: feature 7 is of Architect Dashboard, and the new feature of Basic EDU Apps: .*; nothing was added$/m,
  ],
  [
    'a feature after itself',
    ['feature', 'after', '6', '6'],
    /^goalpost: feature 6 cannot wait for itself; /m,
  ],
  [
    'two features after each other',
    ['feature', 'after', '4', '5'],
    /^goalpost: feature 5 waits for feature 4 already .*: the two would wait for each other; nothing was changed$/m,
  ],
  ['a feature after an unknown one', ['feature', 'after', '6', '999'], /^goalpost: unknown feature 999; /m],
  [
    'a feature after no feature id',
    ['feature', 'after', '6', 'soon'],
    /after: the id of the feature it comes after .*, or none \(got "soon"\)$/m,
  ],
  [
    'a project in an unknown status',
    ['project', 'set', 'Basic EDU Apps', 'archived'],
    /status: one of active, paused, done \(got "archived"\)/,
  ],
];

describe('bad input through the CLI', () => {
  it.each(
    cases,
  )('refuses %s with one clear line and leaves the database unchanged', async (_name, argv, message) => {
    const before = snapshot(db);
    const result = await cli(...argv);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(snapshot(db)).toEqual(before);
  });

  it('keeps warning about a workspace typed once while nothing is written to it (a typo in --workspace)', async () => {
    const refused = await cli('feature', 'estimate', '1', '5h', '--workspace', 'defualt');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'goalpost: workspace "defualt" is new in this database, which has "default" too: check --workspace or GOALPOST_WORKSPACE if you meant that one',
      expect.stringMatching(/^goalpost: unknown feature 1; /),
    ]);
    // Made by the refused command, or read since: the next commands there are warned too.
    // (`bug list` asks for its context twice: said once a command.)
    for (const argv of [
      ['tasks', '--workspace', 'defualt'],
      ['bug', 'list', '--workspace', 'defualt'],
    ]) {
      const read = await cli(...argv);
      expect(read.code).toBe(0);
      expect(read.stderr).toBe(
        'goalpost: workspace "defualt" holds nothing yet, and this database has "default" too: check --workspace or GOALPOST_WORKSPACE if you meant that one\n',
      );
    }
    // Once written to, it is a team's: no more warnings, and the default one is not called a typo.
    expect((await cli('project', 'add', 'Side', '--workspace', 'defualt')).code).toBe(0);
    expect((await cli('tasks', '--workspace', 'defualt')).stderr).toBe('');
    expect((await cli('tasks')).stderr).toBe('');
  });

  it('takes an item that reads as one its project has done, fixed or elsewhere: not the same open work', async () => {
    expect(
      (await cli('feature', 'add', 'Basic EDU Apps', 'Lesson library', '--status', 'planned')).stdout,
    ).toMatch(/^Feature \d+ added: Lesson library \(planned\)/);
    expect(
      (await cli('feature', 'add', 'Basic EDU Apps', 'Subscription admin dashboard', '--status', 'done'))
        .stdout,
    ).toMatch(/added: Subscription admin dashboard \(done\)/);
    expect((await cli('bug', 'add', 'Architect Dashboard', 'Login fails', '--severity', 'high')).code).toBe(
      0,
    );
    expect((await cli('bug', 'set', '2', 'wontfix')).code).toBe(0);
    expect((await cli('bug', 'add', 'Basic EDU Apps', 'Login fails', '--severity', 'medium')).stdout).toMatch(
      /^Bug \d+ recorded \(medium\)/,
    );
    // Once the open one is closed, the other may open again.
    expect((await cli('feature', 'set', '6', 'done')).code).toBe(0);
    expect((await cli('feature', 'set', '15', 'in_progress')).stdout).toMatch(/in_progress/);
  });

  it('answers --json errors with a machine-readable object on stdout', async () => {
    const result = await cli(
      'revenue',
      'add',
      '--from',
      'x',
      '--to',
      '2026-02-01',
      '--actual',
      '1',
      '--json',
    );
    expect(result.code).toBe(1);
    expect(result.json()).toEqual({
      error: { code: 'E_VALIDATION', field: 'from', message: '--from: a date like 2026-02-01 (got "x")' },
    });
  });

  it('refuses a --now that is not on the calendar or outside the years 1970 to 9999, as --by is refused', async () => {
    const before = snapshot(db);
    // 2026-02-30 was run as 2 March; the years 99999 and 0 were stored as written.
    for (const now of [
      '2026-02-30',
      '2026-02-30T09:00:00Z',
      '+099999-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '2026-11-21T10:00',
      'soon',
    ]) {
      const result = await runTyped(['approve', 'T-1', '--db', db, '--now', now]);
      expect(result.code, now).toBe(1);
      expect(result.stderr).toBe(
        `goalpost: --now: a time with its zone like 2026-03-01T09:00:00Z (or a date like 2026-03-01), a real day in the years 1970 to 9999 (got ${JSON.stringify(now)}${now === '2026-11-21T10:00' ? '; 2026-11-21T10:00 has no time zone: add Z for UTC or an offset like +01:00' : ''})\n`,
      );
    }
    expect(snapshot(db)).toEqual(before);
    const taken = await runTyped(['approve', 'T-1', '--db', db, '--now', '2026-11-21T10:00:00+01:00']);
    expect(taken.code).toBe(0);
  });

  it('lists every task, whatever its status, for --status all', async () => {
    const all = (await cli('tasks', '--status', 'all', '--json')).json<
      Array<{ ref: string; status: string }>
    >();
    expect(all.map((t) => `${t.ref} ${t.status}`).sort()).toEqual(['T-1 proposed', 'T-2 rejected']);
    const open = (await cli('tasks', '--status', 'open', '--json')).json<Array<{ ref: string }>>();
    expect(open.map((t) => t.ref)).toEqual(['T-1']);
    const mixed = (await cli('tasks', '--status', 'proposed,all', '--json')).json<unknown[]>();
    expect(mixed).toHaveLength(2);
  });

  it('refuses a bad environment variable naming it', async () => {
    const { runCli } = await import('../../adapters/cli/run-cli.js');
    /** `goalpost state` with `env` set: its exit code and what it printed on stderr. */
    const stateWith = async (env: Record<string, string>) => {
      let stderr = '';
      const code = await runCli({
        argv: ['state'],
        env: { GOALPOST_DB: db, ...env },
        cwd: process.cwd(),
        stdout: () => {},
        stderr: (t) => {
          stderr += t;
        },
      });
      return { code, stderr };
    };
    const cap = await stateWith({ GOALPOST_MAX_TASKS: 'lots' });
    expect(cap.code).toBe(78);
    expect(cap.stderr).toMatch(/GOALPOST_MAX_TASKS: a whole number from 1 to 50/);
    const zone = await stateWith({ GOALPOST_TIME_ZONE: 'IST' });
    expect(zone.code).toBe(78);
    expect(zone.stderr).toMatch(
      /GOALPOST_TIME_ZONE: "IST" is an abbreviation.*Asia\/Kolkata \(India\), Europe\/Dublin/,
    );
  });

  it('answers an unknown command with usage and exit code 2', async () => {
    const result = await cli('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  // A review typed `revenue list` and read "too many arguments for 'show'", and `assignee show ana`
  // "too many arguments for 'list'": a group runs its default command on what it does not know,
  // and the error blamed a command nobody typed. It names the word typed and the group's commands.
  it("names a group's unknown command as unknown, not the default command's arguments", async () => {
    const revenue = await cli('revenue', 'list');
    expect(revenue.code).toBe(2);
    expect(revenue.stderr).toMatch(
      /^error: unknown command 'list' for 'goalpost revenue' \(its commands: show, add, /,
    );
    expect(revenue.stderr).not.toMatch(/too many arguments/);
    const assignee = await cli('assignee', 'show', 'ana');
    expect(assignee.stderr).toMatch(
      /^error: unknown command 'show' for 'goalpost assignee' \(its commands: list, /,
    );
    // A measurement is recorded with `metric`: the word a review tried first says so.
    expect((await cli('goal', 'record', 'signups', '150')).stderr).toMatch(
      /^error: unknown command 'record' for 'goalpost goal' \(its commands: [^)]*\); to record a measurement: `goalpost metric <metric> <value> \[--at YYYY-MM-DD\]`\n/,
    );
    const asJson = await cli('--json', 'revenue', 'list');
    expect(JSON.parse(asJson.stdout)).toEqual({
      error: {
        code: 'E_USAGE',
        message: expect.stringMatching(/^error: unknown command 'list' for 'goalpost revenue'/),
      },
    });
    // The default command given an argument it does not take still says so.
    expect((await cli('revenue', 'show', 'extra')).stderr).toMatch(/too many arguments for 'show'/);
  });

  it('points a note typed as a word, and a task typed after `task`, at the form that works', async () => {
    const before = snapshot(db);
    const worded = await cli('done', 'T-1', 'shipped');
    expect(worded.code).toBe(2);
    expect(worded.stderr).toMatch(/too many arguments for 'done'/);
    expect(worded.stderr).toContain(
      '(`goalpost done <ref> [--note "…"]`, the note quoted; `goalpost help done` shows the options)',
    );
    // Without a ref, the same form says what is missing.
    expect((await cli('done')).stderr).toContain('`goalpost done <ref> [--note "…"]`');
    const reason = await cli('reject', 'T-1', 'too', 'big');
    expect(reason.stderr).toContain(
      '(`goalpost reject <ref> --reason "…"`, the reason quoted; `goalpost help reject` shows the options)',
    );
    const shown = await cli('task', 'T-1');
    expect(shown.code).toBe(2);
    expect(shown.stderr).toContain(
      '(`goalpost task show <ref>` shows a task, like `goalpost task show T-1`)',
    );
    // --note and --reason are one note: both at once would keep one and drop the other unsaid.
    const both = await cli('approve', 'T-1', '--note', 'ok', '--reason', 'fine');
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/--note and --reason are the same note: give one/);
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses an option given twice with two values, and keeps the same value given twice', async () => {
    const before = snapshot(db);
    const twice = await cli(
      'goal',
      'add',
      'signups',
      '--target',
      '200',
      '--target',
      '300',
      '--by',
      '2027-06-30',
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/--target was given twice, with two values: give it once/);
    // Neither value is echoed: the option may carry a key or a token.
    const keys = await cli(
      ...['stripe', 'connect', '--key', 'rk_test_51FirstKeyOfTwo', '--key', 'rk_test_51SecondKeyOfTwo'],
      ...['--project', 'Basic EDU Apps'],
    );
    expect(keys.code).toBe(2);
    expect(keys.stderr).toMatch(/--key was given twice/);
    expect(keys.stderr).not.toMatch(/rk_test/);
    // A flag and its --no- twin on one line contradict each other, whichever comes last.
    const both = await cli(
      ...['github', 'connect', 'acme/edu-apps', '--project', 'Basic EDU Apps'],
      ...['--no-export-tasks', '--export-tasks'],
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--no-export-tasks and --export-tasks say opposite things: give one of them/);
    // And an option that takes a value beside its --no- twin, in either order.
    for (const order of [
      ['--slack', 'U024BE7LH', '--no-slack'],
      ['--no-slack', '--slack', 'U024BE7LH'],
    ]) {
      const linked = await cli('assignee', 'set', 'dev_worker1', ...order);
      expect(linked.code, order.join(' ')).toBe(2);
      expect(linked.stderr).toMatch(/--(no-)?slack and --(no-)?slack say opposite things/);
    }
    expect(snapshot(db)).toEqual(before);
    // Collecting options still collect.
    const focus = await cli(
      'project',
      'add',
      'Twice',
      '--focus',
      'payment_integration',
      '--focus',
      'automation',
    );
    expect(focus.code).toBe(0);
    const same = await cli(
      'goal',
      'add',
      'signups',
      '--target',
      '200',
      '--target',
      '200',
      '--by',
      '2027-06-30',
    );
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/Goal signups: raise to 200 by 2027-06-30/);
  });

  it('keeps names as normaliseName gives them, and finds one stored before in another form', async () => {
    expect((await cli('project', 'add', 'Cafe\u0301')).code).toBe(0);
    const before = snapshot(db);
    const again = await cli('project', 'add', 'Caf\u00e9');
    expect(again.stderr).toMatch(/^goalpost: a project named "Caf\u00e9" already exists;/);
    expect(snapshot(db)).toEqual(before);
    // Written before names were normalised: a zero-width space in it, an NFD é.
    const raw = new Database(db);
    raw
      .prepare(
        "INSERT INTO projects (workspace_id, name, created_at, updated_at) VALUES ('default', ?, '2026-11-01', '2026-11-01')",
      )
      .run('Old\u200b Re\u0301sume\u0301 App');
    raw.close();
    const added = await cli('feature', 'add', 'Old R\u00e9sum\u00e9 App', 'Export to PDF', '--json');
    expect(added.code).toBe(0);
    expect(added.json<{ projectName?: string; title: string }>().title).toBe('Export to PDF');
    expect((await cli('project', 'add', 'old r\u00e9sum\u00e9 app')).stderr).toMatch(/already exists/);
  });

  it('prints stored text on the terminal without its escape sequences', async () => {
    // Text written before control characters were refused, or by another tool, reaches the terminal.
    const raw = new Database(db);
    raw
      .prepare('UPDATE tasks SET title = ? WHERE seq = 1')
      .run('Fix checkout\u001b]0;pwned\u0007\u001b[2J\u001b[31m now');
    raw.close();
    for (const argv of [['task', 'show', 'T-1'], ['tasks']]) {
      const out = (await cli(...argv)).stdout;
      expect(out, argv.join(' ')).toContain('Fix checkout');
      expect(out.includes('\u001b') || out.includes('\u0007')).toBe(false);
      expect(out).toContain('Fix checkout\uFFFD]0;pwned\uFFFD\uFFFD[2J\uFFFD[31m now');
    }
    // --json keeps the stored text exactly: JSON escapes it.
    expect((await cli('task', 'show', 'T-1', '--json')).stdout).toContain('\\u001b[2J');
  });
});

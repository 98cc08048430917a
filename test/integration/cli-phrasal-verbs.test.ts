import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A review found `up`, `in` and `out` read as stopwords: "Sign in page" was refused as a
// duplicate of "Sign up page", a bug "Log out fails on Safari" dropped from the plan beside "Log in
// fails on Safari", and a new bug said to have come back. A phrasal verb's particle is part of its
// word, as English writes it: "Sign up page", "Sign-up page" and "Signup page" are one title.
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
    ['assignee', 'add', 'ana'],
    ['assignee', 'add', 'ben'],
  ]);
});

describe('titles with a phrasal verb', () => {
  it('takes "Sign in page" after "Sign up page", and refuses "Signup page" and "Sign-ups page" as it', async () => {
    expect((await cli('feature', 'add', 'Invoicer', 'Sign up page')).code).toBe(0);
    const signIn = await cli('feature', 'add', 'Invoicer', 'Sign in page');
    expect(signIn.code).toBe(0);
    expect(signIn.stdout).not.toMatch(/reads like/);
    for (const title of ['Signup page', 'Sign-ups page']) {
      const again = await cli('feature', 'add', 'Invoicer', title);
      expect(again.code, title).not.toBe(0);
      expect(again.stderr).toMatch(
        /^goalpost: Invoicer already has feature 1 open, "Sign up page" \(planned\), which reads the same; nothing added\./m,
      );
    }
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '10')).stdout;
    expect(plan).toContain('Sign up page');
    expect(plan).toContain('Sign in page');
  });

  it('proposes a bug on logging out beside one on logging in, and one on checking out once', async () => {
    await runEach(cli, [
      ['bug', 'add', 'Invoicer', 'Log in fails on Safari', '--severity', 'high'],
      ['bug', 'add', 'Invoicer', 'Log out fails on Safari', '--severity', 'high'],
      ['bug', 'add', 'Invoicer', 'Check out page crashes', '--severity', 'high'],
    ]);
    const again = await cli('bug', 'add', 'Invoicer', 'Checkout page crash', '--severity', 'high');
    expect(again.stderr).toMatch(
      /already has bug 3 open, "Check out page crashes" \(high\), which reads the same/,
    );
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '10')).stdout;
    expect(plan).toContain('Log in fails on Safari');
    expect(plan).toContain('Log out fails on Safari');
    expect(plan.match(/Check out page/g)?.length).toBe(1);
    expect(plan).toMatch(/^Skipped:\s+0 duplicates/m);
  });

  it('says a bug written as one word may have come back after the same words written apart were fixed, and not of another particle', async () => {
    await runEach(cli, [
      ['bug', 'add', 'Invoicer', 'Sign up page crashes', '--severity', 'critical'],
      ['generate'],
      ['approve', 'T-1'],
      ['done', 'T-1'],
    ]);
    const later = cliFor(db, '2026-12-14T10:00:00Z');
    await runEach(later, [
      ['bug', 'add', 'Invoicer', 'Signup page crashes', '--severity', 'high'],
      ['bug', 'add', 'Invoicer', 'Sign in page crashes', '--severity', 'high'],
    ]);
    const plan = (await later('generate', '--dry-run', '--json')).json<{
      tasks: { title: string; reasoning: string[] }[];
    }>();
    const why = (words: string) => {
      const task = plan.tasks.find((t) => t.title.includes(words));
      expect(task, words).toBeDefined();
      return task?.reasoning.join('\n');
    };
    expect(why('Signup page')).toMatch(
      /A bug of the same words was fixed as T-1 on 2026-12-07: it may have come back/,
    );
    expect(why('Sign in page')).not.toMatch(/may have come back/);
  });
});

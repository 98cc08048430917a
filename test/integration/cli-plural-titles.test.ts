import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A review filed "Checkout crashes on Safari" beside "Checkout crash on Safari": both were taken,
// both proposed, each claiming what the bug puts at risk. A plural in `es` or `ies` reads as its
// singular, as one in `s` always did.
const tempDir = useTempDir();
let cli: ReturnType<typeof cliFor>;

beforeEach(async () => {
  cli = cliFor(join(tempDir(), 'g.db'));
  await cli('init', '--demo');
});

describe('titles that differ in a plural', () => {
  it('refuses a bug filed again with a word in the plural, naming the open one', async () => {
    const first = await cli('bug', 'add', 'Basic EDU Apps', 'Checkout crash on Safari', '--severity', 'high');
    expect(first.code).toBe(0);
    const again = await cli(
      'bug',
      'add',
      'Basic EDU Apps',
      'Checkout crashes on Safari',
      '--severity',
      'high',
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(
      /^goalpost: Basic EDU Apps already has bug \d+ open, "Checkout crash on Safari" \(high\), which reads the same; nothing added\./m,
    );
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '20')).stdout;
    expect(plan.match(/Checkout crash/g)?.length).toBe(1);
  });

  it('refuses a feature whose words differ from an open one only in `ies` and `es` plurals', async () => {
    expect((await cli('feature', 'add', 'Basic EDU Apps', 'Lesson categories and search boxes')).code).toBe(
      0,
    );
    const again = await cli('feature', 'add', 'Basic EDU Apps', 'Lesson category and search box');
    expect(again.stderr).toMatch(
      /already has feature \d+ open, "Lesson categories and search boxes" \(planned\), which reads the same; nothing added\./,
    );
    // A plural whose singular ends in `e` is still that singular's.
    expect((await cli('feature', 'add', 'Basic EDU Apps', 'Offline lesson caches')).code).toBe(0);
    expect((await cli('feature', 'add', 'Basic EDU Apps', 'Offline lesson cache')).stderr).toMatch(
      /"Offline lesson caches" \(planned\), which reads the same/,
    );
  });
});

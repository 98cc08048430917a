import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedbackReport, GenerateResult, GoalAnalytics, GoalSuggestion } from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

async function withGoal() {
  const db = join(tempDir(), 'g.db');
  const cli = cliFor(db);
  await cli('init', '--demo');
  expect(
    (
      await cli(
        'goal',
        'add',
        'mrr',
        '--target',
        '999',
        '--unit',
        'USD',
        '--by',
        '2027-03-31',
        '--direction',
        'up',
      )
    ).code,
  ).toBe(0);
  for (const [value, at] of [
    ['420', '2026-10-01'],
    ['455', '2026-10-15'],
    ['490', '2026-11-01'],
    ['510', '2026-11-15'],
  ]) {
    expect(
      (await cli('metric', 'mrr', value ?? '', '--at', at ?? '', '--context', 'campaign=launch')).code,
    ).toBe(0);
  }
  return { db, cli };
}

describe('the feedback loop through the CLI', () => {
  it('tracks a goal: current, gap, baseline, momentum, forecast and status', async () => {
    const { cli } = await withGoal();
    const [mrr] = (await cli('goals', '--json')).json<GoalAnalytics[]>();
    expect(mrr).toMatchObject({ current: 510, baseline: 420, gap: 489, status: 'off_track' });
    expect(mrr?.momentumPerWeek).toBeGreaterThan(10);
    expect(mrr?.forecast).toBeLessThan(999);
    expect((await cli('goals')).stdout).toMatch(/mrr +510 USD +999 +489 +420 +\+\d+(\.\d+)?\/wk/);
  });

  it('turns the off-track goal into tasks with its numbers, and proposes none once it is met', async () => {
    const { cli } = await withGoal();
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '10', '--json')).json<GenerateResult>();
    const goalTasks = plan.tasks.filter((t) => t.signal === 'goal_off_track');
    expect(goalTasks.map((t) => t.title)).toEqual([
      'Find out why mrr is 489 USD short of its target and list the three likeliest causes',
      'Run an experiment to move mrr toward 999 USD by 2027-03-31',
    ]);
    expect(goalTasks[0]?.reasoning[0]).toMatch(/^Goal mrr is off track: mrr is 510 USD of 999/);
    await cli('metric', 'mrr', '1010', '--at', '2026-11-20');
    const met = (await cli('generate', '--dry-run', '--max-tasks', '10', '--json')).json<GenerateResult>();
    expect(met.tasks.filter((t) => t.signal === 'goal_off_track')).toEqual([]);
  });

  it('suggests the next nudge with the analytics behind it', async () => {
    const { cli } = await withGoal();
    const r = (await cli('suggest', '--json')).json<{ goals: GoalSuggestion[] }>();
    expect(r.goals[0]).toMatchObject({ metric: 'mrr', status: 'off_track', aimFor: 754.5 });
    expect(r.goals[0]?.analytics.gap).toBe(489);
  });

  it('reports and exports goals, actions, outcomes and lessons', async () => {
    const { db, cli } = await withGoal();
    await cli('project', 'add', 'Basic EDU Apps', '--revenue-bearing', '--focus', 'payment_integration');
    await cli('generate', '--max-tasks', '2');
    await cli('approve', 'T-1');
    await cli('fail', 'T-1', '--reason', 'blocked on API keys');
    await cli('reject', 'T-2', '--reason', 'not this quarter');
    await cli('note', 'Teachers ask for annual billing', '--goal', 'mrr');
    await cli('lesson', 'add', 'Ship payment fixes before marketing pushes');
    const md = (await cli('report', '--since', '2026-11-01')).stdout;
    expect(md).toContain('# Goalpost report: default');
    expect(md).toMatch(/\| mrr \| 510 USD \| 999 \| 16% \|/);
    expect(md).toContain('- blocked on API keys (failure, T-1, ');
    expect(md).toContain('- not this quarter (rejection, T-2, ');
    expect(md).toContain('- Ship payment fixes before marketing pushes (manual, ');
    expect(md).toContain('- Teachers ask for annual billing');
    const json = (await cli('export', '--format', 'json', '--since', '2026-11-01', '--json')).json<{
      body: string;
    }>();
    const report = JSON.parse(json.body) as FeedbackReport;
    expect(report.outcomes).toMatchObject({ done: 0, failed: 1 });
    expect(report.lessons.map((l) => l.source).sort()).toEqual(['failure', 'manual', 'rejection']);
    const file = join(tempDir(), 'report.md');
    expect((await cli('export', '--format', 'markdown', '--out', file)).stdout).toMatch(/Report written to/);
    expect(readFileSync(file, 'utf8')).toContain('## Lessons');
    expect(snapshot(db).feedback_notes).toHaveLength(1);
  });

  it.each([
    ['an unknown goal or metric', ['metric', 'nps', '5'], /unknown goal or metric "nps"; goals track: mrr/],
    ['a non-numeric value', ['metric', 'mrr', 'ten'], /value: a number like 420 \(got "ten"\)/],
    [
      'a deadline in the past',
      ['goal', 'add', 'nps', '--target', '50', '--by', '2026-01-01'],
      /by: the deadline 2026-01-01 is in the past \(today is 2026-11-21\)/,
    ],
    [
      'a target in the wrong direction',
      ['goal', 'add', 'churn', '--target', '5', '--baseline', '8', '--by', '2027-01-01'],
      /target: 5 is not above the baseline 8 for a goal that goes up; use --direction down/,
    ],
    [
      'a malformed context tag',
      ['metric', 'mrr', '600', '--context', 'launch'],
      /context: key=value like campaign=launch/,
    ],
    ['a note on an unknown goal', ['note', 'hi', '--goal', 'nps'], /unknown goal or metric "nps"/],
    [
      'a duplicate goal',
      ['goal', 'add', 'mrr', '--target', '2000', '--by', '2027-06-30'],
      /a goal for mrr already exists/,
    ],
    ['an empty lesson', ['lesson', 'add', '  '], /text: must not be empty/],
  ])('refuses %s and writes nothing', async (_name, argv, message) => {
    const { db, cli } = await withGoal();
    const before = snapshot(db);
    const r = await cli(...argv);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(snapshot(db)).toEqual(before);
  });
});

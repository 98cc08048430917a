import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderCharts } from '../../adapters/charts/render-charts.js';
import { type Goal, goalChart, reportCharts, revenueChart } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { FIXTURE_NOW, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { addTeacherGoal, TEACHERS } from '../helpers/teacher-goal.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const GOLDEN = join(import.meta.dirname, '../fixtures/charts/goal-active_teachers.png');

const goal = (over: Partial<Goal> = {}): Goal => ({
  id: 1,
  workspaceId: 'default',
  metric: 'active_teachers',
  target: 300,
  unit: 'teachers',
  direction: 'up',
  baseline: 95,
  deadline: '2027-03-31',
  owner: null,
  valuePerUnit: null,
  weight: null,
  status: 'active',
  createdBy: 't',
  createdAt: FIXTURE_NOW,
  updatedAt: FIXTURE_NOW,
  ...over,
});

/** The share of pixels whose colour differs by more than a little in any channel. */
function differing(a: PNG, b: PNG): number {
  let off = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0)) > 48) {
        off++;
        break;
      }
    }
  }
  return off / (a.width * a.height);
}

describe('charts: goal trends and revenue against milestones, drawn to PNG', () => {
  useBuilt();

  it('draws a goal’s trend as the golden image shows it, within a small tolerance', async () => {
    const chart = goalChart({ goal: goal(), points: TEACHERS, forecast: 249.75 });
    if (!chart) throw new Error('no chart');
    const [png] = await renderCharts([chart]);
    const drawn = PNG.sync.read(Buffer.from(png ?? []));
    // 560 × 220 plotted, with axes, title and padding, at twice the size for sharp screens.
    expect([drawn.width, drawn.height]).toEqual([1268, 586]);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, PNG.sync.write(drawn));
    const golden = PNG.sync.read(readFileSync(GOLDEN));
    expect([golden.width, golden.height]).toEqual([drawn.width, drawn.height]);
    expect(differing(drawn, golden)).toBeLessThan(0.005);
    // A different series is a different picture: the comparison can fail.
    const other = goalChart({ goal: goal({ target: 200 }), points: TEACHERS.slice(0, 3), forecast: 180 });
    const [otherPng] = await renderCharts(other ? [other] : []);
    const otherDrawn = PNG.sync.read(Buffer.from(otherPng ?? []));
    expect(differing(otherDrawn, golden)).toBeGreaterThan(0.01);
  }, 30_000);

  // The fonts charts are drawn in have no emoji or CJK: each drew as a box in the PNG (tofu).
  it('leaves out of the picture the characters its font lacks, drawing what it would without them', async () => {
    const plain = goal({ metric: 'signups', unit: 'stars' });
    const chartOf = (over: Partial<Goal>) =>
      goalChart({ goal: { ...plain, ...over }, points: TEACHERS, forecast: 249.75 });
    const charts = [
      chartOf({}),
      // A metric is a slug, but the chart draws whatever it is given.
      chartOf({ metric: 'signups 🚀', unit: '⭐\ufe0f stars' }),
      chartOf({ unit: '中文 stars 👨\u200d👩\u200d👧' }),
      chartOf({ unit: '' }),
      chartOf({ unit: '🚀' }),
    ].map((c) => {
      if (!c) throw new Error('no chart');
      return c;
    });
    const [stars, emoji, cjk, none, emojiOnly] = (await renderCharts(charts)).map((png) => Buffer.from(png));
    expect(Buffer.compare(emoji ?? Buffer.alloc(0), stars ?? Buffer.alloc(1))).toBe(0);
    expect(Buffer.compare(cjk ?? Buffer.alloc(0), stars ?? Buffer.alloc(1))).toBe(0);
    // A unit of nothing drawable is drawn as no unit: no `signups ()` on the axis.
    expect(Buffer.compare(emojiOnly ?? Buffer.alloc(0), none ?? Buffer.alloc(1))).toBe(0);
    expect(Buffer.compare(none ?? Buffer.alloc(0), stars ?? Buffer.alloc(1))).not.toBe(0);
    // What is said in words keeps them as typed.
    expect(charts[1]?.title).toBe('signups 🚀: 152 of 300 ⭐\ufe0f stars by 2027-03-31');
    expect(charts[1]?.alt).toMatch(/^signups 🚀 measured 6 times/);
  }, 30_000);

  it('draws on a thread that finds the code cache the build wrote for it, in a command and in the bot', () => {
    const root = packageRoot();
    // V8 refuses a cache made under other flags, and a thread's tag is its own: the tag a chart
    // thread has, started in a process with `report`'s flags (a command) and with Node's (the bot).
    const tagOf = (flags: string) =>
      spawnSync(
        process.execPath,
        [
          '-e',
          `const v8 = require('node:v8');
           for (const flag of ${flags}) v8.setFlagsFromString(flag);
           new (require('node:worker_threads').Worker)(
             "process.stdout.write(String(require('node:v8').cachedDataVersionTag()))", { eval: true });`,
        ],
        { cwd: root, encoding: 'utf8' },
      ).stdout;
    const cli = tagOf(`require('./bin/load-cli.js').commandFlags(['report'])`);
    const bot = tagOf('[]');
    expect(cli).toMatch(/^\d+$/);
    expect(cli).not.toBe(bot);
    for (const tag of [cli, bot])
      expect(existsSync(join(root, `dist/charts/charts.cjs.${tag}.cache`))).toBe(true);
  });

  it('says in words what each chart shows, and draws nothing with nothing to draw', () => {
    expect(goalChart({ goal: goal(), points: [], forecast: null })).toBeNull();
    expect(goalChart({ goal: goal(), points: TEACHERS, forecast: 249.75 })?.alt).toBe(
      'active_teachers measured 6 times from 2026-09-01 to 2026-11-15, last 152; target 300 by 2027-03-31; forecast 249.75 by then',
    );
    expect(revenueChart({ months: [], targets: [] })).toBeNull();
    expect(
      revenueChart({
        months: [
          { month: '2026-09', mrr: 300 },
          { month: '2026-10', mrr: 570 },
        ],
        targets: [{ month: '2027-02', target: 999 }],
      })?.title,
    ).toBe('Revenue: $570/month in 2026-10, target $999 by 2027-02');
  });

  it('plots a point a day, the day’s last, however often the metric was pushed that day', () => {
    // A metric pushed every five minutes for a week: 2,016 points, 7 days.
    const start = Date.parse('2026-11-01T00:00:00.000Z');
    const points = Array.from({ length: 7 * 288 }, (_, i) => ({
      at: new Date(start + i * 300_000).toISOString(),
      value: 100 + i,
    }));
    const chart = goalChart({ goal: goal(), points, forecast: 400 });
    const layers = (chart?.spec as { layer: Array<{ data: { values: unknown[] } }> }).layer;
    const measured = layers[2]?.data.values;
    expect(measured).toEqual(
      Array.from({ length: 7 }, (_, d) => ({ at: `2026-11-0${d + 1}`, value: 100 + (d + 1) * 288 - 1 })),
    );
    // The trend line is drawn over what it was fitted on, the latest 400 measurements (a week of
    // five-minute points: the last 33 hours), not from the series' first day.
    expect(layers[0]?.data.values.map((p) => (p as { at: string }).at)).toEqual(['2026-11-06', '2026-11-07']);
    // The words still count every measurement, and say numbers as `goals` does.
    expect(chart?.alt).toMatch(
      /^active_teachers measured 2016 times from 2026-11-01 to 2026-11-07, last 2,115;/,
    );
  });

  describe('revenue by month', () => {
    const tempDir = useTempDir();

    it('charts only months whose records have ended, as the milestone counts them', () => {
      const opened = openQuickStart(tempDir());
      const { app } = opened;
      // On 21 November, one project has recorded November already: a month not over, and not
      // the other project's, is no month's revenue (charted, $100 read as revenue collapsing).
      app.revenue.add(OPERATOR, {
        project: 'Self-Healing Orchestrator',
        from: '2026-11-01',
        to: '2026-11-30',
        actual: 100,
      });
      const { revenue } = app.report.chartData(OPERATOR);
      expect(revenue.months).toEqual([{ month: '2026-10', mrr: 420 }]);
      const chart = revenueChart(revenue);
      expect(chart?.alt).toMatch(/^Revenue: \$420\/month in 2026-10/);
      opened.close();
    });
  });

  describe('revenue recorded by the quarter', () => {
    const tempDir = useTempDir();

    // A shop that records revenue a quarter at a time: each quarter is its revenue from the month it
    // ends, at a third of the quarter a month, never a $0 first month, nor a quarter a month late.
    it('charts each quarter at the month it ends in, a month at a time', async () => {
      const db = join(tempDir(), 'g.db');
      const cli = cliFor(db, '2026-11-21T10:00:00Z');
      for (const args of [
        ['init'],
        ['vision', 'set', 'statement', 'Prints people frame'],
        ['vision', 'set', 'revenue_targets', '2027-06=2000'],
        ['project', 'add', 'Shop', '--revenue-bearing'],
        ['revenue', 'add', '3000', '--project', 'Shop', '--from', '2026-04-01', '--to', '2026-06-30'],
        ['revenue', 'add', '3600', '--project', 'Shop', '--from', '2026-07-01', '--to', '2026-09-30'],
      ]) {
        const r = await cli(...args);
        expect(r.code, r.stderr).toBe(0);
      }
      const report = (await cli('report')).stdout;
      // 3,000 over 91 days and 3,600 over 92, a month at a time: what `state` says of each.
      expect(report).toContain(
        '- 2026-06: $1,004/month\n- 2026-09: $1,191/month (+$188 on 2026-06)\n\nTarget: $2,000/month by 2027-06: 60% reached.',
      );
      expect((await cli('state')).stdout).toContain('$1,191.13/month');
    });
  });

  describe('a month not over yet', () => {
    const tempDir = useTempDir();

    // A studio on 23 March: Inkwell and Tallyo recorded February; Pocketlog, launched in March, has
    // recorded two weeks. March is not a month's revenue yet: the weekly report lists February as
    // the latest month, says what March has so far as such, and compares it with nothing.
    it('lists complete months only, and the month under way as what it has so far', async () => {
      const db = join(tempDir(), 'g.db');
      const cli = cliFor(db, '2026-03-23T09:00:00Z');
      for (const args of [
        ['init'],
        ['vision', 'set', 'statement', 'Useful, profitable writing and finance tools'],
        ['vision', 'set', 'revenue_targets', '2026-06=8500'],
        ['project', 'add', 'Inkwell', '--revenue-bearing'],
        ['project', 'add', 'Tallyo', '--revenue-bearing'],
        ['project', 'add', 'Pocketlog', '--revenue-bearing'],
        ['revenue', 'add', '6000', '--project', 'Inkwell', '--month', '2026-01'],
        ['revenue', 'add', '800', '--project', 'Tallyo', '--month', '2026-01'],
        ['revenue', 'add', '6200', '--project', 'Inkwell', '--month', '2026-02'],
        ['revenue', 'add', '795', '--project', 'Tallyo', '--month', '2026-02'],
        ['revenue', 'add', '80', '--project', 'Pocketlog', '--from', '2026-03-02', '--to', '2026-03-08'],
        ['revenue', 'add', '80', '--project', 'Pocketlog', '--from', '2026-03-09', '--to', '2026-03-15'],
      ]) {
        const r = await cli(...args);
        expect(r.code, r.stderr).toBe(0);
      }
      const report = (await cli('report', '--since', '2026-03-16')).stdout;
      const revenue = report.slice(report.indexOf('## Revenue'), report.indexOf('## Actions'));
      expect(revenue).toContain('- 2026-01: $6,800/month\n- 2026-02: $6,995/month (+$195 on 2026-01)\n');
      // March so far is what `state` says now, labelled as a month under way and compared with nothing.
      expect(revenue).toContain(
        '- 2026-03 so far: $7,343/month (in progress; 1 of 3 sources has recorded it, to 2026-03-15)\n',
      );
      expect(revenue).not.toMatch(/2026-03[^\n]*on 2026-02/);
      // How far the target is reached counts complete months, as the list does.
      expect(revenue).toContain('Target: $8,500/month by 2026-06: 82% reached.');
      // The chart draws months, and March is not one yet.
      const exported = (await cli('export', '--format', 'json')).json<{
        revenue: { months: Array<{ month: string }> };
      }>();
      expect(exported.revenue.months.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    });

    // A team's first month of records: no month has ended, and January's target is behind it. The
    // target the report names is the one `state` plans against, September's, not the one passed.
    it('names the target ahead, as state does, before any month has ended', async () => {
      const db = join(tempDir(), 'g.db');
      const cli = cliFor(db, '2026-03-23T09:00:00Z');
      for (const args of [
        ['init', '--demo'],
        ['vision', 'set', 'revenue_targets', '2026-01=300,2026-06=999,2026-09=1498'],
        [
          'revenue',
          'add',
          '100',
          '--project',
          'Basic EDU Apps',
          '--from',
          '2026-03-01',
          '--to',
          '2026-03-07',
        ],
        [
          'revenue',
          'add',
          '130',
          '--project',
          'Basic EDU Apps',
          '--from',
          '2026-03-08',
          '--to',
          '2026-03-14',
        ],
      ]) {
        const r = await cli(...args);
        expect(r.code, r.stderr).toBe(0);
      }
      const revenue = (await cli('report')).stdout;
      expect(revenue).toMatch(/- 2026-03 so far: \$565\/month/);
      expect(revenue).not.toMatch(/by 2026-01/);
      // `state` steers by September's, which asks more growth a month, and names June's beside it;
      // the report's target line says the same (it named June's alone).
      const state = (await cli('state')).stdout;
      expect(state).toMatch(/Milestone: +\$1,498\.00\/month by 2026-09/);
      expect(state).toMatch(/more than the \+\$137\/month the nearer 2026-06 target of \$999 needs/);
      expect(revenue).toMatch(
        /Target: \$1,498\/month by 2026-09; the 2026-09 target of \$1,498 binds: it needs \+\$\d[\d,]*\/month, more than the \+\$137\/month the nearer 2026-06 target of \$999 needs \(\w+ track for that one\)\./,
      );
    });

    // Three complete months, $9,700 in November: March's $11,000 is on track at +$600 a month, June's
    // $20,000 is not. `state` planned for June; the report named March, 88% reached.
    it('names the target state plans against, and the nearer one it binds past', async () => {
      const db = join(tempDir(), 'g.db');
      const cli = cliFor(db, '2026-12-07T09:00:00Z');
      for (const args of [
        ['init'],
        ['vision', 'set', 'statement', 'Make invoicing painless'],
        ['vision', 'set', 'revenue_targets', '2027-03=11000,2027-06=20000'],
        ['project', 'add', 'Invoicer', '--revenue-bearing'],
        ['revenue', 'add', '8500', '--project', 'Invoicer', '--month', '2026-09'],
        ['revenue', 'add', '9100', '--project', 'Invoicer', '--month', '2026-10'],
        ['revenue', 'add', '9700', '--project', 'Invoicer', '--month', '2026-11'],
      ]) {
        const r = await cli(...args);
        expect(r.code, r.stderr).toBe(0);
      }
      const why =
        'the 2027-06 target of $20,000 binds: it needs +$1,471/month, more than the +$325/month the nearer 2027-03 target of $11,000 needs (on track for that one)';
      expect((await cli('state')).stdout).toContain(why);
      const report = (await cli('report')).stdout;
      expect(report).toContain(`Target: $20,000/month by 2027-06: 49% reached; ${why}.`);
      const exported = (await cli('export', '--format', 'json')).json<{
        revenue: { planned: { milestone: { month: string } } };
      }>();
      expect(exported.revenue.planned.milestone.month).toBe('2027-06');
    });
  });

  describe('a month one product has not recorded yet', () => {
    const tempDir = useTempDir();

    // Web records November on 2 December; Mobile has not yet. `state` counts Mobile's October, still
    // current; the weekly report must say the same, not a $250 fall that did not happen.
    it('counts its month before, as state does, not as revenue lost', async () => {
      const db = join(tempDir(), 'g.db');
      const cli = cliFor(db);
      const later = cliFor(db, '2026-12-02T10:00:00Z');
      for (const args of [
        ['init'],
        ['vision', 'set', 'statement', 'Notes teams pay for'],
        ['vision', 'set', 'revenue_targets', '2027-03=3000'],
        ['project', 'add', 'Web', '--revenue-bearing'],
        ['project', 'add', 'Mobile', '--revenue-bearing'],
        ['revenue', 'add', '1250', '--project', 'Web', '--month', '2026-10'],
        ['revenue', 'add', '300', '--project', 'Mobile', '--month', '2026-10'],
      ]) {
        const r = await cli(...args);
        expect(r.code, r.stderr).toBe(0);
      }
      expect((await later('revenue', 'add', '1300', '--project', 'Web', '--month', '2026-11')).code).toBe(0);
      expect((await later('state')).stdout).toMatch(
        /Revenue now: +\$1,600\.00\/month[^\n]*\n[^\n]*\+\$50\.00\/month[\s\S]*53%/,
      );
      const report = (await later('report')).stdout;
      expect(report).toContain('- 2026-10: $1,550/month\n- 2026-11: $1,600/month (+$50 on 2026-10)\n');
      expect(report).toContain('Target: $3,000/month by 2027-03: 53% reached.');
    });
  });

  describe('goalpost report --out', () => {
    const tempDir = useTempDir();
    let dir: string;
    let goalpost: ReturnType<typeof cliFor>;

    beforeEach(() => {
      const opened = openQuickStart(tempDir());
      const { app } = opened;
      addTeacherGoal(app, OPERATOR);
      app.revenue.add(OPERATOR, {
        project: 'Self-Healing Orchestrator',
        from: '2026-10-01',
        to: '2026-10-31',
        actual: 150,
      });
      const data = app.report.chartData(OPERATOR);
      // October sums both projects' revenue; the vision's targets follow, and the one `state` plans
      // against: May's, which asks more growth a month than February's.
      expect(data.revenue).toEqual({
        months: [{ month: '2026-10', mrr: 570 }],
        targets: [
          { month: '2027-02', target: 999 },
          { month: '2027-05', target: 1498 },
        ],
        planned: {
          milestone: {
            month: '2027-05',
            target: 1498,
            passed: false,
            nearer: { month: '2027-02', target: 999, requiredPace: 107.25, onTrack: false },
          },
          requiredPace: 132.57,
        },
      });
      expect(reportCharts(data).map((c) => c.name)).toEqual(['revenue', 'goal-active_teachers']);
      opened.close();
      dir = join(opened.dbPath, '..');
      goalpost = cliFor(opened.dbPath);
    });

    it('writes the report with its charts beside it, as PNGs the Markdown shows', async () => {
      const r = await goalpost('report', '--out', join(dir, 'weekly.md'));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(
        [
          `Report written to ${join(dir, 'weekly.md')}.`,
          `Chart written to ${join(dir, 'weekly-revenue.png')}.`,
          `Chart written to ${join(dir, 'weekly-goal-active_teachers.png')}.`,
          '',
        ].join('\n'),
      );
      const markdown = readFileSync(join(dir, 'weekly.md'), 'utf8');
      expect(markdown).toContain(
        '![Revenue: $570/month in 2026-10, target $1,498 by 2027-05; 1 month of revenue and 2 targets shown](weekly-revenue.png)',
      );
      for (const file of ['weekly-revenue.png', 'weekly-goal-active_teachers.png']) {
        const png = readFileSync(join(dir, file));
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(PNG.sync.read(png).width).toBeGreaterThan(1200);
      }
      const json = await goalpost('export', '--out', join(dir, 'data.json'));
      expect(json.code).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8')).charts).toEqual([
        expect.objectContaining({ name: 'revenue', file: 'data-revenue.png' }),
        expect.objectContaining({ name: 'goal-active_teachers', file: 'data-goal-active_teachers.png' }),
      ]);
    });

    it('names a chart it cannot write as the chart of --out, not as an --out never typed', async () => {
      // A name the report's fits in but its chart's (longer by its suffix) does not.
      const out = join(dir, `${'w'.repeat(232)}.md`);
      const r = await goalpost('report', '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`--out ${out}: its chart ${'w'.repeat(232)}-`);
      expect(r.stderr).toMatch(/\(charts are named after --out\): cannot write it: the name is too long/);
    });

    it('refuses before writing anything when a chart’s file is there already', async () => {
      writeFileSync(join(dir, 'weekly-revenue.png'), 'mine');
      const r = await goalpost('report', '--out', join(dir, 'weekly.md'));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `--out ${join(dir, 'weekly.md')}: its chart weekly-revenue.png (charts are named after --out): the file exists; add --force to replace it`,
      );
      expect(existsSync(join(dir, 'weekly.md'))).toBe(false);
      expect(existsSync(join(dir, 'weekly-goal-active_teachers.png'))).toBe(false);
      expect(readFileSync(join(dir, 'weekly-revenue.png'), 'utf8')).toBe('mine');
    });

    // A review ran `report --out weekly.md`, then `export --out weekly.json` of the same week: the
    // export was refused, its charts' names taken by the report's, which are the same charts.
    it('keeps a chart already there as it would draw it, so the report and its JSON export share them', async () => {
      expect((await goalpost('report', '--out', join(dir, 'weekly.md'))).code).toBe(0);
      const drawn = readFileSync(join(dir, 'weekly-revenue.png'));
      const json = await goalpost('export', '--format', 'json', '--out', join(dir, 'weekly.json'));
      expect(json.stderr).toBe('');
      expect(json.stdout).toBe(
        [
          `Report written to ${join(dir, 'weekly.json')}.`,
          `Chart ${join(dir, 'weekly-revenue.png')} was there already, as drawn now: kept.`,
          `Chart ${join(dir, 'weekly-goal-active_teachers.png')} was there already, as drawn now: kept.`,
          '',
        ].join('\n'),
      );
      expect(JSON.parse(readFileSync(join(dir, 'weekly.json'), 'utf8')).charts).toEqual([
        expect.objectContaining({ name: 'revenue', file: 'weekly-revenue.png' }),
        expect.objectContaining({ name: 'goal-active_teachers', file: 'weekly-goal-active_teachers.png' }),
      ]);
      expect(readFileSync(join(dir, 'weekly-revenue.png'))).toEqual(drawn);
      // A chart that is not the one it would draw is still refused, writing nothing.
      rmSync(join(dir, 'weekly.json'));
      writeFileSync(join(dir, 'weekly-goal-active_teachers.png'), 'mine');
      const refused = await goalpost('export', '--format', 'json', '--out', join(dir, 'weekly.json'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `--out ${join(dir, 'weekly.json')}: its chart weekly-goal-active_teachers.png (charts are named after --out): the file exists; add --force to replace it`,
      );
      expect(existsSync(join(dir, 'weekly.json'))).toBe(false);
      expect(readFileSync(join(dir, 'weekly-goal-active_teachers.png'), 'utf8')).toBe('mine');
    });
  });
});

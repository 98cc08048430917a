import { startFakeProcess } from './fake-process.js';
import { figure } from './stats.js';
import type { Row } from './table.js';

const BENCH_TOKEN = 'github_pat_11BENCHBENCH0benchmarkTokenForFake';
const BENCH_REPO = 'acme/big-backlog';

/** Issue 20's bar: 10,000 issues synced in under 30 s against the fake. */
const SYNC_LIMIT_MS = 30_000;

/**
 * `goalpost github connect` on a repository of 10,000 issues (link, read every page, write the
 * backlog), each run on a fresh copy of a workspace with the project; then `goalpost github sync`
 * on it with nothing changed (two 304s: the issues and the milestones).
 */
export async function githubRows(
  workspace: { fresh(): string },
  runBin: (
    args: readonly string[],
    env: Record<string, string>,
  ) => { ms: number; peakMb: number; stdout: string },
  runs: { connect: number; unchanged: number },
): Promise<Row[]> {
  const issues = 10_000;
  const fake = await startFakeProcess('github-fake-server.js', [String(issues), BENCH_TOKEN, BENCH_REPO]);
  try {
    const env = { GITHUB_TOKEN: BENCH_TOKEN, GITHUB_API_URL: fake.url };
    const connects = [];
    let db = '';
    for (let i = 0; i < runs.connect; i++) {
      db = workspace.fresh();
      const run = runBin(
        ['github', 'connect', BENCH_REPO, '--project', 'Big backlog', '--db', db, '--json'],
        env,
      );
      const added = (JSON.parse(run.stdout) as { sync: { counts: { added: number } } }).sync.counts.added;
      if (added !== issues) throw new Error(`connect synced ${added} of ${issues} issues`);
      connects.push(run);
    }
    const unchanged = Array.from({ length: runs.unchanged + 1 }, () =>
      runBin(['github', 'sync', '--db', db], env),
    );
    // The first sync after connecting reads what changed since (and keeps the ETags); the rest are 304s.
    const notModified = unchanged.slice(1);
    if (!notModified.every((r) => r.stdout.includes('nothing changed')))
      throw new Error('an unchanged sync read issues');
    const connectFigure = figure(connects.map((r) => r.ms));
    return [
      {
        section: 'process',
        name: `goalpost github connect, ${issues.toLocaleString('en-US')} issues (fake GitHub)`,
        unit: 'ms',
        figure: connectFigure,
        peakMb: Math.max(...connects.map((r) => r.peakMb)),
        target: {
          text: `≤ ${SYNC_LIMIT_MS / 1000} s (issue 20)`,
          met: connectFigure.median <= SYNC_LIMIT_MS,
        },
        note: 'links the repository, reads 100 pages, writes 10,000 features and bugs; a fresh workspace each run',
      },
      {
        section: 'process',
        name: 'goalpost github sync, nothing changed (two 304s)',
        unit: 'ms',
        figure: figure(notModified.map((r) => r.ms)),
        peakMb: Math.max(...notModified.map((r) => r.peakMb)),
      },
    ];
  } finally {
    fake.stop();
  }
}

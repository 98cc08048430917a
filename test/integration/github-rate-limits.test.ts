import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectRepo, type GitHubAccess, syncRepos } from '../../adapters/github/github-connector.js';
import { fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { FIXTURE_NOW, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const TOKEN = 'github_pat_11AAAAAAA0readOnlyTokenForTests';
const WRITER = 'github_pat_11AAAAAAA0writesIssuesTokenTest';
const REPO = 'acme/edu-apps';
const ISSUES = `/repos/${REPO}/issues`;

/**
 * GitHub's secondary rate limits answer 403 with `x-ratelimit-remaining` above 0, often without
 * `retry-after`: only the message tells them from a missing permission. GitHub's docs: wait at
 * least a minute, then longer at each refusal.
 */
describe('GitHub secondary rate limits, against a fake GitHub', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let dbPath: string;

  beforeEach(async () => {
    github = await startFakeGitHub({ tokens: { [TOKEN]: { repos: [REPO] } }, now: '2026-11-20T09:00:00Z' });
    github.addRepo(REPO);
    github.addIssues(REPO, [{ title: 'Parent dashboard' }, { title: 'Quiz timer resets', labels: ['bug'] }]);
    const q = openQuickStart(tempDir());
    dbPath = q.dbPath;
    q.close();
  });
  afterEach(() => github.close());

  const goalpost = () => cliFor(dbPath, FIXTURE_NOW, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url });

  /**
   * The connector as the CLI builds it, with its waits recorded rather than slept: a minute's
   * wait is GitHub's advice, too long for a test.
   */
  const withWaits = async <T>(
    run: (opened: OpenedGoalpost, access: GitHubAccess) => Promise<T>,
    token = TOKEN,
  ) => {
    const waits: number[] = [];
    const access: GitHubAccess = {
      token,
      apiUrl: github.url,
      logger: silentLogger,
      sleep: async (ms) => {
        waits.push(ms);
      },
    };
    const opened = openGoalpost({ dbPath, clock: fixedClock(FIXTURE_NOW), logger: silentLogger });
    try {
      return { waits, result: await run(opened, access).catch((error: unknown) => error) };
    } finally {
      opened.close();
    }
  };

  it('waits a minute out when a 403 names a secondary rate limit with no retry-after, then connects', async () => {
    github.secondaryLimit({ status: 403, retryAfterSeconds: null, path: ISSUES });
    const { waits, result } = await withWaits((opened, access) =>
      connectRepo(opened.app, OPERATOR, access, { repo: REPO, project: 'Basic EDU Apps' }),
    );
    expect(result).not.toBeInstanceOf(Error);
    expect(waits).toEqual([60_000]);
    expect(github.callsTo('GET', /\/issues$/).map((c) => c.status)).toEqual([403, 200]);
    const shown = (await goalpost()('project', 'show', 'Basic EDU Apps', '--json')).json<{
      features: Array<{ title: string }>;
    }>();
    expect(shown.features.map((f) => f.title)).toContain('Parent dashboard');
  });

  it('waits longer at each refusal, then says GitHub is rate-limiting and when to try again, never a permission', async () => {
    expect((await goalpost()('github', 'connect', REPO, '--project', 'Basic EDU Apps')).code).toBe(0);
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 1, { title: 'Parent dashboard v2' });
    github.secondaryLimit({ status: 403, retryAfterSeconds: null, path: ISSUES, times: 4 });
    const before = Date.now();
    const { waits, result } = await withWaits((opened, access) => syncRepos(opened.app, OPERATOR, access));
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    const message = (result as Error).message;
    const again =
      /^GitHub is rate-limiting GITHUB_TOKEN \(its secondary rate limit, for too many requests in a short time\), still after 3 waits: could not read issues in acme\/edu-apps; nothing was changed, try again after (\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC$/.exec(
        message,
      );
    expect(again, message).not.toBeNull();
    // The next wait it would have made: eight minutes from now (to the minute).
    const at = Date.parse(`${again?.[1]}T${again?.[2]}:00Z`);
    expect(at - before).toBeGreaterThan(7 * 60_000);
    expect(at - before).toBeLessThanOrEqual(8 * 60_000 + 5_000);
    expect(message).not.toContain('permission');
    const shown = (await goalpost()('project', 'show', 'Basic EDU Apps', '--json')).json<{
      features: Array<{ title: string }>;
    }>();
    expect(shown.features.map((f) => f.title)).not.toContain('Parent dashboard v2');
  });

  it('tells `github connect` a rate limit that outlasts its waits as one, linking nothing', async () => {
    // GitHub names a wait (a second) each time: the CLI waits three times, then gives up.
    github.secondaryLimit({ status: 403, retryAfterSeconds: 1, path: ISSUES, times: 4 });
    const r = await goalpost()('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(r.code).toBe(69);
    expect(r.stderr).toContain(
      'GitHub is rate-limiting GITHUB_TOKEN (its secondary rate limit, for too many requests in a short time), still after 3 waits: could not read issues in acme/edu-apps; nothing was changed, try again after ',
    );
    expect(r.stderr).not.toContain('permission');
    expect((await goalpost()('github', 'list')).stdout).toContain('No repository is connected');
  });

  it('says which tasks a rate limit left unexported, the sync before them saved', async () => {
    github.addToken(WRITER, { repos: [REPO], write: true });
    const writer = cliFor(dbPath, FIXTURE_NOW, { GITHUB_TOKEN: WRITER, GITHUB_API_URL: github.url });
    expect(
      (await writer('github', 'connect', REPO, '--project', 'Basic EDU Apps', '--export-tasks')).code,
    ).toBe(0);
    await writer('generate', '--max-tasks', '10');
    // A task of the project not made from an issue (the quick start's typed critical bug).
    const tasks = (await writer('tasks', '--json')).json<
      Array<{ ref: string; title: string; projectName: string | null; item: { source?: unknown } | null }>
    >();
    const task = tasks.find((t) => t.projectName === 'Basic EDU Apps' && t.item?.source === undefined);
    expect((await writer('approve', task?.ref ?? '')).code).toBe(0);
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 2, { title: 'Quiz timer resets on reload' });
    github.secondaryLimit({ method: 'POST', path: ISSUES, retryAfterSeconds: null, times: 4 });
    const { waits, result } = await withWaits(
      (opened, access) => syncRepos(opened.app, OPERATOR, access),
      WRITER,
    );
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    const message = (result as Error).message;
    expect(message).toContain(
      `GitHub is rate-limiting GITHUB_TOKEN (its secondary rate limit, for too many requests in a short time), still after 3 waits: could not create an issue for a task in acme/edu-apps; the issues' changes were saved, ${task?.ref} and the tasks after it were not exported: a sync after `,
    );
    expect(message).not.toContain('nothing was changed');
    expect(message).not.toContain('permission');
    const shown = (await writer('project', 'show', 'Basic EDU Apps', '--json')).json<{
      bugs: Array<{ title: string }>;
    }>();
    expect(shown.bugs.map((b) => b.title)).toContain('Quiz timer resets on reload');
    expect([...github.repo(REPO).issues.values()].map((i) => i.title)).not.toContain(task?.title);
  });
});

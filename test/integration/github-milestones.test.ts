import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fakes/github-api.js';
import { githubForCli, READ_TOKEN } from '../helpers/github-cli.js';
import type { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = 'acme/edu-apps';
const PROJECT = 'Basic EDU Apps';

// The team keeps its release dates as GitHub milestones. Moving a milestone's due date, renaming
// it or deleting it changes none of its issues' `updated_at`, so a sync that asked only for the
// issues changed since the last one never saw it: work the team pulled into this week was still
// valued by the date it had months ago.
describe('GitHub milestones changed on GitHub, against a fake GitHub', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let goalpost: ReturnType<typeof cliFor>;
  let dbPath: string;

  beforeEach(async () => {
    ({ github, dbPath, goalpost } = await githubForCli(tempDir(), [REPO]));
    github.addRepo(REPO, { private: true });
    const spring = github.addMilestone(REPO, { title: 'Spring', dueOn: '2027-03-01T08:00:00Z' });
    github.addIssues(REPO, [
      { title: 'Grades export drops accents', labels: ['bug', 'P1'], milestone: spring.number },
      { title: 'Quiz import drops accents', labels: ['bug', 'P1'] },
    ]);
    expect((await goalpost('github', 'connect', REPO, '--project', PROJECT)).code).toBe(0);
    // The first sync after connecting reads every issue changed since: from then on, only changes.
    expect((await goalpost('github', 'sync')).code).toBe(0);
    github.clock.set('2026-11-21T08:00:00Z');
  });
  afterEach(() => github.close());

  const urgencyOf = async (words: string) => {
    const plan = (await goalpost('generate', '--dry-run', '--max-tasks', '20', '--json')).json<{
      tasks: Array<{ title: string; reasoning: string[] }>;
    }>();
    return plan.tasks.find((t) => t.title.includes(words))?.reasoning.find((l) => l.startsWith('Urgency'));
  };
  const milestoneOf = async (title: string) => {
    const shown = (await goalpost('project', 'show', PROJECT, '--json')).json<{
      bugs: Array<{ title: string; source: { milestone?: { title: string; dueOn: string | null } } | null }>;
    }>();
    return shown.bugs.find((b) => b.title === title)?.source?.milestone ?? null;
  };

  it('presses work whose milestone the team pulled into this week, from the next sync', async () => {
    expect(await urgencyOf('Grades export')).toBe('Urgency ×1.30: high bug');
    github.updateMilestone(REPO, 1, { dueOn: '2026-11-24T08:00:00Z' });
    const synced = await goalpost('github', 'sync');
    expect(synced.code).toBe(0);
    // The issues in it are listed again (each carries its milestone), as they were: only the
    // milestone list says what changed.
    expect(synced.stdout).toContain(
      `${REPO} → ${PROJECT}: 2 issues read; 0 added, 0 updated, 0 closed, 2 unchanged; the milestone of 1 item changed.`,
    );
    expect(await urgencyOf('Grades export')).toBe(
      "Urgency ×1.39: milestone 'Spring' is due 2026-11-24, in 3 days",
    );
    // Nothing changed since: both lists answer 304, and no rate limit is spent.
    const before = github.rateLimit(READ_TOKEN).remaining;
    expect((await goalpost('github', 'sync')).stdout).toContain(
      'nothing changed on GitHub since the last sync',
    );
    const [last] = github.callsTo('GET', /\/milestones$/).slice(-1);
    expect(last).toMatchObject({ status: 304, query: expect.objectContaining({ state: 'all' }) });
    expect(github.rateLimit(READ_TOKEN).remaining).toBe(before);
  });

  it('follows a milestone renamed, and takes a deleted one off its issues', async () => {
    github.updateMilestone(REPO, 1, { title: 'Spring term' });
    expect((await goalpost('github', 'sync')).stdout).toContain('the milestone of 1 item changed');
    expect(await milestoneOf('Grades export drops accents')).toEqual({
      title: 'Spring term',
      dueOn: '2027-03-01T08:00:00Z',
    });
    github.deleteMilestone(REPO, 1);
    expect((await goalpost('github', 'sync')).stdout).toContain('the milestone of 1 item changed');
    expect(await milestoneOf('Grades export drops accents')).toBeNull();
  });

  it('counts an issue moved to another milestone as rescheduled, with its other changes', async () => {
    const now = github.addMilestone(REPO, { title: 'Hotfix', dueOn: '2026-11-23T08:00:00Z' });
    github.updateIssue(REPO, 2, { milestone: now.number, title: 'Quiz import drops accents and emoji' });
    expect((await goalpost('github', 'sync')).stdout).toContain(
      '0 added, 1 updated, 0 closed, 1 unchanged; the milestone of 1 item changed.',
    );
    expect(await urgencyOf('Quiz import')).toMatch(
      /^Urgency ×1\.\d\d: milestone 'Hotfix' is due 2026-11-23, in 2 days/,
    );
  });

  it('finds the issues of an older Goalpost, synced before milestone numbers were kept, by title', async () => {
    const db = new Database(dbPath);
    db.prepare('UPDATE github_issues SET milestone_number = NULL').run();
    db.close();
    github.updateMilestone(REPO, 1, { dueOn: '2026-11-26T08:00:00Z' });
    expect((await goalpost('github', 'sync')).stdout).toContain('the milestone of 1 item changed');
    expect(await milestoneOf('Grades export drops accents')).toEqual({
      title: 'Spring',
      dueOn: '2026-11-26T08:00:00Z',
    });
    // Numbered now: a rename after that is followed too.
    github.updateMilestone(REPO, 1, { title: 'Spring release' });
    await goalpost('github', 'sync');
    expect((await milestoneOf('Grades export drops accents'))?.title).toBe('Spring release');
  });

  it('writes nothing when the milestones cannot be read, and the next sync takes it all', async () => {
    github.updateIssue(REPO, 2, { title: 'Quiz import drops umlauts' });
    github.updateMilestone(REPO, 1, { dueOn: '2026-11-24T08:00:00Z' });
    github.failNext({ path: /\/milestones$/, status: 503 });
    const broken = await goalpost('github', 'sync');
    expect(broken.code).toBe(69);
    expect(broken.stderr).toContain('read milestones');
    const titles = async () =>
      (await goalpost('project', 'show', PROJECT, '--json')).json<{ bugs: Array<{ title: string }> }>().bugs;
    expect((await titles()).map((b) => b.title)).not.toContain('Quiz import drops umlauts');
    expect((await milestoneOf('Grades export drops accents'))?.dueOn).toBe('2027-03-01T08:00:00Z');
    expect((await goalpost('github', 'sync')).code).toBe(0);
    expect((await titles()).map((b) => b.title)).toContain('Quiz import drops umlauts');
    expect((await milestoneOf('Grades export drops accents'))?.dueOn).toBe('2026-11-24T08:00:00Z');
  });
});

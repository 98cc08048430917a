import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fakes/github-api.js';
import { githubForCli } from '../helpers/github-cli.js';
import type { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = 'acme/edu-apps';
const PROJECT = 'Basic EDU Apps';

// Teams spell their bug label many ways: `Bug 🐛`, `kind: bug`, `type/bug`. An exact match took
// them for features: the P0 crash was proposed as "Build 'Crash when saving a quiz'" with a share
// of the revenue gap, never as the critical bug it is.
describe('bug labels in their common spellings, against a fake GitHub', () => {
  const tempDir = useTempDir();
  let github: FakeGitHub;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    ({ github, goalpost } = await githubForCli(tempDir(), [REPO]));
    github.addRepo(REPO);
    const before = '2026-11-19T09:00:00Z';
    github.addIssues(REPO, [
      { title: 'Crash when saving a quiz', labels: ['Bug 🐛', 'P0'], createdAt: before },
      { title: 'Export drops answers', labels: ['kind: bug'], createdAt: before },
      { title: 'Timer resets on reload', labels: ['type/bug'], createdAt: before },
      // A triage label's "maybe a bug": not confirmed, so not a bug, let alone a P0 blocker.
      { title: 'Scores look off after a retake', labels: ['bug?', 'P0'], createdAt: before },
      // The latest: the one a sync reads again for being at its cursor's own second.
      { title: 'Debug panel for teachers', labels: ['debug', 'enhancement'] },
    ]);
  });
  afterEach(() => github.close());

  const kinds = async () => {
    const show = (await goalpost('project', 'show', PROJECT, '--json')).json<{
      features: Array<{ title: string; source: unknown }>;
      bugs: Array<{ title: string; severity: string; source: unknown }>;
    }>();
    return {
      features: show.features.filter((f) => f.source).map((f) => f.title),
      bugs: show.bugs.filter((b) => b.source).map((b) => `${b.title} (${b.severity})`),
    };
  };

  it('reads them as bugs, and connect names the labels it read so', async () => {
    const connected = await goalpost('github', 'connect', REPO, '--project', PROJECT);
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain(
      'Bugs: issues labelled bug in any common spelling (Bug 🐛, type: bug, kind/bug, [bug]); read as bugs here: Bug 🐛, kind: bug, type/bug.',
    );
    expect(await kinds()).toEqual({
      features: ['Scores look off after a retake', 'Debug panel for teachers'],
      bugs: [
        'Crash when saving a quiz (critical)',
        'Export drops answers (medium)',
        'Timer resets on reload (medium)',
      ],
    });
    const plan = (await goalpost('generate', '--dry-run', '--max-tasks', '10')).stdout;
    expect(plan).toContain("Fix 'Crash when saving a quiz'");
    expect(plan).not.toContain("Build 'Crash when saving a quiz'");
    expect(plan).not.toContain("Fix 'Scores look off after a retake'");
  });

  it('says at a sync which labels it read as bug labels for their spelling', async () => {
    expect((await goalpost('github', 'connect', REPO, '--project', PROJECT)).code).toBe(0);
    github.clock.set('2026-11-21T08:00:00Z');
    // `Type: Bug` is in the list as written (any case): only a spelling is named.
    github.addIssue(REPO, { title: 'Login loops on Safari', labels: ['Bug 🐞', 'Type: Bug', 'P1'] });
    const synced = await goalpost('github', 'sync');
    expect(synced.stdout.trim()).toBe(
      `${REPO} → ${PROJECT}: 2 issues read; 1 added, 0 updated, 0 closed, 1 unchanged; read as bug labels: Bug 🐞.`,
    );
    expect((await kinds()).bugs).toContain('Login loops on Safari (high)');
  });

  it('makes an issue synced as a feature the bug it is when its repository is read again', async () => {
    // Synced as a feature under an exact list, as every repository was before spellings were read
    // (0073 has those with the default list read again at their next sync, as here).
    await goalpost('github', 'connect', REPO, '--project', PROJECT, '--bug-labels', 'bug');
    expect((await kinds()).features).toContain('Crash when saving a quiz');
    const planned = (await goalpost('generate', '--max-tasks', '10')).stdout;
    expect(planned).toContain("Build 'Crash when saving a quiz'");
    const again = await goalpost(
      ...['github', 'connect', REPO, '--project', PROJECT, '--bug-labels', 'bug,type: bug,type:bug,kind/bug'],
    );
    expect(again.code).toBe(0);
    expect(await kinds()).toMatchObject({
      features: ['Scores look off after a retake', 'Debug panel for teachers'],
      bugs: expect.arrayContaining(['Crash when saving a quiz (critical)']),
    });
    // Its proposal as a feature is withdrawn, and the work is proposed again as the bug it is.
    const plan = (await goalpost('generate', '--dry-run', '--max-tasks', '10')).stdout;
    expect(plan).toContain("Fix 'Crash when saving a quiz'");
  });

  it('matches a list the team gave as written', async () => {
    const own = await goalpost('github', 'connect', REPO, '--project', PROJECT, '--bug-labels', 'kind: bug');
    expect(own.code).toBe(0);
    expect(own.stdout).toContain(
      'Bugs: issues labelled kind: bug, as written; read as bugs here: kind: bug.',
    );
    expect((await kinds()).bugs).toEqual(['Export drops answers (medium)']);
  });
});

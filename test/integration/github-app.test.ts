import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const APP_ID = 123456;
const REPO = 'acme/edu-apps';

/** An RSA key pair as GitHub gives an App's: the private key as a PKCS#1 .pem. */
function appKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('goalpost github connect as a GitHub App, against a fake GitHub', () => {
  const tempDir = useTempDir();
  const keys = appKeys();
  let github: FakeGitHub;
  let dbPath: string;
  /** The CLI with the App's settings, the key on one line with its newlines written \n, as in a .env. */
  const asApp = (privatePem = keys.privatePem) =>
    cliFor(dbPath, FIXTURE_NOW, {
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_PRIVATE_KEY: privatePem.trim().replace(/\n/g, '\\n'),
      GITHUB_API_URL: github.url,
    });

  beforeEach(async () => {
    github = await startFakeGitHub({ now: '2026-11-20T09:00:00Z' });
    github.addRepo(REPO, { private: true });
    github.addRepo('acme/other', { private: true });
    github.addIssues(REPO, [
      { title: 'Parent dashboard' },
      { title: 'Crash on login', labels: ['bug', 'P0'] },
    ]);
    github.addApp(APP_ID, keys.publicPem, 'goalpost-acme');
    github.installApp(APP_ID, [REPO]);
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
  });
  afterEach(() => github.close());

  it('finds its installation on the repository, signs in as it, and syncs with it later', async () => {
    const r = await asApp()('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2 added');
    expect(github.callsTo('GET', /\/installation$/)).toHaveLength(1);
    const [exchange] = github.callsTo('POST', /^\/app\/installations\/\d+\/access_tokens$/);
    expect(exchange?.status).toBe(201);
    // The issues were read with the installation's token, never the App's JWT.
    expect(github.callsTo('GET', /\/issues$/).every((c) => c.token?.startsWith('ghs_'))).toBe(true);
    github.clock.set('2026-11-21T08:00:00Z');
    github.updateIssue(REPO, 1, { title: 'Parent dashboard v2' });
    const again = await asApp()('github', 'sync');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('1 updated');
  });

  it('names the App, not GITHUB_TOKEN, when it may no longer create the issues of exported tasks', async () => {
    const writable = github.installApp(APP_ID, ['acme/writable'], { write: true });
    github.addRepo('acme/writable', { private: true });
    github.addIssues('acme/writable', [{ title: 'Parent dashboard' }]);
    const app = asApp();
    expect((await app('project', 'add', 'Writable', '--revenue-bearing')).code).toBe(0);
    const connected = await app(
      'github',
      'connect',
      'acme/writable',
      '--project',
      'Writable',
      '--export-tasks',
    );
    expect(connected.stderr).toBe('');
    // A feature typed here, not read from an issue: its approved task is one export gives an issue.
    expect((await app('feature', 'add', 'Writable', 'Offline mode')).code).toBe(0);
    await app('generate', '--max-tasks', '10');
    const tasks = (await app('tasks', '--json')).json<
      Array<{ ref: string; projectName: string | null; item: { source?: unknown } | null }>
    >();
    const task = tasks.find(
      (t) => t.projectName === 'Writable' && t.item !== null && t.item.source === undefined,
    );
    expect(task).toBeDefined();
    expect((await app('approve', task?.ref ?? '')).code).toBe(0);
    // The owner turns the App's Issues permission down to read before the task is exported.
    github.permitInstallation(writable, { write: false });
    const refused = await app('github', 'sync', 'acme/writable');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'GitHub refused to let the GitHub App (GITHUB_APP_ID) create issues in acme/writable: task export needs Issues: Read and write',
    );
    expect(refused.stderr).not.toContain('GITHUB_TOKEN');
  });

  it('says to install the App when it is not installed on the repository, writing nothing', async () => {
    const r = await asApp()('github', 'connect', 'acme/other', '--project', 'Basic EDU Apps');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the GitHub App (GITHUB_APP_ID ${APP_ID}) is not installed on acme/other`);
    expect((await asApp()('github', 'list')).stdout).toContain('No repository is connected');
  });

  it('refuses a key that is not the App’s, and half an App’s settings', async () => {
    const stranger = appKeys();
    const r = await asApp(stranger.privatePem)('github', 'connect', REPO, '--project', 'Basic EDU Apps');
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('GitHub refused the GitHub App (GITHUB_APP_ID)');
    const half = await cliFor(dbPath, FIXTURE_NOW, {
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_API_URL: github.url,
    })('github', 'list');
    expect(half.code).toBe(78);
    expect(half.stderr).toContain('GITHUB_PRIVATE_KEY: set it too');
  });
});

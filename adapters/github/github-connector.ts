import type { Octokit } from '@octokit/rest';
import {
  ConfigError,
  type ConnectInput,
  type Ctx,
  ForbiddenError,
  type Goalpost,
  type Logger,
  NotFoundError,
  type RepoLinkView,
  ValidationError,
  type VerifiedRepo,
} from '../../src/index.js';
import { createGitHubClient, gitHubProblem } from './github-client.js';
import { readRepo } from './read-repo.js';
import { finishSync, type RepoSync, syncRepo } from './sync-repo.js';

/**
 * Where GitHub is and how to sign in to it: GITHUB_API_URL, and GITHUB_TOKEN or a GitHub App
 * (GITHUB_APP_ID, GITHUB_PRIVATE_KEY), which wins when both are set.
 */
export interface GitHubAccess {
  token: string | undefined;
  app?: { id: number; privateKey: string } | undefined;
  apiUrl: string;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
}

/** How a person names the credential in use, in messages. */
const APP_CREDENTIAL = 'the GitHub App (GITHUB_APP_ID)';

/** The credential a message names for `access`. */
export const credentialName = (access: GitHubAccess): string =>
  access.app ? APP_CREDENTIAL : 'GITHUB_TOKEN';

/**
 * A client for `access`: the App's installation `installationId` when an App is set (its JWT
 * alone without one), else the token. @throws ConfigError saying what to set when neither is.
 */
export function gitHubClientFor(access: GitHubAccess, installationId?: number | null): Octokit {
  if (access.app) {
    const credential = { app: access.app, ...(installationId == null ? {} : { installationId }) };
    return createGitHubClient({ ...access, credential });
  }
  if (access.token === undefined) {
    throw new ConfigError(
      'GITHUB_TOKEN is not set: make a fine-grained token (GitHub → Settings → Developer settings → ' +
        'Fine-grained tokens) with read access to Issues and Pull requests of the repository, and set GITHUB_TOKEN ' +
        '(or, for an organisation, a GitHub App: GITHUB_APP_ID and GITHUB_PRIVATE_KEY)',
    );
  }
  return createGitHubClient({ ...access, credential: { token: access.token } });
}

/**
 * The installation of the App that reaches `fullName`.
 * @throws NotFoundError when the App is not installed there (or not given that repository).
 */
async function installationFor(access: GitHubAccess, fullName: string): Promise<number> {
  const [owner = '', repo = ''] = fullName.split('/');
  try {
    const { data } = await gitHubClientFor(access).rest.apps.getRepoInstallation({ owner, repo });
    return data.id;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) {
      throw new NotFoundError(
        `the GitHub App (GITHUB_APP_ID ${access.app?.id}) is not installed on ${fullName}, or not given that repository: install it from the App's page (Install App) and select the repository; nothing was changed`,
      );
    }
    throw gitHubProblem(error, fullName, 'find its installation', APP_CREDENTIAL);
  }
}

/**
 * The repository as GitHub knows it: how it spells its name, and its page. `exportTasks` is
 * `'kept'` when export is on because it was on before the repository was connected again.
 * @throws ValidationError when its issues are turned off; what gitHubProblem says for a refusal.
 */
export async function verifyRepo(
  octokit: Octokit,
  fullName: string,
  credential = 'GITHUB_TOKEN',
  exportTasks: boolean | 'kept' = false,
): Promise<VerifiedRepo> {
  const [owner = '', repo = ''] = fullName.split('/');
  let data: {
    full_name: string;
    html_url: string;
    has_issues?: boolean;
    permissions?: { push?: boolean } | undefined;
  };
  try {
    ({ data } = await octokit.rest.repos.get({ owner, repo }));
  } catch (error) {
    throw gitHubProblem(error, fullName, 'read the repository', credential);
  }
  if (data.has_issues === false) {
    throw new ValidationError(
      `${data.full_name} has issues turned off (Settings → Features → Issues): there is no backlog to read`,
      'repo',
    );
  }
  // Task export writes issues: a token that GitHub says may not write to the repository is
  // refused now, before the connection or its first sync is saved. (A fine-grained token's own
  // limits are not in this answer: its first export says so, after the sync.)
  if (exportTasks !== false && data.permissions?.push === false) {
    throw new ForbiddenError(
      exportTasks === 'kept'
        ? `${credential} may only read ${data.full_name}: task export, on for it, needs Issues: Read and write (or connect it with --no-export-tasks); nothing was changed`
        : `${credential} may only read ${data.full_name}: task export needs Issues: Read and write (or connect it without --export-tasks); nothing was changed`,
    );
  }
  return { fullName: data.full_name, htmlUrl: data.html_url };
}

/** What `github connect` did: the link, whether it is new, and the first sync. */
export interface Connected {
  link: RepoLinkView;
  created: boolean;
  sync: RepoSync;
}

/**
 * `github connect`: checks the request (repository name, project, label maps) before asking GitHub
 * anything, asks GitHub for the repository (it must exist and the token must read it), reads its
 * open issues, then links it and saves them in one transaction: a read that fails leaves no link,
 * nor moves one, as its message says. Task export follows.
 */
export async function connectRepo(
  app: Goalpost,
  ctx: Ctx,
  access: GitHubAccess,
  input: ConnectInput,
): Promise<Connected> {
  const plan = app.github.planConnect(ctx, input, access.apiUrl);
  const installationId = access.app ? await installationFor(access, plan.fullName) : undefined;
  const octokit = gitHubClientFor(access, installationId);
  const exportTasks = plan.exportKept ? 'kept' : plan.exportTasks;
  const credential = credentialName(access);
  const repo = {
    ...(await verifyRepo(octokit, plan.fullName, credential, exportTasks)),
    ...(installationId ? { installationId } : {}),
  };
  const target = app.github.previewConnect(ctx, plan, repo);
  const read = await readRepo(app, ctx, octokit, target, credential);
  const { link, created, counts } = app.github.connectAndIngest(ctx, plan, repo, read.changes);
  return { link, created, sync: await finishSync(app, ctx, octokit, link, read, counts, credential) };
}

/**
 * `github sync`: syncs `repo`, or every repository linked in the workspace, one after the other;
 * each lands whole or not at all.
 */
export async function syncRepos(
  app: Goalpost,
  ctx: Ctx,
  access: GitHubAccess,
  repo?: string,
): Promise<RepoSync[]> {
  const links = app.github.repos(ctx);
  const chosen =
    repo === undefined
      ? links
      : [app.github.requireRepo(ctx, repo)].map((l) => ({
          ...l,
          projectName: links.find((k) => k.id === l.id)?.projectName ?? '?',
        }));
  const done: RepoSync[] = [];
  for (const link of chosen) {
    // A repository connected with the token keeps using it; one connected through the App, its installation.
    const octokit = gitHubClientFor(
      link.installationId === null ? { ...access, app: undefined } : access,
      link.installationId,
    );
    done.push(
      await syncRepo(app, ctx, octokit, link, link.installationId === null ? 'GITHUB_TOKEN' : APP_CREDENTIAL),
    );
  }
  return done;
}

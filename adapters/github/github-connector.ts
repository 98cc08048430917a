import type { Octokit } from '@octokit/rest';
import {
  ConfigError,
  type ConnectInput,
  type Ctx,
  type Goalpost,
  type Logger,
  type RepoLinkView,
  ValidationError,
  type VerifiedRepo,
} from '../../src/index.js';
import { createGitHubClient, gitHubProblem } from './github-client.js';
import { type RepoSync, syncRepo } from './sync-repo.js';

/** Where GitHub is and how to sign in to it (from GITHUB_TOKEN and GITHUB_API_URL). */
export interface GitHubAccess {
  token: string | undefined;
  apiUrl: string;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
}

/** A client for `access`. @throws ConfigError saying how to make the token when it is not set. */
export function gitHubClientFor(access: GitHubAccess): Octokit {
  if (access.token === undefined) {
    throw new ConfigError(
      'GITHUB_TOKEN is not set: make a fine-grained token (GitHub → Settings → Developer settings → ' +
        'Fine-grained tokens) with read access to Issues and Pull requests of the repository, and set GITHUB_TOKEN',
    );
  }
  return createGitHubClient({ ...access, token: access.token });
}

/**
 * The repository as GitHub knows it: how it spells its name, and its page.
 * @throws ValidationError when its issues are turned off; what gitHubProblem says for a refusal.
 */
export async function verifyRepo(octokit: Octokit, fullName: string): Promise<VerifiedRepo> {
  const [owner = '', repo = ''] = fullName.split('/');
  let data: { full_name: string; html_url: string; has_issues?: boolean };
  try {
    ({ data } = await octokit.rest.repos.get({ owner, repo }));
  } catch (error) {
    throw gitHubProblem(error, fullName, 'read the repository');
  }
  if (data.has_issues === false) {
    throw new ValidationError(
      `${data.full_name} has issues turned off (Settings → Features → Issues): there is no backlog to read`,
      'repo',
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
 * anything, asks GitHub for the repository (it must exist and the token must read it), links it,
 * then syncs its open issues into the project's backlog.
 */
export async function connectRepo(
  app: Goalpost,
  ctx: Ctx,
  access: GitHubAccess,
  input: ConnectInput,
): Promise<Connected> {
  const plan = app.github.planConnect(ctx, input);
  const octokit = gitHubClientFor(access);
  const repo = await verifyRepo(octokit, plan.fullName);
  const { link, created } = app.github.connect(ctx, plan, repo);
  return { link, created, sync: await syncRepo(app, ctx, octokit, link) };
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
  if (chosen.length === 0) return [];
  const octokit = gitHubClientFor(access);
  const done: RepoSync[] = [];
  for (const link of chosen) done.push(await syncRepo(app, ctx, octokit, link));
  return done;
}

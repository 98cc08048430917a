import { type GitHubAnswer, githubError } from './github-http.js';
import type { FakeGitHubRepo } from './github-state.js';

/** What a token may do: read some repositories (or all), and write issues in those it reads. */
export interface FakeGitHubToken {
  /** `owner/name`s it can read, in any case, or `'*'` for every repository. Public ones need none. */
  repos?: readonly string[] | '*';
  /** Whether it may create and update issues (fine-grained "Issues: write"). */
  write?: boolean;
  /** Whose token it is; authors what it creates (default `goalpost-bot`). */
  login?: string;
  /** A personal access token or a GitHub App installation: they are refused in different words. */
  kind?: 'personal' | 'app';
}

/** Who is asking: a known token, or nobody (`token: null`). */
export interface Caller {
  token: string | null;
  grant: FakeGitHubToken | null;
  login: string | null;
}

const ANONYMOUS: Caller = { token: null, grant: null, login: null };

/**
 * The caller an `Authorization` header names: `token X` and `Bearer X` are read in any case;
 * another scheme, or none, is an anonymous request, which GitHub serves for public data.
 * `'bad credentials'` when the token is not one the fake knows.
 */
export function callerOf(
  header: string | undefined,
  tokens: ReadonlyMap<string, FakeGitHubToken>,
): Caller | 'bad credentials' {
  const token = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (token === undefined) return ANONYMOUS;
  const grant = tokens.get(token);
  if (!grant) return 'bad credentials';
  return { token, grant, login: grant.login ?? 'goalpost-bot' };
}

const listed = (grant: FakeGitHubToken | null, r: FakeGitHubRepo) =>
  grant?.repos === '*' ||
  (grant?.repos ?? []).some((name) => name.toLowerCase() === r.fullName.toLowerCase());

/** GitHub hides a private repository from whoever may not read it: it answers 404, not 403. */
export const canRead = (caller: Caller, r: FakeGitHubRepo): boolean =>
  !r.isPrivate || listed(caller.grant, r);

/** Writing issues needs a token granted write on that repository. */
export const canWrite = (caller: Caller, r: FakeGitHubRepo): boolean =>
  caller.grant?.write === true && listed(caller.grant, r);

/**
 * Why a write is refused: anonymous callers must sign in (401), a token without the permission
 * is told the resource is not accessible (403), in the words GitHub uses for its kind of token.
 */
export function writeRefusal(caller: Caller, docs: string): GitHubAnswer {
  if (caller.grant === null) return githubError(401, 'Requires authentication', docs);
  const by = caller.grant.kind === 'app' ? 'integration' : 'personal access token';
  return githubError(403, `Resource not accessible by ${by}`, docs);
}

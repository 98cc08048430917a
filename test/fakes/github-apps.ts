import { createPublicKey, randomBytes, verify } from 'node:crypto';
import type { Caller, FakeGitHubToken } from './github-access.js';
import { type GitHubAnswer, githubError, notFound } from './github-http.js';
import type { GitHubState } from './github-state.js';

/** A GitHub App the fake knows: its id, the public half of its key, its installations. */
interface FakeApp {
  id: number;
  slug: string;
  publicKey: ReturnType<typeof createPublicKey>;
  installations: Map<number, { repos: string[]; write: boolean; account: string }>;
}

/** How long GitHub lets an installation token live. */
const TOKEN_HOURS = 1;

const base64url = (s: string): Buffer => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/**
 * GitHub Apps: a JWT (RS256, signed with the App's private key, `iss` its id, at most 10 minutes
 * long) lets the App find its installation on a repository and trade it for an installation
 * token, which then reads (and writes, if granted) that installation's repositories like any token.
 */
export function createApps(state: GitHubState, tokens: Map<string, FakeGitHubToken>) {
  const apps = new Map<number, FakeApp>();
  let nextInstallation = 1000;

  /** The App a JWT is from, or why GitHub refuses it (401, in GitHub's words). */
  function appOf(jwt: string): FakeApp | GitHubAnswer {
    const [head = '', body = '', signature = ''] = jwt.split('.');
    let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(base64url(body).toString('utf8'));
      if (JSON.parse(base64url(head).toString('utf8')).alg !== 'RS256') throw new Error('alg');
    } catch {
      return githubError(401, 'A JSON web token could not be decoded');
    }
    const app = apps.get(Number(claims.iss));
    if (!app) return githubError(401, `Integration not found`);
    const signed = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), app.publicKey, base64url(signature));
    if (!signed) return githubError(401, 'A JSON web token could not be decoded');
    const now = Math.floor(Date.now() / 1000);
    const exp = Number(claims.exp);
    const iat = Number(claims.iat);
    if (!(exp > now) || exp - iat > 600) {
      return githubError(
        401,
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      );
    }
    return app;
  }

  return {
    /** Registers an App by id with the public key (PEM) of its private key. */
    addApp(id: number, publicKeyPem: string, slug = `app-${id}`): void {
      apps.set(id, { id, slug, publicKey: createPublicKey(publicKeyPem), installations: new Map() });
    },
    /** Installs App `id` on an account's `repos`; returns the installation's id. */
    install(id: number, repos: string[], options: { write?: boolean } = {}): number {
      const app = apps.get(id);
      if (!app) throw new Error(`fake GitHub: no App ${id}`);
      const installation = nextInstallation++;
      const account = repos[0]?.split('/')[0] ?? 'acme';
      app.installations.set(installation, { repos, write: options.write === true, account });
      return installation;
    },
    /** Sets an installation's Issues permission for the tokens it issues from now on. */
    permit(installation: number, options: { write: boolean }): void {
      const found = [...apps.values()].find((a) => a.installations.has(installation));
      const inst = found?.installations.get(installation);
      if (!inst) throw new Error(`fake GitHub: no installation ${installation}`);
      inst.write = options.write;
    },
    /** Whether a bearer credential is a JWT (three dot-separated parts), as only an App sends. */
    isJwt: (credential: string): boolean => credential.split('.').length === 3,
    appOf,
    /** `GET /repos/{owner}/{repo}/installation`, for a JWT caller. */
    repoInstallation(jwt: string, fullName: string): GitHubAnswer {
      const app = appOf(jwt);
      if ('status' in app) return app;
      const repo = state.findRepo(fullName);
      for (const [id, inst] of app.installations) {
        if (repo && inst.repos.some((r) => r.toLowerCase() === repo.fullName.toLowerCase())) {
          return {
            status: 200,
            body: {
              id,
              app_id: app.id,
              app_slug: app.slug,
              target_type: 'Organization',
              account: { login: inst.account },
            },
          };
        }
      }
      return notFound(
        'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app',
      );
    },
    /** `POST /app/installations/{id}/access_tokens`, for a JWT caller: a fresh installation token. */
    accessToken(jwt: string, installationId: number): GitHubAnswer {
      const app = appOf(jwt);
      if ('status' in app) return app;
      const inst = app.installations.get(installationId);
      if (!inst)
        return notFound(
          'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
        );
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      tokens.set(token, { repos: inst.repos, write: inst.write, kind: 'app', login: `${app.slug}[bot]` });
      const expires = new Date(Date.now() + TOKEN_HOURS * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return {
        status: 201,
        body: {
          token,
          expires_at: expires,
          permissions: { issues: inst.write ? 'write' : 'read', pull_requests: 'read', metadata: 'read' },
          repository_selection: 'selected',
        },
      };
    },
  };
}

export type FakeApps = ReturnType<typeof createApps>;

/** The credential of an `Authorization: Bearer …` header. */
export const bearerOf = (header: string | undefined): string | null =>
  /^bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;

export type { Caller };

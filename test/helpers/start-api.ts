import { afterEach, expect } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { fixedClock, type GenerateResult, silentLogger } from '../../src/index.js';
import { FIXTURE_NOW, OPERATOR, openQuickStart } from './goalpost-fixture.js';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** The body as sent: text, or bytes (which need not be UTF-8). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/**
 * Registers the cleanup hook and returns `startApi`: a real server on a free loopback port over
 * the quick-start database in a fresh folder, with one token per role and a `call` helper.
 */
export function useApi(tempDir: () => string) {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  return async function startApi() {
    const opened = openQuickStart(tempDir());
    const { app } = opened;
    const token = (name: string, role: string) => app.tokens.create(OPERATOR, { name, role }).token;
    const tokens = {
      admin: token('admin', 'admin'),
      approver: token('approver', 'approver'),
      member: token('member', 'member'),
    };
    const server = createHttpServer({ app, logger: silentLogger, clock: fixedClock(FIXTURE_NOW) });
    const { url } = await server.listen(0, '127.0.0.1');
    cleanups.push(
      () => opened.close(),
      () => server.close(),
    );
    const call = async (method: string, path: string, o: CallOptions = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token !== undefined) headers.Authorization = `Bearer ${o.token}`;
      let body: string | Uint8Array | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const res = await fetch(`${url}${path}`, { method, headers, body });
      const text = await res.text();
      return {
        status: res.status,
        // Named as the global type: inferred, it points into node_modules' undici-types, which tsc
        // cannot name portably when node_modules is a symlink (a git worktree sharing an install).
        headers: res.headers as Headers,
        json: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
      };
    };
    // First use stamps each token's last_used_at; do it now so "nothing written" snapshots compare data only.
    for (const t of Object.values(tokens))
      expect((await call('GET', '/api/goal-engine/vision', { token: t })).status).toBe(200);
    const generate = async (maxTasks = 3) => {
      const res = await call('POST', '/api/goal-engine/generate', {
        token: tokens.approver,
        body: { maxTasks },
      });
      expect(res.status).toBe(200);
      return res.json as unknown as GenerateResult;
    };
    return { app, dbPath: opened.dbPath, db: opened, call, tokens, generate, url };
  };
}

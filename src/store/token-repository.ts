import type { Role } from '../domain/role.js';
import type { ApiToken } from '../domain/webhook.js';
import type { Db } from './open-database.js';

interface TokenRow {
  id: number;
  workspace_id: string;
  name: string;
  role: Role;
  prefix: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** A JSON array of the assignees it acts for. */
  acts_for: string;
}

/** What a presented token resolves to. */
export interface TokenOwner {
  workspaceId: string;
  name: string;
  role: Role;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token row to insert: the hash of the secret, never the secret. */
export interface NewToken {
  workspaceId: string;
  name: string;
  role: Role;
  tokenHash: string;
  prefix: string;
  createdBy: string;
  /** The assignees it acts for (see ApiToken.actsFor), as registered. */
  actsFor: readonly string[];
}

/** API tokens, found by the SHA-256 of the presented secret. */
export interface TokenRepository {
  insert(token: NewToken, now: string): void;
  list(workspaceId: string): ApiToken[];
  find(workspaceId: string, name: string): ApiToken | null;
  /** Marks the token revoked; false when it does not exist or already was. */
  revoke(workspaceId: string, name: string, now: string): boolean;
  byHash(tokenHash: string): TokenOwner | null;
  /** Sets last_used_at to `now` unless it is already later than `since` (one write a minute at most). */
  touch(tokenHash: string, now: string, since: string): void;
  /** Replaces the assignees the token `name` acts for. */
  setActsFor(workspaceId: string, name: string, assignees: readonly string[]): void;
}

const toToken = (r: TokenRow): ApiToken => ({
  name: r.name,
  role: r.role,
  actsFor: JSON.parse(r.acts_for) as string[],
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** The token repository over one connection, with prepared statements. */
export function createTokenRepository(db: Db): TokenRepository {
  const insert = db.prepare(
    `INSERT INTO api_tokens (workspace_id, name, role, token_hash, prefix, created_by, created_at)
     VALUES (@workspaceId, @name, @role, @tokenHash, @prefix, @createdBy, @now)`,
  );
  const bind = db.prepare<[number, string]>(
    'INSERT INTO api_token_assignees (token_id, assignee) VALUES (?, ?)',
  );
  const idOf = db
    .prepare<[string, string], number>('SELECT id FROM api_tokens WHERE workspace_id = ? AND name = ?')
    .pluck();
  const unbind = db.prepare<[number]>('DELETE FROM api_token_assignees WHERE token_id = ?');
  const withActsFor = `SELECT t.*, (SELECT json_group_array(assignee) FROM
      (SELECT assignee FROM api_token_assignees WHERE token_id = t.id ORDER BY assignee)) AS acts_for
    FROM api_tokens t`;
  const list = db.prepare<[string], TokenRow>(
    `${withActsFor} WHERE workspace_id = ? ORDER BY revoked_at IS NOT NULL, name`,
  );
  const find = db.prepare<[string, string], TokenRow>(`${withActsFor} WHERE workspace_id = ? AND name = ?`);
  const revoke = db.prepare(
    'UPDATE api_tokens SET revoked_at = ? WHERE workspace_id = ? AND name = ? AND revoked_at IS NULL',
  );
  const byHash = db.prepare<[string], Omit<TokenRow, 'acts_for'>>(
    'SELECT * FROM api_tokens WHERE token_hash = ?',
  );
  const touch = db.prepare(
    `UPDATE api_tokens SET last_used_at = ?
     WHERE token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
  );
  return {
    insert: (t, now) => {
      const { actsFor: names, ...token } = t;
      const id = Number(insert.run({ ...token, now }).lastInsertRowid);
      for (const name of names) bind.run(id, name);
    },
    list: (ws) => list.all(ws).map(toToken),
    find: (ws, name) => {
      const row = find.get(ws, name);
      return row ? toToken(row) : null;
    },
    revoke: (ws, name, now) => revoke.run(now, ws, name).changes === 1,
    byHash: (hash) => {
      const row = byHash.get(hash);
      if (!row) return null;
      return {
        workspaceId: row.workspace_id,
        name: row.name,
        role: row.role,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at,
      };
    },
    touch: (hash, now, since) => {
      touch.run(now, hash, since);
    },
    setActsFor: (ws, name, assignees) => {
      const id = idOf.get(ws, name);
      if (id === undefined) return;
      unbind.run(id);
      for (const assignee of assignees) bind.run(id, assignee);
    },
  };
}

import type { Role } from '../domain/role.js';
import type { Db } from './open-database.js';

/** A user with a role above member. */
export interface Member {
  userKey: string;
  role: Role;
  grantedBy: string;
  grantedAt: string;
}

/** Who holds which role in a workspace (`members`); everyone else is a member. */
export interface MemberRepository {
  roleOf(workspaceId: string, userKey: string): Role;
  list(workspaceId: string): Member[];
  adminCount(workspaceId: string): number;
  /** Sets a role; `member` removes the row (members are the default). */
  setRole(workspaceId: string, userKey: string, role: Role, grantedBy: string, now: string): void;
}

export function createMemberRepository(db: Db): MemberRepository {
  const roleOf = db
    .prepare<[string, string], Role>('SELECT role FROM members WHERE workspace_id = ? AND user_key = ?')
    .pluck();
  const list = db.prepare<[string], { user_key: string; role: Role; granted_by: string; granted_at: string }>(
    `SELECT user_key, role, granted_by, granted_at FROM members WHERE workspace_id = ?
     ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, user_key`,
  );
  const adminCount = db
    .prepare<[string], number>("SELECT count(*) FROM members WHERE workspace_id = ? AND role = 'admin'")
    .pluck();
  const upsertRole = db.prepare(
    `INSERT INTO members (workspace_id, user_key, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, user_key) DO UPDATE SET role = excluded.role,
       granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
  );
  const deleteRole = db.prepare('DELETE FROM members WHERE workspace_id = ? AND user_key = ?');
  return {
    roleOf: (ws, user) => roleOf.get(ws, user) ?? 'member',
    list: (ws) =>
      list.all(ws).map((r) => ({
        userKey: r.user_key,
        role: r.role,
        grantedBy: r.granted_by,
        grantedAt: r.granted_at,
      })),
    adminCount: (ws) => adminCount.get(ws) ?? 0,
    setRole: (ws, user, role, by, now) => {
      if (role === 'member') deleteRole.run(ws, user);
      else upsertRole.run(ws, user, role, by, now);
    },
  };
}

import type { Db } from './open-database.js';

export interface Assignee {
  id: number;
  workspaceId: string;
  name: string;
  kind: 'person' | 'worker';
  capacity: number;
  slackUser: string | null;
  discordUser: string | null;
  /** Their GitHub login: issues assigned to it and pull requests they open are theirs. */
  githubLogin: string | null;
  active: boolean;
}

interface AssigneeRow {
  id: number;
  workspace_id: string;
  name: string;
  kind: Assignee['kind'];
  capacity: number;
  slack_user: string | null;
  discord_user: string | null;
  github_login: string | null;
  active: number;
}

export type NewAssignee = Omit<Assignee, 'id' | 'active'>;

/** What `assignee set` can change: everything but the name (history and statistics go by it). */
export type AssigneeChanges = Pick<
  Assignee,
  'kind' | 'capacity' | 'slackUser' | 'discordUser' | 'githubLogin'
>;

export interface AssigneeRepository {
  list(workspaceId: string): Assignee[];
  find(workspaceId: string, name: string): Assignee | null;
  /** The name `name` was registered under (names match ignoring case), or null: one column, for a decision. */
  registeredName(workspaceId: string, name: string): string | null;
  /** The assignee with GitHub login `login` (any case). */
  findByGitHub(workspaceId: string, login: string): Assignee | null;
  add(assignee: NewAssignee, now: string): Assignee;
  update(id: number, changes: AssigneeChanges): Assignee;
  remove(id: number): void;
}

const toAssignee = (r: AssigneeRow): Assignee => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  kind: r.kind,
  capacity: r.capacity,
  slackUser: r.slack_user,
  discordUser: r.discord_user,
  githubLogin: r.github_login,
  active: r.active === 1,
});

export function createAssigneeRepository(db: Db): AssigneeRepository {
  const list = db.prepare<[string], AssigneeRow>(
    'SELECT * FROM assignees WHERE workspace_id = ? ORDER BY name',
  );
  const find = db.prepare<[string, string], AssigneeRow>(
    'SELECT * FROM assignees WHERE workspace_id = ? AND name = ?',
  );
  const registeredName = db
    .prepare<[string, string], string>('SELECT name FROM assignees WHERE workspace_id = ? AND name = ?')
    .pluck();
  const insert = db.prepare<Record<string, unknown>, AssigneeRow>(
    `INSERT INTO assignees (workspace_id, name, kind, capacity, slack_user, discord_user, github_login, created_at)
     VALUES (@workspaceId, @name, @kind, @capacity, @slackUser, @discordUser, @githubLogin, @now) RETURNING *`,
  );
  const update = db.prepare<Record<string, unknown>, AssigneeRow>(
    `UPDATE assignees SET kind = @kind, capacity = @capacity, slack_user = @slackUser, discord_user = @discordUser,
       github_login = @githubLogin
     WHERE id = @id RETURNING *`,
  );
  const byGitHub = db.prepare<[string, string], AssigneeRow>(
    'SELECT * FROM assignees WHERE workspace_id = ? AND github_login = ?',
  );
  const remove = db.prepare<[number]>('DELETE FROM assignees WHERE id = ?');
  return {
    list: (ws) => list.all(ws).map(toAssignee),
    find: (ws, name) => {
      const row = find.get(ws, name);
      return row ? toAssignee(row) : null;
    },
    registeredName: (ws, name) => registeredName.get(ws, name) ?? null,
    findByGitHub: (ws, login) => {
      const row = byGitHub.get(ws, login);
      return row ? toAssignee(row) : null;
    },
    add: (a, now) => {
      const row = insert.get({ ...a, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toAssignee(row);
    },
    update: (id, changes) => {
      const row = update.get({ ...changes, id });
      if (!row) throw new Error(`no assignee #${id} to update`);
      return toAssignee(row);
    },
    remove: (id) => {
      remove.run(id);
    },
  };
}

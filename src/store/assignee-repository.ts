import { TASK_CATEGORIES, type TaskCategory } from '../domain/task.js';
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
  /**
   * The projects they work on, by name: routing gives them only these projects' work (and work on
   * no project). Empty: any project's.
   */
  projects: AssigneeProject[];
  /**
   * The kinds of work they take (task categories), in TASK_CATEGORIES' order: routing gives them
   * only these, and a worker claims only these from the queue. Empty: any kind.
   */
  categories: TaskCategory[];
  active: boolean;
}

/** A project an assignee works on. */
export interface AssigneeProject {
  id: number;
  name: string;
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
  /** The projects it works on: a JSON array of [id, name], by name. */
  projects: string;
  /** The kinds of work it takes: a JSON array of categories. */
  categories: string;
}

export type NewAssignee = Omit<Assignee, 'id' | 'active'>;

/** What `assignee set` can change: everything but the name (history and statistics go by it). */
export type AssigneeChanges = Pick<
  Assignee,
  'kind' | 'capacity' | 'slackUser' | 'discordUser' | 'githubLogin' | 'projects' | 'categories'
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
  projects: (JSON.parse(r.projects) as Array<[number, string]>).map(([id, name]) => ({ id, name })),
  categories: inCategoryOrder(JSON.parse(r.categories) as TaskCategory[]),
  active: r.active === 1,
});

/** Categories in TASK_CATEGORIES' order, each once: how lists and changes say them. */
export const inCategoryOrder = (categories: readonly TaskCategory[]): TaskCategory[] =>
  TASK_CATEGORIES.filter((c) => categories.includes(c));

/** An assignee's row with the projects it works on and the kinds of work it takes (see AssigneeRow). */
const WITH_PROJECTS = `SELECT a.*, (
    SELECT json_group_array(json_array(id, name)) FROM (
      SELECT p.id, p.name FROM assignee_projects ap JOIN projects p ON p.id = ap.project_id
      WHERE ap.assignee_id = a.id ORDER BY p.name COLLATE NOCASE, p.id)
  ) AS projects, (
    SELECT json_group_array(category) FROM assignee_categories ac WHERE ac.assignee_id = a.id
  ) AS categories FROM assignees a`;

export function createAssigneeRepository(db: Db): AssigneeRepository {
  const list = db.prepare<[string], AssigneeRow>(`${WITH_PROJECTS} WHERE a.workspace_id = ? ORDER BY a.name`);
  const find = db.prepare<[string, string], AssigneeRow>(
    `${WITH_PROJECTS} WHERE a.workspace_id = ? AND a.name = ?`,
  );
  const byId = db.prepare<[number], AssigneeRow>(`${WITH_PROJECTS} WHERE a.id = ?`);
  const clearProjects = db.prepare<[number]>('DELETE FROM assignee_projects WHERE assignee_id = ?');
  const addProject = db.prepare<[number, number]>(
    'INSERT INTO assignee_projects (assignee_id, project_id) VALUES (?, ?)',
  );
  const clearCategories = db.prepare<[number]>('DELETE FROM assignee_categories WHERE assignee_id = ?');
  const addCategory = db.prepare<[number, string]>(
    'INSERT INTO assignee_categories (assignee_id, category) VALUES (?, ?)',
  );
  /** Sets the projects assignee `id` works on and the kinds of work it takes, and reads it back whole. */
  const withScope = (
    id: number,
    projects: readonly AssigneeProject[],
    categories: readonly TaskCategory[],
  ): Assignee => {
    clearProjects.run(id);
    for (const p of projects) addProject.run(id, p.id);
    clearCategories.run(id);
    for (const c of categories) addCategory.run(id, c);
    const row = byId.get(id);
    if (!row) throw new Error(`no assignee #${id}`);
    return toAssignee(row);
  };
  const registeredName = db
    .prepare<[string, string], string>('SELECT name FROM assignees WHERE workspace_id = ? AND name = ?')
    .pluck();
  const insert = db
    .prepare<Record<string, unknown>, number>(
      `INSERT INTO assignees (workspace_id, name, kind, capacity, slack_user, discord_user, github_login, created_at)
       VALUES (@workspaceId, @name, @kind, @capacity, @slackUser, @discordUser, @githubLogin, @now) RETURNING id`,
    )
    .pluck();
  const update = db
    .prepare<Record<string, unknown>, number>(
      `UPDATE assignees SET kind = @kind, capacity = @capacity, slack_user = @slackUser, discord_user = @discordUser,
         github_login = @githubLogin
       WHERE id = @id RETURNING id`,
    )
    .pluck();
  const byGitHub = db.prepare<[string, string], AssigneeRow>(
    `${WITH_PROJECTS} WHERE a.workspace_id = ? AND a.github_login = ?`,
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
    add: db.transaction((a: NewAssignee, now: string) => {
      const { projects, categories, ...columns } = a;
      const id = insert.get({ ...columns, now });
      if (id === undefined) throw new Error('INSERT … RETURNING returned no row');
      return withScope(id, projects, categories);
    }),
    update: db.transaction((id: number, changes: AssigneeChanges) => {
      const { projects, categories, ...columns } = changes;
      if (update.get({ ...columns, id }) === undefined) throw new Error(`no assignee #${id} to update`);
      return withScope(id, projects, categories);
    }),
    remove: (id) => {
      remove.run(id);
    },
  };
}

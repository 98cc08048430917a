import type { GitHubMilestone, GitHubRepoLink } from '../domain/github.js';
import type { BugSeverity } from '../domain/project.js';
import { areaLabelsColumn, areaLabelsIn } from './item-sources.js';
import { jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface RepoRow {
  id: number;
  workspace_id: string;
  project_id: number;
  full_name: string;
  html_url: string;
  bug_labels: string;
  severity_labels: string;
  upkeep_labels: string;
  export_tasks: number;
  cursor: string | null;
  etag: string | null;
  milestones_etag: string | null;
  open_checked_at: string | null;
  reread: number;
  synced_at: string | null;
  installation_id: number | null;
  created_by: string;
  created_at: string;
}

/** A repository link to insert. */
export interface NewRepoLink {
  workspaceId: string;
  projectId: number;
  fullName: string;
  htmlUrl: string;
  bugLabels: readonly string[];
  severityLabels: Readonly<Record<string, BugSeverity>>;
  upkeepLabels: readonly string[];
  exportTasks: boolean;
  installationId: number | null;
  createdBy: string;
}

/** What a repository link's settings become on a second `connect`. */
export type RepoSettings = Pick<
  NewRepoLink,
  'projectId' | 'htmlUrl' | 'bugLabels' | 'severityLabels' | 'upkeepLabels' | 'exportTasks' | 'installationId'
>;

/**
 * An issue synced before: the item it is, the `updated_at` of the copy taken, and the estimate its
 * labels gave then (null: none).
 */
export interface SyncedIssue {
  featureId: number | null;
  bugId: number | null;
  githubUpdatedAt: string;
  labelEstimate: number | null;
  /** The priority its labels gave a feature then (null: none). */
  labelPriority: BugSeverity | null;
  /** Its labels that may name a focus area then (see areaLabelsOf; empty: none). */
  areaLabels: readonly string[];
  /** Its milestone's title and due date as last seen (null: none). */
  milestone: string | null;
  milestoneDue: string | null;
  /** Its first assignee's login as last seen (null: none). */
  assignee: string | null;
}

/** An issue's link row to write. */
export interface IssueLink {
  repoId: number;
  number: number;
  featureId: number | null;
  bugId: number | null;
  htmlUrl: string;
  assignee: string | null;
  milestone: string | null;
  milestoneDue: string | null;
  /** The milestone's number in its repository (null: none, or the copy did not say). */
  milestoneNumber: number | null;
  githubUpdatedAt: string;
  /** The estimate its labels give (null: none). */
  labelEstimate: number | null;
  /** A feature's priority its labels give (null: none, and for a bug: see priorityOfLabels). */
  labelPriority: BugSeverity | null;
  /** Its labels that may name a focus area (see areaLabelsOf; empty: none). */
  areaLabels: readonly string[];
}

/** The GitHub issue a backlog item comes from. */
export interface ItemIssue {
  fullName: string;
  number: number;
  htmlUrl: string;
}

export interface GitHubRepository {
  addRepo(link: NewRepoLink, now: string): GitHubRepoLink;
  updateRepo(id: number, settings: RepoSettings): void;
  findRepo(workspaceId: string, fullName: string): GitHubRepoLink | null;
  listRepos(workspaceId: string): GitHubRepoLink[];
  /** The workspaces with a linked repository. */
  linkedWorkspaces(): string[];
  /** Every workspace's link to `fullName`: a webhook delivery names only the repository. */
  reposNamed(fullName: string): GitHubRepoLink[];
  /**
   * Has the next sync read every open issue again and apply each anew (besides what changed since
   * the cursor, which stays: see GitHubRepoLink.reread).
   */
  resetSync(id: number): void;
  /** Where the last complete sync got to (and any re-read asked for done). */
  setCursor(id: number, cursor: string | null, etag: string | null, syncedAt: string): void;
  /**
   * Brings the issues of `repoId` in milestone `m` (by its number; an issue synced before numbers
   * were kept, by the title `formerTitle`, else `m`'s) to its title and due date. Returns how many
   * changed.
   */
  moveMilestone(repoId: number, m: GitHubMilestone, formerTitle?: string): number;
  /**
   * Takes milestone `number` off the issues of `repoId` in it, or, with `number` null, every
   * milestone not in `kept` (the repository's whole list): deleted on GitHub. Returns how many changed.
   */
  dropMilestones(repoId: number, number: number | null, kept?: readonly number[]): number;
  /** The ETag of the last milestone list read of `id`. */
  setMilestonesEtag(id: number, etag: string | null): void;
  /** When every open issue of `id` was last listed and compared with its open items. */
  setOpenChecked(id: number, at: string): void;
  /**
   * The numbers of the issues of `repoId` whose work is open here: a planned or started feature,
   * an open bug, an open task's exported issue not seen closed. Ascending.
   */
  openIssueNumbers(repoId: number): number[];
  issue(repoId: number, number: number): SyncedIssue | null;
  upsertIssue(link: IssueLink): void;
  deleteIssue(repoId: number, number: number): void;
  /** Moves an issue's link to another repository's issue (transferred on GitHub), its item kept. */
  moveIssue(repoId: number, number: number, toRepoId: number, toNumber: number, htmlUrl: string): void;
  /** The issue a feature or bug comes from, or null for one typed into Goalpost. */
  issueOfItem(kind: 'feature' | 'bug', id: number): ItemIssue | null;
  /**
   * The open tasks of `projectId` to give an issue: approved or started, none yet, and not made
   * from an issue already. Oldest first.
   */
  exportable(workspaceId: string, projectId: number): number[];
  /** Records the issue a task was exported to. */
  addTaskIssue(taskId: number, repoId: number, number: number, htmlUrl: string, now: string): void;
  /**
   * Hands the issue task `fromTaskId` was exported to over to task `toTaskId` (a failed task's
   * retry does its work, so the issue tracks it, and closing it closes the retry), if it is still
   * open on GitHub as last seen (`moved`); null when the task had none.
   */
  moveTaskIssue(fromTaskId: number, toTaskId: number): { ref: string; url: string; moved: boolean } | null;
  /**
   * Keeps whether exported issue `number` of `repoId` is closed, as its copy updated at
   * `updatedAt` says, unless a later copy was seen; false then (the copy is stale: apply nothing).
   */
  seeTaskIssue(repoId: number, number: number, closed: boolean, updatedAt: string): boolean;
  /**
   * Gives the issue task `fromTaskId` holds back to task `toTaskId`, open or closed (an issue
   * closed before a retry took it over is the failed task's).
   */
  returnTaskIssue(fromTaskId: number, toTaskId: number): void;
  /** The task exported to issue `number` of `repoId`, by id. */
  taskOfIssue(repoId: number, number: number): number | null;
  /** The item synced from issue `number` of `repoId`. */
  itemOfIssue(repoId: number, number: number): { kind: 'feature' | 'bug'; id: number } | null;
  /** When issue `number` of `repoId` was last seen closed with no item here (its `updated_at`), or null. */
  closedAt(repoId: number, number: number): string | null;
  /** Keeps that issue `number` was seen closed at `updatedAt` with no item here (the later time wins). */
  markClosed(repoId: number, number: number, updatedAt: string): void;
  /** Forgets that an issue was seen closed: it is an item again. */
  unmarkClosed(repoId: number, number: number): void;
  /**
   * An open feature or bug of `projectId` typed into Goalpost (from no issue) under `title`, the
   * same but for case and the spaces around it: the oldest, or null.
   */
  typedItem(projectId: number, kind: 'feature' | 'bug', title: string): number | null;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isSeverityMap = (v: unknown): v is Record<string, BugSeverity> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((s) => s === 'critical' || s === 'high' || s === 'medium' || s === 'low');

function toLink(row: RepoRow): GitHubRepoLink {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    fullName: row.full_name,
    htmlUrl: row.html_url,
    bugLabels: jsonColumn(row.bug_labels, isStringList, `github_repos(${row.id}).bug_labels`),
    severityLabels: jsonColumn(row.severity_labels, isSeverityMap, `github_repos(${row.id}).severity_labels`),
    upkeepLabels: jsonColumn(row.upkeep_labels, isStringList, `github_repos(${row.id}).upkeep_labels`),
    exportTasks: row.export_tasks === 1,
    cursor: row.cursor,
    etag: row.etag,
    milestonesEtag: row.milestones_etag,
    openCheckedAt: row.open_checked_at,
    reread: row.reread === 1,
    syncedAt: row.synced_at,
    installationId: row.installation_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function createGitHubRepository(db: Db): GitHubRepository {
  const insert = db.prepare<
    [string, number, string, string, string, string, string, number, number | null, string, string],
    RepoRow
  >(
    `INSERT INTO github_repos (workspace_id, project_id, full_name, html_url, bug_labels, severity_labels,
       upkeep_labels, export_tasks, installation_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const update = db.prepare(
    `UPDATE github_repos SET project_id = ?, html_url = ?, bug_labels = ?, severity_labels = ?, upkeep_labels = ?,
       export_tasks = ?, installation_id = ?
     WHERE id = ?`,
  );
  const find = db.prepare<[string, string], RepoRow>(
    'SELECT * FROM github_repos WHERE workspace_id = ? AND full_name = ?',
  );
  const list = db.prepare<[string], RepoRow>(
    'SELECT * FROM github_repos WHERE workspace_id = ? ORDER BY full_name',
  );
  const workspaces = db
    .prepare<[], string>('SELECT DISTINCT workspace_id FROM github_repos ORDER BY 1')
    .pluck();
  const named = db.prepare<[string], RepoRow>('SELECT * FROM github_repos WHERE full_name = ? ORDER BY id');
  // The cursor stays: the next sync reads what changed since it (closures too) and every open issue.
  const resetRepo = db.prepare('UPDATE github_repos SET reread = 1, etag = NULL WHERE id = ?');
  const setCursor = db.prepare(
    'UPDATE github_repos SET cursor = ?, etag = ?, synced_at = ?, reread = 0 WHERE id = ?',
  );
  const issue = db.prepare<
    [number, number],
    {
      feature_id: number | null;
      bug_id: number | null;
      github_updated_at: string;
      label_estimate_hours: number | null;
      label_priority: BugSeverity | null;
      area_labels: string | null;
      milestone: string | null;
      milestone_due: string | null;
      assignee_login: string | null;
    }
  >(
    `SELECT feature_id, bug_id, github_updated_at, label_estimate_hours, label_priority, area_labels, milestone,
       milestone_due, assignee_login
     FROM github_issues WHERE repo_id = ? AND number = ?`,
  );
  // An issue synced before milestone numbers were kept (0052) is found by its milestone's title.
  const numberMilestone = db.prepare(
    `UPDATE github_issues SET milestone_number = @number
     WHERE repo_id = @repoId AND milestone_number IS NULL AND milestone = @formerTitle`,
  );
  const moveMilestone = db.prepare(
    `UPDATE github_issues SET milestone = @title, milestone_due = @dueOn
     WHERE repo_id = @repoId AND milestone_number = @number
       AND (milestone IS NOT @title OR milestone_due IS NOT @dueOn)`,
  );
  const dropMilestone = db.prepare(
    `UPDATE github_issues SET milestone = NULL, milestone_due = NULL, milestone_number = NULL
     WHERE repo_id = ? AND milestone_number = ?`,
  );
  const dropMilestonesBut = db.prepare(
    `UPDATE github_issues SET milestone = NULL, milestone_due = NULL, milestone_number = NULL
     WHERE repo_id = ? AND milestone_number IS NOT NULL
       AND milestone_number NOT IN (SELECT value FROM json_each(?))`,
  );
  const setMilestonesEtag = db.prepare('UPDATE github_repos SET milestones_etag = ? WHERE id = ?');
  const setOpenChecked = db.prepare('UPDATE github_repos SET open_checked_at = ? WHERE id = ?');
  const openIssueNumbers = db
    .prepare<{ repoId: number }, number>(
      `SELECT i.number FROM github_issues i
         LEFT JOIN features f ON f.id = i.feature_id
         LEFT JOIN bugs b ON b.id = i.bug_id
       WHERE i.repo_id = @repoId AND (f.status IN ('planned', 'in_progress') OR b.status = 'open')
       UNION
       SELECT x.number FROM github_task_issues x JOIN tasks t ON t.id = x.task_id
       WHERE x.repo_id = @repoId AND x.closed = 0 AND t.status IN ('proposed', 'approved', 'in_progress')
       ORDER BY 1`,
    )
    .pluck();
  const upsert = db.prepare(
    `INSERT INTO github_issues (repo_id, number, feature_id, bug_id, html_url, assignee_login, milestone,
       milestone_due, milestone_number, github_updated_at, label_estimate_hours, label_priority, area_labels)
     VALUES (@repoId, @number, @featureId, @bugId, @htmlUrl, @assignee, @milestone, @milestoneDue, @milestoneNumber,
       @githubUpdatedAt, @labelEstimate, @labelPriority, @areaLabels)
     ON CONFLICT (repo_id, number) DO UPDATE SET feature_id = excluded.feature_id, bug_id = excluded.bug_id,
       html_url = excluded.html_url, assignee_login = excluded.assignee_login, milestone = excluded.milestone,
       milestone_due = excluded.milestone_due, milestone_number = excluded.milestone_number,
       github_updated_at = excluded.github_updated_at,
       label_estimate_hours = excluded.label_estimate_hours, label_priority = excluded.label_priority,
       area_labels = excluded.area_labels`,
  );
  const remove = db.prepare('DELETE FROM github_issues WHERE repo_id = ? AND number = ?');
  const move = db.prepare(
    'UPDATE github_issues SET repo_id = ?, number = ?, html_url = ? WHERE repo_id = ? AND number = ?',
  );
  const closedAt = db
    .prepare<[number, number], string>(
      'SELECT github_updated_at FROM github_closed_issues WHERE repo_id = ? AND number = ?',
    )
    .pluck();
  const markClosed = db.prepare(
    `INSERT INTO github_closed_issues (repo_id, number, github_updated_at) VALUES (?, ?, ?)
     ON CONFLICT (repo_id, number) DO UPDATE SET github_updated_at = max(github_updated_at, excluded.github_updated_at)`,
  );
  const unmarkClosed = db.prepare('DELETE FROM github_closed_issues WHERE repo_id = ? AND number = ?');
  const exportable = db
    .prepare<[string, number], number>(
      // By workspace too: tasks are indexed by workspace first, and by project alone every sync
      // read every task of every workspace.
      `SELECT t.id FROM tasks t
       WHERE t.workspace_id = ? AND t.project_id = ? AND t.status IN ('approved', 'in_progress')
         AND NOT EXISTS (SELECT 1 FROM github_task_issues x WHERE x.task_id = t.id)
         AND NOT EXISTS (SELECT 1 FROM github_issues i
                         WHERE i.feature_id = t.feature_id OR i.bug_id = t.bug_id)
       ORDER BY t.id`,
    )
    .pluck();
  const addTaskIssue = db.prepare(
    'INSERT INTO github_task_issues (task_id, repo_id, number, html_url, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const taskIssueOf = db.prepare<[number], { fullName: string; number: number; url: string }>(
    `SELECT r.full_name AS fullName, x.number, x.html_url AS url
     FROM github_task_issues x JOIN github_repos r ON r.id = x.repo_id WHERE x.task_id = ?`,
  );
  const moveTaskIssue = db.prepare(
    'UPDATE github_task_issues SET task_id = ? WHERE task_id = ? AND closed = 0',
  );
  const returnTaskIssue = db.prepare('UPDATE github_task_issues SET task_id = ? WHERE task_id = ?');
  const seeTaskIssue = db.prepare(
    `UPDATE github_task_issues SET closed = ?, seen_at = ?
     WHERE repo_id = ? AND number = ? AND (seen_at IS NULL OR seen_at <= ?)`,
  );
  const taskOfIssue = db
    .prepare<[number, number], number>(
      'SELECT task_id FROM github_task_issues WHERE repo_id = ? AND number = ?',
    )
    .pluck();
  const typedFeature = db
    .prepare<[number, string], number>(
      `SELECT f.id FROM features f
       WHERE f.project_id = ? AND lower(trim(f.title)) = lower(trim(?)) AND f.status IN ('planned', 'in_progress')
         AND NOT EXISTS (SELECT 1 FROM github_issues i WHERE i.feature_id = f.id)
       ORDER BY f.id LIMIT 1`,
    )
    .pluck();
  const typedBug = db
    .prepare<[number, string], number>(
      `SELECT b.id FROM bugs b
       WHERE b.project_id = ? AND lower(trim(b.title)) = lower(trim(?)) AND b.status = 'open'
         AND NOT EXISTS (SELECT 1 FROM github_issues i WHERE i.bug_id = b.id)
       ORDER BY b.id LIMIT 1`,
    )
    .pluck();
  const ofFeature = db.prepare<[number], ItemIssue>(
    `SELECT r.full_name AS fullName, i.number, i.html_url AS htmlUrl
     FROM github_issues i JOIN github_repos r ON r.id = i.repo_id WHERE i.feature_id = ?`,
  );
  const ofBug = db.prepare<[number], ItemIssue>(
    `SELECT r.full_name AS fullName, i.number, i.html_url AS htmlUrl
     FROM github_issues i JOIN github_repos r ON r.id = i.repo_id WHERE i.bug_id = ?`,
  );

  return {
    addRepo: (link, now) => {
      const row = insert.get(
        link.workspaceId,
        link.projectId,
        link.fullName,
        link.htmlUrl,
        JSON.stringify(link.bugLabels),
        JSON.stringify(link.severityLabels),
        JSON.stringify(link.upkeepLabels),
        link.exportTasks ? 1 : 0,
        link.installationId,
        link.createdBy,
        now,
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toLink(row);
    },
    updateRepo: (id, s) => {
      update.run(
        s.projectId,
        s.htmlUrl,
        JSON.stringify(s.bugLabels),
        JSON.stringify(s.severityLabels),
        JSON.stringify(s.upkeepLabels),
        s.exportTasks ? 1 : 0,
        s.installationId,
        id,
      );
    },
    findRepo: (ws, fullName) => {
      const row = find.get(ws, fullName);
      return row ? toLink(row) : null;
    },
    listRepos: (ws) => list.all(ws).map(toLink),
    linkedWorkspaces: () => workspaces.all(),
    reposNamed: (fullName) => named.all(fullName).map(toLink),
    resetSync: (id) => {
      resetRepo.run(id);
    },
    setCursor: (id, cursor, etag, syncedAt) => {
      setCursor.run(cursor, etag, syncedAt, id);
    },
    moveMilestone: (repoId, m, formerTitle = m.title) => {
      numberMilestone.run({ repoId, number: m.number, formerTitle });
      return moveMilestone.run({ repoId, number: m.number, title: m.title, dueOn: m.dueOn }).changes;
    },
    dropMilestones: (repoId, number, kept = []) =>
      (number === null
        ? dropMilestonesBut.run(repoId, JSON.stringify(kept))
        : dropMilestone.run(repoId, number)
      ).changes,
    setOpenChecked: (id, at) => {
      setOpenChecked.run(at, id);
    },
    openIssueNumbers: (repoId) => openIssueNumbers.all({ repoId }),
    setMilestonesEtag: (id, etag) => {
      setMilestonesEtag.run(etag, id);
    },
    issue: (repoId, number) => {
      const row = issue.get(repoId, number);
      return row
        ? {
            featureId: row.feature_id,
            bugId: row.bug_id,
            githubUpdatedAt: row.github_updated_at,
            labelEstimate: row.label_estimate_hours,
            labelPriority: row.label_priority,
            areaLabels: areaLabelsIn(row.area_labels),
            milestone: row.milestone,
            milestoneDue: row.milestone_due,
            assignee: row.assignee_login,
          }
        : null;
    },
    upsertIssue: (link) => {
      upsert.run({ ...link, areaLabels: areaLabelsColumn(link.areaLabels) });
    },
    moveIssue: (repoId, number, toRepoId, toNumber, htmlUrl) => {
      move.run(toRepoId, toNumber, htmlUrl, repoId, number);
    },
    deleteIssue: (repoId, number) => {
      remove.run(repoId, number);
    },
    exportable: (ws, projectId) => exportable.all(ws, projectId),
    moveTaskIssue: (fromTaskId, toTaskId) => {
      const issue = taskIssueOf.get(fromTaskId);
      if (issue === undefined) return null;
      const moved = moveTaskIssue.run(toTaskId, fromTaskId).changes === 1;
      return { ref: `${issue.fullName}#${issue.number}`, url: issue.url, moved };
    },
    seeTaskIssue: (repoId, number, closed, updatedAt) =>
      seeTaskIssue.run(closed ? 1 : 0, updatedAt, repoId, number, updatedAt).changes === 1,
    returnTaskIssue: (fromTaskId, toTaskId) => {
      returnTaskIssue.run(toTaskId, fromTaskId);
    },
    addTaskIssue: (taskId, repoId, number, htmlUrl, now) => {
      addTaskIssue.run(taskId, repoId, number, htmlUrl, now);
    },
    taskOfIssue: (repoId, number) => taskOfIssue.get(repoId, number) ?? null,
    closedAt: (repoId, number) => closedAt.get(repoId, number) ?? null,
    markClosed: (repoId, number, updatedAt) => {
      markClosed.run(repoId, number, updatedAt);
    },
    unmarkClosed: (repoId, number) => {
      unmarkClosed.run(repoId, number);
    },
    typedItem: (projectId, kind, title) =>
      (kind === 'feature' ? typedFeature.get(projectId, title) : typedBug.get(projectId, title)) ?? null,
    issueOfItem: (kind, id) => (kind === 'feature' ? ofFeature.get(id) : ofBug.get(id)) ?? null,
    itemOfIssue: (repoId, number) => {
      const row = issue.get(repoId, number);
      if (!row) return null;
      return row.feature_id !== null
        ? { kind: 'feature', id: row.feature_id }
        : { kind: 'bug', id: row.bug_id as number };
    },
  };
}

import type { Octokit } from '@octokit/rest';
import { bugLabelsAmong, type Ctx, type Goalpost, type SyncCounts } from '../../src/index.js';
import { type ExportedTask, exportTasks } from './export-tasks.js';
import { type RepoRead, readRepo, type SyncTarget } from './read-repo.js';

/** A linked repository a sync reads, with the bug labels its issues are sorted by. */
type SyncedLink = SyncTarget & { bugLabels: readonly string[] };

/** What syncing one repository did. */
export interface RepoSync {
  repo: string;
  project: string;
  /** Issues GitHub sent (pull requests aside). */
  fetched: number;
  /**
   * True when GitHub answered 304 to both listings, the issues and the milestones: nothing changed
   * since the last sync (and no rate limit spent).
   */
  notModified: boolean;
  counts: SyncCounts;
  /** Tasks given an issue (task export), with the issue's number and page. */
  exported: ExportedTask[];
  /**
   * The labels of the issues read that were read as bug labels, as written (see bugLabelTest), and
   * of those, the ones that are bug labels for their spelling (`Bug 🐛`), not as the list writes them.
   */
  bugLabels: { read: string[]; spelt: string[] };
}

/**
 * Reads what changed in `link`'s repository since its last sync and applies it to its project's
 * backlog in one transaction (see readRepo), then exports tasks (see exportTasks).
 * @throws NotFoundError, ConfigError, ForbiddenError or ServiceError saying what GitHub refused.
 */
export async function syncRepo(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: SyncedLink,
  credential = 'GITHUB_TOKEN',
): Promise<RepoSync> {
  const read = await readRepo(app, ctx, octokit, link, credential);
  const { issues, cursor } = read.changes;
  const counts = app.github.ingest(ctx, link.fullName, issues, cursor, read.changes);
  return finishSync(app, ctx, octokit, link, read, counts, credential);
}

/**
 * After a sync's changes are saved (`counts`): exports `link`'s tasks (see exportTasks), and says
 * what the sync did, naming the labels it read as bug labels. `credential` names what GitHub was asked with, in messages.
 */
export async function finishSync(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: SyncedLink,
  read: RepoRead,
  counts: SyncCounts,
  credential = 'GITHUB_TOKEN',
): Promise<RepoSync> {
  const exported = await exportTasks(app, ctx, octokit, link, credential);
  const { fetched, notModified } = read;
  const { issues, again } = read.changes;
  const labelled = bugLabelsAmong(
    [...issues, ...again].flatMap((i) => i.labels),
    link.bugLabels,
  );
  const spelt = labelled.filter((l) => !link.bugLabels.includes(l.trim().toLowerCase()));
  const bugLabels = { read: labelled, spelt };
  return {
    repo: link.fullName,
    project: link.projectName,
    fetched,
    notModified,
    counts,
    exported,
    bugLabels,
  };
}

import { toMinute } from '../domain/duration.js';
import type { RepoLinkView } from '../use-cases/github-connect.js';

/** The columns a list of linked repositories shows, on the command line and in chat alike. */
export const GITHUB_REPO_COLUMNS = ['repository', 'project', 'last sync', 'task export'];

/** One linked repository as a row of {@link GITHUB_REPO_COLUMNS}. */
export const githubRepoRow = (l: RepoLinkView): string[] => [
  l.fullName,
  l.projectName,
  l.syncedAt === null ? 'never' : toMinute(l.syncedAt),
  l.exportTasks ? 'on' : 'off',
];

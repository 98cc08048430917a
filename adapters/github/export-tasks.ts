import type { Octokit } from '@octokit/rest';
import {
  type Ctx,
  ForbiddenError,
  type GitHubRepoLink,
  type Goalpost,
  ServiceError,
  type Task,
} from '../../src/index.js';
import { gitHubProblem, RateLimited, rateLimitedText, utcMinute } from './github-client.js';

/** A task given an issue by task export, with the issue's number and page. */
export interface ExportedTask {
  ref: string;
  number: number;
  url: string;
}

/** The body of a task's issue: what it is, why (its reasoning), and how it closes. */
function issueBody(task: Task): string {
  const why = task.reasoning.map((line) => `- ${line}`).join('\n');
  return [
    `Goalpost task ${task.ref} (priority ${task.priority}, ${task.category}${task.projectName ? `, ${task.projectName}` : ''}), ${task.status.replace('_', ' ')}.`,
    why === '' ? '' : `Why:\n${why}`,
    `Closing this issue closes ${task.ref} in Goalpost; a pull request that names ${task.ref} records it done.`,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/**
 * Task export: each approved or started task of `link`'s project with no issue gets one (label
 * `goalpost`), recorded one by one, so a failure part-way keeps the issues already made.
 * `credential` names what GitHub was asked with (GITHUB_TOKEN, or the App), in messages.
 * @throws ForbiddenError when the token may not create issues; ServiceError when GitHub rate-limits
 * it past the client's waits, or fails otherwise.
 */
export async function exportTasks(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: Pick<GitHubRepoLink, 'fullName'>,
  credential = 'GITHUB_TOKEN',
): Promise<ExportedTask[]> {
  const [owner = '', repo = ''] = link.fullName.split('/');
  const exported: ExportedTask[] = [];
  for (const task of app.github.pendingExports(ctx, link.fullName)) {
    let created: { number: number; html_url: string };
    try {
      ({ data: created } = await octokit.rest.issues.create({
        owner,
        repo,
        title: task.title,
        body: issueBody(task),
        labels: ['goalpost'],
      }));
    } catch (error) {
      // The sync before it is saved (and any issue made before this one): say so, not that
      // nothing was written.
      const saved = `the issues' changes were saved${exported.length > 0 ? ` and ${exported.map((e) => e.ref).join(', ')} given issues` : ''}, ${task.ref} and the tasks after it were not exported`;
      if (error instanceof RateLimited) {
        const why = rateLimitedText(error, credential, 'create an issue for a task', link.fullName);
        throw new ServiceError(
          `${why}; ${saved}: a sync after ${utcMinute(error.retryAt)} UTC exports them`,
          error,
        );
      }
      if ((error as { status?: unknown }).status === 403) {
        throw new ForbiddenError(
          `GitHub refused to let ${credential} create issues in ${link.fullName}: task export needs Issues: Read and write (or connect it again with --no-export-tasks); ${saved}`,
        );
      }
      throw gitHubProblem(error, link.fullName, 'create an issue for a task', credential);
    }
    app.github.recordExport(ctx, link.fullName, task.ref, { number: created.number, url: created.html_url });
    exported.push({ ref: task.ref, number: created.number, url: created.html_url });
  }
  return exported;
}

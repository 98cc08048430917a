import * as z from 'zod';
import type { GitHubChat } from '../../domain/github.js';
import { reply } from '../../domain/reply.js';
import { atMost, TEXT_LIMITS } from '../../domain/validate.js';
import { ValidationError } from '../../errors.js';
import { GITHUB_REPO_COLUMNS, githubRepoRow } from '../../views/github-repos.js';
import { type CommandDef, type CommandEnv, defineCommand } from '../define-command.js';

const NOT_SET_UP =
  'GitHub is not set up on this bot: its operator sets GITHUB_TOKEN (or a GitHub App: GITHUB_APP_ID and GITHUB_PRIVATE_KEY) and restarts it';

const CONNECT_USAGE =
  'github connect <owner/repo> --project <name> [--bug-labels l,…] [--severity-labels label=severity,…] [--upkeep-labels l,…|none] [--[no-]export-tasks]';

/** Runs `work` with the connector and tells the channel; a bot without one says so, to the caller alone. */
async function withConnector(env: CommandEnv, work: (github: GitHubChat) => Promise<string>) {
  if (env.github === null) return reply.error(NOT_SET_UP);
  return reply.channel(reply.text(await work(env.github), 'success'));
}

/** `github`, `github connect`, `github sync`: a repository's issues as a project's backlog, from chat. */
export const githubCommands: CommandDef[] = [
  defineCommand({
    name: 'github',
    usage: 'github',
    summary: 'the connected GitHub repositories',
    role: 'member',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) =>
      reply.ephemeral({
        kind: 'table',
        title: 'GitHub repositories',
        columns: GITHUB_REPO_COLUMNS,
        rows: app.github.repos(ctx).map(githubRepoRow),
        empty:
          'No repository is connected: an admin connects one with `/goalpost github connect owner/repo --project "Name"`.',
      }),
  }),
  defineCommand({
    name: 'github connect',
    usage: CONNECT_USAGE,
    summary: 'link a repo’s issues to a project (admin)',
    role: 'admin',
    args: {
      positionals: ['repo'],
      options: ['project', 'bug-labels', 'severity-labels', 'upkeep-labels'],
      flags: ['export-tasks', 'no-export-tasks'],
    },
    schema: z.object({
      repo: z.string({ error: 'a repository like acme/booking-app' }),
      project: z
        .string({ error: 'the project, like --project "Basic EDU Apps"' })
        .trim()
        .max(...atMost(TEXT_LIMITS.projectName)),
      bugLabels: z.string().optional(),
      severityLabels: z.string().optional(),
      upkeepLabels: z.string().optional(),
      exportTasks: z.boolean().optional(),
      noExportTasks: z.boolean().optional(),
    }),
    run: (env, { noExportTasks, ...input }) => {
      if (input.exportTasks && noExportTasks) {
        throw new ValidationError(
          '--export-tasks and --no-export-tasks say opposite things: give one of them',
          'exportTasks',
        );
      }
      // Neither: a repository connected again keeps its setting.
      const wanted = noExportTasks ? { ...input, exportTasks: false } : input;
      return withConnector(env, (github) => github.connect(env.ctx, wanted));
    },
  }),
  defineCommand({
    name: 'github sync',
    usage: 'github sync [owner/repo]',
    summary: 'sync from GitHub now (approver)',
    role: 'approver',
    args: { positionals: ['repo'] },
    schema: z.object({ repo: z.string().optional() }),
    run: (env, input) => withConnector(env, (github) => github.sync(env.ctx, input.repo)),
  }),
];

import type { Command } from 'commander';
import { DEFAULT_UPKEEP_LABELS } from '../../../src/index.js';
import type { Runner } from '../runner.js';

/** `--bug-labels`, `--severity-labels`, `--upkeep-labels`, `--[no-]export-tasks` as commander gives them (export: undefined when neither). */
interface ConnectOptions {
  project: string;
  bugLabels?: string;
  severityLabels?: string;
  upkeepLabels?: string;
  exportTasks?: boolean;
}

/**
 * `goalpost github …`: link a repository to a project, sync its issues into the backlog, list the
 * links. The GitHub client (octokit) loads only when one of these runs.
 */
export function registerGitHubCommands(program: Command, run: Runner): void {
  const github = program
    .command('github')
    .description('GitHub: a repository’s issues as a project’s backlog, merged pull requests as done tasks');
  github
    .command('connect <repo>')
    .description(
      'link a repository (owner/name or its URL) to a project and sync its open issues (admin; needs GITHUB_TOKEN)',
    )
    .requiredOption('--project <name>', 'the project whose backlog its issues become')
    .option(
      '--bug-labels <labels>',
      'comma list of labels that make an issue a bug (default: bug, type: bug, type:bug, kind/bug)',
    )
    .option(
      '--severity-labels <map>',
      'comma list of label=severity (critical, high, medium, low); default: critical, high, medium, low, P0–P3, severity:…',
    )
    .option(
      '--upkeep-labels <labels>',
      `comma list of labels that make an issue upkeep (a chore, docs, an upgrade: planned, but sharing no part of the revenue gap), or none; default: ${DEFAULT_UPKEEP_LABELS.join(', ')}`,
    )
    .option(
      '--export-tasks',
      'give each approved task without an issue one in this repository (the token must write issues); connected again, a repository keeps its setting',
    )
    .option('--no-export-tasks', 'turn task export off')
    .action(async (repo: string, o: ConnectOptions, cmd: Command) => {
      const { connect, renderConnected } = await import('./github-run.js');
      return run(cmd, (s) => connect(s, { repo, ...o }), renderConnected);
    });
  github
    .command('sync [repo]')
    .description('read what changed on GitHub since the last sync, for one repository or every linked one')
    .action(async (repo: string | undefined, _o, cmd: Command) => {
      const { sync, renderSynced } = await import('./github-run.js');
      return run(cmd, (s) => sync(s, repo), renderSynced);
    });
  github
    .command('list', { isDefault: true })
    .description('the linked repositories, their projects and when each last synced')
    .action(async (_o, cmd: Command) => {
      const { renderLinks } = await import('./github-run.js');
      return run(cmd, (s) => s.app().github.repos(s.ctx()), renderLinks);
    });
}

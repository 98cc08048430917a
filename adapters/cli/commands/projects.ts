import type { Command } from 'commander';
import { projectAddedText } from '../../../src/index.js';
import { renderBugs, renderFeatures, renderProjects, renderProjectUpdate } from '../render-projects.js';
import type { Runner } from '../runner.js';
import { collectList } from '../runner.js';
import { registerBugCommands } from './bugs.js';
import { registerFeatureCommands } from './features.js';
import { registerRevenueCommands } from './revenue.js';

/** `goalpost project …`, `feature …`, `bug …` and `revenue …`: one command group, as the CLI loads it. */
export function registerProjectCommands(
  program: Command,
  run: Runner<'projects' | 'items' | 'revenue' | 'engine' | 'freshness' | 'vision'>,
): void {
  const project = program.command('project').description('projects the team works on');
  project
    .command('list', { isDefault: true })
    .description('every project')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().projects.list(s.ctx()), renderProjects));
  project
    .command('add <name>')
    .description('add a project')
    .option('--revenue-bearing', 'the project earns revenue (counts toward the revenue milestone)')
    .option('--focus <areas>', 'focus areas of the vision it serves (comma list or repeated)', collectList)
    .option('--description <text>', 'one line about it')
    .option('--status <status>', 'active, paused or done', 'active')
    .action(
      (
        name: string,
        o: { revenueBearing?: boolean; focus?: string[]; description?: string; status: string },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) =>
            s.app().projects.add(s.ctx(), {
              name,
              revenueBearing: o.revenueBearing === true,
              focus: o.focus ?? [],
              description: o.description,
              status: o.status,
            }),
          (p) => projectAddedText(p),
        ),
    );
  project
    .command('set <name> [status]')
    .description(
      'move a project to active, paused or done (only active projects are planned from), or onto other focus areas',
    )
    .option(
      '--focus <areas>',
      'the focus areas of the vision it serves now (comma list or repeated)',
      collectList,
    )
    .option('--revenue-bearing', 'it earns (or is to earn) money: its work shares the revenue gap')
    .option('--no-revenue-bearing', 'it earns nothing: its work shares no part of the revenue gap')
    .action(
      (
        name: string,
        status: string | undefined,
        o: { focus?: string[]; revenueBearing?: boolean },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) =>
            s
              .app()
              .projects.update(s.ctx(), name, { status, focus: o.focus, revenueBearing: o.revenueBearing }),
          renderProjectUpdate,
        ),
    );
  project
    .command('show <name>')
    .description('a project with its features and bugs')
    .action((name: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().projects.show(s.ctx(), name),
        (r) =>
          [
            renderProjects([r.project]),
            '',
            'Features:',
            r.features.length ? renderFeatures(r.features) : '  none',
            '',
            'Bugs:',
            renderBugs(r.bugs, [r.project]),
          ].join('\n'),
      ),
    );
  registerFeatureCommands(program, run);
  registerBugCommands(program, run);
  registerRevenueCommands(program, run);
}

import { type Command, Option } from 'commander';
import { renderAssigneeRemoval, renderAssignees, renderAssigneeUpdate } from '../render-assignees.js';
import type { Runner } from '../runner.js';

/** `--slack U…` links a Slack user, `--no-slack` unlinks it (commander gives false); likewise Discord, GitHub. */
interface AssigneeOptions {
  kind?: string;
  capacity?: string;
  slack?: string | false;
  discord?: string | false;
  github?: string | false;
  /** `--project` once per project. */
  project?: string[];
  anyProject?: true;
  /** `--category` once per kind of work. */
  category?: string[];
  anyCategory?: true;
}

/** `--project A --project B`: each given, in order. */
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * The projects an option list names: `--project` each, `--any-project` none (any); undefined for
 * neither (commander refuses both together, exit 2).
 */
function projectsOf(o: { project?: string[]; anyProject?: true }): string[] | undefined {
  return o.anyProject ? [] : o.project;
}

const PROJECT_HELP =
  'a project they work on (repeat for more): routing gives them only its work, and work on no project';
const CATEGORY_HELP =
  'a kind of work they take (revenue, feature, bugfix, growth, automation, infrastructure, research; repeat for more): routing gives them, and they claim, only such work';

export function registerAssigneeCommands(
  program: Command,
  run: Runner<'learning' | 'queue' | 'assignees'>,
): void {
  const assignee = program.command('assignee').description('people and worker agents tasks are routed to');
  assignee
    .command('list', { isDefault: true })
    .description('every assignee')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().assignees.list(s.ctx()), renderAssignees));
  assignee
    .command('add <name>')
    .description('add a person or a worker agent')
    .option('--kind <kind>', 'person or worker', 'person')
    .option('--capacity <n>', 'most open tasks at once', '3')
    .option('--slack <user>', 'Slack user id, like U024BE7LH')
    .option('--discord <user>', 'Discord user id')
    .option('--github <login>', 'GitHub login: issues assigned to it and pull requests it opens are theirs')
    .option('--project <name>', `${PROJECT_HELP} (default: any project's)`, collect)
    .option('--category <kind>', `${CATEGORY_HELP} (default: any kind)`, collect)
    .action(
      (
        name: string,
        o: {
          kind: string;
          capacity: string;
          slack?: string;
          discord?: string;
          github?: string;
          project?: string[];
          category?: string[];
        },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) => {
            const { project, category, ...rest } = o;
            return s.app().assignees.add(s.ctx(), { name, ...rest, projects: project, categories: category });
          },
          (a) => {
            // Where they take work, when they do not take any project's, and what kinds, when not any.
            const where = `${
              a.projects.length > 0 ? `; works on ${a.projects.map((p) => p.name).join(', ')}` : ''
            }${a.categories.length > 0 ? `; takes ${a.categories.join(', ')} work` : ''}`;
            return a.capacity === 0
              ? `Assignee ${a.name} added (${a.kind}; capacity 0: routing gives ${a.kind === 'worker' ? 'it' : 'them'} no tasks, \`goalpost assign\` still can${where}).`
              : `Assignee ${a.name} added (${a.kind}, up to ${a.capacity} open task${a.capacity === 1 ? '' : 's'}${where}).`;
          },
        ),
    );
  assignee
    .command('set <name>')
    .description(
      'change an assignee’s kind, capacity, linked Slack / Discord user or GitHub login, projects or kinds of work (the name stays)',
    )
    .option('--kind <kind>', 'person or worker')
    .option('--capacity <n>', 'most open tasks at once')
    .option('--slack <user>', 'link this Slack user id, like U024BE7LH')
    .option('--no-slack', 'unlink the Slack user')
    .option('--discord <user>', 'link this Discord user id')
    .option('--no-discord', 'unlink the Discord user')
    .option('--github <login>', 'link this GitHub login')
    .option('--no-github', 'unlink the GitHub login')
    .option('--project <name>', `${PROJECT_HELP}; replaces the list`, collect)
    .addOption(new Option('--any-project', 'work on any project (clears the list)').conflicts('project'))
    .option('--category <kind>', `${CATEGORY_HELP}; replaces the list`, collect)
    .addOption(new Option('--any-category', 'take any kind of work (clears the list)').conflicts('category'))
    .action((name: string, o: AssigneeOptions, cmd: Command) =>
      run(
        cmd,
        (s) => {
          const {
            project: _project,
            anyProject: _any,
            category: _category,
            anyCategory: _anyKind,
            ...rest
          } = o;
          const categories = o.anyCategory ? [] : o.category;
          return s.app().assignees.set(s.ctx(), name, { ...rest, projects: projectsOf(o), categories });
        },
        renderAssigneeUpdate,
      ),
    );
  assignee
    .command('remove <name>')
    .description(
      'stop routing work to an assignee: its proposed and approved tasks are unassigned; refused while it holds tasks in progress',
    )
    .action((name: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().assignees.remove(s.ctx(), name), renderAssigneeRemoval),
    );
}

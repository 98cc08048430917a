import type { Command } from 'commander';
import {
  renderAssignees,
  renderClaim,
  renderEvaluation,
  renderQueue,
  renderRoute,
  renderRoutingTable,
  renderSimulation,
} from '../render-learning.js';
import type { Runner } from '../runner.js';

export function registerLearningCommands(program: Command, run: Runner): void {
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
    .action(
      (name: string, o: { kind: string; capacity: string; slack?: string; discord?: string }, cmd: Command) =>
        run(
          cmd,
          (s) => s.app().assignees.add(s.ctx(), { name, ...o }),
          (a) => `Assignee ${a.name} added (${a.kind}, up to ${a.capacity} open tasks).`,
        ),
    );

  program
    .command('learn')
    .description('rebuild routing statistics from the event log and print the routing table')
    .option(
      '--evaluate',
      'replay the logged outcomes: regret of Goalpost’s routing vs the Python goal engine’s rule and random',
    )
    .action((o: { evaluate?: boolean }, cmd: Command) =>
      o.evaluate
        ? run(cmd, (s) => s.app().learning.evaluate(s.ctx()), renderEvaluation)
        : run(cmd, (s) => s.app().learning.learn(s.ctx()), renderRoutingTable),
    );
  program
    .command('route <category>')
    .description('who would get the next task of this category, and why')
    .action((category: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().learning.route(s.ctx(), category), renderRoute),
    );
  program
    .command('simulate')
    .description('compare routing policies on a simulated team with known skills (skills change half-way)')
    .option('--seed <n>', 'random seed', '42')
    .option('--tasks <n>', 'tasks to route', '600')
    .option('--assignees <n>', 'team size', '5')
    .action((o: { seed: string; tasks: string; assignees: string }, cmd: Command) =>
      run(cmd, (s) => s.app().learning.simulate(o), renderSimulation),
    );

  const queue = program
    .command('queue')
    .description('approved work waiting to be claimed, and who holds what');
  queue
    .command('list', { isDefault: true })
    .description('claims held and tasks waiting')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().queue.view(s.ctx()), renderQueue));
  queue
    .command('claim')
    .description('take the next approved task for an assignee (atomic; prerequisites first)')
    .requiredOption('--assignee <name>', 'who claims')
    .action((o: { assignee: string }, cmd: Command) =>
      run(cmd, (s) => s.app().queue.claim(s.ctx(), o.assignee), renderClaim),
    );
}

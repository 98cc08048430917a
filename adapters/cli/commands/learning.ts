import type { Command } from 'commander';
import {
  renderClaim,
  renderEvaluation,
  renderQueue,
  renderRoute,
  renderRoutingTable,
  renderSimulation,
} from '../render-learning.js';
import type { Runner } from '../runner.js';
import { registerAssigneeCommands } from './assignees.js';

export function registerLearningCommands(
  program: Command,
  run: Runner<'learning' | 'queue' | 'assignees'>,
): void {
  registerAssigneeCommands(program, run);
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
  queue
    .command('release <ref>')
    .description(
      'give a claimed task back to the queue without an outcome (approved again, for whoever may take its project)',
    )
    .option('--reason <text>', 'why, for the task’s log', 'released by hand')
    .action((ref: string, o: { reason: string }, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().queue.releaseTask(s.ctx(), ref, o.reason),
        (t) =>
          `${t.ref} is back in the queue (approved, routed to nobody: ${t.projectName === null ? 'any assignee' : `whoever may take work on ${t.projectName}`} can claim it): ${t.title}`,
      ),
    );
}

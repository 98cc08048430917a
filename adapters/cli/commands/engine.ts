import type { Command } from 'commander';
import { renderBatch, renderState } from '../render-engine.js';
import type { Runner } from '../runner.js';

export function registerEngineCommands(program: Command, run: Runner<'engine' | 'freshness'>): void {
  program
    .command('state')
    .description('where the team stands: revenue vs milestone, projects, blockers, opportunities')
    .action((_o, cmd: Command) =>
      run(
        cmd,
        (s) => {
          const state = s.app().engine.state(s.ctx());
          // Where the revenue figure comes from, as revenue show, chat and the digest say it; what
          // the team is doing about each blocker.
          return {
            ...state,
            revenueSource: s.app().freshness.revenue(s.ctx(), state.revenue),
            blockerWork: s.app().engine.blockerWork(s.ctx(), state),
          };
        },
        renderState,
      ),
    );
  program
    .command('generate')
    .description(
      'propose a prioritised, reasoned batch of tasks (saved as proposed unless --dry-run), valuing and routing again the proposals still awaiting a decision',
    )
    .option('--dry-run', 'show the batch without saving it')
    .option('--max-tasks <n>', 'cap the batch (env GOALPOST_MAX_TASKS, default 5)')
    .option(
      '--ignore-capacity',
      "plan up to the cap whatever the team's free slots (by default, no more new tasks than its assignees have room for)",
    )
    .action((o: { dryRun?: boolean; maxTasks?: string; ignoreCapacity?: boolean }, cmd: Command) =>
      run(
        cmd,
        (s) =>
          s.app().engine.generate(s.ctx(), {
            dryRun: o.dryRun === true,
            maxTasks: o.maxTasks,
            ...(o.ignoreCapacity === true ? { ignoreCapacity: true } : {}),
          }),
        renderBatch,
      ),
    );
}

import type { Command } from 'commander';
import { type BugAffectsChange, bugAddedText, formatShare, severityText } from '../../../src/index.js';
import { renderBugs } from '../render-projects.js';
import type { Runner } from '../runner.js';
import { ESTIMATE_HELP, renderEstimate, renderGoalLink, renderItemStatus } from './item-replies.js';

/** `goalpost bug …`: bugs, their severity, estimates, the share of earnings they put at risk. */
export function registerBugCommands(program: Command, run: Runner<'items' | 'projects'>): void {
  const bug = program.command('bug').description('bugs; open critical ones block their project');
  bug
    .command('list', { isDefault: true })
    .description('every bug')
    .action((_o, cmd: Command) =>
      run(
        cmd,
        (s) => ({ bugs: s.app().projects.bugs(s.ctx()), projects: s.app().projects.list(s.ctx()) }),
        (r) => renderBugs(r.bugs, r.projects),
      ),
    );
  bug
    .command('add <project> <title>')
    .description('record a bug')
    .requiredOption('--severity <severity>', 'critical, high, medium or low')
    .option('--goal <metric>', "the goal it serves: it shares that goal's value when the goal slips")
    .option('--estimate <hours>', ESTIMATE_HELP)
    .option('--affects <share>', AFFECTS_HELP)
    .action(
      (
        projectName: string,
        title: string,
        o: { severity: string; goal?: string; estimate?: string; affects?: string },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) =>
            s.app().projects.addBug(s.ctx(), projectName, {
              title,
              severity: o.severity,
              goal: o.goal,
              estimate: o.estimate,
              affects: o.affects,
            }),
          (b) => bugAddedText(b),
        ),
    );
  bug
    .command('estimate <id> <hours>')
    .description(
      'how many hours a fix is expected to take (3, 1.5h, 90m, 2d, 1w, 3h30m; none: the default again)',
    )
    .action((id: string, hours: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setEstimate(s.ctx(), 'bug', id, hours), renderEstimate),
    );
  bug
    .command('affects <id> <share...>')
    .description(
      "the share of what its product earns or is to win that a bug puts at risk, as the team judges it (5%, 0.5%; none: its severity's again)",
    )
    // Variadic: `5 %` typed unquoted is two words, one share.
    .action((id: string, share: string[], _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setAffects(s.ctx(), id, share.join(' ')), renderAffects),
    );
  bug
    .command('goal <id> <metric>')
    .description('link a bug to the goal it serves (none: to no goal)')
    .action((id: string, metric: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setGoal(s.ctx(), 'bug', id, metric), renderGoalLink),
    );
  bug
    .command('severity <id> <level>')
    .description("set a typed bug's severity: critical, high, medium or low (plans never propose a low bug)")
    .action((id: string, level: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setBugSeverity(s.ctx(), id, level), severityText),
    );
  bug
    .command('set <id> <status>')
    .description('move a bug to open, fixed or wontfix')
    .action((id: string, status: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().items.setBugStatus(s.ctx(), id, status),
        (r) => renderItemStatus('Bug', r),
      ),
    );
}

/** What `--affects` takes, as `bug affects` does. */
const AFFECTS_HELP =
  "the share of what its product earns or is to win that it puts at risk, as the team judges it (5%, 0.5%): a plan counts it in place of its severity's (critical 50%, high 20%, medium 5%), no more than that";

/**
 * What `bug affects` left, and what a plan does with it: `Bug 12 affects 5% of what Invoicely earns or is to win
 * (its high severity's default is 20%).`
 */
function renderAffects(r: BugAffectsChange): string {
  const what = `Bug ${r.id}`;
  const own = `its ${r.severity} severity's default is ${formatShare(r.severityShare)}`;
  const earns = `what ${r.project} earns or is to win`;
  if (r.unchanged) {
    return r.affects === null
      ? `${what} had no share set already (${own}); nothing changed.`
      : `${what} was said to affect ${formatShare(r.affects)} of ${earns} already; nothing changed.`;
  }
  if (!r.open) {
    return `${what} is closed: ${r.affects === null ? 'its share is taken back' : `its share of ${formatShare(r.affects)} is kept`}, though no plan proposes it (reopened, it would count).`;
  }
  const again =
    '(a proposal made from it is valued again by the next saved plan; work approved keeps the value it was decided at)';
  if (r.affects === null)
    return `${what} has no share set now: plans count it at its ${r.severity} severity's ${formatShare(r.severityShare)} of ${earns} again ${again}.`;
  return `${what} affects ${formatShare(r.affects)} of ${earns} (${own}): plans count that from now on ${again}.`;
}

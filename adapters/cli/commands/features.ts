import type { Command } from 'commander';
import {
  type FeatureKindChange,
  featureAddedText,
  featureDropText,
  listed,
  momentText,
  type PrerequisiteChange,
  priorityText,
  ValidationError,
} from '../../../src/index.js';
import type { Runner } from '../runner.js';
import { ESTIMATE_HELP, renderEstimate, renderGoalLink, renderItemStatus } from './item-replies.js';

/** `goalpost feature …`: a project's features, their estimates, priorities, waits and goals. */
export function registerFeatureCommands(program: Command, run: Runner<'items' | 'projects'>): void {
  const feature = program.command('feature').description('features of a project (completion = done ÷ all)');
  feature
    .command('add <project> <title>')
    .description('add a feature')
    .option('--status <status>', 'planned, in_progress or done', 'planned')
    .option('--goal <metric>', "the goal it serves: it shares that goal's value when the goal slips")
    .option(
      '--upkeep',
      'upkeep (a chore, docs, an upgrade): planned after the work that wins customers, sharing no part of the revenue gap',
    )
    .option('--estimate <hours>', ESTIMATE_HELP)
    .option('--after <feature>', AFTER_HELP)
    .option('--priority <level>', PRIORITY_HELP)
    .action(
      (
        projectName: string,
        title: string,
        o: {
          status: string;
          goal?: string;
          upkeep?: true;
          estimate?: string;
          after?: string;
          priority?: string;
        },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) =>
            s.app().projects.addFeature(s.ctx(), projectName, {
              title,
              status: o.status,
              goal: o.goal,
              upkeep: o.upkeep === true,
              estimate: o.estimate,
              after: o.after,
              priority: o.priority,
            }),
          (f) => featureAddedText(f),
        ),
    );
  feature
    .command('after <id> <feature>')
    .description(
      'make a feature wait for another of its project (none: for nothing): a plan proposes it only with that one, after it',
    )
    .action((id: string, after: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setAfter(s.ctx(), id, after), renderPrerequisites),
    );
  feature
    .command('estimate <id> <hours>')
    .description(
      'how many hours a feature is expected to take (3, 1.5h, 90m, 2d, 1w, 3h30m; none: the default again)',
    )
    .action((id: string, hours: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setEstimate(s.ctx(), 'feature', id, hours), renderEstimate),
    );
  feature
    .command('priority <id> <level>')
    .description(
      "the team's priority of a feature: critical, high, medium or low (none: takes it back); a plan weighs its score x2 for critical, x1.5 for high, x0.5 for low, and critical goes first, as a critical bug does",
    )
    .action((id: string, level: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setPriority(s.ctx(), id, level), priorityText),
    );
  feature
    .command('goal <id> <metric>')
    .description('link a feature to the goal it serves (none: to no goal)')
    .action((id: string, metric: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().items.setGoal(s.ctx(), 'feature', id, metric), renderGoalLink),
    );
  feature
    .command('set <id> [status]')
    .description('move a feature to planned, in_progress or done; make it upkeep or growth work again')
    .option(
      '--upkeep',
      'upkeep (a chore, docs, an upgrade): no share of the revenue gap; its proposals are withdrawn',
    )
    .option('--no-upkeep', 'growth work again')
    .action((id: string, status: string | undefined, o: { upkeep?: boolean }, cmd: Command) => {
      if (o.upkeep !== undefined && status === undefined) {
        const upkeep = o.upkeep;
        return run(cmd, (s) => s.app().items.setFeatureUpkeep(s.ctx(), id, upkeep), renderFeatureKind);
      }
      return run(
        cmd,
        (s) => {
          if (status === undefined) {
            throw new ValidationError(
              'give a status (planned, in_progress or done), --upkeep or --no-upkeep',
              'status',
            );
          }
          if (o.upkeep !== undefined) {
            throw new ValidationError('give a status or --upkeep / --no-upkeep, one at a time', 'status');
          }
          return s.app().items.setFeatureStatus(s.ctx(), id, status);
        },
        (r) => renderItemStatus('Feature', r),
      );
    });
  feature
    .command('drop <id>')
    .description(
      'take a feature the team will not do out of the backlog: its proposals are withdrawn, what waited for it waits no more (one done, or with work approved or under way, is refused)',
    )
    .option('--reason <text>', 'why, for the log of its withdrawn proposals')
    .action((id: string, o: { reason?: string }, cmd: Command) =>
      run(cmd, (s) => s.app().items.dropFeature(s.ctx(), id, o.reason), featureDropText),
    );
}

const PRIORITY_HELP =
  "the team's priority: critical, high, medium or low; a plan weighs a feature's score x2 for critical, x1.5 for high, x0.5 for low, and critical goes first, as a critical bug does";

const AFTER_HELP =
  'the id of a feature of the same project it comes after (a design spike, an API it needs): a plan proposes it only with that one, after it';

/** What `feature after` left: what the feature waits for now, and its proposals withdrawn. */
function renderPrerequisites(r: PrerequisiteChange): string {
  const what = `Feature ${r.id} ('${r.title}')`;
  const open = r.after.filter((a) => a.status !== 'done');
  const waits =
    r.after.length === 0
      ? `${what} waits for no other feature`
      : `${what} waits for ${listed(r.after.map((a) => `feature ${a.id} '${a.title}'${a.status === 'done' ? ' (done)' : ''}`))}`;
  if (r.unchanged) return `${waits} already; nothing changed.`;
  const github =
    r.fromGitHub === undefined
      ? ''
      : ` GitHub's "blocked by" gave the wait for ${listed(r.fromGitHub.map((f) => `feature ${f.id} '${f.title}'`))}: the next sync that reads its issue gives it back; take it off on GitHub to keep it off.`;
  if (!r.open) return `${waits} now (it is done: no plan proposes it).${github}`;
  const plan =
    open.length === 0
      ? ': a plan may propose it on its own.'
      : ': a plan proposes it only after what it waits for (in the same batch, or once a task for that is open), and holds it back while the team holds that back.';
  const withdrawn =
    r.withdrawn.length === 0
      ? ''
      : ` Withdrawn (cancelled), to be proposed in order: ${listed(r.withdrawn)}.`;
  const underWay =
    r.underWay.length === 0
      ? ''
      : ` Approved or under way already: ${listed(r.underWay)} (approved, it is not handed out until what it waits for is done; under way, it goes on).`;
  const early =
    r.rejected === undefined
      ? ''
      : r.rejected.hold.waitsOn !== undefined
        ? ` ${r.rejected.ref}, rejected on ${r.rejected.at.slice(0, 10)}${r.rejected.reason ? ` ('${r.rejected.reason}')` : ''}, is held while ${r.rejected.hold.waitsOn} is open.`
        : ` ${r.rejected.ref}, rejected on ${r.rejected.at.slice(0, 10)}${r.rejected.reason ? ` ('${r.rejected.reason}')` : ''} and held until ${momentText(r.rejected.hold.until)}, may come back before then: once what it waits for is done.`;
  return `${waits} now${plan}${withdrawn}${underWay}${early}${github}`;
}

/** After `feature set --upkeep|--no-upkeep`: what it is now, and the proposals that took back. */
function renderFeatureKind(r: FeatureKindChange): string {
  const what = r.upkeep ? 'upkeep' : 'growth work';
  if (r.unchanged) return `Feature ${r.id} was ${what} already; nothing changed.`;
  const lines = [
    r.upkeep
      ? `Feature ${r.id} is upkeep now: it shares no part of the revenue gap, and comes after the work that wins customers.`
      : `Feature ${r.id} is growth work now: it shares its project's part of the revenue gap.`,
  ];
  if (r.withdrawn.length > 0) {
    const one = r.withdrawn.length === 1;
    lines.push(
      `${r.withdrawn.join(', ')}, proposed from it at a share of the gap, ${one ? 'is' : 'are'} withdrawn (cancelled); the next plan proposes it as upkeep.`,
    );
  }
  if (r.underWay.length > 0) {
    lines.push(
      `${r.underWay.join(', ')} ${r.underWay.length === 1 ? 'is' : 'are'} approved or under way on it: left as ${r.underWay.length === 1 ? 'it is' : 'they are'}.`,
    );
  }
  return lines.join('\n');
}

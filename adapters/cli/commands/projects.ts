import type { Command } from 'commander';
import {
  type BugAffectsChange,
  type BugSeverityChange,
  besideClause,
  countsFromClause,
  type EstimateChange,
  exampleMonth,
  FEATURE_SIZE_HOURS,
  type FeatureDrop,
  type FeatureKindChange,
  formatNumber,
  formatShare,
  type GoalLinkChange,
  type ItemStatusChange,
  listed,
  momentText,
  type PrerequisiteChange,
  type PriorityChange,
  possessive,
  SEVERITY_AT_RISK,
  sameAsBefore,
  TEAM_PRIORITY_WEIGHT,
  ValidationError,
} from '../../../src/index.js';
import { usd } from '../format.js';
import { renderRevenue } from '../render-engine.js';
import {
  renderBugs,
  renderFeatures,
  renderProjects,
  renderProjectUpdate,
  renderRevenueRecords,
} from '../render-projects.js';
import type { Runner } from '../runner.js';
import { collectList } from '../runner.js';

/**
 * What `feature drop` did: `Feature 6, "Dark mode", is out of Invoicely's backlog: no plan proposes
 * it again. T-1, still proposed from it, is withdrawn (cancelled). Feature 8, "Theme editor", waits
 * for it no more.`
 */
function renderFeatureDrop(r: FeatureDrop): string {
  const one = r.withdrawn.length === 1;
  const withdrawn =
    r.withdrawn.length === 0
      ? ''
      : ` ${listed(r.withdrawn)}, still proposed from it, ${one ? 'is' : 'are'} withdrawn (cancelled).`;
  const freed =
    r.freed.length === 0
      ? ''
      : ` ${listed(r.freed.map((f) => `Feature ${f.id}, "${f.title}",`))} ${r.freed.length === 1 ? 'waits' : 'wait'} for it no more.`;
  return `Feature ${r.id}, "${r.title}", is out of ${possessive(r.project)} backlog: no plan proposes it again.${withdrawn}${freed}`;
}

/** What `--estimate` takes, as `feature estimate` and `bug estimate` do. */
const ESTIMATE_HELP =
  'hours it is expected to take (3, 1.5h, 90m, 2d, 1w or 3h30m): a plan divides its value by them (default: 8 h a planned feature, 4 h a bug, upkeep or a feature in progress)';

/** What `--affects` takes, as `bug affects` does. */
const AFFECTS_HELP =
  "the share of what its product earns it puts at risk, as the team judges it (5%, 0.5%): a plan counts it in place of its severity's (critical 50%, high 20%, medium 5%), no more than that";

/**
 * What `bug affects` left, and what a plan does with it: `Bug 12 affects 5% of what Invoicely earns
 * (its high severity's default is 20%).`
 */
function renderAffects(r: BugAffectsChange): string {
  const what = `Bug ${r.id}`;
  const own = `its ${r.severity} severity's default is ${formatShare(r.severityShare)}`;
  const earns = `what ${r.project} earns`;
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

/** What `feature estimate` / `bug estimate` left, and what a plan does with it. */
function renderEstimate(r: EstimateChange): string {
  const what = `${r.kind === 'feature' ? 'Feature' : 'Bug'} ${r.id}`;
  if (r.unchanged) {
    return `${what} ${r.hours === null ? 'had no estimate' : `was estimated at ${r.hours} h`} already; nothing changed.`;
  }
  if (!r.open) {
    return `${what} is ${r.kind === 'feature' ? 'done' : 'closed'}: ${r.hours === null ? 'its estimate is taken back' : `its estimate of ${r.hours} h is kept`}, though no plan proposes it (reopened, it would count).`;
  }
  if (r.hours === null) return `${what} has no estimate now: plans take its kind's default again.`;
  const again =
    '(a proposal made from it is valued again by the next saved plan; work approved keeps the value it was decided at)';
  // A bug's value is what it puts at risk, and upkeep shares no gap: their hours divide it.
  const sizes = r.units;
  if (sizes === undefined)
    return `${what} is estimated at ${r.hours} h: plans divide its value by that from now on ${again}.`;
  // A growth feature's part of a revenue gap is counted by its size (see featureUnits), its score by its hours.
  const size =
    r.startedHours !== undefined
      ? ` (the ${r.startedHours} h it was started at: work under way keeps its size, its estimate the hours left)`
      : '';
  return `${what} is estimated at ${r.hours} h: plans count it as ${formatNumber(sizes, sizes < 0.1 ? 3 : 2)} feature-size${sizes === 1 ? '' : 's'} of ${FEATURE_SIZE_HOURS} h of work${size} in its share of a revenue gap, and divide its value by its hours, from now on ${again}.`;
}

/** What `feature goal` / `bug goal` left, and what a plan does with it. */
function renderGoalLink(r: GoalLinkChange): string {
  const what = `${r.kind === 'feature' ? 'Feature' : 'Bug'} ${r.id}`;
  if (r.unchanged) {
    return `${what} ${r.goal === null ? 'served no goal' : `served ${r.goal}`} already; nothing changed.`;
  }
  const closed = !r.open
    ? ` (it is ${r.kind === 'feature' ? 'done' : 'closed'}: no plan proposes it)`
    : r.lowBug
      ? ' (a low bug: no plan proposes it, so it serves the goal in name only)'
      : '';
  return r.goal === null || closed !== ''
    ? `${what} serves ${r.goal ?? 'no goal'} now${closed}.`
    : `${what} serves ${r.goal} now${r.rejected === undefined ? '' : ` (${heldText(r.rejected)})`}: while that goal is off track, the items linked to it share its value, before those that only name what it measures.${r.withdrawn.length === 0 ? '' : ` ${listed(r.withdrawn)}, the goal's own ${r.withdrawn.length === 1 ? 'proposal' : 'proposals'} awaiting a decision, ${r.withdrawn.length === 1 ? 'is' : 'are'} withdrawn (cancelled).`}`;
}

/**
 * A rejection holding an item just linked to a goal: once rejected, the goal's value may bring it
 * back early (a material change); rejected again, only a change to the work does (see recall).
 */
function heldText(r: NonNullable<GoalLinkChange['rejected']>): string {
  const reason = r.reason ? ` ('${r.reason}')` : '';
  if (r.hold.waitsOn !== undefined)
    return `${r.ref}, rejected on ${r.at.slice(0, 10)}${reason}, is held while ${r.hold.waitsOn} is open, whatever the goal's value`;
  const until = momentText(r.hold.until);
  return r.hold.times > 1
    ? `${r.ref}, rejected ${r.hold.times} times, last on ${r.at.slice(0, 10)}${reason}, is held until ${until}: rejected again, only a change to the work brings it back early, not a goal's value`
    : `${r.ref}, rejected on ${r.at.slice(0, 10)}${reason}, held until ${until}, may be proposed again before then: the goal's value behind it is a material change`;
}

const PRIORITY_HELP =
  "the team's priority: critical, high, medium or low; a plan weighs a feature's score x2 for critical, x1.5 for high, x0.5 for low, and critical goes first, as a critical bug does";

/** What `feature priority` left, and what a plan does with it. */
function renderPriority(r: PriorityChange): string {
  const what = `Feature ${r.id} ('${r.title}')`;
  if (r.unchanged) {
    return `${what} ${r.priority === null ? 'had no priority' : `was ${r.priority} priority`} already; nothing changed.`;
  }
  // What the tiers do with it (see tierOf, tierClaiming), not only its weight.
  const effect =
    r.priority === 'critical'
      ? `plans weigh its score ×${TEAM_PRIORITY_WEIGHT.critical} and put it first, as a critical bug, after the critical bugs that outscore it`
      : r.priority === 'high'
        ? `plans weigh its score ×${TEAM_PRIORITY_WEIGHT.high} and never put it among the fill-ins, whatever it claims`
        : r.priority === 'low'
          ? 'plans score it half and put it after the rest of the work, among medium bugs and upkeep, by score'
          : 'plans rank it by its value alone';
  const closed = r.open ? '' : ' (it is done: no plan proposes it, reopened it would count)';
  return `${what} is ${r.priority === null ? 'of no set priority' : `${r.priority} priority`} now${closed}: ${effect}${r.open ? ' (a proposal made from it is valued again by the next saved plan)' : ''}.`;
}

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
          (p) => `Project "${p.name}" added${p.revenueBearing ? ' (revenue-bearing)' : ''}.`,
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
        (s) => {
          const app = s.app();
          const p = app.projects.requireProject(s.ctx(), name);
          const after = app.projects.prerequisites(s.ctx());
          return {
            project: p,
            features: app.projects
              .features(s.ctx())
              .filter((f) => f.projectId === p.id)
              .map((f) => ({ ...f, after: after.get(f.id) ?? [] })),
            bugs: app.projects.bugs(s.ctx()).filter((b) => b.projectId === p.id),
          };
        },
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
          (f) =>
            `Feature ${f.id} added: ${f.title} (${f.status}${f.upkeep ? ', upkeep' : ''}${f.priority === undefined ? '' : `, ${f.priority} priority`}${f.estimateHours === null ? '' : `, estimated ${f.estimateHours} h`}${f.after === null ? '' : `, after feature ${f.after.id} '${f.after.title}'${f.after.status === 'done' ? ', done already' : ''}`})${
              f.alike === null
                ? ''
                : `\n  It reads like feature ${f.alike.id}, '${f.alike.title}', open on its project (both say ${f.alike.shared.join(', ')}): if it is the same work, \`goalpost feature drop ${f.id}\`; two items for one piece of work are proposed side by side, each with its share of the project's stake.`
            }`,
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
      run(cmd, (s) => s.app().items.setPriority(s.ctx(), id, level), renderPriority),
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
      run(cmd, (s) => s.app().items.dropFeature(s.ctx(), id, o.reason), renderFeatureDrop),
    );

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
  // A reviewer's low bug, a 15-minute typo, never appeared in three weeks of plans, while days with
  // nothing to propose said the backlog needed more: say at once that plans leave it to the team.
  const lowBug = (id: number) =>
    ` A low bug is never proposed by a plan: it is the team's to pick up when it likes (\`goalpost bug set ${id} fixed\` when done); \`goalpost bug severity ${id} medium\` has plans weigh it.`;
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
          (b) =>
            `Bug ${b.id} recorded (${b.severity}${b.estimateHours === null ? '' : `, estimated ${b.estimateHours} h`}${b.affects === undefined ? '' : `, affecting ${formatShare(b.affects)} of what its product earns`})${b.severity === 'critical' ? ': it blocks its project' : ''}.${b.severity === 'low' ? lowBug(b.id) : ''}`,
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
      "the share of what its product earns a bug puts at risk, as the team judges it (5%, 0.5%; none: its severity's again)",
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
      run(cmd, (s) => s.app().items.setBugSeverity(s.ctx(), id, level), renderSeverity),
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

  const revenue = program.command('revenue').description('revenue records and progress to the milestone');
  revenue
    .command('show', { isDefault: true })
    .description('revenue against the current milestone, and the records')
    .action((_o, cmd: Command) =>
      run(
        cmd,
        (s) => {
          // Without a vision there is no milestone to measure against; the records are still shown.
          const hasVision = s.app().vision.find(s.ctx()) !== null;
          const state = hasVision ? s.app().engine.state(s.ctx()).revenue : null;
          return {
            revenue: state,
            freshness: state === null ? null : s.app().freshness.revenue(s.ctx(), state),
            warnings: s.app().freshness.warnings(s.ctx()),
            records: s.app().revenue.list(s.ctx()),
            projects: s.app().projects.list(s.ctx()),
          };
        },
        (r) =>
          [
            r.revenue === null
              ? `No vision yet, so no milestone to measure revenue against: \`goalpost vision set statement "…"\`, then \`goalpost vision set revenue_targets ${exampleMonth()}=999\`, sets one (or \`goalpost init --demo\`).`
              : renderRevenue(r.revenue, r.records.length),
            ...(r.freshness ? [`Source:           ${r.freshness}`] : []),
            ...r.warnings.map((w) => `Warning:          ${w}`),
            '',
            renderRevenueRecords(r.records, r.projects),
          ].join('\n'),
      ),
    );
  revenue
    .command('add')
    .description('record revenue for a period (this month without --month or --from/--to)')
    .argument('[dollars]', 'revenue earned in the period (or --actual)')
    .option('--actual <dollars>', 'revenue earned in the period')
    .option('--month <YYYY-MM>', 'a calendar month')
    .option('--from <date>', 'period start, YYYY-MM-DD (with --to)')
    .option('--to <date>', 'period end, YYYY-MM-DD')
    .option('--project <name>', 'the project it belongs to (default: the whole workspace)')
    .option('--projected <dollars>', 'what was projected for the period')
    .option('--subscriptions <n>', 'paying subscriptions at period end')
    .option('--churn <ratio>', 'churn rate in the period, 0.05 or 5%')
    .option('--notes <text>', 'free text')
    .action((dollars: string | undefined, o: Record<string, string | undefined>, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().revenue.add(s.ctx(), { ...o, actual: amountOf(dollars, o.actual) }),
        (r) =>
          `Revenue recorded: ${usd(r.actual)} for ${r.periodStart} → ${r.periodEnd}${r.projectName === null ? '' : ` (${r.projectName})`}${sameAsBefore(r) ? ', as typed for that period before (nothing changed)' : r.replaced.length > 0 ? `, in place of ${r.replaced.map(usd).join(' and ')} typed for that period before${r.changed.length > 0 ? ` (${r.changed.join(', ')})` : ''}` : ''}${countsFromClause(r.countsFrom)}${besideClause(r, usd, 'goalpost revenue remove')}.`,
      ),
    );
  revenue
    .command('remove')
    .description('remove typed revenue records of a project, or of the whole workspace (Stripe’s stay)')
    .option('--from <date>', 'the records lying within --from and --to, YYYY-MM-DD')
    .option('--to <date>', 'see --from')
    .option('--all', 'every typed record of the project (or of the whole workspace)')
    .option('--project <name>', 'the project whose records go (default: the whole workspace’s own)')
    .action((o: { from?: string; to?: string; all?: boolean; project?: string }, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().revenue.remove(s.ctx(), { ...o, all: o.all === true }),
        (removed) =>
          `Removed ${removed.length === 1 ? '1 typed record' : `${removed.length} typed records`}: ${removed
            .map((r) => `${usd(r.actual)} for ${r.periodStart} → ${r.periodEnd}`)
            .join(', ')}.`,
      ),
    );
}

/**
 * The amount earned, typed as chat types it (`revenue add 420`) or as `--actual 420`: once.
 * @throws ValidationError for neither, or two different amounts.
 */
function amountOf(dollars: string | undefined, actual: string | undefined): string {
  if (dollars !== undefined && actual !== undefined && dollars !== actual) {
    throw new ValidationError(
      `actual: the amount was given twice ("${dollars}" and --actual "${actual}"): give it once`,
      'actual',
    );
  }
  const amount = dollars ?? actual;
  if (amount === undefined) {
    throw new ValidationError('actual: the amount earned, like `revenue add 420` or --actual 420', 'actual');
  }
  return amount;
}

/**
 * `Feature 3 is now done. T-2, still proposed, is withdrawn; T-4 is under way: finish or cancel it.`
 * (`was already done`, when it was: nothing written but the withdrawals).
 */
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

/** The proposals an item's change withdrew, as a line of its reply (none: no line). */
const withdrawnLines = (withdrawn: readonly string[]): string[] =>
  withdrawn.length === 0
    ? []
    : [
        `${withdrawn.join(', ')}, still proposed from it, ${withdrawn.length === 1 ? 'is' : 'are'} withdrawn (cancelled).`,
      ];

/** What `bug severity` did: the bug's severity now, what plans make of it, and what it withdrew. */
function renderSeverity(r: BugSeverityChange): string {
  const what = `Bug ${r.id} ('${r.title}')`;
  if (r.unchanged) return `${what} was ${r.severity} already; nothing changed.`;
  const effect = r.closed
    ? 'it is closed: no plan proposes it, reopened it would count'
    : r.severity === 'low'
      ? 'plans never propose it'
      : r.severity === 'critical'
        ? 'it blocks its project, and plans put it first'
        : `plans weigh it as a ${r.severity} bug from the next one`;
  const lines = [`${what} is ${r.severity} now (was ${r.was}): ${effect}.`];
  if (r.affectsAbove !== undefined && !r.closed)
    lines.push(
      `The team judged it affects ${formatShare(r.affectsAbove)} of what its product earns, more than a ${r.severity} bug threatens: plans count ${formatShare(SEVERITY_AT_RISK[r.severity])} (\`goalpost bug affects ${r.id} <share>\` says less).`,
    );
  lines.push(...withdrawnLines(r.withdrawn));
  if (r.underWay.length > 0) {
    const one = r.underWay.length === 1;
    lines.push(
      `${r.underWay.join(', ')} ${one ? 'is' : 'are'} approved or under way on it: the team's to finish (\`goalpost done ${r.underWay[0]}\`) or cancel.`,
    );
  }
  return lines.join('\n');
}

function renderItemStatus(kind: 'Feature' | 'Bug', r: ItemStatusChange): string {
  const lines = [
    !r.unchanged
      ? `${kind} ${r.id} is now ${r.status}.`
      : r.withdrawn.length === 0
        ? `${kind} ${r.id} was already ${r.status}; nothing changed.`
        : `${kind} ${r.id} was already ${r.status}.`,
  ];
  lines.push(...withdrawnLines(r.withdrawn));
  if (r.underWay.length > 0) {
    const one = r.underWay.length === 1;
    const refs = `${r.underWay.join(', ')} ${one ? 'is' : 'are'} approved or under way on it`;
    // Marking a task done fixes its bug: for a bug that will not be fixed, only cancelling fits.
    lines.push(
      r.status === 'wontfix'
        ? `${refs}: \`goalpost cancel ${r.underWay[0]}\`, as the bug will not be fixed.`
        : `${refs}: \`goalpost done ${r.underWay[0]}\` if ${one ? 'it was' : 'they were'} the work, \`goalpost cancel ${r.underWay[0]}\` if not.`,
    );
  }
  return lines.join('\n');
}

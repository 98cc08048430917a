import type { Command } from 'commander';
import {
  awaitingOldVision,
  copiedSentence,
  droppedSentence,
  exampleTargets,
  TEMPLATE_VARIABLES,
} from '../../../src/index.js';
import { renderStranded, renderVision } from '../render-engine.js';
import { renderPlaybooks } from '../render-projects.js';
import { collectList, type Runner } from '../runner.js';

export function registerSetupCommands(program: Command, run: Runner<'vision' | 'playbooks' | 'demo'>): void {
  program
    .command('init')
    .description('create (and migrate) the database; --demo loads the EDU example')
    .option('--demo', 'load the demo vision and projects')
    .action((opts: { demo?: boolean }, cmd: Command) =>
      run(
        cmd,
        (s) => {
          const { app, db, store } = s.opened();
          const ctx = s.ctx();
          // Made on purpose: no command there is warned that its name may be a typo.
          store.transaction(() => store.workspaces.choose(ctx.workspaceId));
          const demo = opts.demo ? app.demo.load(ctx) : null;
          // A workspace that has a vision already is set up: the next step is to look at it.
          const hasVision = app.vision.find(ctx) !== null;
          return { db: db.name, workspace: ctx.workspaceId, demo, hasVision };
        },
        (r) =>
          [
            `Database ready: ${r.db} (workspace ${r.workspace})`,
            r.demo && !r.demo.loaded
              ? 'The EDU demo is already loaded; nothing changed.'
              : r.demo
                ? `Loaded the EDU demo: vision, ${r.demo.projects} projects, ${r.demo.features} features. Next: \`goalpost state\`.`
                : r.hasVision
                  ? 'It has a vision already: `goalpost state` shows where the team stands.'
                  : 'Next: `goalpost vision set statement "…"` or `goalpost init --demo`.',
          ].join('\n'),
      ),
    );

  const vision = program.command('vision').description('show or change the strategic vision');
  vision
    .command('show', { isDefault: true })
    .description('the active vision')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().vision.show(s.ctx()), renderVision));
  vision
    .command('set <field> <value>')
    .description(
      `set statement, primary_goal, focus_areas (a,b), revenue_targets (${exampleTargets()},…) or success_metrics (subscriptions=100,active_teachers=40)`,
    )
    .action((field: string, value: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().vision.set(s.ctx(), field, value),
        (v) =>
          [
            v.unchanged
              ? `Vision unchanged: ${field} already says that (version ${v.version}); nothing was saved.`
              : `Vision updated to version ${v.version}.${copiedSentence(v.copied)}${droppedSentence(v.dropped)}`,
            renderVision(v),
            renderStranded(v.strandedProjects, v.focusAreas),
            // As chat says it: proposals awaiting a decision carry the old vision's reasoning.
            awaitingOldVision(v.awaitingDecision, v.version),
          ]
            .join('\n')
            .trimEnd(),
      ),
    );
  vision
    .command('history')
    .description('every version of the vision, newest first')
    .action((_o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().vision.history(s.ctx()),
        (vs) => vs.map(renderVision).join('\n\n') || 'No vision yet.',
      ),
    );

  const playbook = program.command('playbook').description('the task templates the engine instantiates');
  playbook
    .command('list', { isDefault: true })
    .description('every playbook')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().playbooks.list(s.ctx()), renderPlaybooks));
  playbook
    .command('add <key>')
    .description('add a template, e.g. --signal revenue_gap --title "Run a {project} referral campaign"')
    .requiredOption(
      '--signal <kind>',
      'revenue_gap, focus_gap, stale_project, churn_rise, revenue_fall, payment_failures or goal_off_track (the backlog serves the rest)',
    )
    .requiredOption(
      '--title <template>',
      `task title; may use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
    )
    .requiredOption(
      '--category <category>',
      'revenue, feature, bugfix, growth, automation, infrastructure or research',
    )
    .requiredOption('--effort <hours>', 'estimated effort in hours')
    .requiredOption('--impact <share>', 'share 0–1 of the signal’s dollar value the task recovers')
    .option('--focus <area>', 'applies only while this is a vision focus area')
    .option('--depends-on <keys>', 'playbooks whose task must be done first (comma list)', collectList)
    .option('--recur-days <days>', 'recurring work: proposed again this many days after it was done')
    .action(
      (
        key: string,
        o: {
          signal: string;
          title: string;
          category: string;
          effort: string;
          impact: string;
          focus?: string;
          dependsOn?: string[];
          recurDays?: string;
        },
        cmd: Command,
      ) =>
        run(
          cmd,
          (s) => {
            const added = s.app().playbooks.add(s.ctx(), {
              key,
              signal: o.signal,
              title: o.title,
              category: o.category,
              effortHours: o.effort,
              impactShare: o.impact,
              focusArea: o.focus ?? null,
              dependsOn: o.dependsOn ?? [],
              recurDays: o.recurDays ?? null,
            });
            const areas = s.app().vision.find(s.ctx())?.focusAreas ?? [];
            return { ...added, visionFocusAreas: areas };
          },
          (p) =>
            [
              `Playbook ${p.key} added.`,
              // Taken (it applies once the area is the vision's), but a typo would never apply: said.
              ...(p.focusArea === null || p.visionFocusAreas.includes(p.focusArea)
                ? []
                : [
                    `It applies only while ${p.focusArea} is a focus area of the vision, which it is not (the vision's: ${p.visionFocusAreas.join(', ') || 'none yet'}).`,
                  ]),
              renderPlaybooks([p]),
            ].join('\n'),
        ),
    );
  playbook
    .command('remove <key>')
    .description('remove a playbook')
    .action((key: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => {
          s.app().playbooks.remove(s.ctx(), key);
          return { removed: key };
        },
        (r) => `Playbook ${r.removed} removed.`,
      ),
    );
}

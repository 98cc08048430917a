import { renderBatch, renderState } from '../adapters/cli/render.js';
import { loadConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { systemClock } from './domain/clock.js';
import { asGoalpostError, UserError } from './errors.js';
import { openGoalpost } from './open-goalpost.js';

/**
 * The composition root: config → database → migrations → app → output. Until the chat adapters
 * land, `npm start` shows where the team stands and a dry-run batch on the embedded database,
 * loading the EDU demo into an empty one so a first run has something to show.
 */
function main(): number {
  const config = loadConfig(process.env, process.cwd());
  const logger = createLogger(config.logLevel ?? 'info');
  const { app, close } = openGoalpost({
    dbPath: config.dbPath,
    clock: systemClock,
    logger,
    maxTasks: config.maxTasks,
    learning: config.learning,
  });
  try {
    const ctx = { workspaceId: config.workspace, actor: 'goalpost:start', source: 'cli' as const };
    app.ensureWorkspace(ctx.workspaceId);
    const out: string[] = [`Goalpost on ${config.dbPath} (workspace ${ctx.workspaceId})`];
    if (app.projects.list(ctx).length === 0 && app.vision.history(ctx).length === 0) {
      app.demo.load(ctx);
      out.push('Empty database: loaded the EDU demo. `npx goalpost --help` shows every command.');
    }
    out.push(
      '',
      renderState(app.engine.state(ctx)),
      '',
      renderBatch(app.engine.generate(ctx, { dryRun: true })),
    );
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  const e = asGoalpostError(error);
  process.stderr.write(`goalpost: ${e.message}\n`);
  process.exitCode = e instanceof UserError ? 1 : e.code === 'E_CONFIG' || e.code === 'E_MIGRATION' ? 78 : 70;
}

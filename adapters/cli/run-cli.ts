import { Command, CommanderError } from 'commander';
import {
  asGoalpostError,
  DatabaseError,
  errorDetails,
  errorKind,
  type GoalpostError,
  MigrationError,
  nodeCrypto,
  packageVersion,
  userMessage,
  ValidationError,
} from '../../src/index.js';
import { registerDiscordCommands } from './commands/discord.js';
import { registerEngineCommands } from './commands/engine.js';
import { registerGitHubCommands } from './commands/github.js';
import { registerGoalCommands } from './commands/goals.js';
import { registerLearningCommands } from './commands/learning.js';
import { registerProjectCommands } from './commands/projects.js';
import { registerRoleCommands } from './commands/roles.js';
import { registerScheduleCommands } from './commands/schedule.js';
import { registerSetupCommands } from './commands/setup.js';
import { registerStripeCommands } from './commands/stripe.js';
import { registerTaskCommands } from './commands/tasks.js';
import { registerTokenCommands } from './commands/tokens.js';
import { registerWebhookCommands } from './commands/webhooks.js';
import { registerWorkerCommands } from './commands/worker.js';
import { forTerminal } from './format.js';
import type { Runner } from './runner.js';
import { translateSeedFlags } from './seed-aliases.js';
import { type CliIo, type CliSession, createSession, type GlobalOptions } from './session.js';

/** Exit codes the CLI decides itself; every error's own comes from the error table (ERRORS). */
export const EXIT = { ok: 0, usage: 2 } as const;

/**
 * Runs the `goalpost` CLI on `io.argv` and resolves to the exit code. Never calls process.exit,
 * so tests drive it in-process.
 */
export async function runCli(io: CliIo): Promise<number> {
  let json = io.argv.includes('--json');
  let session: CliSession | null = null;
  const program = new Command('goalpost')
    .description('Goal-driven task engine: vision → reasoned, prioritised task batches → outcomes')
    .option('--json', 'machine-readable output on stdout')
    .option('--db <path>', 'SQLite file (env GOALPOST_DB, default ./data/goalpost.db)')
    .option('--workspace <id>', 'workspace id (env GOALPOST_WORKSPACE, default "default")')
    .option('--now <iso>', 'pretend the time is this (dry runs, tests)')
    .version(packageVersion(), '-V, --version', 'print the version of Goalpost')
    .exitOverride()
    .showHelpAfterError('(run `goalpost help` for every command)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) });

  const run: Runner = (command, fn, render) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    json = globals.json === true;
    session ??= createSession(io, globals);
    const print = (result: Parameters<typeof render>[0]) =>
      io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : `${forTerminal(render(result))}\n`);
    const result = fn(session);
    // An async command (webhook deliver) prints once it has finished; the action returns the promise.
    if (result instanceof Promise) return result.then(print);
    print(result);
  };

  registerSetupCommands(program, run);
  registerProjectCommands(program, run);
  registerEngineCommands(program, run);
  registerTaskCommands(program, run);
  registerLearningCommands(program, run);
  registerGoalCommands(program, run);
  registerScheduleCommands(program, run);
  registerTokenCommands(program, run);
  registerRoleCommands(program, run);
  registerWebhookCommands(program, run);
  registerDiscordCommands(program, run);
  registerGitHubCommands(program, run);
  registerStripeCommands(program, run);
  registerWorkerCommands(program, run);

  let failed = true;
  try {
    await program.parseAsync(translateSeedFlags(io.argv), { from: 'user' });
    failed = false;
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) {
        failed = false;
        return EXIT.ok; // --help, --version
      }
      if (json) io.stdout(`${JSON.stringify({ error: { code: 'E_USAGE', message: error.message } })}\n`);
      return EXIT.usage;
    }
    const e = asGoalpostError(error);
    const db = (session as CliSession | null)?.config().dbPath;
    report(io, e, json, e instanceof DatabaseError || e instanceof MigrationError ? db : undefined);
    return errorKind(e).exit;
  } finally {
    const opened = session as CliSession | null;
    if (!failed) opened?.close();
    else {
      // A refused command writes nothing, not even the database its --db (or GOALPOST_DB) named
      // when none was there: a mistyped path leaves no stray file, and is pointed out.
      const removed = opened?.closeFailed() ?? null;
      if (removed !== null) {
        io.stderr(
          `goalpost: there was no database at ${removed}; none was created (check --db or GOALPOST_DB)\n`,
        );
      }
    }
  }
}

/**
 * Prints an error as the table says, its details after it when the failure is ours (see
 * errorDetails); a database problem names the file it is about.
 */
function report(io: CliIo, e: GoalpostError, json: boolean, db?: string): void {
  const errorId = nodeCrypto().randomUUID().slice(0, 8);
  const message = `${userMessage(e, errorId)}${db ? ` (database ${db})` : ''}`;
  if (json) {
    const field = e instanceof ValidationError ? e.field : undefined;
    io.stdout(`${JSON.stringify({ error: { code: e.code, message, ...(field ? { field } : {}) } })}\n`);
  }
  io.stderr(`goalpost: ${forTerminal(message)}\n`);
  const details = errorDetails(e, errorId);
  if (details !== null) io.stderr(`${details}\n`);
}

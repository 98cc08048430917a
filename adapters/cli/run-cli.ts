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
import { GLOBAL_OPTIONS, GLOBAL_TAKES_VALUE } from './global-options.js';
import type { Runner } from './runner.js';
import { translateSeedFlags } from './seed-aliases.js';
import { type CliIo, type CliSession, createSession, type GlobalOptions } from './session.js';

/** Commands defined together, with the top-level words they define (a test holds them to it). */
export interface CommandGroup {
  words: readonly string[];
  register: (program: Command, run: Runner) => void;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { words: ['init', 'vision', 'playbook'], register: registerSetupCommands },
  { words: ['project', 'feature', 'bug', 'revenue'], register: registerProjectCommands },
  { words: ['state', 'generate'], register: registerEngineCommands },
  {
    words: ['tasks', 'task', 'assign', 'approve', 'reject', 'start', 'done', 'fail', 'cancel'],
    register: registerTaskCommands,
  },
  { words: ['assignee', 'learn', 'route', 'simulate', 'queue'], register: registerLearningCommands },
  {
    words: ['goal', 'goals', 'metric', 'note', 'lesson', 'suggest', 'report', 'export'],
    register: registerGoalCommands,
  },
  { words: ['schedule'], register: registerScheduleCommands },
  { words: ['token'], register: registerTokenCommands },
  { words: ['role'], register: registerRoleCommands },
  { words: ['webhook'], register: registerWebhookCommands },
  { words: ['discord'], register: registerDiscordCommands },
  { words: ['github'], register: registerGitHubCommands },
  { words: ['stripe'], register: registerStripeCommands },
  { words: ['worker'], register: registerWorkerCommands },
];

/**
 * The groups a command line needs defined: the one its command names, when it names one after
 * nothing but global options, as most command lines do; every group otherwise (`--help`,
 * `--version`, `help`, a mistyped command, which commander answers with the commands there are).
 * Defining the other thirteen took `vision show` ×1.01-1.06 the time (three runs of 40-60 pairs,
 * 2026-11-27) and a dry run on 1 project ×1.02 (30 pairs).
 */
export function groupsFor(argv: readonly string[]): readonly CommandGroup[] {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const takesValue = GLOBAL_TAKES_VALUE.get(word.split('=')[0] ?? word);
    if (takesValue !== undefined) {
      if (takesValue && !word.includes('=')) i++; // `--db=<path>` is one word
      continue;
    }
    if (word.startsWith('-')) return COMMAND_GROUPS;
    const named = COMMAND_GROUPS.find((g) => g.words.includes(word));
    return named === undefined ? COMMAND_GROUPS : [named];
  }
  return COMMAND_GROUPS;
}

/** Exit codes the CLI decides itself; every error's own comes from the error table (ERRORS). */
export const EXIT = { ok: 0, usage: 2 } as const;

/**
 * Runs the `goalpost` CLI on `io.argv` and resolves to the exit code. Never calls process.exit,
 * so tests drive it in-process.
 */
export async function runCli(io: CliIo): Promise<number> {
  let json = io.argv.includes('--json');
  let session: CliSession | null = null;
  const program = new Command('goalpost').description(
    'Goal-driven task engine: vision → reasoned, prioritised task batches → outcomes',
  );
  for (const [flags, description] of GLOBAL_OPTIONS) program.option(flags, description);
  program
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

  const argv = translateSeedFlags(io.argv);
  for (const group of groupsFor(argv)) group.register(program, run);

  let failed = true;
  try {
    await program.parseAsync(argv, { from: 'user' });
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

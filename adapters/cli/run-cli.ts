import { Command, CommanderError } from 'commander';
import {
  asGoalpostError,
  DatabaseError,
  errorDetails,
  errorKind,
  type GoalpostError,
  MigrationError,
  NotFoundError,
  nodeCrypto,
  type PartName,
  type PartsOf,
  packageVersion,
  userMessage,
  ValidationError,
} from '../../src/index.js';
import { COMMAND_GROUPS, type CommandGroup } from './command-groups.js';
import { groupNamed, helpAsFlag } from './command-words.js';
import { forTerminal } from './format.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { refuseRepeatedOptions } from './once-options.js';
import type { Runner } from './runner.js';
import { SEED_FLAGS_HELP, translateSeedFlags } from './seed-aliases.js';
import { type CliIo, type CliSession, createSession, type GlobalOptions } from './session.js';

/**
 * The groups a command line needs defined, of those given: the one its command names (see
 * groupNamed), or all of them. Defining the other thirteen took `vision show` ×1.01-1.06 the
 * time (three runs of 40-60 pairs, 2026-11-27) and a dry run on 1 project ×1.02 (30 pairs).
 */
export function groupsFor(argv: readonly string[], groups: readonly CommandGroup[]): readonly CommandGroup[] {
  const name = groupNamed(argv);
  const named = groups.filter((g) => g.name === name);
  return named.length === 0 ? groups : named;
}

/** Exit codes the CLI decides itself; every error's own comes from the error table (ERRORS). */
export const EXIT = { ok: 0, usage: 2 } as const;

/**
 * Runs the `goalpost` CLI on `io.argv` and resolves to the exit code. Never calls process.exit,
 * so tests drive it in-process.
 */
export function runCli(io: CliIo): Promise<number> {
  return runCliWith(io, COMMAND_GROUPS);
}

/**
 * Runs the CLI with only the given command groups: a group's bundle runs it with its own (and
 * the bin loads that bundle only for a command line of that group: see route.ts).
 */
export async function runCliWith(io: CliIo, groups: readonly CommandGroup[]): Promise<number> {
  let json = io.argv.includes('--json');
  let session: CliSession | null = null;
  /** The command whose action ran: its options name the fields its errors are about. */
  let running: Command | null = null;
  const program = new Command('goalpost').description(
    'Goal-driven task engine: vision → reasoned, prioritised task batches → outcomes',
  );
  for (const [flags, description] of GLOBAL_OPTIONS) program.option(flags, description);
  program
    .version(packageVersion(), '-V, --version', 'print the version of Goalpost')
    .exitOverride()
    // A command's help lists the options every command takes too (--db, --now, --json…): a
    // reviewer simulating weeks found --now in `goalpost --help` only.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run `goalpost help` for every command)')
    // The Python goal engine's flags work too (see translateSeedFlags): said where a script's
    // author would look for them, not in the README alone.
    .addHelpText('after', SEED_FLAGS_HELP)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (s, write) =>
        write(unknownInGroup(s, argv, program) ?? `${s}${negativeNumberHint(s, argv)}`),
    });

  const argv = translateSeedFlags(helpAsFlag(io.argv));
  const defined = groupsFor(argv, groups);
  // The facade of the defined groups' parts: one group's, as most command lines define one.
  const parts = Object.assign({}, ...defined.map((g) => g.parts)) as PartsOf<PartName>;
  let printedExit: number = EXIT.ok;
  const run: Runner = (command, fn, render, exitOf) => {
    running = command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    json = globals.json === true;
    session ??= createSession(io, globals, parts);
    const print = (result: Parameters<typeof render>[0]) => {
      (session as CliSession).refuseReadOfNothing();
      io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : `${forTerminal(render(result))}\n`);
      printedExit = exitOf?.(result) ?? EXIT.ok;
    };
    const result = fn(session);
    // An async command (webhook deliver) prints once it has finished; the action returns the promise.
    if (result instanceof Promise) return result.then(print);
    print(result);
  };

  for (const group of defined) group.register(program, run);
  refuseRepeatedOptions(program);

  let failed = true;
  let closed = false;
  try {
    await program.parseAsync(argv, { from: 'user' });
    failed = false;
    return printedExit;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) {
        failed = false;
        return EXIT.ok; // --help, --version
      }
      const message = unknownInGroup(error.message, argv, program)?.trimEnd() ?? error.message;
      if (json) io.stdout(`${JSON.stringify({ error: { code: 'E_USAGE', message } })}\n`);
      return EXIT.usage;
    }
    const e = asFlagged(asGoalpostError(error), running as Command | null);
    const opened = session as CliSession | null;
    const db = opened?.config().dbPath;
    // Nothing found where there was no database at all: the path is the likelier mistake, said
    // first (and in --json), before "unknown task T-1" or "no vision yet": the database is removed
    // first, so the line is said only once it holds.
    const made = e instanceof NotFoundError ? (opened?.absentDatabase() ?? null) : null;
    let absent: { path: string; hint: string } | null = null;
    if (made !== null) {
      closed = true;
      // Removed unless another process opened it meanwhile: then it is said to be left there.
      const emptyFile = opened?.emptyFileBefore() === true;
      const removed = opened?.closeFailed() ?? null;
      absent = {
        path: made,
        hint: removed === null ? leftEmpty(made, emptyFile) : noDatabase(made, emptyFile),
      };
      io.stderr(`goalpost: ${absent.hint}\n`);
    }
    report(io, e, json, e instanceof DatabaseError || e instanceof MigrationError ? db : undefined, absent);
    return errorKind(e).exit;
  } finally {
    const opened = session as CliSession | null;
    if (!failed) opened?.close();
    else if (!closed) {
      // A refused command writes nothing, not even the database its --db (or GOALPOST_DB) named
      // when none was there: a mistyped path leaves no stray file, and is pointed out.
      const emptyFile = opened?.emptyFileBefore() === true;
      const removed = opened?.closeFailed() ?? null;
      if (removed !== null) io.stderr(`goalpost: ${noDatabase(removed, emptyFile)}\n`);
    }
  }
}

/**
 * What a command that failed says of the database path it found nothing at, or only an empty file
 * (and did not create one, or emptied the file again).
 */
const noDatabase = (path: string, emptyFile: boolean): string =>
  emptyFile
    ? `there was no database at ${path}, only an empty file; it is left empty (check --db or GOALPOST_DB)`
    : `there was no database at ${path}; none was created (check --db or GOALPOST_DB)`;

/** The same, when the empty database it made could not be removed (another process opened it). */
const leftEmpty = (path: string, emptyFile: boolean): string =>
  emptyFile
    ? `there was no database at ${path}, only an empty file; the empty database this command made in it is left there, as another process opened it (check --db or GOALPOST_DB)`
    : `there was no database at ${path}; the empty one this command made is left there, as another process opened it (check --db or GOALPOST_DB)`;

/**
 * For commander's `unknown option '-5'`: a negative number (an NPS, a change) is read as an option
 * unless `--` comes before it, so the command line as it would be taken, with its options first:
 * `goalpost metric nps --at 2026-12-01 -- -5`. '' for any other error.
 */
function negativeNumberHint(error: string, argv: readonly string[]): string {
  const typed = /^error: unknown option '(-\d[\d.,]*%?)'/.exec(error)?.[1];
  const at = typed === undefined ? -1 : argv.indexOf(typed);
  if (typed === undefined || at < 0 || argv.includes('--')) return '';
  const rest = argv.filter((_, i) => i !== at);
  return `(a negative number is taken for an option unless -- comes before it: goalpost ${[...rest, '--', typed].map(shellWord).join(' ')})\n`;
}

/**
 * A group's unknown command, said as one: a group with a default command (`revenue` shows,
 * `assignee` lists) runs it on a word it does not know, and commander's error then blamed the
 * default command's arguments (`revenue list`: "too many arguments for 'show'"). Null when the
 * error is another, or the word after the group is one of its commands.
 */
function unknownInGroup(error: string, argv: readonly string[], program: Command): string | null {
  if (!/^error: too many arguments for '/.test(error)) return null;
  const groups = new Map(program.commands.map((c) => [c.name(), c]));
  const at = argv.findIndex((word) => groups.has(word));
  const group = at < 0 ? undefined : groups.get(argv[at] as string);
  const word = argv[at + 1];
  if (group === undefined || group.commands.length === 0 || word === undefined || word.startsWith('-'))
    return null;
  if (group.commands.some((c) => c.name() === word || c.aliases().includes(word))) return null;
  const names = group.commands.map((c) => c.name()).join(', ');
  const instead = ELSEWHERE[group.name()]?.[word.toLowerCase()];
  const hint = instead === undefined ? '' : `; ${instead}`;
  return `error: unknown command '${word}' for 'goalpost ${group.name()}' (its commands: ${names})${hint}\n`;
}

/** A measurement is the metric's, not the goal's: what a review typed first. */
const RECORD_METRIC = 'to record a measurement: `goalpost metric <metric> <value> [--at YYYY-MM-DD]`';

/** Words people try in a group for what another command does, and what to type instead. */
const ELSEWHERE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  goal: { record: RECORD_METRIC, log: RECORD_METRIC, measure: RECORD_METRIC, track: RECORD_METRIC },
};

/** A word as a shell takes it back: as it is when plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Fields the use cases name otherwise than the option that gives them (`playbook add --effort`). */
const FIELD_OPTIONS: Readonly<Record<string, string>> = {
  effortHours: 'effort',
  impactShare: 'impact',
  focusArea: 'focus',
  categories: 'category',
  actsFor: 'for',
};

/**
 * A validation error as the command line's person typed it: each problem about a field an option
 * gave, when that option was typed, is named by the option (`--max-tasks: a whole number ≥ 1 like
 * 5`, not `maxTasks: …`; an amount given as the positional argument keeps its name). The error's
 * `field`, which `--json` carries, stays the field's name, as the HTTP API gives it.
 */
function asFlagged(e: GoalpostError, command: Command | null): GoalpostError {
  if (!(e instanceof ValidationError) || command === null) return e;
  let message = e.message;
  for (const option of command.options) {
    const attribute = option.attributeName();
    if (option.long === undefined || command.getOptionValueSource(attribute) !== 'cli') continue;
    const fields = [attribute, ...Object.keys(FIELD_OPTIONS).filter((f) => FIELD_OPTIONS[f] === attribute)];
    for (const field of fields) {
      // A problem starts the message or follows another's "; ".
      message = message.replace(new RegExp(`(^|; )${field}: `, 'g'), `$1${option.long}: `);
    }
  }
  return message === e.message ? e : new ValidationError(message, e.field);
}

/**
 * Prints an error as the table says, its details after it when the failure is ours (see
 * errorDetails); a database problem names the file it is about.
 */
function report(
  io: CliIo,
  e: GoalpostError,
  json: boolean,
  db?: string,
  absent: { path: string; hint: string } | null = null,
): void {
  const errorId = nodeCrypto().randomUUID().slice(0, 8);
  const message = `${userMessage(e, errorId)}${db ? ` (database ${db})` : ''}`;
  if (json) {
    const field = e instanceof ValidationError ? e.field : undefined;
    const database = absent === null ? {} : { database: absent.path, hint: absent.hint };
    io.stdout(
      `${JSON.stringify({ error: { code: e.code, message, ...(field ? { field } : {}), ...database } })}\n`,
    );
  }
  io.stderr(`goalpost: ${forTerminal(message)}\n`);
  const details = errorDetails(e, errorId);
  if (details !== null) io.stderr(`${details}\n`);
}

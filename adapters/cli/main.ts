import * as z from 'zod';
import {
  asGoalpostError,
  errorDetails,
  errorKind,
  nodeCrypto,
  readDotEnv,
  userMessage,
} from '../../src/index.js';
import { COMMAND_GROUPS, type CommandGroup } from './command-groups.js';
import { runCli, runCliWith } from './run-cli.js';
import type { CliIo } from './session.js';

/** What bin/goalpost.js tunes the process with (see main). */
export type Tuning = Pick<CliIo, 'beforeWorkspaceRead' | 'beforeBulkRead'>;

/**
 * The CLI of the given command groups: its composition root (`main`), and `runCli`, which the
 * build runs commands through on a scratch workspace before saving the bundle's code cache. The
 * whole CLI's bundle is made of every group; each group's bundle, of its own (scripts/build.mjs).
 */
export function cliOf(groups: readonly CommandGroup[]): {
  main: (tuning?: Tuning) => Promise<void>;
  runCli: (io: CliIo) => Promise<number>;
} {
  return { main: (tuning = {}) => runMain(groups, tuning), runCli: (io) => runCliWith(io, groups) };
}

/** The whole CLI's: every group defined when a command line needs them (see groupsFor). */
export { runCli };

/** The whole CLI's composition root (see runMain). */
export function main(tuning: Tuning = {}): Promise<void> {
  return runMain(COMMAND_GROUPS, tuning);
}

/**
 * The composition root of the CLI: the only place it touches process globals. `bin/goalpost.js`
 * calls it (as `main`) once a bundle (dist/cli/) is loaded; importing this module runs nothing,
 * so the build can load the bundle to write its code cache. `tuning` is what the bin does to the
 * process for a command (V8's heap and compilers, for the workspace a plan reads and for the
 * pages a Stripe sync reads).
 */
async function runMain(groups: readonly CommandGroup[], tuning: Tuning): Promise<void> {
  // A command parses each schema once or twice: compiling zod's fast path for objects (a few ms
  // each, first time) costs more than it saves. The bot, which parses for hours, keeps it.
  z.config({ jitless: true });
  // `goalpost tasks | head`: the reader is gone, so the rest of the output has nowhere to go.
  // Stop as a Unix tool does, instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  let dotEnv: Record<string, string>;
  try {
    dotEnv = readDotEnv(process.cwd());
  } catch (error) {
    const e = asGoalpostError(error);
    const errorId = nodeCrypto().randomUUID().slice(0, 8);
    process.stderr.write(`goalpost: ${userMessage(e, errorId)}\n`);
    const details = errorDetails(e, errorId);
    if (details !== null) process.stderr.write(`${details}\n`);
    process.exitCode = errorKind(e).exit;
    return;
  }
  process.exitCode = await runCliWith(
    {
      argv: process.argv.slice(2),
      env: { ...dotEnv, ...process.env },
      dotEnv: Object.keys(dotEnv),
      cwd: process.cwd(),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      ...tuning,
    },
    groups,
  );
}

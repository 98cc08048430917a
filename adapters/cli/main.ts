import { asGoalpostError, errorKind, withDotEnv } from '../../src/index.js';
import { runCli } from './run-cli.js';

// The composition root of the CLI: the only place it touches process globals.
let env: Record<string, string | undefined>;
try {
  env = withDotEnv(process.env, process.cwd());
} catch (error) {
  const e = asGoalpostError(error);
  process.stderr.write(`goalpost: ${e.message}\n`);
  process.exit(errorKind(e).exit);
}
const code = await runCli({
  argv: process.argv.slice(2),
  env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;

import { asGoalpostError, withDotEnv } from '../../src/index.js';
import { runCli } from './run-cli.js';

// The composition root of the CLI: the only place it touches process globals.
let env: Record<string, string | undefined>;
try {
  env = withDotEnv(process.env, process.cwd());
} catch (error) {
  process.stderr.write(`goalpost: ${asGoalpostError(error).message}\n`);
  process.exit(78);
}
const code = await runCli({
  argv: process.argv.slice(2),
  env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;

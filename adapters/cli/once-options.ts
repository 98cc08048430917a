import type { Command, Option } from 'commander';

/**
 * Makes every option that takes one value refuse a second, different one (`--target 200 --target
 * 300`), where commander keeps the last silently, and a flag refuse its `--no-` twin on the same
 * line (`--export-tasks --no-export-tasks`): which one the person meant is theirs to say. Options
 * that collect (`--focus a --focus b`: an argument parser of their own) are left as they are, and
 * the same value twice is one value. The refusal names no value: one may be a key or a token.
 */
export function refuseRepeatedOptions(command: Command): void {
  const given = new Map<string, Option>();
  for (const option of command.options) {
    const name = option.attributeName();
    if (option.negate || (!option.required && !option.optional)) {
      // A flag and its `--no-` twin set one attribute: both on one line contradict each other.
      command.on(`option:${option.name()}`, () => {
        const other = given.get(name);
        if (other !== undefined && other !== option) {
          command.error(`error: ${other.long} and ${option.long} say opposite things: give one of them`, {
            exitCode: 2,
            code: 'goalpost.contradictoryOptions',
          });
        }
        given.set(name, option);
      });
      continue;
    }
    if (option.variadic || option.parseArg !== undefined) continue;
    option.argParser((value: string, previous: unknown) => {
      if (command.getOptionValueSource(name) === 'cli' && previous !== value) {
        command.error(`error: ${option.long} was given twice, with two values: give it once`, {
          exitCode: 2,
          code: 'goalpost.repeatedOption',
        });
      }
      return value;
    });
  }
  for (const sub of command.commands) refuseRepeatedOptions(sub);
}

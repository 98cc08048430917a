import type { Command, Option } from 'commander';

/**
 * Makes every option that takes one value refuse a second, different one (`--target 200 --target
 * 300`), where commander keeps the last silently, and an option refuse its `--no-` twin on the
 * same line (`--export-tasks --no-export-tasks`, `--slack U1 --no-slack`): which one the person
 * meant is theirs to say. Options that collect (`--focus a --focus b`: an argument parser of their
 * own) are left as they are, and the same value twice is one value. The refusal names no value:
 * one may be a key or a token.
 */
export function refuseRepeatedOptions(command: Command): void {
  /** The option (of the two that set one attribute) given first on this line, by attribute. */
  const given = new Map<string, Option>();
  const refuse = (message: string, code: string): never =>
    command.error(`error: ${message}`, { exitCode: 2, code: `goalpost.${code}` });
  for (const option of command.options) {
    const name = option.attributeName();
    const takesValue = !option.negate && (option.required || option.optional);
    if (takesValue && !option.variadic && option.parseArg === undefined) {
      option.argParser((value: string, previous: unknown) => {
        const first = given.get(name);
        if (first !== undefined && first !== option) {
          refuse(
            `${first.long} and ${option.long} say opposite things: give one of them`,
            'contradictoryOptions',
          );
        }
        if (command.getOptionValueSource(name) === 'cli' && previous !== value) {
          refuse(`${option.long} was given twice, with two values: give it once`, 'repeatedOption');
        }
        given.set(name, option);
        return value;
      });
    } else if (!takesValue) {
      // A flag and its `--no-` twin set one attribute: both on one line contradict each other.
      command.on(`option:${option.name()}`, () => {
        const first = given.get(name);
        if (first !== undefined && first !== option) {
          refuse(
            `${first.long} and ${option.long} say opposite things: give one of them`,
            'contradictoryOptions',
          );
        }
        given.set(name, option);
      });
    }
  }
  for (const sub of command.commands) refuseRepeatedOptions(sub);
}

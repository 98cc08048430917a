import { type Command, InvalidArgumentError } from 'commander';

/**
 * Makes every option that takes one value refuse a second, different one (`--target 200 --target
 * 300`), where commander keeps the last silently: which one the person meant is theirs to say.
 * Options that collect (`--focus a --focus b`: an argument parser of their own) and flags are left
 * as they are; the same value twice is one value.
 */
export function refuseRepeatedOptions(command: Command): void {
  for (const option of command.options) {
    if (!(option.required || option.optional) || option.variadic || option.parseArg !== undefined) continue;
    const name = option.attributeName();
    option.argParser((value: string, previous: unknown) => {
      if (command.getOptionValueSource(name) === 'cli' && previous !== value) {
        throw new InvalidArgumentError(
          `${option.long} was already given as ${String(previous)}: give it once`,
        );
      }
      return value;
    });
  }
  for (const sub of command.commands) refuseRepeatedOptions(sub);
}

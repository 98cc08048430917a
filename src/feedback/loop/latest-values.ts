import { readNumber } from './check-input.js';
import type { Action } from './types.js';

/**
 * For each new action, the latest number known under each of `keys` as of that action: its own
 * value when it has one, else the last one before it (in `before`, then in earlier new actions).
 * @throws ValidationError naming the key when an entry holds a non-number under it.
 */
export function latestValues(
  before: readonly Action[],
  fresh: readonly Action[],
  keys: Iterable<string>,
): Array<Record<string, number>> {
  const tracked = [...keys];
  const latest: Record<string, number> = {};
  const note = (entry: Action, where: string) => {
    for (const key of tracked) {
      const value = readNumber(entry[key], key, where);
      if (value !== undefined) latest[key] = value;
    }
  };
  before.forEach((entry, i) => {
    note(entry, `timeline entry ${i + 1}`);
  });
  return fresh.map((action, i) => {
    note(action, `new action ${i + 1}`);
    return { ...latest };
  });
}

import { ValidationError } from '../../errors.js';
import { isPlainRecord, shown } from './check-input.js';
import type { Direction, Retention } from './types.js';

/**
 * A retention policy after checking `maxEntries` is a whole number ≥ 1 and `maxAgeDays` a number > 0.
 * @throws ValidationError naming the bad field.
 */
export function checkRetention(input: Retention | undefined): Retention {
  if (input === undefined) return {};
  if (!isPlainRecord(input)) throw new ValidationError('retention: an object like { maxEntries: 500 }');
  const maxEntries: unknown = input.maxEntries;
  const maxAgeDays: unknown = input.maxAgeDays;
  if (
    maxEntries !== undefined &&
    !(typeof maxEntries === 'number' && Number.isInteger(maxEntries) && maxEntries >= 1)
  ) {
    throw new ValidationError(
      `retention.maxEntries: a whole number ≥ 1 like 500 (got ${shown(maxEntries)})`,
      'retention.maxEntries',
    );
  }
  if (
    maxAgeDays !== undefined &&
    !(typeof maxAgeDays === 'number' && Number.isFinite(maxAgeDays) && maxAgeDays > 0)
  ) {
    throw new ValidationError(
      `retention.maxAgeDays: a number of days > 0 like 90 (got ${shown(maxAgeDays)})`,
      'retention.maxAgeDays',
    );
  }
  return {
    ...(maxEntries === undefined ? {} : { maxEntries }),
    ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
  };
}

/**
 * One-directional keys after checking each is `up` or `down`.
 * @throws ValidationError naming the key with another value.
 */
export function checkMonotonic(input: Record<string, Direction> | undefined): Record<string, Direction> {
  if (input === undefined) return {};
  if (!isPlainRecord(input)) throw new ValidationError("monotonic: an object like { progress: 'up' }");
  for (const [key, value] of Object.entries(input)) {
    if (value !== 'up' && value !== 'down') {
      throw new ValidationError(`monotonic.${key}: up or down (got ${shown(value)})`, key);
    }
  }
  return { ...input };
}

/** The earliest `at` an entry may have under `maxAgeDays`, as an ISO time; null when unlimited. */
export function oldestKept(retention: Retention, now: Date): string | null {
  if (retention.maxAgeDays === undefined) return null;
  return new Date(now.getTime() - retention.maxAgeDays * 86_400_000).toISOString();
}

/**
 * A loop's name after checking it is 1–128 characters.
 * @throws ValidationError otherwise.
 */
export function checkLoopName(name: unknown): string {
  if (typeof name === 'string' && name.length >= 1 && name.length <= 128) return name;
  throw new ValidationError(
    `name: a loop name of 1 to 128 characters like default (got ${shown(name)})`,
    'name',
  );
}

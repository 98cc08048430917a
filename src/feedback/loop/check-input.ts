import { isZonedTime, zoneMissing } from '../../domain/calendar-time.js';
import { ValidationError } from '../../errors.js';
import type { Action, GoalState } from './types.js';

/** True for `{…}` objects (not arrays, null, dates or class instances). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as it appears in an error message, cut to 40 characters. */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The value under a numeric goal key: a finite number, or undefined when the key is absent.
 * @throws ValidationError naming `key` when the value is anything else (text, null, NaN, Infinity).
 */
export function readNumber(value: unknown, key: string, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new ValidationError(`${key}: a finite number like 4 (got ${shown(value)}) in ${where}`, key);
}

/** The goal state's numeric keys and their targets, in key order. */
export function numericTargets(goalState: GoalState): Map<string, number> {
  const targets = new Map<string, number>();
  for (const [key, value] of Object.entries(goalState)) {
    if (typeof value === 'number') targets.set(key, value);
  }
  return targets;
}

/**
 * A copy of a goal state after checking it is a plain object whose numbers are finite.
 * @throws ValidationError naming the key of a NaN or infinite target, or when it is not an object.
 */
export function checkGoalState(input: unknown): GoalState {
  if (!isPlainRecord(input)) {
    throw new ValidationError(
      `goalState: an object like { progress: 10 } (got ${shown(input)})`,
      'goalState',
    );
  }
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ValidationError(
        `${key}: a finite target like 10 (got ${shown(value)}) in the goal state`,
        key,
      );
    }
  }
  return { ...input };
}

/**
 * Copies of `actions` after checking each is a plain object with a finite number (or nothing)
 * under every numeric goal key and, when it has `at`, a valid time.
 * @throws ValidationError naming the key and the action (`in new action 2`).
 */
export function checkActions(actions: unknown, targets: ReadonlyMap<string, number>, what: string): Action[] {
  if (!Array.isArray(actions)) {
    throw new ValidationError(`${what}s: a list of actions like [{ progress: 4 }] (got ${shown(actions)})`);
  }
  return actions.map((action: unknown, i) => {
    const where = `${what} ${i + 1}`;
    if (!isPlainRecord(action)) {
      throw new ValidationError(`${where}: an object like { progress: 4 } (got ${shown(action)})`);
    }
    for (const key of targets.keys()) readNumber(action[key], key, where);
    if (action.at !== undefined) entryTime(action.at, where);
    return jsonCopy(action, where);
  });
}

/**
 * A deep copy through JSON, which is how trackers store state: what survives here survives a restart.
 * @throws ValidationError when the value cannot be written as JSON (a BigInt, a cycle).
 */
export function jsonCopy(value: Record<string, unknown>, where: string): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`${where}: must be plain JSON data (${reason})`);
  }
}

/**
 * An action's `at` as a normalised ISO time (`2026-03-01T09:00:00.000Z`).
 * @throws ValidationError when it is not a string holding a valid time.
 */
export function entryTime(at: unknown, where: string): string {
  if (typeof at !== 'string' || !isZonedTime(at)) {
    throw new ValidationError(
      `at: a time with its zone like 2026-03-01T09:00:00Z (got ${shown(at)}${zoneMissing(at)}) in ${where}`,
      'at',
    );
  }
  return new Date(at).toISOString();
}

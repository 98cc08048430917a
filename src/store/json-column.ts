import { GoalpostError } from '../errors.js';

/**
 * Parses a JSON column and checks its shape; a corrupt row becomes a clear error naming the row
 * instead of a crash somewhere downstream.
 */
export function jsonColumn<T>(raw: unknown, check: (v: unknown) => v is T, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch {
    throw new GoalpostError('E_INTERNAL', `corrupt row: ${where} is not valid JSON`);
  }
  if (!check(value)) throw new GoalpostError('E_INTERNAL', `corrupt row: ${where} has the wrong shape`);
  return value;
}

export const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

export const isNumberRecord = (v: unknown): v is Record<string, number> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));

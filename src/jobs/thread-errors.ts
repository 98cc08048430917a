// Errors across the job thread: plain data on the way out, the same class again on the way in.
import {
  asGoalpostError,
  ChatRefusedError,
  ERRORS,
  type ErrorCode,
  type ErrorDetail,
  type GoalpostError,
  isShown,
  ValidationError,
} from '../errors.js';

/** An error as plain data, to cross a thread: its code rebuilds the same class on the other side. */
export interface SerializedError extends ErrorDetail {
  code: ErrorCode;
  message: string;
  stack?: string;
}

/** What of an error's own fields its class needs to be rebuilt. */
function detailOf(e: GoalpostError): ErrorDetail {
  if (e instanceof ValidationError && e.field) return { field: e.field };
  if (e instanceof ChatRefusedError) return { platform: e.platform, reason: e.reason };
  return {};
}

export function serializeError(error: unknown): SerializedError {
  const e = asGoalpostError(error);
  const original = e.cause instanceof Error ? e.cause : e;
  return {
    code: e.code,
    message: e.message,
    ...detailOf(e),
    ...(!isShown(e) && original.stack ? { stack: original.stack } : {}),
  };
}

/** The error a job threw on the other thread, as the same class here. */
export function deserializeError(s: SerializedError): GoalpostError {
  const { code, message, stack, ...detail } = s;
  const error = (ERRORS[code] ?? ERRORS.E_INTERNAL).make(message, detail);
  if (stack) error.stack = `${error.name}: ${message}\n--- on the job thread ---\n${stack}`;
  return error;
}

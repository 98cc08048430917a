import { ConflictError, ForbiddenError, NotFoundError, UserError, ValidationError } from '../errors.js';

/** An error as it crosses threads: its class by name, so a user error stays a user error. */
export interface SerializedError {
  name: string;
  message: string;
  field?: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ValidationError) {
    return {
      name: 'ValidationError',
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    };
  }
  if (error instanceof Error) {
    return {
      name: error.constructor.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

/** The error a job threw on the worker, as the same class here; anything unknown is a plain Error. */
export function deserializeError(e: SerializedError): Error {
  switch (e.name) {
    case 'ValidationError':
      return new ValidationError(e.message, e.field);
    case 'NotFoundError':
      return new NotFoundError(e.message);
    case 'ConflictError':
      return new ConflictError(e.message);
    case 'ForbiddenError':
      return new ForbiddenError(e.message);
    case 'UserError':
      return new UserError(e.message);
    default: {
      const error = new Error(`${e.name}: ${e.message}`);
      if (e.stack) error.stack = `${error.message}\n--- on the job worker ---\n${e.stack}`;
      return error;
    }
  }
}

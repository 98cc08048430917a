import {
  asGoalpostError,
  ConflictError,
  ForbiddenError,
  type Logger,
  NotFoundError,
  UserError,
  ValidationError,
} from '../../src/index.js';

/** A refusal decided by the HTTP layer itself (auth, routing, body), with its status and code. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    extra: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.headers = extra.headers ?? {};
  }
}

/** What an error becomes on the wire. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; field?: string; requestId?: string } };
}

function statusOf(error: UserError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  return 400;
}

/**
 * Maps anything thrown to a status and a JSON error. A user error's message is safe to show; any
 * other error is logged with the request id and answered with a generic 500 naming that id.
 */
export function errorReply(error: unknown, requestId: string, logger: Logger): ErrorReply {
  if (error instanceof HttpError) {
    const field = error.field === undefined ? {} : { field: error.field };
    return {
      status: error.status,
      headers: error.headers,
      body: { error: { code: error.code, message: error.message, ...field } },
    };
  }
  if (error instanceof UserError) {
    const field = error instanceof ValidationError && error.field !== undefined ? { field: error.field } : {};
    return {
      status: statusOf(error),
      headers: {},
      body: { error: { code: error.code, message: error.message, ...field } },
    };
  }
  const e = asGoalpostError(error);
  logger.error({ err: e.cause ?? e, requestId }, 'HTTP request failed');
  return {
    status: 500,
    headers: {},
    body: {
      error: {
        code: 'E_INTERNAL',
        message: `internal error; quote request id ${requestId} when reporting it`,
        requestId,
      },
    },
  };
}

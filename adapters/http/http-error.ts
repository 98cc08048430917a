import {
  asGoalpostError,
  errorKind,
  isShown,
  type Logger,
  userMessage,
  ValidationError,
} from '../../src/index.js';
import { apiSyntax } from './api-syntax.js';

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

/**
 * Maps anything thrown to a status and a JSON error, as the error table says: a message meant for
 * the caller as it is; any other error logged with the request id and answered with the table's
 * words naming that id (a 500).
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
  const e = asGoalpostError(error);
  const kind = errorKind(e);
  if (isShown(e)) {
    const field = e instanceof ValidationError && e.field !== undefined ? { field: e.field } : {};
    if (kind.http >= 500) logger.warn({ err: e, requestId }, e.message);
    return {
      status: kind.http,
      headers: e.code === 'E_DB_BUSY' ? { 'retry-after': '1' } : {},
      body: { error: { code: e.code, message: apiSyntax(e.message), ...field } },
    };
  }
  logger.error({ err: e.cause ?? e, requestId }, 'HTTP request failed');
  return {
    status: kind.http,
    headers: {},
    body: {
      error: {
        code: 'E_INTERNAL',
        message: userMessage(e, requestId),
        requestId,
      },
    },
  };
}

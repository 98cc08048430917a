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

/** The API's error body: what every refusal says, the API's and the webhooks' alike. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; requestId?: string };
}

/** What an error becomes on the wire. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

/** `{"error": {"code", "message", "field"?, "requestId"?}}`, each optional part only when given. */
export function errorBody(
  code: string,
  message: string,
  extra: { field?: string | undefined; requestId?: string } = {},
): ErrorBody {
  const field = extra.field === undefined ? {} : { field: extra.field };
  const requestId = extra.requestId === undefined ? {} : { requestId: extra.requestId };
  return { error: { code, message, ...field, ...requestId } };
}

/**
 * Maps anything thrown to a status and a JSON error, as the error table says: a message meant for
 * the caller as it is; any other error logged with the request id and answered with the table's
 * words naming that id (a 500).
 */
export function errorReply(error: unknown, requestId: string, logger: Logger): ErrorReply {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      headers: error.headers,
      body: errorBody(error.code, error.message, { field: error.field }),
    };
  }
  const e = asGoalpostError(error);
  const kind = errorKind(e);
  if (isShown(e)) {
    if (kind.http >= 500) logger.warn({ err: e, requestId }, e.message);
    return {
      status: kind.http,
      headers: e.code === 'E_DB_BUSY' ? { 'retry-after': '1' } : {},
      body: errorBody(e.code, apiSyntax(e.message), { field: fieldOf(e) }),
    };
  }
  logger.error({ err: e.cause ?? e, requestId }, 'HTTP request failed');
  return {
    status: kind.http,
    headers: {},
    body: errorBody('E_INTERNAL', userMessage(e, requestId), { requestId }),
  };
}

/** The field a refusal names: a ValidationError's, when it names one. */
export const fieldOf = (error: unknown): string | undefined =>
  error instanceof ValidationError ? error.field : undefined;

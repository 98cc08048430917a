import type { ServerResponse } from 'node:http';

/** An endpoint's answer: status, JSON body and any extra headers. */
export interface StripeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Whether a value is an answer rather than what was asked for (records have a string `status`). */
export const isAnswer = (value: unknown): value is StripeAnswer =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StripeAnswer).status === 'number' &&
  'body' in value;

export interface StripeErrorFields {
  code?: string;
  param?: string;
  /** Only four `type`s exist on the wire; 401, 403 and 429 are `invalid_request_error` too. */
  type?: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
}

/**
 * Stripe's error envelope, keys in Stripe's (alphabetical) order, fields it would write as null
 * left out as Stripe leaves them out, and `doc_url` exactly when there is a `code`.
 */
export function stripeError(status: number, message: string, fields: StripeErrorFields = {}): StripeAnswer {
  const { code, param, type = 'invalid_request_error' } = fields;
  const error: Record<string, string> = {};
  if (code) {
    error.code = code;
    error.doc_url = `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
  }
  error.message = message;
  if (param) error.param = param;
  error.type = type;
  return { status, body: { error } };
}

/** "No such customer: 'cus_…'": 404 for an id in the path, 400 for one in the query (a cursor, a filter). */
export const noSuch = (object: string, id: string, param: string, status = 400): StripeAnswer =>
  stripeError(status, `No such ${object}: '${id}'`, { code: 'resource_missing', param });

export const unknownParameter = (param: string): StripeAnswer =>
  stripeError(400, `Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });

export const invalidInteger = (param: string, value: string): StripeAnswer =>
  stripeError(400, `Invalid integer: ${value}`, { code: 'parameter_invalid_integer', param });

export const emptyString = (param: string): StripeAnswer =>
  stripeError(
    400,
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    { code: 'parameter_invalid_empty', param },
  );

/** A parameter Stripe has that the fake does not model: refused loudly rather than ignored. */
export const unmodelled = (what: string): StripeAnswer =>
  stripeError(501, `fake Stripe does not model ${what}`, { type: 'api_error' });

/** Writes an answer with the headers Stripe sends on every response, pretty-printed as Stripe prints it. */
export function send(res: ServerResponse, answer: StripeAnswer, common: Record<string, string>): void {
  res
    .writeHead(answer.status, {
      ...{ 'content-type': 'application/json', 'cache-control': 'no-cache, no-store', server: 'nginx' },
      ...common,
      ...answer.headers,
    })
    .end(JSON.stringify(answer.body, null, 2));
}

/** Sends the headers and half the body of `answer`, then drops the connection (an injected fault). */
export function cutShort(res: ServerResponse, answer: StripeAnswer, common: Record<string, string>): void {
  const json = JSON.stringify(answer.body, null, 2);
  res.writeHead(answer.status, {
    ...{ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) },
    ...common,
  });
  res.write(json.slice(0, Math.floor(json.length / 2)), () => res.socket?.destroy());
}

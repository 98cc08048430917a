import { ERRORS, type ErrorCode } from '../../src/index.js';

/**
 * What each of the core's error codes means to a client. Keyed by the code list, so a new code
 * cannot be left out; the status each answers with is the error table's (ERRORS), never restated.
 */
const MEANING: Record<ErrorCode, string> = {
  E_USER: 'a request the API cannot take as it is (the message says why)',
  E_VALIDATION: 'a bad or unknown field or query parameter (named in `field`), or malformed JSON',
  E_NOT_FOUND: 'no such task, assignee, goal, project or feature',
  E_CONFLICT: 'an illegal step, or someone acted first',
  E_KEY_REUSED: 'the Idempotency-Key was used for another request',
  E_FORBIDDEN: "the token's role is too low (a token keeps the role it was made with)",
  E_CONFIG: 'the server is configured wrongly',
  E_MIGRATION: 'the database and this version of Goalpost disagree',
  E_DB_BUSY: 'another process holds the write lock (with `Retry-After`)',
  E_DB_FULL: 'the disk is full',
  E_DB_READONLY: 'the database file is read-only',
  E_DB_CORRUPT: 'the database file is damaged or not a Goalpost database',
  E_DB_CANTOPEN: 'the database file cannot be opened',
  E_DB_GONE: 'the database file was removed or replaced while Goalpost ran',
  E_CHAT_REFUSED: 'the chat platform refused what Goalpost sent',
  E_SERVICE: 'a connected service (GitHub, Stripe) could not be reached or gave up',
  E_INTERNAL: 'a failure of ours: quote the `requestId` when reporting it',
};

/** The refusals the HTTP layer decides itself, before the core (see HttpError). */
const HTTP_REFUSALS: ReadonlyArray<{ code: string; status: number; meaning: string }> = [
  {
    code: 'E_UNAUTHORIZED',
    status: 401,
    meaning: 'a missing, unknown or revoked token (with `WWW-Authenticate: Bearer`)',
  },
  {
    code: 'E_TOO_LARGE',
    status: 413,
    meaning:
      'a body over the limit (64 KiB; 1 MiB for a run reported to /api/queue/release or /api/queue/finish)',
  },
  { code: 'E_UNSUPPORTED_MEDIA_TYPE', status: 415, meaning: 'a body that is not application/json' },
];

/** Per status, every code that answers with it and what each means: `E_DB_BUSY: …; E_DB_READONLY: …`. */
export function errorStatusMeanings(): ReadonlyMap<number, string> {
  const refusals = [
    ...(Object.keys(ERRORS) as ErrorCode[]).map((code) => ({
      code,
      status: ERRORS[code].http,
      meaning: MEANING[code],
    })),
    ...HTTP_REFUSALS,
  ];
  const described = new Map<number, string>();
  for (const { code, status, meaning } of refusals) {
    const before = described.get(status);
    described.set(status, `${before ? `${before}; ` : ''}${code}: ${meaning}`);
  }
  return described;
}

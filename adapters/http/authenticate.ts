import type { Goalpost, TokenIdentity } from '../../src/index.js';
import { HttpError } from './http-error.js';

/**
 * The token's identity from an `Authorization: Bearer <token>` header.
 * @throws HttpError 401 with `WWW-Authenticate: Bearer` for a missing, unknown or revoked token.
 */
export function authenticate(app: Goalpost, header: string | undefined): TokenIdentity {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw new HttpError(401, 'E_UNAUTHORIZED', 'send an API token as Authorization: Bearer <token>', {
      headers: { 'WWW-Authenticate': 'Bearer realm="goalpost"' },
    });
  }
  const who = app.tokens.authenticate(match[1]);
  if (who === null) {
    throw new HttpError(401, 'E_UNAUTHORIZED', 'the API token is unknown or revoked', {
      headers: { 'WWW-Authenticate': 'Bearer realm="goalpost", error="invalid_token"' },
    });
  }
  return who;
}

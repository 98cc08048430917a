import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { refuseNumbersAsText } from '../../../../adapters/http/json-numbers.js';
import type { TokenRoute } from '../../../../adapters/http/router.js';
import { route } from '../../../../adapters/http/router.js';

/** What the use cases take: a number, or the command line's text of one. */
const fromText = () => z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number());

const body = z.strictObject({
  count: fromText().optional(),
  limit: fromText().nullable().optional(),
  label: z.union([z.string(), z.number()]).optional(),
  run: z.strictObject({ minutes: fromText() }).optional(),
  /** A record of numbers, or the text form of one (the vision's revenue targets). */
  targets: z.union([z.record(z.string(), fromText()), z.string()]).optional(),
});
const r = route({
  method: 'POST',
  path: '/api/x',
  role: 'member',
  what: 'testing',
  body,
  responds: {},
  handle: () => ({ status: 200, body: {} }),
}) as TokenRoute;

describe('a number sent as text to the API', () => {
  // The example is the number the text means: as the field reads it, or as it spells it.
  it.each([
    [{ count: '3' }, 'count', '"3"', 3],
    [{ limit: '7' }, 'limit', '"7"', 7],
    [{ run: { minutes: '45' } }, 'run.minutes', '"45"', 45],
    [{ targets: { '2027-02': '8' } }, 'targets.2027-02', '"8"', 8],
    [{ count: 'three' }, 'count', '"three"', 5],
  ])('is refused where the document says only a number: %j', (given, field, got, like) => {
    expect(() => refuseNumbersAsText(r, given)).toThrow(
      `${field}: a JSON number, like ${like}, not text (got ${got})`,
    );
  });

  it('passes numbers, null, and text where the document takes text too', () => {
    for (const given of [
      { count: 3 },
      { limit: null },
      { label: 'x' },
      { run: { minutes: 4 } },
      { targets: { '2027-02': 5 } },
      { targets: '2027-02=5' },
      {},
    ]) {
      expect(() => refuseNumbersAsText(r, given)).not.toThrow();
    }
  });
});

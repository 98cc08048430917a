import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Clock,
  type Goalpost,
  type Logger,
  type PushResult,
  verifyWebhookSignature,
} from '../../src/index.js';
import { jsonShape, loneSurrogateAt, loneSurrogateText, utf8Text } from './json-text.js';
import { answerFailure, answerJson, answerRefusal, readRawBody } from './raw-body.js';
import { isJson, tooLargeNumber } from './read-json-body.js';

/** A push of 1,000 points with context fits well under this. */
const MAX_PUSH_BYTES = 1024 * 1024;
/** How old a signed push may be, in seconds, before it is taken for a replay. */
const TOLERANCE_SECONDS = 300;

const SIGNING =
  'sign each push as Goalpost signs its own webhooks: X-Goalpost-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the source’s secret> (see the README, "Metrics pushed by other systems")';

/**
 * `POST /metrics/webhook/<source>`: a batch of metric points from another system (an analytics
 * job, a cron script, CI), signed with that source's own secret. The signature is checked over the
 * raw body, with a 5-minute tolerance, before the body is read: missing or wrong, 401 and nothing
 * written. The secret also tells which workspace the source belongs to. A batch with one bad point
 * is refused whole (400, naming the point); a good one is written in one transaction, each point
 * once per (metric, time, source).
 */
export function createMetricsWebhookHandler(options: {
  app: Goalpost;
  clock: Clock;
  logger: Logger;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { app, clock } = options;
  const log = options.logger.child({ component: 'metrics-webhook' });
  /**
   * The signed pushes written while their signature is still fresh, by workspace, source and
   * signature, with what each wrote: one received again (a sender's retry, or a push captured on
   * the way and replayed) writes nothing again. A review pushed 10, then 11 as a correction, then
   * replayed the first, captured: the point read 10 again. Kept as long as a signature verifies,
   * in the order taken, so the oldest go first; a restart forgets them.
   */
  const taken = new Map<string, { until: number; result: PushResult }>();
  const forgetStale = (now: number): void => {
    for (const [key, push] of taken) {
      if (push.until > now) return;
      taken.delete(key);
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const name = decodeURIComponent((req.url ?? '').split('?')[0]?.split('/')[3] ?? '');
    if (req.method !== 'POST') {
      answerRefusal(res, 405, 'E_METHOD_NOT_ALLOWED', 'push metrics with POST', {
        headers: { allow: 'POST' },
      });
      req.resume();
      return;
    }
    if (name === '') {
      answerRefusal(
        res,
        404,
        'E_NOT_FOUND',
        'push to /metrics/webhook/<source>, the name given to `goalpost metric source add`',
      );
      req.resume();
      return;
    }
    // As the API asks: a push sent as a form or as text (curl's --data alone) is no JSON it reads.
    const type = req.headers['content-type'] ?? '';
    if (!isJson(type)) {
      answerRefusal(
        res,
        415,
        'E_UNSUPPORTED_MEDIA_TYPE',
        `send the push as JSON with Content-Type: application/json (got ${type || 'none'}); nothing was written`,
      );
      req.resume();
      return;
    }
    const raw = await readRawBody(req, res, MAX_PUSH_BYTES, 'a push');
    if (raw === null) return;
    const signers = app.metricSources.signersOf(name);
    if (signers.length === 0) {
      answerRefusal(
        res,
        404,
        'E_NOT_FOUND',
        `no metric source named "${name}"; an admin adds it with \`goalpost metric source add ${name}\`, which prints its secret`,
      );
      return;
    }
    const header = req.headers['x-goalpost-signature'];
    if (typeof header !== 'string' || header === '') {
      answerRefusal(res, 401, 'E_UNAUTHORIZED', `missing X-Goalpost-Signature: ${SIGNING}`);
      return;
    }
    const body = raw.toString('utf8');
    const nowSeconds = clock.now().getTime() / 1000;
    const signer = signers.find((s) =>
      verifyWebhookSignature(s.secret, header, body, nowSeconds, TOLERANCE_SECONDS),
    );
    if (!signer) {
      answerRefusal(
        res,
        401,
        'E_UNAUTHORIZED',
        `X-Goalpost-Signature does not verify for source "${name}" (wrong secret, a body changed after signing, or t more than ${TOLERANCE_SECONDS} s from Goalpost's clock); ${SIGNING}`,
      );
      return;
    }
    const text = utf8Text(raw);
    if (text === null) {
      answerRefusal(
        res,
        400,
        'E_VALIDATION',
        'the body is not valid UTF-8, which JSON is sent in; nothing was written',
        { field: 'body' },
      );
      return;
    }
    // JSON.parse keeps the last of a key given twice: an ambiguous push is not acted on.
    const { repeated, tooLarge } = jsonShape(text);
    if (repeated !== null) {
      answerRefusal(res, 400, 'E_VALIDATION', `${repeated}: given twice; give it once; nothing was written`, {
        field: repeated,
      });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      answerRefusal(
        res,
        400,
        'E_VALIDATION',
        `the body is not JSON (${(error as Error).message}); nothing was written`,
        { field: 'body' },
      );
      return;
    }
    const lone = loneSurrogateAt(text, Array.isArray(parsed) ? { points: parsed } : parsed);
    if (lone !== null) {
      answerRefusal(res, 400, 'E_VALIDATION', `${loneSurrogateText(lone)}; nothing was written`, {
        field: lone,
      });
      return;
    }
    if (tooLarge !== null) {
      // A batch sent as a list is read as its points, as the use case names them (`points.0.value`).
      const field = Array.isArray(parsed)
        ? ['points', tooLarge.field].filter(Boolean).join('.')
        : tooLarge.field;
      const said = tooLargeNumber({ field, text: tooLarge.text });
      answerRefusal(res, 400, 'E_VALIDATION', `${said}; nothing was written`, { field });
      return;
    }
    const now = clock.now().getTime();
    forgetStale(now);
    const key = `${signer.workspaceId}\n${name}\n${header}`;
    const before = taken.get(key);
    if (before !== undefined) {
      const { result } = before;
      answerJson(res, 200, {
        ok: true,
        ...result,
        added: 0,
        updated: 0,
        unchanged: result.points,
        repeated: 'this signed push was taken already: nothing was written again',
      });
      return;
    }
    const ctx = app.context({
      workspaceId: signer.workspaceId,
      actor: `metric-source:${name}`,
      source: 'api',
      role: 'member',
    });
    const result = app.metricSources.push(ctx, name, parsed);
    // A signature verifies while its t is within the tolerance of the clock, either side.
    taken.set(key, { until: now + 2 * TOLERANCE_SECONDS * 1000, result });
    answerJson(res, 200, { ok: true, ...result });
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) =>
      answerFailure(res, log, error, 'metric push', '; nothing was written'),
    );
  };
}

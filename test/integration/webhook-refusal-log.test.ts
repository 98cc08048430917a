import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubWebhookHandler } from '../../adapters/github/webhook-handler.js';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.js';
import { createStripeWebhookHandler } from '../../adapters/stripe/webhook-handler.js';
import { type Logger, type OpenedGoalpost, silentLogger } from '../../src/index.js';
import { deliverGitHubEvent, issuesPayload } from '../fakes/github-webhooks.js';
import { deliverStripeEvent } from '../fakes/stripe-webhooks.js';
import { connectRepo } from '../helpers/github-webhook-server.js';
import { openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const SECRET = 'whsec_theEndpointsOwnSecret0123';
const THEIRS = 'whsec_rotatedOnTheSendersSide99';

interface Line {
  level: string;
  msg: string;
  obj: Record<string, unknown>;
}

/** A logger that keeps every line at info and above, with its children's fields. */
function keptLog(lines: Line[], bindings: object = {}): Logger {
  const at = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, msg: msg ?? '', obj: { ...bindings, ...obj } });
  };
  return {
    debug: () => {},
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => keptLog(lines, { ...bindings, ...more }),
  };
}

describe('webhook deliveries refused for their signature', () => {
  let opened: OpenedGoalpost | null = null;
  let server: HttpServer | null = null;
  afterEach(async () => {
    await server?.close();
    opened?.close();
  });

  async function serve(path: string, handler: (lines: Line[]) => Parameters<HttpServer['mount']>[1]) {
    opened = openQuickStart(tempDir());
    const lines: Line[] = [];
    server = createHttpServer({ app: opened.app, logger: silentLogger });
    server.mount(path, handler(lines));
    return { lines, url: `${(await server.listen(0, '127.0.0.1')).url}${path}` };
  }

  it('logs a GitHub delivery signed with another secret at warn, once for a burst, naming neither secret nor signature', async () => {
    const { lines, url } = await serve('/github/webhook', (kept) => {
      if (opened) connectRepo(opened.app, 'acme/edu-apps');
      return createGitHubWebhookHandler({ app: opened?.app as never, secret: SECRET, logger: keptLog(kept) });
    });
    const signatures: string[] = [];
    for (let i = 0; i < 3; i++) {
      const payload = issuesPayload('opened', {
        repo: 'acme/edu-apps',
        issue: { number: 5 + i, title: 'Dark mode' },
      });
      const answer = await deliverGitHubEvent(url, { event: 'issues', payload, secret: THEIRS });
      expect(answer.status).toBe(401);
      signatures.push(answer.sent['X-Hub-Signature-256'] ?? 'none sent');
    }
    expect(lines).toEqual([
      {
        level: 'warn',
        msg: 'webhook delivery refused for its signature (at most one line a minute)',
        obj: expect.objectContaining({
          component: 'github-webhook',
          reason: 'X-Hub-Signature-256 does not match: the webhook secret and GITHUB_WEBHOOK_SECRET differ',
          from: expect.stringMatching(/127\.0\.0\.1$/),
        }),
      },
    ]);
    const logged = JSON.stringify(lines);
    for (const secret of [SECRET, THEIRS, ...signatures])
      expect(logged).not.toContain(secret.replace(/^sha256=/, ''));
  });

  it('logs a Stripe event signed with another secret at warn, once for a burst, naming neither secret nor signature', async () => {
    const { lines, url } = await serve('/stripe/webhook', (kept) =>
      createStripeWebhookHandler({
        app: opened?.app as never,
        secret: SECRET,
        apiBase: 'http://127.0.0.1:9',
        logger: keptLog(kept),
      }),
    );
    const event = { id: 'evt_1', object: 'event', type: 'invoice.paid', created: 1, data: { object: {} } };
    const signatures: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await deliverStripeEvent(url, { event, secret: THEIRS });
      expect(answer.status).toBe(401);
      signatures.push(answer.sent.headers['Stripe-Signature'] ?? '');
    }
    expect(lines).toEqual([
      {
        level: 'warn',
        msg: 'webhook delivery refused for its signature (at most one line a minute)',
        obj: expect.objectContaining({
          component: 'stripe-webhook',
          reason: expect.stringMatching(/^Stripe-Signature does not verify \(No signatures found matching/),
          from: expect.stringMatching(/127\.0\.0\.1$/),
        }),
      },
    ]);
    const logged = JSON.stringify(lines);
    for (const secret of [SECRET, THEIRS]) expect(logged).not.toContain(secret);
    for (const signature of signatures) {
      for (const part of signature.split(',')) expect(logged).not.toContain(part.replace(/^v1=/, ''));
    }
  });
});

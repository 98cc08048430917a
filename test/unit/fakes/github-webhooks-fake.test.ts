import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, type EmitterWebhookEvent, Webhooks } from '@octokit/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliverGitHubEvent,
  issuesPayload,
  labelPayload,
  pingPayload,
  pullRequestPayload,
  signGitHubBody,
} from '../../fakes/github-webhooks.js';

const SECRET = "It's a Secret to Everybody";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

/** A receiver built on @octokit/webhooks' own middleware: what it accepts, GitHub's senders pass. */
async function receiver() {
  const webhooks = new Webhooks({ secret: SECRET });
  const received: EmitterWebhookEvent[] = [];
  webhooks.onAny((event) => void received.push(event));
  server = createServer(createNodeMiddleware(webhooks, { path: '/github/webhook', log: quiet }));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/github/webhook`, received };
}

describe('fake GitHub webhook deliveries', () => {
  it('signs as GitHub signs: @octokit/webhooks verifies the signature with the secret and no other', async () => {
    // GitHub's documented example: this secret and body sign to this value.
    expect(signGitHubBody(SECRET, 'Hello, World!')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
    const body = JSON.stringify(pingPayload({ repo: 'acme/shop' }));
    const webhooks = new Webhooks({ secret: SECRET });
    expect(await webhooks.verify(body, signGitHubBody(SECRET, body))).toBe(true);
    expect(await webhooks.verify(body, signGitHubBody('another secret', body))).toBe(false);
  });

  it('delivers with the headers GitHub sends, and a receiver on @octokit/webhooks takes the event', async () => {
    const { url, received } = await receiver();
    const payload = issuesPayload('labeled', {
      repo: 'acme/shop',
      issue: { number: 12, title: 'Checkout crashes', labels: ['bug'] },
      label: 'bug',
      sender: 'ana',
      installationId: 42,
    });
    const result = await deliverGitHubEvent(url, { event: 'issues', payload, secret: SECRET });
    expect(result.status).toBe(200);
    expect(result.sent).toMatchObject({
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'issues',
      'X-GitHub-Hook-ID': '1',
      'X-GitHub-Hook-Installation-Target-Type': 'repository',
    });
    expect(result.sent['User-Agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(result.deliveryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(result.sent['X-Hub-Signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      id: result.deliveryId,
      name: 'issues',
      payload: {
        action: 'labeled',
        label: { name: 'bug' },
        issue: { number: 12, html_url: 'https://github.com/acme/shop/issues/12', labels: [{ name: 'bug' }] },
        repository: {
          full_name: 'acme/shop',
          name: 'shop',
          owner: { login: 'acme' },
          html_url: 'https://github.com/acme/shop',
        },
        sender: { login: 'ana' },
        installation: { id: 42 },
      },
    });
  });

  it('is refused by that receiver when the signature is wrong, missing, or the body was changed', async () => {
    const { url, received } = await receiver();
    const payload = pingPayload({ repo: 'acme/shop' });
    const wrong = await deliverGitHubEvent(url, { event: 'ping', payload, secret: 'guess' });
    const missing = await deliverGitHubEvent(url, {
      event: 'ping',
      payload,
      secret: SECRET,
      signature: null,
    });
    const body = JSON.stringify(payload);
    const tampered = await deliverGitHubEvent(url, {
      event: 'ping',
      payload,
      rawBody: body.replace('acme/shop', 'acme/vault'),
      signature: signGitHubBody(SECRET, body),
    });
    expect([wrong.status, missing.status, tampered.status]).toEqual([400, 400, 400]);
    expect(received).toHaveLength(0);
    const form = await deliverGitHubEvent(url, {
      event: 'ping',
      payload,
      secret: SECRET,
      contentType: 'form',
    });
    expect(form.status).toBe(415);
  });

  it('builds label payloads, signed as GitHub signs them: a rename names the former name', async () => {
    const { url, received } = await receiver();
    const payload = labelPayload('edited', { repo: 'acme/shop', label: 'bug', changes: { name: 'Bug 🐛' } });
    const result = await deliverGitHubEvent(url, { event: 'label', payload, secret: SECRET });
    expect(result.status).toBe(200);
    expect(result.sent['X-Hub-Signature-256']).toBe(signGitHubBody(SECRET, JSON.stringify(payload)));
    expect(received[0]).toMatchObject({
      name: 'label',
      payload: { action: 'edited', label: { name: 'bug' }, changes: { name: { from: 'Bug 🐛' } } },
    });
    const deleted = labelPayload('deleted', { repo: 'acme/shop', label: 'wontfix' });
    expect(deleted).toMatchObject({ action: 'deleted', label: { name: 'wontfix' }, changes: undefined });
  });

  it('builds pull_request payloads: merged with who and when, or closed unmerged', async () => {
    const { url, received } = await receiver();
    const pull = { number: 45, title: 'Stripe checkout', body: 'Goalpost: T-12', user: 'bo' };
    const merged = pullRequestPayload('closed', {
      repo: 'acme/shop',
      pull: {
        ...pull,
        merged: true,
        mergedBy: 'ana',
        mergedAt: '2026-01-06T15:30:00Z',
        head: 't-12-checkout',
      },
    });
    const unmerged = pullRequestPayload('closed', { repo: 'acme/shop', pull });
    for (const payload of [merged, unmerged, pullRequestPayload('opened', { repo: 'acme/shop', pull })])
      expect((await deliverGitHubEvent(url, { event: 'pull_request', payload, secret: SECRET })).status).toBe(
        200,
      );
    expect(received.map((e) => e.name)).toEqual(['pull_request', 'pull_request', 'pull_request']);
    expect(received[0]?.payload).toMatchObject({
      action: 'closed',
      number: 45,
      pull_request: {
        merged: true,
        merged_at: '2026-01-06T15:30:00Z',
        merged_by: { login: 'ana' },
        body: 'Goalpost: T-12',
        html_url: 'https://github.com/acme/shop/pull/45',
        head: { ref: 't-12-checkout' },
        base: { ref: 'main', repo: { full_name: 'acme/shop' } },
        user: { login: 'bo' },
      },
    });
    expect(received[1]?.payload).toMatchObject({
      action: 'closed',
      pull_request: { merged: false, merged_at: null, merged_by: null, state: 'closed' },
    });
    expect(received[2]?.payload).toMatchObject({
      action: 'opened',
      pull_request: { state: 'open', closed_at: null },
    });
  });

  it('builds issues payloads for each action GitHub sends', () => {
    const issue = { number: 3, title: 'Pricing page' };
    const on = (action: Parameters<typeof issuesPayload>[0], extra = {}) =>
      issuesPayload(action, { repo: 'acme/shop', issue, ...extra });
    expect(on('closed').issue).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      closed_at: '2026-01-05T09:00:00Z',
    });
    expect(on('reopened').issue).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    expect(on('edited', { changes: { title: 'Pricing' } }).changes).toEqual({ title: { from: 'Pricing' } });
    expect(on('unlabeled', { label: 'P2' }).label).toMatchObject({ name: 'P2' });
    expect(JSON.parse(JSON.stringify(on('opened')))).not.toHaveProperty('installation');
  });
});

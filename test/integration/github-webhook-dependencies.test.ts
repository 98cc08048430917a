import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/create-http-server.js';
import type { Goalpost, OpenedGoalpost } from '../../src/index.js';
import {
  type DependencyAction,
  deliverGitHubEvent,
  issueDependenciesPayload,
  issuesPayload,
  type WebhookDependencyIssue,
} from '../fakes/github-webhooks.js';
import { connectRepo, serveGitHubWebhook } from '../helpers/github-webhook-server.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = 'acme/edu-apps';
const OTHER = 'acme/design-system';
const SECRET = 'whsec-for-tests-0123456789';

describe('POST /github/webhook with issue_dependencies', () => {
  const tempDir = useTempDir();
  let opened: OpenedGoalpost;
  let app: Goalpost;
  let server: HttpServer;
  let url: string;

  beforeEach(async () => {
    opened = openQuickStart(tempDir());
    app = opened.app;
    connectRepo(app, REPO);
    ({ server, url } = await serveGitHubWebhook(app, SECRET));
    for (const [number, title] of [
      [1, 'Parent dashboard'],
      [2, 'Design spike'],
    ] as const) {
      const payload = issuesPayload('opened', {
        repo: REPO,
        issue: { number, title, updatedAt: '2026-11-21T08:00:00Z' },
      });
      await deliverGitHubEvent(url, { event: 'issues', payload, secret: SECRET });
    }
  });
  afterEach(async () => {
    await server.close();
    opened.close();
  });

  const dashboard: WebhookDependencyIssue = { number: 1, title: 'Parent dashboard' };
  const spike: WebhookDependencyIssue = { number: 2, title: 'Design spike' };
  const deliver = (action: DependencyAction, blocking = spike, deliveryId?: string) =>
    deliverGitHubEvent(url, {
      event: 'issue_dependencies',
      payload: issueDependenciesPayload(action, { repo: REPO, blocked: dashboard, blocking }),
      secret: SECRET,
      ...(deliveryId ? { deliveryId } : {}),
    });
  const dashboardWaits = () => {
    const titles = new Map(app.projects.features(OPERATOR).map((f) => [f.id, f.title]));
    const id = app.projects.features(OPERATOR).find((f) => f.title === 'Parent dashboard')?.id ?? 0;
    return (app.projects.prerequisites(OPERATOR).get(id) ?? []).map((a) => titles.get(a));
  };

  it('adds the wait at once and takes it off again; a redelivery changes nothing', async () => {
    const added = await deliver('blocked_by_added');
    expect(added.status).toBe(200);
    expect(JSON.parse(added.body).applied[0]).toMatchObject({ backlog: { waitsAdded: 1 } });
    expect(dashboardWaits()).toEqual(['Design spike']);
    // The same change told to the blocker's side: nothing new.
    expect(JSON.parse((await deliver('blocking_added')).body).applied[0]).toMatchObject({
      backlog: { waitsAdded: 0 },
    });
    const removed = await deliver('blocked_by_removed');
    expect(JSON.parse(removed.body).applied[0]).toMatchObject({ backlog: { waitsRemoved: 1 } });
    expect(dashboardWaits()).toEqual([]);
    // Redelivered, the first one does not come back.
    const again = await deliver('blocked_by_added', spike, added.deliveryId);
    expect(JSON.parse(again.body).applied[0]).toMatchObject({ duplicate: true });
    expect(dashboardWaits()).toEqual([]);
  });

  it('never takes off a wait the team typed', async () => {
    const ids = new Map(app.projects.features(OPERATOR).map((f) => [f.title, f.id]));
    app.items.setAfter(OPERATOR, ids.get('Parent dashboard'), ids.get('Design spike'));
    await deliver('blocked_by_added');
    await deliver('blocking_removed');
    expect(dashboardWaits()).toEqual(['Design spike']);
  });

  it('answers a blocker in another repository as handled, changing nothing', async () => {
    const elsewhere = { ...spike, repo: OTHER };
    const r = await deliver('blocked_by_added', elsewhere);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).applied[0]).toEqual({ workspace: OPERATOR.workspaceId, duplicate: false });
    expect(dashboardWaits()).toEqual([]);
  });

  it('refuses a delivery without its issues, writing nothing', async () => {
    const payload = {
      ...issueDependenciesPayload('blocked_by_added', { repo: REPO, blocked: dashboard, blocking: spike }),
    };
    const { blocking_issue: _, ...without } = payload;
    const r = await deliverGitHubEvent(url, {
      event: 'issue_dependencies',
      payload: without,
      secret: SECRET,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'E_VALIDATION', field: 'blocking_issue' });
    expect(dashboardWaits()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/create-http-server.js';
import type { Goalpost, OpenedGoalpost } from '../../src/index.js';
import {
  deliverGitHubEvent,
  issuesPayload,
  type MilestoneAction,
  milestonePayload,
  type WebhookMilestoneInput,
} from '../fakes/github-webhooks.js';
import { connectRepo, serveGitHubWebhook } from '../helpers/github-webhook-server.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = 'acme/edu-apps';
const SECRET = 'whsec-for-tests-0123456789';
const SPRING: WebhookMilestoneInput = { number: 4, title: 'Spring', dueOn: '2027-03-01T08:00:00Z' };

// A milestone renamed, re-dated or deleted on GitHub changes none of its issues: GitHub sends a
// `milestone` delivery, and the issues in it follow at once, as the next sync would have them.
describe('POST /github/webhook with milestone', () => {
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
    const payload = issuesPayload('opened', {
      repo: REPO,
      issue: { number: 7, title: 'Grades export drops accents', labels: ['bug', 'P1'], milestone: SPRING },
    });
    await deliverGitHubEvent(url, { event: 'issues', payload, secret: SECRET });
  });
  afterEach(async () => {
    await server.close();
    opened.close();
  });

  const deliver = (
    action: MilestoneAction,
    milestone: WebhookMilestoneInput,
    changes?: { title?: string; dueOn?: string | null },
    deliveryId?: string,
  ) =>
    deliverGitHubEvent(url, {
      event: 'milestone',
      payload: milestonePayload(action, { repo: REPO, milestone, ...(changes ? { changes } : {}) }),
      secret: SECRET,
      ...(deliveryId ? { deliveryId } : {}),
    });
  const milestone = () =>
    app.projects.bugs(OPERATOR).find((b) => b.title === 'Grades export drops accents')?.source?.milestone ??
    null;

  it('brings the issues of a milestone re-dated on GitHub to its new date, once per delivery', async () => {
    const moved = { ...SPRING, dueOn: '2026-11-24T08:00:00Z' };
    const r = await deliver('edited', moved, { dueOn: SPRING.dueOn }, 'delivery-1');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      applied: [{ duplicate: false, backlog: { rescheduled: 1 } }],
    });
    expect(milestone()).toEqual({ title: 'Spring', dueOn: '2026-11-24T08:00:00Z' });
    // The plan presses it from now on.
    const plan = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 20 });
    const card = plan.tasks.find((t) => t.title.includes('Grades export'))?.reasoning ?? [];
    expect(card).toContainEqual(
      expect.stringMatching(/^Urgency ×[\d.]+: milestone 'Spring' is due 2026-11-24, in 3 days/),
    );
    const again = await deliver('edited', moved, { dueOn: SPRING.dueOn }, 'delivery-1');
    expect(JSON.parse(again.body)).toMatchObject({ applied: [{ duplicate: true }] });
  });

  it('follows a rename, and takes a deleted milestone off its issues', async () => {
    await deliver('edited', { ...SPRING, title: 'Spring term' }, { title: 'Spring' });
    expect(milestone()).toEqual({ title: 'Spring term', dueOn: '2027-03-01T08:00:00Z' });
    const r = await deliver('deleted', { ...SPRING, title: 'Spring term' });
    expect(JSON.parse(r.body)).toMatchObject({ applied: [{ backlog: { rescheduled: 1 } }] });
    expect(milestone()).toBeNull();
  });

  it('leaves the issues of another milestone, and one closed, as they are', async () => {
    await deliver('edited', { number: 5, title: 'Summer', dueOn: '2026-11-25T08:00:00Z' }, { dueOn: null });
    expect(milestone()).toEqual({ title: 'Spring', dueOn: '2027-03-01T08:00:00Z' });
    // A closed milestone keeps its issues and its date.
    const r = await deliver('closed', { ...SPRING, state: 'closed' });
    expect(JSON.parse(r.body)).toMatchObject({ applied: [{ backlog: { rescheduled: 0 } }] });
    expect(milestone()).toEqual({ title: 'Spring', dueOn: '2027-03-01T08:00:00Z' });
  });

  it('refuses a milestone delivery without the milestone’s number, writing nothing', async () => {
    const payload = milestonePayload('edited', { repo: REPO, milestone: { ...SPRING, dueOn: '2026-11-24' } });
    const { number: _, ...unnumbered } = payload.milestone;
    const r = await deliverGitHubEvent(url, {
      event: 'milestone',
      payload: { ...payload, milestone: unnumbered },
      secret: SECRET,
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'E_VALIDATION', field: 'milestone.number' });
    expect(milestone()).toEqual({ title: 'Spring', dueOn: '2027-03-01T08:00:00Z' });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../adapters/http/create-http-server.js';
import { type Goalpost, isOneCleanLine, type OpenedGoalpost } from '../../src/index.js';
import { describeEvent } from '../../src/watch/chat-watch.js';
import {
  deliverGitHubEvent,
  issuesPayload,
  pingPayload,
  pullRequestPayload,
} from '../fakes/github-webhooks.js';
import { connectRepo, serveGitHubWebhook } from '../helpers/github-webhook-server.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SECRET = 'whsec-for-tests-0123456789';
const REPO = 'acme/edu-apps';

/** A refused delivery's error, in the API's shape: `{"error": {"code", "message", "field"?}}`. */
const errorOf = (answer: { body: string }) =>
  (JSON.parse(answer.body) as { error: { code: string; message: string; field?: string } }).error;

describe('POST /github/webhook', () => {
  const tempDir = useTempDir();
  let opened: OpenedGoalpost;
  let app: Goalpost;
  let server: HttpServer;
  let url: string;

  beforeEach(async () => {
    opened = openQuickStart(tempDir());
    app = opened.app;
    connectRepo(app, REPO);
    app.assignees.add(OPERATOR, { name: 'ana', github: 'ana-codes' });
    ({ server, url } = await serveGitHubWebhook(app, SECRET));
  });
  afterEach(async () => {
    await server.close();
    opened.close();
  });

  const backlog = () => ({ features: app.projects.features(OPERATOR), bugs: app.projects.bugs(OPERATOR) });
  const opening = (number: number, title: string, labels: string[] = []) =>
    issuesPayload('opened', {
      repo: REPO,
      issue: { number, title, labels, updatedAt: '2026-11-21T08:00:00Z' },
    });

  it('refuses a delivery without the right signature, writing nothing', async () => {
    const before = backlog();
    const unsigned = await deliverGitHubEvent(url, { event: 'issues', payload: opening(5, 'Dark mode') });
    expect(unsigned.status).toBe(401);
    expect(errorOf(unsigned)).toEqual({
      code: 'E_UNAUTHORIZED',
      message: 'missing X-Hub-Signature-256: give the webhook a secret, the same as GITHUB_WEBHOOK_SECRET',
    });
    const wrong = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(5, 'Dark mode'),
      secret: 'another-secret-entirely',
    });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe('E_UNAUTHORIZED');
    expect(errorOf(wrong).message).toContain('does not match');
    const tampered = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(5, 'Dark mode'),
      secret: SECRET,
      signature: `sha256=${'0'.repeat(64)}`,
    });
    expect(tampered.status).toBe(401);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toEqual({
      error: { code: 'E_METHOD_NOT_ALLOWED', message: 'GitHub delivers with POST' },
    });
    expect(backlog()).toEqual(before);
  });

  it('adds an opened issue to the backlog at once, and a redelivery changes nothing', async () => {
    const first = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(5, 'Dark mode'),
      secret: SECRET,
    });
    expect(first.status).toBe(200);
    expect(app.projects.features(OPERATOR).filter((f) => f.title === 'Dark mode')).toHaveLength(1);
    const again = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(5, 'Dark mode'),
      secret: SECRET,
      deliveryId: first.deliveryId,
    });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body).applied[0]).toMatchObject({ duplicate: true });
    expect(app.projects.features(OPERATOR).filter((f) => f.title === 'Dark mode')).toHaveLength(1);
  });

  it('closes an item when its issue is closed', async () => {
    await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(6, 'Crash on login', ['bug', 'P0']),
      secret: SECRET,
    });
    const closed = issuesPayload('closed', {
      repo: REPO,
      issue: {
        number: 6,
        title: 'Crash on login',
        labels: ['bug', 'P0'],
        stateReason: 'completed',
        updatedAt: '2026-11-21T08:30:00Z',
      },
    });
    expect((await deliverGitHubEvent(url, { event: 'issues', payload: closed, secret: SECRET })).status).toBe(
      200,
    );
    expect(app.projects.bugs(OPERATOR).find((b) => b.title === 'Crash on login')).toMatchObject({
      status: 'fixed',
      severity: 'critical',
    });
  });

  it('takes a deleted issue out of the backlog: a feature goes, a bug stays as won’t fix', async () => {
    for (const payload of [opening(5, 'Dark mode'), opening(6, 'Crash on login', ['bug', 'P1'])])
      await deliverGitHubEvent(url, { event: 'issues', payload, secret: SECRET });
    for (const [number, title, labels] of [
      [5, 'Dark mode', []],
      [6, 'Crash on login', ['bug', 'P1']],
    ] as const) {
      const deleted = issuesPayload('deleted', {
        repo: REPO,
        issue: { number, title, labels: [...labels], updatedAt: '2026-11-21T08:00:00Z' },
      });
      expect(
        (await deliverGitHubEvent(url, { event: 'issues', payload: deleted, secret: SECRET })).status,
      ).toBe(200);
    }
    expect(app.projects.features(OPERATOR).map((f) => f.title)).not.toContain('Dark mode');
    expect(app.projects.bugs(OPERATOR).find((b) => b.title === 'Crash on login')).toMatchObject({
      status: 'wontfix',
      severity: 'high',
    });
  });

  it('keeps an item whose issue is transferred to another repository of its project, with its link moved', async () => {
    connectRepo(app, 'acme/edu-api');
    await deliverGitHubEvent(url, { event: 'issues', payload: opening(7, 'Offline mode'), secret: SECRET });
    const before = app.projects.features(OPERATOR).find((f) => f.title === 'Offline mode');
    const transferred = {
      ...issuesPayload('deleted', {
        repo: REPO,
        issue: { number: 7, title: 'Offline mode', updatedAt: '2026-11-21T08:00:00Z' },
      }),
      action: 'transferred',
      changes: {
        new_issue: { number: 3, html_url: 'https://github.com/acme/edu-api/issues/3' },
        new_repository: { full_name: 'acme/edu-api' },
      },
    };
    expect(
      (await deliverGitHubEvent(url, { event: 'issues', payload: transferred, secret: SECRET })).status,
    ).toBe(200);
    const after = app.projects.features(OPERATOR).filter((f) => f.title === 'Offline mode');
    expect(after.map((f) => f.id)).toEqual([before?.id]);
    expect(after[0]?.source?.ref).toBe('acme/edu-api#3');
  });

  // A review's signed deliveries titled "bad\u001bescape" and "multi\nline title" were stored as
  // they came, and `project show` printed the title across two lines, breaking its table.
  it('keeps an issue whose title holds line breaks or control characters, as one clean line', async () => {
    for (const [n, title] of [
      [11, 'multi\nline title'],
      [12, 'bad\u001bescape\tcode'],
      // U+202E would show the rest reversed in chat: taken out, as a person typing it is refused.
      [13, 'Invoice \u202efdp.exe'],
    ] as const) {
      const answer = await deliverGitHubEvent(url, {
        event: 'issues',
        payload: opening(n, title),
        secret: SECRET,
      });
      expect(answer.status).toBe(200);
    }
    const titles = app.projects.features(OPERATOR).map((f) => f.title);
    expect(titles).toEqual(
      expect.arrayContaining(['multi line title', 'bad escape code', 'Invoice fdp.exe']),
    );
    for (const t of titles) expect(isOneCleanLine(t)).toBe(true);
  });

  it('asks for JSON when the webhook sends a form', async () => {
    const form = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(5, 'Dark mode'),
      secret: SECRET,
      contentType: 'form',
    });
    expect(form.status).toBe(400);
    expect(errorOf(form)).toMatchObject({ code: 'E_VALIDATION', field: 'body' });
    expect(errorOf(form).message).toContain('content type to application/json');
  });

  it('refuses a signed delivery it cannot read with 400 naming the field, writing nothing', async () => {
    const before = backlog();
    const good = opening(9, 'Offline mode') as { issue: Record<string, unknown> };
    const cases: Array<[string, string, string]> = [
      ['null', 'null', 'not a GitHub issues delivery'],
      ['an array', '[]', 'not a GitHub issues delivery'],
      ['no issue', JSON.stringify({ ...good, issue: undefined }), 'issue'],
      ['an issue that is text', JSON.stringify({ ...good, issue: 'x' }), 'issue'],
      ['no title', JSON.stringify({ ...good, issue: { ...good.issue, title: undefined } }), 'issue.title'],
      ['a null title', JSON.stringify({ ...good, issue: { ...good.issue, title: null } }), 'issue.title'],
      ['number -1', JSON.stringify({ ...good, issue: { ...good.issue, number: -1 } }), 'issue.number'],
      [
        'a bad time',
        JSON.stringify({ ...good, issue: { ...good.issue, updated_at: 'soon' } }),
        'issue.updated_at',
      ],
    ];
    for (const [what, rawBody, names] of cases) {
      const answer = await deliverGitHubEvent(url, {
        event: 'issues',
        payload: good,
        rawBody,
        secret: SECRET,
      });
      expect({ what, status: answer.status }).toEqual({ what, status: 400 });
      const error = errorOf(answer);
      expect(error.code, what).toBe('E_VALIDATION');
      expect(error.message, what).toContain(names);
      expect(error.message, what).toContain('nothing was written');
      // The field the message names; a body that is no object at all names none.
      expect(error.field, what).toBe(names.startsWith('not a') ? undefined : names);
    }
    const pull = pullRequestPayload('closed', {
      repo: REPO,
      pull: { number: 3, title: 'Fix', merged: true },
    }) as { pull_request: Record<string, unknown> };
    const noPull = await deliverGitHubEvent(url, {
      event: 'pull_request',
      payload: pull,
      rawBody: JSON.stringify({ ...pull, pull_request: { ...pull.pull_request, number: 'three' } }),
      secret: SECRET,
    });
    expect(noPull.status).toBe(400);
    expect(errorOf(noPull)).toMatchObject({ code: 'E_VALIDATION', field: 'pull_request.number' });
    const empty = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: good,
      rawBody: '',
      secret: SECRET,
    });
    expect(empty.status).toBe(400);
    expect(errorOf(empty)).toEqual({
      code: 'E_VALIDATION',
      message: 'the delivery has no body: GitHub sends the event as JSON',
      field: 'body',
    });
    expect(backlog()).toEqual(before);
  });

  it('answers a ping, and names a repository that is not connected, writing nothing', async () => {
    const ping = await deliverGitHubEvent(url, {
      event: 'ping',
      payload: pingPayload({ repo: REPO }),
      secret: SECRET,
    });
    expect(ping.status).toBe(200);
    const before = backlog();
    const stranger = await deliverGitHubEvent(url, {
      event: 'issues',
      payload: issuesPayload('opened', { repo: 'acme/other', issue: { number: 1, title: 'Hi' } }),
      secret: SECRET,
    });
    expect(stranger.status).toBe(404);
    expect(errorOf(stranger).code).toBe('E_NOT_FOUND');
    expect(errorOf(stranger).message).toContain('acme/other is not connected to any project');
    expect(backlog()).toEqual(before);
  });

  it('records a task done when a merged pull request names it, with the PR as evidence', async () => {
    const batch = app.engine.generate(OPERATOR, { maxTasks: 3 });
    const task = batch.tasks[0];
    app.decisions.decide(OPERATOR, { ref: task?.ref, action: 'approve' });
    const merged = pullRequestPayload('closed', {
      repo: REPO,
      sender: 'lead',
      pull: {
        number: 45,
        title: `Fix the checkout (Goalpost: ${task?.ref})`,
        user: 'ana-codes',
        merged: true,
        mergedBy: 'lead',
        createdAt: '2026-11-21T09:00:00Z',
        mergedAt: '2026-11-21T11:30:00Z',
      },
    });
    const r = await deliverGitHubEvent(url, { event: 'pull_request', payload: merged, secret: SECRET });
    expect(r.status).toBe(200);
    const shown = app.tasks.show(OPERATOR, task?.ref);
    expect(shown.task.status).toBe('done');
    const done = shown.events.at(-1);
    expect(done).toMatchObject({
      type: 'done',
      actor: 'github:lead',
      source: 'api',
      note: `PR #45 merged by @lead: https://github.com/${REPO}/pull/45`,
    });
    expect(done?.data).toMatchObject({
      assignee: 'ana',
      minutes: 150,
      pr: expect.objectContaining({ number: 45 }),
    });
    // Learning counts it: ana's outcome is in the statistics.
    const stats = opened.store.learning.stats(OPERATOR.workspaceId, task?.category ?? 'bugfix');
    expect(stats.map((s) => s.assignee)).toContain('ana');
  });

  it('counts a task a pull request names only on the connected project, when two workspaces connect the repository', async () => {
    const other = app.context({ workspaceId: 'other', actor: 'cli:ops', source: 'cli', role: 'admin' });
    app.demo.load(other);
    app.github.connect(other, app.github.planConnect(other, { repo: REPO, project: 'Architect Dashboard' }), {
      fullName: REPO,
      htmlUrl: `https://github.com/${REPO}`,
    });
    const mine = app.engine.generate(OPERATOR, { maxTasks: 3 }).tasks[0];
    const theirs = app.engine.generate(other, { maxTasks: 3 }).tasks.find((t) => t.ref === mine?.ref);
    expect(mine?.projectName).toBe('Basic EDU Apps');
    expect(theirs?.projectName).not.toBe('Architect Dashboard');
    app.decisions.decide(OPERATOR, { ref: mine?.ref, action: 'approve' });
    app.decisions.decide(other, { ref: theirs?.ref, action: 'approve' });
    const merged = pullRequestPayload('closed', {
      repo: REPO,
      pull: { number: 47, title: `Fix it (${mine?.ref})`, merged: true, mergedAt: '2026-11-21T11:30:00Z' },
    });
    expect(
      (await deliverGitHubEvent(url, { event: 'pull_request', payload: merged, secret: SECRET })).status,
    ).toBe(200);
    expect(app.tasks.show(OPERATOR, mine?.ref).task.status).toBe('done');
    expect(app.tasks.show(other, theirs?.ref).task.status).toBe('approved');
  });

  it('notes a pull request closed without merging, and does not fail the task', async () => {
    const task = app.engine.generate(OPERATOR, { maxTasks: 1 }).tasks[0];
    app.decisions.decide(OPERATOR, { ref: task?.ref, action: 'approve' });
    const closed = pullRequestPayload('closed', {
      repo: REPO,
      pull: { number: 46, title: `Try ${task?.ref}`, merged: false },
    });
    expect(
      (await deliverGitHubEvent(url, { event: 'pull_request', payload: closed, secret: SECRET })).status,
    ).toBe(200);
    const shown = app.tasks.show(OPERATOR, task?.ref);
    expect(shown.task.status).toBe('approved');
    expect(shown.events.at(-1)).toMatchObject({
      type: 'pr_closed',
      note: expect.stringContaining('closed without merging'),
    });
  });

  it("keeps a rejection's lesson in the weekly report when a pull request naming the task closes unmerged", async () => {
    const task = app.engine.generate(OPERATOR, { maxTasks: 1 }).tasks[0];
    app.decisions.decide(OPERATOR, {
      ref: task?.ref,
      action: 'reject',
      note: 'customers never asked for it',
    });
    const lessons = () => app.report.build(OPERATOR).lessons.map((l) => l.text);
    expect(lessons()).toContain('customers never asked for it');
    const closed = pullRequestPayload('closed', {
      repo: REPO,
      pull: { number: 47, title: `Try ${task?.ref}`, merged: false },
    });
    await deliverGitHubEvent(url, { event: 'pull_request', payload: closed, secret: SECRET });
    const shown = app.tasks.show(OPERATOR, task?.ref);
    expect(shown.task.status).toBe('rejected');
    expect(shown.events.at(-1)?.type).toBe('pr_closed');
    // Noted on a rejected task, it took nothing back: the rejection and its lesson stand.
    expect(lessons()).toContain('customers never asked for it');
  });

  it('records done the task made from an issue the merged pull request closes, and says so in chat', async () => {
    await deliverGitHubEvent(url, {
      event: 'issues',
      payload: opening(12, 'Payment page times out', ['bug', 'critical']),
      secret: SECRET,
    });
    const task = app.engine
      .generate(OPERATOR, { maxTasks: 5 })
      .tasks.find((t) => t.title === "Fix 'Payment page times out' in Basic EDU Apps");
    expect(task).toBeDefined();
    app.decisions.decide(OPERATOR, { ref: task?.ref, action: 'approve' });
    app.decisions.decide({ ...OPERATOR, actor: 'cli:ana' }, { ref: task?.ref, action: 'start' });
    const merged = pullRequestPayload('closed', {
      repo: REPO,
      pull: {
        number: 47,
        title: 'Time out the payment page less',
        body: 'Closes #12',
        user: 'ana-codes',
        merged: true,
        mergedBy: 'ana-codes',
        mergedAt: '2026-11-21T10:00:00Z',
      },
    });
    await deliverGitHubEvent(url, { event: 'pull_request', payload: merged, secret: SECRET });
    const shown = app.tasks.show(OPERATOR, task?.ref);
    expect(shown.task.status).toBe('done');
    const last = shown.events.at(-1);
    if (last === undefined) throw new Error('no event');
    const line = describeEvent({
      ...last,
      workspaceId: OPERATOR.workspaceId,
      ref: task?.ref ?? '',
      title: task?.title ?? '',
    });
    expect(line).toBe(
      `🏁 ${task?.ref} done: PR #47 merged by @ana-codes in 1 h — ${task?.title} (https://github.com/${REPO}/pull/47)`,
    );
  });
});

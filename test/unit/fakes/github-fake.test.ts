import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../../fakes/github-api.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const TOKENS: FakeGitHubOptions['tokens'] = {
  'ghp-reader': { repos: ['acme/shop', 'acme/vault'] },
  'ghp-writer': { repos: ['acme/shop'], write: true, login: 'ana' },
  'ghp-elsewhere': { repos: ['other/thing'] },
};

let fake: FakeGitHub | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** The fake with `acme/shop` (public) and `acme/vault` (private), and an Octokit per token. */
async function start(options: FakeGitHubOptions = {}) {
  fake = await startFakeGitHub({ tokens: TOKENS, ...options });
  fake.addRepo('acme/shop');
  fake.addRepo('acme/vault', { private: true });
  const as = (auth?: string) => new Octokit({ auth, baseUrl: fake?.url, log: quiet });
  return { fake, as, octokit: as('ghp-reader') };
}

/** What a call is refused with: status, and the body GitHub sends. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as { status: number; response?: { data: unknown; headers: Record<string, string> } };
    return { status: e.status, data: e.response?.data, headers: e.response?.headers ?? {} };
  }
  throw new Error('expected the call to be refused');
}

const shop = { owner: 'acme', repo: 'shop' };
const titles = (count: number, pullEvery = 0) =>
  Array.from({ length: count }, (_, i) => ({
    title: `Item ${i + 1}`,
    pullRequest: pullEvery > 0 && (i + 1) % pullEvery === 0,
  }));

describe('fake GitHub: listing issues', () => {
  it('pages issues and pull requests by cursor as GitHub does, and octokit.paginate gets each once', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(250, 5));
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...shop,
      state: 'all',
      per_page: 100,
    });
    expect(all.map((i) => i.number)).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
    expect(all.filter((i) => i.pull_request).length).toBe(50);
    const pages = fake.callsTo('GET', /\/issues$/);
    expect(pages.map((c) => c.path)).toEqual([
      '/repos/acme/shop/issues',
      `/repositories/${fake.repo('acme/shop').id}/issues`,
      `/repositories/${fake.repo('acme/shop').id}/issues`,
    ]);
    expect(pages[1]?.query).toMatchObject({ state: 'all', per_page: '100', after: expect.any(String) });

    const first = await octokit.rest.issues.listForRepo({ ...shop, state: 'all', per_page: 100 });
    expect(first.headers.link).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/repositories\/\d+\/issues\?state=all&per_page=100&after=[^>]+>; rel="next"$/,
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link ?? '')?.[1] ?? '';
    const second = await octokit.request(`GET ${next}`);
    expect(second.headers.link).toMatch(/rel="next", <[^>]+before=[^>]+>; rel="prev"$/);
    const prev = /<([^>]+)>; rel="prev"/.exec(second.headers.link ?? '')?.[1] ?? '';
    const back = await octokit.request(`GET ${prev}`);
    expect(back.data.map((i: { number: number }) => i.number)).toEqual(first.data.map((i) => i.number));
  });

  it('serves issues as GitHub shapes them: pull requests marked, labels, milestone, assignees, author', async () => {
    const { fake, octokit } = await start();
    const m = fake.addMilestone('acme/shop', { title: 'Launch', dueOn: '2026-02-01T08:00:00Z' });
    fake.addIssue('acme/shop', {
      title: 'Checkout crashes',
      labels: ['bug', 'P1'],
      assignees: ['ana'],
      milestone: m.number,
      user: 'bo',
    });
    fake.addIssue('acme/shop', { title: 'Fix checkout', pullRequest: { mergedAt: '2026-01-05T10:00:00Z' } });
    const { data } = await octokit.rest.issues.listForRepo(shop);
    const [pull, issue] = data;
    expect(pull).toMatchObject({
      number: 2,
      html_url: 'https://github.com/acme/shop/pull/2',
      pull_request: { html_url: 'https://github.com/acme/shop/pull/2', merged_at: '2026-01-05T10:00:00Z' },
    });
    expect(issue).toMatchObject({
      number: 1,
      title: 'Checkout crashes',
      state: 'open',
      state_reason: null,
      html_url: 'https://github.com/acme/shop/issues/1',
      user: { login: 'bo' },
      labels: [{ name: 'bug' }, { name: 'P1' }],
      assignees: [{ login: 'ana' }],
      milestone: {
        number: 1,
        title: 'Launch',
        state: 'open',
        due_on: '2026-02-01T08:00:00Z',
        open_issues: 1,
      },
      created_at: '2026-01-05T09:00:00Z',
    });
    expect(issue?.milestone?.html_url).toBe('https://github.com/acme/shop/milestone/1');
    expect(issue).not.toHaveProperty('pull_request');
  });

  it('lists only what changed since a time; a change moves updated_at to the clock, as on GitHub', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(5));
    fake.clock.advance(3600);
    fake.updateIssue('acme/shop', 2, { state: 'closed' });
    fake.clock.advance(60);
    fake.updateIssue('acme/shop', 4, { labels: ['bug'] });
    const since = '2026-01-05T10:00:00Z';
    const { data } = await octokit.rest.issues.listForRepo({
      ...shop,
      state: 'all',
      since,
      sort: 'updated',
      direction: 'asc',
    });
    expect(data.map((i) => [i.number, i.updated_at])).toEqual([
      [2, '2026-01-05T10:00:00Z'],
      [4, '2026-01-05T10:01:00Z'],
    ]);
    expect(data[0]).toMatchObject({
      state: 'closed',
      closed_at: '2026-01-05T10:00:00Z',
      state_reason: 'completed',
    });
    const labelled = await octokit.rest.issues.listForRepo({ ...shop, labels: 'BUG' });
    expect(labelled.data.map((i) => i.number)).toEqual([4]);
  });

  it('refuses what GitHub refuses: a since that is not ISO 8601, an unknown state, page past 1,000 rows', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(1050));
    const since = await refusal(octokit.rest.issues.listForRepo({ ...shop, since: 'yesterday' }));
    expect(since).toMatchObject({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'since', code: 'invalid', value: 'yesterday' }],
      },
    });
    const state = await refusal(octokit.rest.issues.listForRepo({ ...shop, state: 'OPEN' as 'open' }));
    expect(state).toMatchObject({ status: 422, data: { errors: [{ field: 'state', value: 'OPEN' }] } });
    const deep = await refusal(octokit.rest.issues.listForRepo({ ...shop, per_page: 100, page: 11 }));
    expect(deep.status).toBe(422);
    expect(String((deep.data as { message: string }).message)).toMatch(
      /use cursor based pagination \(after\/before\)/,
    );
    const ten = await octokit.rest.issues.listForRepo({ ...shop, per_page: 100, page: 10 });
    expect(ten.data[0]?.number).toBe(150);
    expect(ten.headers.link).toMatch(/page=11&after=.*rel="next", <.*page=9&before=.*rel="prev"$/);
  });

  it('serves per_page as GitHub does: 30 by default or for 0, at most 100', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(150));
    const sizes = [undefined, 0, 7, 500].map((per_page) =>
      octokit.rest.issues.listForRepo({ ...shop, per_page }),
    );
    expect((await Promise.all(sizes)).map((r) => r.data.length)).toEqual([30, 30, 7, 100]);
  });

  it('pages milestones by number, with prev, next, last and first', async () => {
    const { fake, octokit } = await start();
    for (const day of [5, 1, 3, 4, 2])
      fake.addMilestone('acme/shop', { title: `Day ${day}`, dueOn: `2026-03-0${day}T08:00:00Z` });
    fake.addMilestone('acme/shop', { title: 'Done', state: 'closed' });
    const page2 = await octokit.rest.issues.listMilestones({ ...shop, per_page: 2, page: 2 });
    expect(page2.data.map((m) => m.title)).toEqual(['Day 3', 'Day 4']);
    const base = `${fake.url}/repositories/${fake.repo('acme/shop').id}/milestones`;
    expect(page2.headers.link).toBe(
      [
        `<${base}?per_page=2&page=1>; rel="prev"`,
        `<${base}?per_page=2&page=3>; rel="next"`,
        `<${base}?per_page=2&page=3>; rel="last"`,
        `<${base}?per_page=2&page=1>; rel="first"`,
      ].join(', '),
    );
    const all = await octokit.paginate(octokit.rest.issues.listMilestones, {
      ...shop,
      state: 'all',
      per_page: 2,
    });
    expect(all.map((m) => m.title)).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5', 'Done']);
  });

  it('deletes a milestone as GitHub does: off its issues, their updated_at unmoved, its number never given again', async () => {
    const { fake, octokit } = await start();
    const first = fake.addMilestone('acme/shop', { title: 'Launch' });
    const second = fake.addMilestone('acme/shop', { title: 'Later' });
    const [issue] = fake.addIssues('acme/shop', [{ title: 'Checkout', milestone: second.number }]);
    const before = (await octokit.rest.issues.get({ ...shop, issue_number: issue?.number ?? 0 })).data;
    fake.clock.set('2026-03-01T08:00:00Z');
    fake.deleteMilestone('acme/shop', second.number);
    const after = (await octokit.rest.issues.get({ ...shop, issue_number: issue?.number ?? 0 })).data;
    expect(after.milestone).toBeNull();
    expect(after.updated_at).toBe(before.updated_at);
    expect(fake.addMilestone('acme/shop', { title: 'Again' }).number).toBe(3);
    const listed = await octokit.rest.issues.listMilestones({ ...shop, state: 'all' });
    expect(listed.data.map((m) => [m.number, m.title])).toEqual([
      [first.number, 'Launch'],
      [3, 'Again'],
    ]);
  });

  it('answers for a deleted issue 410 Gone and for a transferred one 301 to it, as GitHub documents', async () => {
    const { fake, octokit, as } = await start();
    fake.addRepo('acme/archive', { private: true });
    fake.addToken('ghp-both', { repos: ['acme/shop', 'acme/archive'] });
    fake.addIssues('acme/shop', [{ title: 'Checkout' }, { title: 'Gift cards', labels: ['enhancement'] }]);
    fake.deleteIssue('acme/shop', 1);
    const moved = fake.transferIssue('acme/shop', 2, 'acme/archive');
    const gone = await refusal(octokit.rest.issues.get({ ...shop, issue_number: 1 }));
    expect(gone).toMatchObject({ status: 410, data: { message: 'This issue was deleted' } });
    // Octokit follows the 301 to the issue where it is now.
    const there = (await as('ghp-both').rest.issues.get({ ...shop, issue_number: 2 })).data;
    expect(there).toMatchObject({
      number: moved.number,
      title: 'Gift cards',
      repository_url: expect.stringMatching(/\/repos\/acme\/archive$/),
    });
    expect(there.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['enhancement']);
    const redirect = fake.callsTo('GET', /^\/repos\/acme\/shop\/issues\/2$/).at(-1);
    expect(redirect?.status).toBe(301);
    // A token that may not read where it went is told 404, as for a deletion it may not see.
    expect((await refusal(octokit.rest.issues.get({ ...shop, issue_number: 2 }))).status).toBe(404);
    // Neither is listed any more, and a new issue never takes their numbers.
    const listed = await octokit.rest.issues.listForRepo({ ...shop, state: 'all' });
    expect(listed.data).toEqual([]);
    expect(fake.addIssue('acme/shop', { title: 'Next' }).number).toBe(3);
  });
});

describe('fake GitHub: conditional requests and access', () => {
  it('answers a matching If-None-Match with 304, uncounted, and a changed page with 200', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(3));
    const first = await octokit.rest.issues.listForRepo(shop);
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const remaining = first.headers['x-ratelimit-remaining'];
    const again = await refusal(
      octokit.rest.issues.listForRepo({ ...shop, headers: { 'if-none-match': etag } }),
    );
    expect(again).toMatchObject({ status: 304, data: '' });
    expect(again.headers['x-ratelimit-remaining']).toBe(remaining);
    expect(fake.calls.at(-1)).toMatchObject({ status: 304, headers: { 'if-none-match': etag } });
    fake.updateIssue('acme/shop', 1, { title: 'Renamed' });
    const changed = await octokit.rest.issues.listForRepo({ ...shop, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('refuses an unknown token with 401 Bad credentials, and an unknown API version with 400', async () => {
    const { as, octokit } = await start();
    const answer = await refusal(as('ghp-nobody').rest.repos.get(shop));
    expect(answer).toMatchObject({
      status: 401,
      data: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
    });
    expect(answer.headers).not.toHaveProperty('x-ratelimit-remaining');
    const version = await refusal(
      octokit.rest.repos.get({ ...shop, headers: { 'x-github-api-version': '1999-01-01' } }),
    );
    expect(version).toMatchObject({ status: 400, data: { message: 'Bad Request' } });
    expect(String((version.data as { errors: string }).errors)).toMatch(
      /"1999-01-01", is not a supported version/,
    );
  });

  it('hides a private repository from a token that may not read it, and finds names in any case', async () => {
    const { as, octokit } = await start();
    expect((await octokit.rest.repos.get({ owner: 'ACME', repo: 'Vault' })).data).toMatchObject({
      full_name: 'acme/vault',
      private: true,
      html_url: 'https://github.com/acme/vault',
      permissions: { pull: true, push: false },
    });
    for (const client of [as('ghp-elsewhere'), as()]) {
      expect(await refusal(client.rest.repos.get({ owner: 'acme', repo: 'vault' }))).toMatchObject({
        status: 404,
        data: { message: 'Not Found' },
      });
    }
    expect((await as().rest.repos.get(shop)).data.full_name).toBe('acme/shop');
    expect((await refusal(octokit.rest.repos.get({ owner: 'acme', repo: 'nothing' }))).status).toBe(404);
  });

  it('writes issues only with write permission: 403 without it, 401 without a token, nothing created', async () => {
    const { fake, as, octokit } = await start();
    const create = (client: Octokit) => client.rest.issues.create({ ...shop, title: 'Export' });
    expect(await refusal(create(octokit))).toMatchObject({
      status: 403,
      data: { message: 'Resource not accessible by personal access token' },
    });
    expect(await refusal(create(as()))).toMatchObject({
      status: 401,
      data: { message: 'Requires authentication' },
    });
    expect(fake.repo('acme/shop').issues.size).toBe(0);
    const created = await create(as('ghp-writer'));
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, title: 'Export', user: { login: 'ana' }, state: 'open' });
    expect(created.headers.location).toBe(`${fake.url}/repos/acme/shop/issues/1`);
  });

  it('refuses an issue without a title (422) in the shape GitHub uses for each case', async () => {
    const { fake, as } = await start();
    const writer = as('ghp-writer');
    const missing = await refusal(
      writer.request('POST /repos/acme/shop/issues', { data: { body: 'no title' } }),
    );
    expect(missing).toMatchObject({
      status: 422,
      data: { message: 'Invalid request.\n\n"title" wasn\'t supplied.' },
    });
    const blank = await refusal(writer.rest.issues.create({ ...shop, title: '  ' }));
    expect(blank).toMatchObject({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
      },
    });
    const milestone = await refusal(writer.rest.issues.create({ ...shop, title: 'T', milestone: 9 }));
    expect(milestone).toMatchObject({
      status: 422,
      data: { errors: [{ field: 'milestone', code: 'invalid' }] },
    });
    expect(fake.repo('acme/shop').issues.size).toBe(0);
  });

  it('closes and reopens an issue as GitHub does, stamping the clock', async () => {
    const { fake, as } = await start();
    fake.addIssue('acme/shop', { title: 'Bug' });
    fake.clock.set('2026-01-06T12:00:00Z');
    const writer = as('ghp-writer');
    const closed = await writer.rest.issues.update({
      ...shop,
      issue_number: 1,
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed.data).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2026-01-06T12:00:00Z',
      updated_at: '2026-01-06T12:00:00Z',
      closed_by: { login: 'ana' },
    });
    fake.clock.advance(30);
    const reopened = await writer.rest.issues.update({
      ...shop,
      issue_number: 1,
      state: 'open',
      labels: ['bug'],
    });
    expect(reopened.data).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      labels: [{ name: 'bug' }],
    });
    expect(
      await refusal(writer.rest.issues.update({ ...shop, issue_number: 7, state: 'closed' })),
    ).toMatchObject({ status: 404 });
  });

  it('answers 404 for a route it does not serve', async () => {
    const { octokit } = await start();
    expect(await refusal(octokit.request('GET /repos/{owner}/{repo}/hooks', shop))).toMatchObject({
      status: 404,
      data: { message: 'Not Found' },
    });
  });
});

describe('fake GitHub: rate limits and failures', () => {
  it('counts every answer in x-ratelimit-* and refuses with 403 once the window is spent, until its reset', async () => {
    const { fake, octokit } = await start({ rateLimit: { limit: 3 } });
    const first = await octokit.rest.repos.get(shop);
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '2',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
    });
    await octokit.rest.repos.get(shop);
    await octokit.rest.repos.get(shop);
    const spent = await refusal(octokit.rest.repos.get(shop));
    expect(spent.status).toBe(403);
    expect(spent.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(spent.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect((spent.data as { message: string }).message).toMatch(/^API rate limit exceeded for user ID \d+\./);
    expect((await octokit.rest.rateLimit.get()).data.resources.core).toMatchObject({
      limit: 3,
      remaining: 0,
      used: 3,
    });

    fake.setRateLimit('ghp-reader', { resetInSeconds: 1 });
    const reset = Number((await refusal(octokit.rest.repos.get(shop))).headers['x-ratelimit-reset']);
    await new Promise((resolve) => setTimeout(resolve, reset * 1000 - Date.now() + 50));
    const after = await octokit.rest.repos.get(shop);
    expect(after.headers['x-ratelimit-remaining']).toBe('2');
  });

  it('answers a secondary rate limit with 429, retry-after and the words clients look for', async () => {
    const { fake, octokit } = await start();
    fake.secondaryLimit({ status: 429, retryAfterSeconds: 2, path: '/repos/acme/shop/issues' });
    await octokit.rest.repos.get(shop);
    const limited = await refusal(octokit.rest.issues.listForRepo(shop));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect((limited.data as { message: string }).message).toMatch(/secondary rate limit/);
    expect((await octokit.rest.issues.listForRepo(shop)).status).toBe(200);
  });

  it('fails on demand: a 502 writes nothing, and is gone on the next request', async () => {
    const { fake, as } = await start();
    fake.failNext({ method: 'POST', status: 502 });
    const writer = as('ghp-writer');
    expect((await refusal(writer.rest.issues.create({ ...shop, title: 'Lost' }))).status).toBe(502);
    expect(fake.repo('acme/shop').issues.size).toBe(0);
    expect((await writer.rest.issues.create({ ...shop, title: 'Kept' })).status).toBe(201);
  });

  it('cuts a connection mid-body on demand; Octokit then hands back data "" with status 200', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(40));
    fake.failNext({ path: /\/issues$/, destroy: true, times: 2 });
    const cut = await fetch(`${fake.url}/repos/acme/shop/issues`);
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow(/terminated/);
    // @octokit/request swallows the failed body read: a sync must check that a page is an array.
    const page = await octokit.rest.issues.listForRepo(shop);
    expect({ status: page.status, data: page.data }).toEqual({ status: 200, data: '' });
    expect(fake.calls.at(-1)).toMatchObject({ status: 200, destroyed: true });
  });

  it('serves 10,000 issues to octokit.paginate, each once, in a few seconds', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', titles(10_000, 7));
    const started = performance.now();
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...shop,
      state: 'all',
      per_page: 100,
    });
    expect(new Set(all.map((i) => i.number)).size).toBe(10_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('issue dependencies', () => {
  it('summarises what blocks an issue, lists its blockers page by page, and 404s an issue it does not have', async () => {
    const { fake, octokit } = await start();
    fake.addIssues('acme/shop', [{ title: 'Checkout' }, { title: 'Spike' }, { title: 'Tax rules' }]);
    fake.addIssue('acme/vault', { title: 'Vault keys' });
    const updatedAt = fake.issue('acme/shop', 1).updatedAt;
    fake.clock.advance(60);
    fake.blockIssue('acme/shop', 1, 'acme/shop', 2);
    fake.blockIssue('acme/shop', 1, 'acme/shop', 3);
    fake.blockIssue('acme/shop', 1, 'acme/vault', 1);
    fake.updateIssue('acme/shop', 3, { state: 'closed' });
    // A "blocked by" leaves updated_at as it was (the cautious reading: GitHub documents no change).
    expect(fake.issue('acme/shop', 1).updatedAt).toBe(updatedAt);
    const { data: issue } = await octokit.rest.issues.get({ ...shop, issue_number: 1 });
    expect(issue.issue_dependencies_summary).toEqual({
      blocked_by: 2,
      blocking: 0,
      total_blocked_by: 3,
      total_blocking: 0,
    });
    const { data: spike } = await octokit.rest.issues.get({ ...shop, issue_number: 2 });
    expect(spike.issue_dependencies_summary).toMatchObject({ blocking: 1, total_blocking: 1 });
    const first = await octokit.rest.issues.listDependenciesBlockedBy({
      ...shop,
      issue_number: 1,
      per_page: 2,
    });
    expect(first.data.map((i) => i.number)).toEqual([2, 3]);
    expect(first.headers.link).toMatch(
      /\/repositories\/\d+\/issues\/1\/dependencies\/blocked_by\?per_page=2&page=2>; rel="next"/,
    );
    const all = await octokit.paginate(octokit.rest.issues.listDependenciesBlockedBy, {
      ...shop,
      issue_number: 1,
      per_page: 2,
    });
    expect(all.map((i) => [i.repository_url.replace(/^.*\/repos\//, ''), i.number])).toEqual([
      ['acme/shop', 2],
      ['acme/shop', 3],
      ['acme/vault', 1],
    ]);
    expect(
      (await refusal(octokit.rest.issues.listDependenciesBlockedBy({ ...shop, issue_number: 99 }))).status,
    ).toBe(404);
    fake.unblockIssue('acme/shop', 1, 'acme/shop', 2);
    const { data: after } = await octokit.rest.issues.get({ ...shop, issue_number: 1 });
    expect(after.issue_dependencies_summary?.total_blocked_by).toBe(2);
  });
});

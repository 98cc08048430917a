import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddedWebhook, ApiToken, CreatedToken, Webhook } from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('goalpost token', () => {
  it('prints a new token once and lists tokens without it', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    const created = await cli('token', 'create', 'ci-bot', '--role', 'approver');
    expect(created.code).toBe(0);
    const token = /gp_[A-Za-z0-9_-]{43}/.exec(created.stdout)?.[0];
    expect(token).toBeDefined();
    expect(created.stdout).toContain('cannot be shown again');
    const json = (await cli('token', 'create', 'reader', '--json')).json<CreatedToken>();
    expect(json).toMatchObject({ name: 'reader', role: 'member' });
    expect(json.token.startsWith(json.prefix)).toBe(true);

    const list = await cli('token', 'list');
    expect(list.stdout).toMatch(/ci-bot\s+approver/);
    expect(list.stdout).not.toContain(token);
    const listed = (await cli('token', 'list', '--json')).json<ApiToken[]>();
    expect(listed.map((t) => t.name)).toEqual(['ci-bot', 'reader']);
    expect(JSON.stringify(listed)).not.toContain(json.token);
  });

  it('revokes a token, and refuses bad roles, taken names and unknown tokens', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('token', 'create', 'ci-bot');
    expect((await cli('token', 'revoke', 'ci-bot')).stdout).toContain('API token ci-bot revoked.');
    expect((await cli('token', 'list')).stdout).toMatch(/ci-bot.*revoked 2026-11-21/);
    const role = await cli('token', 'create', 'boss', '--role', 'owner');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('one of member, approver, admin');
    const taken = await cli('token', 'create', 'ci-bot', '--json');
    expect(taken.code).toBe(1);
    expect(taken.json()).toMatchObject({ error: { code: 'E_CONFLICT' } });
    expect((await cli('token', 'revoke', 'nobody')).code).toBe(1);
  });

  it('makes a member token for the assignees named, and refuses unknown ones and other roles, creating nothing', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    expect((await cli('assignee', 'add', 'codebot', '--kind', 'worker')).code).toBe(0);
    expect((await cli('assignee', 'add', 'ana')).code).toBe(0);
    const unknown = await cli('token', 'create', 'docs', '--for', 'codebot', '--for', 'docs_bot');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown assignee "docs_bot"; the assignees are ana, codebot');
    // A blank name (a script's empty variable) is said to be blank, not shown trimmed to "".
    const blank = await cli('token', 'create', 'docs', '--for', ' ');
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('goalpost: --for: an assignee name, not a blank one');
    const admin = await cli('token', 'create', 'docs', '--role', 'admin', '--for', 'codebot');
    expect(admin.code).toBe(1);
    expect(admin.stderr).toContain(
      'goalpost: --for: only a member token acts for the assignees named; an admin token acts for anyone',
    );
    expect((await cli('token', 'list', '--json')).json<ApiToken[]>()).toEqual([]);

    const made = await cli('token', 'create', 'bots', '--for', 'CodeBot', '--for', 'codebot');
    expect(made.stdout).toContain('API token bots (member, acts for codebot) created:');
    await cli('token', 'create', 'any-agent');
    await cli('token', 'create', 'lead', '--role', 'approver');
    const list = (await cli('token', 'list')).stdout;
    expect(list).toMatch(/^any-agent\s+member\s+worker agents\s/m);
    expect(list).toMatch(/^bots\s+member\s+codebot\s/m);
    expect(list).toMatch(/^lead\s+approver\s+anyone\s/m);
    const listed = (await cli('token', 'list', '--json')).json<ApiToken[]>();
    expect(listed.map((t) => t.actsFor)).toEqual([[], ['codebot'], []]);
  });

  it('changes whom a member token acts for, and refuses other roles, revoked and unknown tokens, changing nothing', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    for (const args of [
      ['assignee', 'add', 'codebot', '--kind', 'worker'],
      ['assignee', 'add', 'ana'],
      ['token', 'create', 'old-script'],
      ['token', 'create', 'lead', '--role', 'approver'],
      ['token', 'create', 'gone'],
      ['token', 'revoke', 'gone'],
    ])
      expect((await cli(...args)).code, args.join(' ')).toBe(0);
    const set = await cli('token', 'set', 'old-script', '--for', 'ANA', '--for', 'codebot');
    expect(set.stdout).toContain('API token old-script now acts for ana, codebot.');
    expect((await cli('token', 'set', 'old-script', '--for', 'codebot', '--for', 'ana')).stdout).toContain(
      'API token old-script already acts for ana, codebot; nothing changed.',
    );
    const refusals: [string[], string][] = [
      [['token', 'set', 'old-script'], 'give --for <assignee> (again for each) or --any-worker'],
      [['token', 'set', 'old-script', '--for', 'nobody'], 'unknown assignee "nobody"'],
      [['token', 'set', 'lead', '--for', 'ana'], 'token lead is an approver token, which acts for anyone'],
      [['token', 'set', 'gone', '--for', 'ana'], 'token gone is revoked; nothing changed'],
      [['token', 'set', 'nope', '--for', 'ana'], 'unknown token nope'],
    ];
    for (const [args, message] of refusals) {
      const refused = await cli(...args);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr).toContain(message);
    }
    const tokens = () => cli('token', 'list', '--json').then((r) => r.json<ApiToken[]>());
    expect((await tokens()).find((t) => t.name === 'old-script')?.actsFor).toEqual(['ana', 'codebot']);
    expect((await cli('token', 'set', 'old-script', '--any-worker')).stdout).toContain(
      'API token old-script now acts for worker agents.',
    );
    expect((await tokens()).find((t) => t.name === 'old-script')?.actsFor).toEqual([]);
  });
});

describe('goalpost webhook', () => {
  it('adds, lists and removes webhooks, showing the secret only once', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    const added = await cli(
      'webhook',
      'add',
      'https://example.com/hooks',
      '--events',
      'task.decided,outcome.recorded',
    );
    expect(added.code).toBe(0);
    const secret = /whsec_\S+/.exec(added.stdout)?.[0] ?? 'missing';
    expect(added.stdout).toContain('cannot be shown again');
    const list = await cli('webhook', 'list');
    expect(list.stdout).toContain('https://example.com/hooks');
    expect(list.stdout).toContain('task.decided, outcome.recorded');
    expect(list.stdout).not.toContain(secret);
    expect((await cli('webhook', 'list', '--json')).json<Webhook[]>()[0]).not.toHaveProperty('secret');
    expect((await cli('webhook', 'remove', '1')).stdout).toContain(
      'Webhook 1 (https://example.com/hooks) removed.',
    );
    expect((await cli('webhook', 'list')).stdout).toContain('No webhooks yet');
  });

  it('refuses bad URLs, unknown events and unknown ids', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    const url = await cli('webhook', 'add', 'ftp://example.com/x');
    expect(url.code).toBe(1);
    expect(url.stderr).toContain('an http or https URL');
    const events = await cli(
      'webhook',
      'add',
      'https://example.com/x',
      '--events',
      'task.exploded',
      '--json',
    );
    expect(events.json()).toMatchObject({ error: { code: 'E_VALIDATION' } });
    expect(events.stdout).toContain('batch.generated, task.decided, outcome.recorded');
    expect((await cli('webhook', 'remove', '7')).code).toBe(1);
  });

  it('sends due deliveries on `webhook deliver` and prints the counts', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(String(req.headers['x-goalpost-event']));
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    // The receiver is on 127.0.0.1: private, so allowed as an operator would allow it.
    const cli = cliFor(join(tempDir(), 'g.db'), undefined, { GOALPOST_WEBHOOK_ALLOW_PRIVATE: 'on' });
    await cli('init', '--demo');
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
    expect((await cli('webhook', 'add', hook, '--json')).json<AddedWebhook>().events).toEqual(['*']);
    expect((await cli('generate', '--max-tasks', '2')).code).toBe(0);
    const sent = await cli('webhook', 'deliver');
    expect(sent.stdout).toContain('1 delivered, 0 to retry later, 0 failed for good');
    expect(received).toEqual(['batch.generated']);
    expect((await cli('webhook', 'deliver', '--json')).json()).toEqual({
      delivered: 0,
      retried: 0,
      failed: 0,
    });
  });
});

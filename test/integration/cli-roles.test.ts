import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatHarness, textOf } from '../helpers/chat.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('goalpost role', () => {
  it('gives a console back its admin after the admin demoted themselves in chat', async () => {
    const dir = tempDir();
    const chat = chatHarness(dir);
    const cli = cliFor(join(dir, 'chat.db'), undefined, { GOALPOST_ADMINS: 'slack:U024BE7LH' });
    expect(textOf(await chat.say('ana', 'role @cy admin'))).toMatch(/@cy is now admin/);
    expect(textOf(await chat.say('ana', 'role @ana member --force'))).toMatch(/@ana is now member/);
    expect(textOf(await chat.say('ana', 'vision set statement X'))).toMatch(/needs the admin role/);

    const listed = await cli('role', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^slack:U024BE7LH +admin +GOALPOST_ADMINS +—$/m);
    expect(listed.stdout).toMatch(/^console:cy +admin +console:ana +2026-11-21 09:00$/m);
    expect(listed.stdout).not.toMatch(/console:ana +admin/); // a member has no row

    const back = await cli('role', 'console:ana', 'admin');
    expect(back).toMatchObject({ code: 0, stdout: 'console:ana is now admin (was member).\n' });
    expect(textOf(await chat.say('ana', 'whoami'))).toMatch(/console:ana \(admin\)/);
    expect((await cli('role')).stdout).toMatch(/^console:ana +admin +cli:\S+ +2026-11-21 09:00$/m);
    expect((await cli('role', 'console:ana', 'admin')).stdout).toBe('console:ana was already admin.\n');
    chat.close();
  });

  it('refuses bad input and the last admin with what to do, writing nothing', async () => {
    const dir = tempDir();
    const chat = chatHarness(dir);
    const cli = cliFor(join(dir, 'chat.db'));
    const cases: Array<[string[], string]> = [
      [['role', 'ana', 'admin'], 'user: a user like slack:U024BE7LH or console:ana (got "ana")'],
      [['role', 'console:ana', 'boss'], 'role: one of member, approver, admin (got "boss")'],
      [['role', 'console:cy'], 'role: say which role console:cy gets: member, approver or admin'],
      [['role', 'console:ana', 'member'], 'console:ana is the last admin; make someone else admin first'],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
    const json = await cli('role', 'list', '--json');
    expect(json.json()).toEqual([
      expect.objectContaining({ userKey: 'console:ana', role: 'admin' }),
      expect.objectContaining({ userKey: 'console:bo', role: 'approver' }),
    ]);
    chat.close();
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/chat.js';
import { openGoalpost, type SubscriptionInfo, silentLogger } from '../../src/index.js';
import { declaredCtx } from '../helpers/ctx.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('goalpost schedule', () => {
  it('adds, lists and runs what is due at --now, printing console digests and a line per subscription', async () => {
    const db = join(tempDir(), 'g.db');
    const thursday = cliFor(db, '2026-11-19T12:00:00Z');
    expect((await thursday('init', '--demo')).code).toBe(0);
    const added = await thursday(
      ...['schedule', 'add', '09:00', 'Europe/Berlin', '--max-tasks', '2', '--style', 'compact'],
      ...['--remind-after', '4h'],
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(
      'Subscribed #1 digest → console at 09:00 Europe/Berlin (weekdays, up to 2 tasks, one message with every task, reminders after 4 hours); next: Fri 2026-11-20 09:00',
    );
    const slack = ['schedule', 'add', '16:00', 'America/New_York', '--kind', 'report', '--platform', 'slack'];
    expect((await thursday(...slack, '--channel', 'C024BE91L', '--days', 'fri')).code).toBe(0);

    const list = await thursday('schedule', 'list');
    expect(list.stdout).toMatch(
      /1 +digest +console +09:00 Europe\/Berlin +weekdays +compact, remind after 4h, up to 2 tasks +Fri 2026-11-20 09:00/,
    );
    expect(list.stdout).toMatch(
      /2 +report +slack C024BE91L +16:00 America\/New_York +Fri +— +Fri 2026-11-20 16:00/,
    );
    const [digest] = (await thursday('schedule', 'list', '--json')).json<SubscriptionInfo[]>();
    expect(digest?.next?.at).toBe('2026-11-20T08:00:00.000Z');

    const early = await cliFor(db, '2026-11-20T07:59:00Z')('schedule', 'run-due');
    expect(early.stdout).not.toContain('Goalpost digest');

    const friday = cliFor(db, '2026-11-20T21:05:00Z');
    const late = await cliFor(db, '2026-11-20T08:10:00Z')('schedule', 'run-due');
    expect(late.code).toBe(0);
    expect(late.stdout).toContain('━━ Goalpost digest for 2026-11-20 ━━');
    expect(late.stdout).toContain('#1 digest → console: posted for 2026-11-20 (batch 1)');
    expect(late.stdout).toContain('#2 report → slack C024BE91L: nothing due yet');

    const again = await friday('schedule', 'run-due');
    expect(again.stdout).not.toContain('Goalpost digest');
    expect(again.stdout).toContain('#1 digest → console: already posted for 2026-11-20');
    expect(again.stdout).toContain(
      '#2 report → slack C024BE91L: no slack connection here; a running bot connected to slack posts it',
    );
    const results = (await friday('schedule', 'run-due', '--json')).json<{ results: RunResult[] }>().results;
    expect(results.map((r) => r.status)).toEqual(['already_posted', 'no_port']);

    const monday = await cliFor(db, '2026-11-23T14:00:00Z')('schedule', 'run-due', '--grace', '60');
    expect(monday.stdout).toMatch(
      /#1 digest → console: missed 2026-11-23: 360 min late; the grace window is 60 min/,
    );
  });

  it("runs one workspace's subscriptions when --workspace names it, and every workspace's otherwise", async () => {
    const db = join(tempDir(), 'g.db');
    const thursday = cliFor(db, '2026-11-19T12:00:00Z');
    for (const ws of ['acme', 'globex']) {
      expect((await thursday('init', '--demo', '--workspace', ws)).code).toBe(0);
      expect((await thursday('schedule', 'add', '09:00', 'UTC', '--workspace', ws)).code).toBe(0);
    }
    const friday = cliFor(db, '2026-11-20T09:05:00Z');
    const acme = await friday('schedule', 'run-due', '--workspace', 'acme', '--json');
    expect(acme.code).toBe(0);
    const ran = acme.json<{ results: RunResult[] }>().results;
    expect(ran.map((r) => [r.workspaceId, r.status])).toEqual([['acme', 'posted']]);
    // A workspace with nothing scheduled (a typo, most likely) is named in the answer.
    const none = await friday('schedule', 'run-due', '--workspace', 'acm');
    expect(none.stdout).toBe('Nothing scheduled in workspace acm (at 2026-11-20T09:05:00.000Z).\n');
    expect(none.stderr).toContain('workspace "acm" is new in this database, which has');
    // One workspace's run needs no names; its digest prints as the console shows it.
    const alone = await cliFor(db, '2026-11-20T09:06:00Z')('schedule', 'run-due', '--workspace', 'acme');
    expect(alone.stdout).toBe('#1 digest → console: already posted for 2026-11-20\n');
    // Without --workspace (cron's way), every workspace's due subscriptions run: globex's now, and
    // each post and line says whose it is (two teams' digests read alike). Globex's first batch is
    // its batch 1, whatever acme's were.
    const all = await friday('schedule', 'run-due');
    expect(all.stdout).toMatch(/^── workspace globex ──\n━━ Goalpost digest for 2026-11-20 ━━/);
    expect(all.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'acme: #1 digest → console: already posted for 2026-11-20',
      'globex: #2 digest → console: posted for 2026-11-20 (batch 1), 6 messages',
    ]);
  });

  it('says a digest held that day is held, with its reason, not posted, at every run of the day', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = cliFor(db, '2026-12-10T00:00:00Z');
    expect((await cli('init', '--demo')).code).toBe(0);
    expect((await cli('schedule', 'add', '09:00', 'UTC')).code).toBe(0);
    // The workspace's one approver, console:ana, is away on Monday 2026-12-14.
    const o = openGoalpost({
      dbPath: db,
      clock: { now: () => new Date('2026-12-10T00:00:00Z') },
      logger: silentLogger,
    });
    const ana = declaredCtx({
      workspaceId: 'default',
      actor: 'console:ana',
      source: 'console',
      role: 'admin',
    });
    o.app.members.bootstrapAdmin(ana, 'console:ana');
    o.app.people.setTimeZone(ana, 'UTC');
    o.app.people.setAway(ana, '2026-12-14..2026-12-14');
    o.close();
    const held =
      'held for 2026-12-14: every approver is away or off today (console:ana): held until one of them works';
    const first = await cliFor(db, '2026-12-14T09:05:00Z')('schedule', 'run-due');
    expect(first.stdout).toBe(`#1 digest → console: ${held}\n`);
    const later = cliFor(db, '2026-12-14T12:05:00Z');
    const again = await later('schedule', 'run-due');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`#1 digest → console: ${held}\n`);
    const [result] = (await later('schedule', 'run-due', '--json')).json<{ results: RunResult[] }>().results;
    expect(result).toMatchObject({
      status: 'held',
      localDate: '2026-12-14',
      reason: 'every approver is away or off today (console:ana): held until one of them works',
      batch: null,
      messages: 0,
    });
  });

  it('removes a subscription by id, and refuses bad input with a clear message, writing nothing', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = cliFor(db, '2026-11-19T12:00:00Z');
    expect((await cli('schedule', 'add', '07:30', 'UTC', '--days', 'mon-wed')).code).toBe(0);
    const before = snapshot(db);
    const bad = await cli(
      ...['schedule', 'add', '7.30', 'Mars/Olympus', '--days', 'someday'],
      ...['--style', 'wall', '--remind-after', '11d'],
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('style: thread, cards or compact (got "wall")');
    expect(bad.stderr).toContain(
      'remind after: working days like 1d (1–10), hours like 4h (1–72), or off (got "11d")',
    );
    expect(bad.stderr).toContain('time: a time like 09:00, from 00:00 to 23:59 (got "7.30")');
    expect(bad.stderr).toContain(
      'time zone: an IANA time zone like Europe/Berlin or UTC (got "Mars/Olympus")',
    );
    expect((await cli('schedule', 'run-due', '--grace', 'soon')).stderr).toContain('--grace: whole minutes');
    expect((await cli('schedule', 'remove', '7')).stderr).toContain('no subscription #7; there are #1');
    expect(snapshot(db)).toEqual(before);
    const removed = await cli('schedule', 'remove', '1');
    expect(removed.stdout).toContain('Removed #1 digest → console.');
    expect((await cli('schedule')).stdout).toContain('No subscriptions yet');
  });
});

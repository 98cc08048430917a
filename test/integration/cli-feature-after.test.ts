import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

// The demo's Basic EDU Apps: feature 6 is the subscription admin dashboard, which the lead wants
// built after a design spike. Through the command line, as a lead types it.
const tempDir = useTempDir();
let cli: ReturnType<typeof cliFor>;
let db: string;

beforeEach(async () => {
  db = join(tempDir(), 'g.db');
  cli = cliFor(db);
  await cli('init', '--demo');
});

/** The ref a saved batch gave the task titled `title`. */
function refIn(batch: string, title: string): string {
  const ref = new RegExp(`^(T-\\d+) +\\[\\d+\\] ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(
    batch,
  )?.[1];
  if (ref === undefined) throw new Error(`"${title}" not in:\n${batch}`);
  return ref;
}

describe('feature after', () => {
  it('makes a feature wait for its spike, withdraws its proposal, and shows the order', async () => {
    const batch = (await cli('generate')).stdout;
    const dashboard = refIn(batch, "Build 'Subscription admin dashboard' for Basic EDU Apps");
    const added = await cli(
      'feature',
      'add',
      'Basic EDU Apps',
      'Design spike: dashboard data',
      '--estimate',
      '4',
    );
    const spike = /^Feature (\d+) added/.exec(added.stdout)?.[1] ?? '';

    const after = await cli('feature', 'after', '6', spike);
    expect(after.code).toBe(0);
    expect(after.stdout.trim()).toBe(
      `Feature 6 ('Subscription admin dashboard') waits for feature ${spike} 'Design spike: dashboard data' now: a plan proposes it only after what it waits for (in the same batch, or once a task for that is open), and holds it back while the team holds that back. Withdrawn (cancelled), to be proposed in order: ${dashboard}.`,
    );
    expect((await cli('task', 'show', dashboard)).stdout).toMatch(/cancelled/);
    expect((await cli('feature', 'after', '6', spike)).stdout.trim()).toMatch(/already; nothing changed\.$/);
    expect((await cli('project', 'show', 'Basic EDU Apps')).stdout).toMatch(
      // The after column, then the estimate column (the spike is estimated).
      new RegExp(`^6 +planned +${spike} +— +Subscription admin dashboard$`, 'm'),
    );

    // The next plan proposes the spike, then the dashboard after it.
    const next = (await cli('generate', '--dry-run')).stdout;
    const spikeAt = next.indexOf("Build 'Design spike: dashboard data' for Basic EDU Apps");
    const dashboardAt = next.indexOf("Build 'Subscription admin dashboard' for Basic EDU Apps");
    expect(spikeAt).toBeGreaterThan(-1);
    expect(dashboardAt).toBeGreaterThan(spikeAt);
    expect(next.slice(dashboardAt)).toMatch(/^ {3}After: {6}#\d+$/m);

    const cleared = await cli('feature', 'after', '6', 'none');
    expect(cleared.stdout.trim()).toBe(
      "Feature 6 ('Subscription admin dashboard') waits for no other feature now: a plan may propose it on its own.",
    );
    expect((await cli('project', 'show', 'Basic EDU Apps')).stdout).not.toMatch(/ after /);
  });

  it('says when a rejected feature may come back early: once what it now waits for is done', async () => {
    const batch = (await cli('generate')).stdout;
    const dashboard = refIn(batch, "Build 'Subscription admin dashboard' for Basic EDU Apps");
    await cli('reject', dashboard, '--reason', 'needs a design spike first');
    const added = await cli('feature', 'add', 'Basic EDU Apps', 'Design spike: dashboard data');
    const spike = /^Feature (\d+) added/.exec(added.stdout)?.[1] ?? '';
    const after = (await cli('feature', 'after', '6', spike)).stdout.trim();
    expect(after).toMatch(
      new RegExp(
        ` ${dashboard}, rejected on 2026-11-21 \\('needs a design spike first'\\) and held until 2026-12-21 09:00 UTC, may come back before then: once what it waits for is done\\.$`,
      ),
    );

    // A script dates the rejection and the wait alike (one --now): the promise holds all the same.
    await cliFor(db, '2026-11-24T09:00:00Z')('feature', 'set', spike, 'done');
    const next = (await cliFor(db, '2026-11-25T09:00:00Z')('generate', '--dry-run')).stdout;
    expect(next).toMatch(/^#\d+ +\[\d+\] Build 'Subscription admin dashboard' for Basic EDU Apps$/m);
    expect(next).toContain(
      `proposed again because the team set it to wait for feature ${spike} 'Design spike: dashboard data' since, and that was done on 2026-11-24`,
    );
  });

  it('keeps a rejected feature held when what it is set to wait for was done before the rejection', async () => {
    // Lesson library (feature 1) was done long before: waiting for it changes nothing about the
    // dashboard, so it is no reason to bring the dashboard back before its hold ends.
    const batch = (await cli('generate')).stdout;
    const dashboard = refIn(batch, "Build 'Subscription admin dashboard' for Basic EDU Apps");
    await cli('reject', dashboard, '--reason', 'not this quarter');
    const later = cliFor(db, '2026-11-22T09:00:00Z');
    const after = await later('feature', 'after', '6', '1');
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    const next = await cliFor(db, '2026-11-23T09:00:00Z')('generate', '--dry-run');
    expect(next.stdout).not.toMatch(/^#\d+ +\[\d+\] Build 'Subscription admin dashboard'/m);
    expect(next.stdout).not.toMatch(/proposed again because the team set it to wait for feature 1/);
  });

  it('still proposes a feature on its own when what waits for it does not fit the batch', async () => {
    // With three places the dashboard ($333 a month, second best) makes the batch. Saying its docs
    // come after it is no reason to cut it for lower work: the docs wait, the dashboard does not.
    const before = (await cli('generate', '--dry-run', '--max-tasks', '3')).stdout;
    expect(before).toMatch(/^#\d+ +\[\d+\] Build 'Subscription admin dashboard' for Basic EDU Apps$/m);
    await cli('feature', 'add', 'Basic EDU Apps', 'Admin dashboard docs', '--upkeep', '--after', '6');
    const after = (await cli('generate', '--dry-run', '--max-tasks', '3')).stdout;
    expect(after).toMatch(/^#\d+ +\[\d+\] Build 'Subscription admin dashboard' for Basic EDU Apps$/m);
    expect(after).not.toMatch(/^#\d+ +\[\d+\] Finish 'Alerting' for Architect Dashboard$/m);
  });

  it('holds an approved feature in the queue until what it was set to wait for is done', async () => {
    const batch = (await cli('generate')).stdout;
    const dashboard = refIn(batch, "Build 'Subscription admin dashboard' for Basic EDU Apps");
    for (const line of batch.matchAll(/^(T-\d+) /gm))
      if (line[1] !== dashboard) await cli('reject', line[1] ?? '', '--reason', 'not now');
    await cli('approve', dashboard);
    await cli('assignee', 'add', 'bot1', '--kind', 'worker');
    const added = await cli('feature', 'add', 'Basic EDU Apps', 'Design spike: dashboard data');
    const spike = /^Feature (\d+) added/.exec(added.stdout)?.[1] ?? '';
    const after = (await cli('feature', 'after', '6', spike)).stdout.trim();
    expect(after).toContain(
      `Approved or under way already: ${dashboard} (approved, it is not handed out until what it waits for is done; under way, it goes on).`,
    );

    const held = await cli('queue', 'claim', '--assignee', 'bot1');
    expect(held.stdout).toContain(`${dashboard} waits for feature ${spike} (planned)`);
    expect((await cli('queue')).stdout).toMatch(new RegExp(`${dashboard}.*feature ${spike} \\(planned\\)`));
    await cli('feature', 'set', spike, 'done');
    const claimed = await cli('queue', 'claim', '--assignee', 'bot1');
    expect(claimed.stdout).toContain(dashboard);
    expect(claimed.stdout).not.toContain('waits for');
  });

  it('counts a feature held for its held-back spike apart from work held back itself', async () => {
    const added = await cli('feature', 'add', 'Basic EDU Apps', 'Design spike: dashboard data');
    const spike = /^Feature (\d+) added/.exec(added.stdout)?.[1] ?? '';
    await cli('feature', 'after', '6', spike);
    const batch = (await cli('generate')).stdout;
    await cli(
      'reject',
      refIn(batch, "Build 'Design spike: dashboard data' for Basic EDU Apps"),
      '--reason',
      'no',
    );
    await cli('cancel', refIn(batch, "Build 'Subscription admin dashboard' for Basic EDU Apps"));
    const next = (await cli('generate', '--dry-run')).stdout;
    expect(next).toMatch(
      /^Skipped: +\d+ already open as tasks?, 1 done, rejected or failed before, 1 waiting for work held back$/m,
    );
    expect(next).toContain(
      `"Build 'Subscription admin dashboard' for Basic EDU Apps": waits for feature ${spike}`,
    );
  });

  it('adds a feature that comes after another', async () => {
    const added = await cli('feature', 'add', 'Basic EDU Apps', 'Seat reports for districts', '--after', '6');
    expect(added.stdout.trim()).toMatch(
      /^Feature \d+ added: Seat reports for districts \(planned, after feature 6 'Subscription admin dashboard'\)$/,
    );
  });

  // A review rejected the onboarding its pricing page waited for ("not this quarter"); the reply
  // said "T-2 no longer waits for it", the lead approved T-2, and the queue held it for feature 1
  // all the same. The task's wait ended; its feature's did not, and the reply says so.
  it("says, when the task a feature's task waited for is rejected, that the feature still waits", async () => {
    const own = join(tempDir(), 'pay.db');
    const pay = cliFor(own, '2026-12-01T09:00:00Z');
    for (const line of [
      ['init'],
      ['vision', 'set', 'statement', 'Clinic payments'],
      ['vision', 'set', 'revenue_targets', '2027-03=15000'],
      ['project', 'add', 'Pay', '--revenue-bearing'],
      ['feature', 'add', 'Pay', 'Stripe Connect onboarding'],
      ['feature', 'add', 'Pay', 'Launch pricing page'],
      ['feature', 'after', '2', '1'],
      ['revenue', 'add', '10000', '--month', '2026-11', '--project', 'Pay'],
    ])
      expect((await pay(...line)).code, line.join(' ')).toBe(0);
    const batch = (await pay('generate')).stdout;
    const onboarding = refIn(batch, "Build 'Stripe Connect onboarding' for Pay");
    const pricing = refIn(batch, "Build 'Launch pricing page' for Pay");
    const rejected = await pay('reject', onboarding, '--reason', 'not this quarter');
    expect(rejected.stdout).toContain(
      `${onboarding} rejected (not this quarter): ${pricing} no longer waits for it; it still waits for feature 1 'Stripe Connect onboarding' (planned): the queue hands it out once that is done`,
    );
    await pay('approve', pricing);
    expect((await pay('queue')).stdout).toMatch(new RegExp(`^${pricing} .*feature 1 \\(planned\\)`, 'm'));
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { batchSentence, exampleDeadline } from '../../src/index.js';
import { chatHarness, isError, textOf } from '../helpers/chat.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** Rows in every table that a command could write to, to prove a refused command wrote nothing. */
function footprint(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  const tables = [
    'tasks',
    'task_events',
    'visions',
    'revenue_records',
    'goals',
    'metric_observations',
    'members',
    'feedback_notes',
    'subscriptions',
    'processed_events',
  ];
  const out = Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).pluck().get() as number]),
  );
  db.close();
  return out;
}

describe('chat commands', () => {
  it('posts a digest: a header, then one card per proposed task with approve and reject buttons', async () => {
    const chat = chatHarness(tempDir());
    const reply = await chat.say('bo', '/goalpost digest');
    expect(reply.visibility).toBe('channel');
    const [header, ...cards] = reply.messages;
    expect(header?.kind).toBe('digest_header');
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(header.title).toBe('Goalpost digest for 2026-11-21');
    expect(header.vision?.primaryGoal).toMatch(/EDU/);
    expect(header.revenue?.label).toMatch(/^Revenue by \d{4}-\d{2}$/);
    expect(cards.length).toBeGreaterThan(0);
    expect(header.batch.newTasks).toBe(cards.length);
    for (const m of cards) {
      if (m.kind !== 'task') throw new Error(`expected a card, got ${m.kind}`);
      expect(m.card.ref).toMatch(/^T-\d+$/);
      expect(m.card.reasoning.length).toBeGreaterThan(0);
      expect(m.card.buttons.map((b) => b.action)).toEqual(['approve', 'reject']);
    }
    const priorities = cards.map((m) => (m.kind === 'task' ? m.card.priority : 0));
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    // A second digest the same day proposes nothing new and shows the same pending tasks.
    const again = await chat.say('bo', 'digest');
    if (again.messages[0]?.kind !== 'digest_header') throw new Error('no header');
    expect(again.messages[0].batch.newTasks).toBe(0);
    expect(again.messages.length).toBe(reply.messages.length);
    chat.close();
  });

  it('tells work held back as done, rejected or failed before apart from duplicates in the digest header', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'digest');
    for (const line of ['approve T-1', 'done T-1', 'reject T-2 not this quarter']) {
      expect(isError(await chat.say('bo', line)), line).toBe(false);
    }
    // T-1's feature is done and leaves the backlog; T-2's is held back by its rejection; T-3 to
    // T-5 still await a decision, so their items are open already; the one the cap cut comes in.
    // T-2's item keeps its part of its product's share, which its area's playbooks would answer,
    // but their work repeats what is held back (the pricing page rejected, the checkout done) or
    // open: a growth experiment answers it instead.
    const next = await chat.say('bo', 'digest');
    const [header] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(header.batch).toMatchObject({
      newTasks: 2,
      proposed: 5,
      duplicates: 0,
      alreadyOpen: 4,
      heldBack: 3,
    });
    const titles = next.messages.flatMap((m) => (m.kind === 'task' ? [m.card.title] : []));
    expect(titles.filter((t) => /user-acquisition experiment/.test(t))).toHaveLength(1);
    expect(batchSentence(header.batch)).toBe(
      '2 new tasks proposed, 5 awaiting a decision, 4 already open as tasks, 3 not proposed again (done, rejected or failed before).',
    );
    chat.close();
  });

  it('lists a task whose title does not name its project with the project', async () => {
    const chat = chatHarness(tempDir());
    const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    // The paid product's launch work all shipped: a team's own growth playbook answers its gap,
    // under a title the same for every product.
    chat.app.playbooks.remove(admin, 'growth.experiment');
    chat.app.playbooks.add(admin, {
      key: 'growth.referrals',
      signal: 'revenue_gap',
      title: 'Run a referral push worth {share}/month by {month}',
      category: 'growth',
      effortHours: 6,
      impactShare: 0.1,
    });
    for (const f of chat.app.projects.features(admin))
      if (f.status !== 'done' && /Stripe|Pricing|Subscription/.test(f.title))
        chat.app.items.setFeatureStatus(admin, f.id, 'done');
    const batch = chat.app.engine.generate(admin, { maxTasks: 10 });
    const play = batch.tasks.find((t) => t.projectName !== null && !t.title.includes(t.projectName));
    expect(play, batch.tasks.map((t) => `${t.title} [${t.projectName}]`).join('; ')).toBeDefined();
    const list = textOf(await chat.say('cy', 'tasks'));
    expect(list).toContain(`${play?.title} (${play?.projectName})`);
    // Work named by its project is listed as named.
    expect(list).toContain(`| Finish 'Alerting' for Architect Dashboard |`);
  });

  it('says in the digest header how much work it left out as scoring 0, when the batch has room', async () => {
    const chat = chatHarness(tempDir());
    const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    // A project the vision says nothing about, earning nothing: its features score 0.
    chat.app.projects.add(admin, { name: 'Office move' });
    for (const title of ['Book movers', 'Pack archive boxes'])
      chat.app.projects.addFeature(admin, 'Office move', { title });
    const reply = await chat.say('bo', 'digest --max-tasks 20');
    const [header] = reply.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(header.batch).toMatchObject({ newTasks: 6, proposed: 6, unvalued: 2 });
    expect(batchSentence(header.batch)).toBe(
      '6 new tasks proposed, 6 awaiting a decision, 2 not proposed as they score 0 (no dollars at stake, no alignment with the vision).',
    );
    chat.close();
  });

  it('shows the blocker first in the digest, above a quicker bug that outscores it', async () => {
    const chat = chatHarness(tempDir());
    const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    // The product earns: each bug puts a share of that at risk.
    chat.app.revenue.add(admin, {
      project: 'Basic EDU Apps',
      from: '2026-10-01',
      to: '2026-10-31',
      actual: 3000,
    });
    const bug = (title: string, severity: string, estimate: string) =>
      chat.app.projects.addBug(admin, 'Basic EDU Apps', { title, severity, estimate });
    bug('PDF export crashes', 'critical', '4h');
    bug('Tax rounding off by a cent', 'high', '30m');
    const reply = await chat.say('bo', 'digest');
    const cards = reply.messages.flatMap((m) => (m.kind === 'task' ? [m.card] : []));
    const crash = cards.findIndex((c) => c.title.includes('PDF export crashes'));
    const rounding = cards.findIndex((c) => c.title.includes('Tax rounding'));
    // The quick high bug scores higher, and the blocker still leads, a priority above it.
    expect(cards[crash]?.priority).toBe((cards[rounding]?.priority ?? 0) + 1);
    expect(cards[rounding]?.score).toBeGreaterThan(cards[crash]?.score ?? 0);
    expect([crash, rounding]).toEqual([0, 1]);
    chat.close();
  });

  it('does not say the waiting proposals fill the room when approved work took it', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'digest');
    for (const line of ['assignee add dana person 1', 'approve T-1', 'assign T-1 dana']) {
      expect(isError(await chat.say('ana', line)), line).toBe(false);
    }
    const next = await chat.say('bo', 'digest');
    const [header] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(batchSentence(header.batch)).toBe(
      'No room for new tasks today: the team has 1 of 1 slots busy. 0 new tasks proposed, 4 awaiting a decision.',
    );
    chat.close();
  });

  it("does not call a critical bug proposed past the digest's cap beyond the room when slots are free", async () => {
    const chat = chatHarness(tempDir());
    for (const line of [
      'assignee add ana person 2',
      'assignee add dev_worker1 worker 1',
      'digest --max-tasks 3',
    ]) {
      expect(isError(await chat.say('ana', line)), line).toBe(false);
    }
    // The three proposals are Basic EDU Apps': paused, they hold no slot, but the digest shows them
    // against its cap. A critical bug lands elsewhere: it comes, in a slot the team has free.
    const cli = cliFor(chat.dbPath, '2026-11-21T09:00:00Z');
    await runEach(cli, [
      ['project', 'set', 'Basic EDU Apps', 'paused'],
      ['bug', 'add', 'Architect Dashboard', 'Login loops', '--severity', 'critical'],
    ]);
    const next = await chat.say('bo', 'digest --max-tasks 3');
    const [header, ...cards] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(cards.map((m) => (m.kind === 'task' ? [m.card.title, m.card.assignee] : m.kind))).toContainEqual([
      "Fix 'Login loops' in Architect Dashboard",
      expect.any(String),
    ]);
    expect(batchSentence(header.batch)).not.toMatch(/all the same|No room/);
    chat.close();
  });

  it('counts the slots that stay empty in the digest as generate does, whatever the cap', async () => {
    const chat = chatHarness(tempDir());
    const lines = ['assignee add ana person 2', 'assignee add docs_bot worker 4 --category infrastructure'];
    for (const line of [...lines, 'digest --max-tasks 2']) {
      expect(isError(await chat.say('ana', line)), line).toBe(false);
    }
    // ana's two slots go to the two proposals; the bot takes none of the features left: its four
    // stay empty, whether the digest's cap of 5 counts the two it shows or not.
    const stays =
      'the 2 tasks awaiting a decision take 2 of them; 4 stay empty, as docs_bot takes none of the work left';
    const next = await chat.say('bo', 'digest');
    const [header] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(batchSentence(header.batch)).toContain(stays);
    const cli = await cliFor(chat.dbPath, '2026-11-21T09:00:00Z')('generate', '--dry-run');
    expect(cli.stdout).toContain(stays);
    chat.close();
  });

  it('says in the digest header which waiting proposals nobody held it routed, once the team has someone', async () => {
    const chat = chatHarness(tempDir());
    // The first digest, before the team added anyone: its five proposals are held by nobody.
    await chat.say('bo', 'digest');
    expect(isError(await chat.say('ana', 'assignee add dana person 3'))).toBe(false);
    const next = await chat.say('bo', 'digest');
    const [header] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(header.batch.routed).toEqual(['T-1 → dana', 'T-2 → dana', 'T-3 → dana']);
    expect(batchSentence(header.batch)).toBe(
      'Room for 3 tasks today: the team has 0 of 3 slots busy; the 5 tasks awaiting a decision fill it. 0 new tasks proposed, 5 awaiting a decision, 5 already open as tasks. Routed now, of the tasks nobody held: T-1 → dana, T-2 → dana and T-3 → dana.',
    );
    chat.close();
  });

  it('says on a digest card that the batch valued its proposal again, and how', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'digest');
    const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    // A second paid product shares the revenue gap: the proposals awaiting a decision are worth less.
    chat.app.projects.add(admin, {
      name: 'Quiz Packs',
      revenueBearing: true,
      focus: ['payment_integration'],
    });
    chat.app.projects.addFeature(admin, 'Quiz Packs', { title: 'Paid quiz packs', status: 'planned' });
    const next = await chat.say('bo', 'digest');
    const [header] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    const t1 = next.messages.flatMap((m) => (m.kind === 'task' && m.card.ref === 'T-1' ? [m.card] : []))[0];
    expect(t1?.lastEvent).toMatch(
      new RegExp(`^valued again with batch ${header.batch.id}: \\$333\\.00 → \\$\\d`),
    );
    chat.close();
  });

  it('says in the digest header which proposals it withdrew as their reason went, and why', async () => {
    let at = Date.parse('2026-11-23T09:00:00Z');
    const chat = chatHarness(tempDir(), '2026-11-23T09:00:00Z', true, { now: () => new Date(at) });
    await chat.say('bo', 'digest');
    const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    const refOf = (pattern: RegExp) =>
      chat.app.tasks.list(admin, { status: ['proposed'] }).find((t) => pattern.test(t.title))?.ref ?? '';
    const lines = [
      `reject ${refOf(/Pricing page/)} not this quarter`,
      `approve ${refOf(/Stripe checkout/)}`,
      `done ${refOf(/Stripe checkout/)}`,
      `approve ${refOf(/admin dashboard/)}`,
      `fail ${refOf(/admin dashboard/)} no Stripe key`,
    ];
    for (const line of lines) expect(isError(await chat.say('bo', line)), line).toBe(false);
    await chat.say('bo', 'digest');
    const experiment = refOf(/user-acquisition experiment/);
    expect(experiment).not.toBe('');
    // The next morning the dashboard is back, and the team takes the pricing page it turned down
    // out of the backlog: the rest of its work answers the product's share, the experiment's reason gone.
    at += 26 * 3_600_000;
    const pricing = chat.app.projects.features(admin).find((f) => f.title.startsWith('Pricing page'));
    chat.app.items.dropFeature(admin, pricing?.id as number, 'annual plans are not for schools');
    const next = await chat.say('bo', 'digest');
    const [header] = next.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(header.batch.withdrawn).toEqual([
      `${experiment} (other work answers Basic EDU Apps' share of the revenue gap now)`,
    ]);
    expect(batchSentence(header.batch)).toContain(
      `Withdrawn: ${experiment} (other work answers Basic EDU Apps' share of the revenue gap now).`,
    );
    // Its card is not among those awaiting a decision.
    const cards = next.messages.flatMap((m) => (m.kind === 'task' ? [m.card.ref] : []));
    expect(cards).not.toContain(experiment);
    chat.close();
  });

  it("shows a member the tasks awaiting a decision, to them alone, and proposes none: that is an approver's call", async () => {
    const chat = chatHarness(tempDir());
    const empty = await chat.say('cy', 'digest');
    expect(empty.visibility).toBe('ephemeral');
    expect(footprint(chat.dbPath).tasks).toBe(0);
    const [head, nothing] = empty.messages;
    if (head?.kind !== 'digest_header') throw new Error('no header');
    expect(head.batch).toEqual({
      id: null,
      proposed: 0,
      newTasks: 0,
      duplicates: 0,
      heldBack: 0,
      showOnly: true,
    });
    expect(batchSentence(head.batch)).toBe('0 tasks awaiting a decision; only approvers propose new ones.');
    expect(nothing).toEqual({
      kind: 'text',
      text: 'Nothing awaits a decision today: every open task is decided.',
    });

    const proposed = await chat.say('bo', 'digest --max-tasks 3');
    await chat.say('bo', 'approve T-1');
    const before = footprint(chat.dbPath);
    const shown = await chat.say('cy', 'digest --max-tasks 10');
    expect(footprint(chat.dbPath)).toEqual(before);
    expect(shown.visibility).toBe('ephemeral');
    const [header, ...cards] = shown.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    expect(batchSentence(header.batch)).toBe(
      '2 tasks awaiting a decision; only approvers propose new ones (so --max-tasks 10 changed nothing).',
    );
    expect(cards.map((c) => (c.kind === 'task' ? c.card.ref : c.kind))).toEqual(['T-2', 'T-3']);
    // Shown to the member alone, the cards offer no approve or reject they could not use; the
    // approver's digest keeps them.
    expect(cards.map((c) => (c.kind === 'task' ? c.card.buttons : null))).toEqual([[], []]);
    const approverCards = proposed.messages.filter((m) => m.kind === 'task');
    expect(approverCards.map((c) => (c.kind === 'task' ? c.card.buttons.map((b) => b.action) : []))).toEqual([
      ['approve', 'reject'],
      ['approve', 'reject'],
      ['approve', 'reject'],
    ]);
    expect(proposed.messages.length).toBe(4);
    // The same rule below chat, for every surface: a member may look at a plan, not propose it.
    const member = chat.app.context({ workspaceId: 'default', actor: 'console:cy', source: 'console' });
    expect(chat.app.engine.generate(member, { dryRun: true }).dryRun).toBe(true);
    expect(() => chat.app.engine.generate(member, {})).toThrow(
      // The grant to ask for, naming the member as the admin would type it.
      'proposing tasks needs the approver role and you are a member; an admin can grant it with `/goalpost role @cy approver`',
    );
    expect(footprint(chat.dbPath)).toEqual(before);
    chat.close();
  });

  it('approves, rejects with a reason, starts and finishes tasks, editing each card in place', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const approved = await chat.say('bo', '/goalpost approve T-1');
    expect(approved.visibility).toBe('channel');
    expect(textOf(approved)).toMatch(/T-1 approved by @bo/);
    expect(approved.updates[0]?.status).toBe('approved');
    expect(approved.updates[0]?.buttons.map((b) => b.action)).toEqual(['start', 'done', 'reject']);

    const rejected = await chat.say('bo', 'reject T-2 not this quarter');
    expect(textOf(rejected)).toMatch(
      /T-2 rejected by @bo: not this quarter — .*; its work is not proposed again before 2027-01-01 unless the work itself changes$/,
    );
    expect(
      chat.app.tasks
        .show(chat.app.context({ workspaceId: 'default', actor: 't', source: 'cli' }), 'T-2')
        .events.at(-1)?.note,
    ).toBe('not this quarter');
    // Rejected as too big, a feature's reply says how to split it, where the team decides.
    expect(textOf(await chat.say('bo', 'reject T-3 too big, split it'))).toMatch(
      /T-3 rejected by @bo: too big, split it — .*; too big as one piece\? `\/goalpost feature drop \d+` takes it out of the backlog, and `\/goalpost feature add "[^"]+" "<a part>"` puts each of its parts in, each proposed on its own$/,
    );

    expect(textOf(await chat.say('cy', 'start T-1'))).toMatch(/T-1 started by @cy/);
    const done = await chat.say('cy', 'done T-1 shipped it --minutes 90');
    expect(textOf(done)).toMatch(/T-1 done by @cy: shipped it/);
    expect(done.updates[0]?.buttons).toEqual([]);
    chat.close();
  });

  it('cancels a task nobody will do, for an approver, and edits its card to have no buttons', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    // A member may move work along, not drop it: nothing changes.
    expect(textOf(await chat.say('cy', 'cancel T-3'))).toMatch(
      /^\/goalpost cancel needs the approver role and you are a member/,
    );
    expect(
      chat.app.tasks.show(chat.app.context({ workspaceId: 'default', actor: 't', source: 'cli' }), 'T-3').task
        .status,
    ).toBe('proposed');
    const cancelled = await chat.say('bo', '/goalpost cancel T-3 the vendor ships it for us');
    expect(cancelled.visibility).toBe('channel');
    // Its feature stays in the backlog, which the reply says, with how to keep it from coming back.
    expect(textOf(cancelled)).toMatch(
      /^🗑️ T-3 cancelled by @bo: the vendor ships it for us — .*; its item, feature #\d+, stays open in the backlog: a later plan may propose it again \(reject the task instead to hold it back, or mark the item done\)$/,
    );
    expect(cancelled.updates[0]?.status).toBe('cancelled');
    expect(cancelled.updates[0]?.buttons).toEqual([]);
    // Said again, it was already so, and nothing changes.
    expect(textOf(await chat.say('bo', 'cancel T-3'))).toMatch(/T-3 was already cancelled/);
    chat.close();
  });

  it('says when a failed task comes back: a day on, or when its reason says', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    await chat.say('bo', 'approve T-1');
    await chat.say('bo', 'approve T-2');
    expect(textOf(await chat.say('bo', 'fail T-1 no Stripe key'))).toMatch(
      /^⚠️ T-1 failed by @bo: no Stripe key — .*; plans propose its work again from 2026-11-22 09:00 UTC, a day for what stopped it to clear: if that takes longer, reject the proposal saying until when$/,
    );
    // A block outside the work says it counts against nobody's record, nor the work's odds.
    expect(textOf(await chat.say('bo', 'fail T-2 KYC review pending until 2026-12-15'))).toMatch(
      /; a block outside the work, as its reason reads: it (counts against neither \w+'s record nor|does not lower) the work's odds when it comes back; plans propose its work again from 2026-12-15, when its reason says what stopped it ends$/,
    );
    chat.close();
  });

  it('says which reason stands when a rejected task is rejected again with another', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    await chat.say('ana', 'reject T-2 not this quarter');
    const again = await chat.say('ana', 'reject T-2 the vendor ships it');
    expect(again.visibility).toBe('ephemeral');
    expect(textOf(again)).toMatch(
      /^T-2 was already rejected \(rejected by @?\S+ at \d{4}-\d\d-\d\d \d\d:\d\d UTC: 'not this quarter'\); nothing changed\.$/,
    );
    chat.close();
  });

  it('says whom an outcome is credited to when someone else records it', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const lead = chat.app.context({
      workspaceId: 'default',
      actor: 'cli:lead',
      source: 'cli',
      role: 'admin',
    });
    chat.app.assignees.add(lead, { name: 'bot1', kind: 'worker', capacity: 2 });
    chat.app.assignees.add(lead, { name: 'ana', capacity: 2 });
    chat.app.decisions.assign(lead, 'T-1', 'bot1');
    chat.app.decisions.assign(lead, 'T-2', 'ana');
    await chat.say('ana', 'approve T-1');
    await chat.say('ana', 'approve T-2');
    // Routed to the worker agent, marked done by the lead: routing learns it of bot1, and says so.
    expect(textOf(await chat.say('ana', 'done T-1 shipped it'))).toMatch(
      /^🏁 T-1 done by @ana, credited to bot1: shipped it — /,
    );
    // Her own task: nothing more to say.
    expect(textOf(await chat.say('ana', 'done T-2'))).toMatch(/^🏁 T-2 done by @ana — /);
    // Nobody's: routing learns nothing from it, which is said.
    await chat.say('ana', 'approve T-3');
    expect(textOf(await chat.say('ana', 'done T-3'))).toMatch(
      /^🏁 T-3 done by @ana, credited to nobody \(it had no assignee\) — /,
    );
    chat.close();
  });

  it('answers bad input with the usage line, to the caller only, and writes nothing', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const before = footprint(chat.dbPath);
    const cases: Array<[string, RegExp]> = [
      ['reject T-2', /reason: say why[\s\S]*usage: \/goalpost reject T-2 <reason>/],
      ['approve', /ref: a task ref like T-12[\s\S]*usage: \/goalpost approve T-12/],
      ['approve twelve', /a task ref like T-12 \(got "twelve"\)/],
      ['done T-1 --minutes lots', /^--minutes: minutes ≥ 0 like 45, or a duration like 1h30m \(got "lots"\)/],
      // An option is named as typed, not by the key it is parsed into (maxTasks).
      ['digest --max-tasks 0', /^--max-tasks: a whole number ≥ 1 like 5 \(got 0\)/],
      ['done T-1 --hours 2', /unknown option --hours; this command takes --minutes/],
      ['tasks sideways', /status: one of/],
      ['vision set colour blue', /field: one of statement, primary_goal/],
      ['metric signups', /value: the value, like 420/],
      // The example is a day to come whenever it is read (2026-12-31 went stale).
      ['goal add signups 500', new RegExp(`by: a deadline: --by ${exampleDeadline()}`)],
      ['revenue add lots', /actual: a non-negative amount/],
      [
        'revenue add 2000000000000',
        /actual: a non-negative amount like 420, 420\.50 or \$12,200, at most 10\^12 \(got "2000000000000"\)/,
      ],
      [
        'vision set revenue_targets 2027-03=1e308',
        /revenue_targets\.2027-03: .*at most 10\^12 \(got 1e\+308\)/,
      ],
      ['revenue add 100 --from 2026-10-01', /from: give --from and --to together, or --month/],
      ['revenue add 7 --to 2026-09-30', /to: give --from and --to together, or --month/],
      [
        'revenue add 7 --month 2026-10 --from 2026-10-01 --to 2026-10-31',
        /month: give --month, or --from and --to, not both/,
      ],
      ['revenue add 500 --month 2030-01', /^month: 2030-01 has not begun \(today is 2026-11-\d\d\)/],
      [
        'revenue add 500 --from 2030-01-01 --to 2030-01-31',
        /^from: 2030-01-01 is after today \(2026-11-\d\d\)/,
      ],
      ['role @bo wizard', /role: one of admin, approver, member|role: one of member, approver, admin/],
      ['role @bo', /^say which role: admin, approver or member\nusage: \/goalpost role \[@user/],
      ['subscribe', /^time: a time like 09:00/],
      ['reject T-2 "not closed', /a quote is not closed/],
      ['aprove T-1', /unknown command "aprove"; did you mean `approve`\?/],
      ['frobnicate', /^unknown command "frobnicate"; `\/goalpost help` lists them$/],
      [
        'help aprove',
        /^no command "aprove"; did you mean `\/goalpost help approve`\? `\/goalpost help` lists them$/,
      ],
      ['help frobnicate', /^no command "frobnicate"; `\/goalpost help` lists them$/],
      [
        'help feature after',
        /^chat's `feature` takes `add`, `priority`, `drop` only \(.*\); the rest of it is for the command line: `goalpost feature --help` on the command line says how$/,
      ],
      [
        'help playbook',
        /^`playbook` is for the command line, not chat: `goalpost playbook --help` on the command line says how; /,
      ],
      // The usage's example is the task typed, lowercase or not; one no task can have, the usual.
      ['reject T-99999999999999999999', /\nusage: \/goalpost reject T-12 <reason>$/],
      // The usage's example is the task typed, lowercase or not.
      [
        'reject t-3',
        /^reason: say why, e\.g\. "not this quarter" \(missing\)\nusage: \/goalpost reject T-3 <reason>$/,
      ],
      // A failure's example is a failure's, not a rejection's.
      [
        'fail T-1',
        /^reason: say why, e\.g\. "blocked on the API keys" \(missing\)\nusage: \/goalpost fail T-1 <reason>/,
      ],
      // A command-line command is said to be one, not taken for a typo of a chat one.
      [
        'project set "Quiz Packs" paused',
        /^chat's `project` takes `add` only \(`\/goalpost project add "Name"` adds one, and `\/goalpost github connect owner\/repo --project "Name"` brings in its backlog from GitHub\); the rest of it is for the command line: `goalpost project …` \(`goalpost project --help` says how\)$/,
      ],
      ['playbook list', /^`playbook` is for the command line, not chat: `goalpost playbook …`/],
      // Chat adds assignees; changing or removing one is the command line's.
      ['assignee set ana --capacity 2', /^`assignee set` is for the command line, not chat/],
      // Not a metric named "remove".
      ['metric remove signups 2026-11-18', /^`metric remove` is for the command line, not chat/],
      ['schedule list', /in chat, `\/goalpost subscribe`, `unsubscribe` and `subscriptions`$/],
      ['goals', /in chat, `\/goalpost goal`, each goal with its progress$/],
      ['me', /^"me" goes with one of `me timezone`, `me days`, `me hours`/],
      ['me foo', /^"me" goes with one of `me timezone`.* \(got "foo"\)$/],
      ['approve T-99', /unknown task T-99/],
      // Two tasks in one line: not T-1 approved with the note "T-2".
      [
        'approve T-1 T-2',
        /approve takes one task: "T-2" reads as more tasks, not a note; approve each on its own \(`\/goalpost approve T-2`\), nothing was approved/,
      ],
      ['reject T-1 t-2, T-3', /reject takes one task: "t-2, T-3" reads as more tasks, not a reason/],
    ];
    for (const [line, expected] of cases) {
      const reply = await chat.say('ana', line);
      expect(reply.visibility, line).toBe('ephemeral');
      expect(isError(reply), line).toBe(true);
      expect(textOf(reply), line).toMatch(expected);
    }
    expect(footprint(chat.dbPath)).toEqual(before);
    chat.close();
  });

  it('shows help, tasks, a task, vision, revenue, goals, roles and whoami to everyone', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const help = textOf(await chat.say('cy', 'help'));
    for (const c of [
      'digest',
      'approve T-12',
      'reject T-12 <reason>',
      'assign T-12',
      'vision set',
      'subscribe',
      'role',
      'whoami',
      'learn',
      'metric',
      'note',
    ]) {
      expect(help).toContain(c);
    }
    expect(textOf(await chat.say('cy', 'help reject'))).toMatch(/reject T-12 <reason>/);
    expect(textOf(await chat.say('cy', 'tasks'))).toMatch(/T-1 \| \d+ \| proposed/);
    // The command line's spelling works too, as for goal and assignee.
    expect(textOf(await chat.say('cy', 'tasks --status proposed'))).toMatch(
      /^Tasks \(proposed\)[\s\S]*T-1 \| \d+ \| proposed/,
    );
    expect((await chat.say('cy', 'task T-1')).messages[0]?.kind).toBe('task');
    expect(textOf(await chat.say('cy', 'vision'))).toMatch(/primary_goal \| Launch Basic EDU Apps/);
    expect(textOf(await chat.say('cy', 'revenue'))).toMatch(/Revenue: \$[\d,]+\/month/);
    expect(textOf(await chat.say('cy', 'goal'))).toMatch(/No goals yet/);
    // The command line's words for the same: read as chat's command, not refused.
    expect(textOf(await chat.say('cy', 'vision show'))).toBe(textOf(await chat.say('cy', 'vision')));
    expect(textOf(await chat.say('cy', 'goal list'))).toBe(textOf(await chat.say('cy', 'goal')));
    expect(textOf(await chat.say('cy', 'vision frobnicate'))).toMatch(/unexpected "frobnicate"/);
    expect(textOf(await chat.say('cy', 'role'))).toMatch(/@ana \| admin[\s\S]*@bo \| approver/);
    expect(textOf(await chat.say('cy', 'whoami'))).toBe(
      "You are console:cy (member) in workspace default. Schedule: Europe/Berlin (the workspace's default), works weekdays; now off: works weekdays.",
    );
    expect(textOf(await chat.say('bo', '/goalpost whoami'))).toMatch(/console:bo \(approver\)/);
    chat.close();
  });

  it("says a new vision's primary goal took its statement's words, and how to give it its own", async () => {
    const chat = chatHarness(tempDir(), '2026-11-21T09:00:00Z', false);
    expect(textOf(await chat.say('ana', 'vision set statement "Notes teams pay for"'))).toMatch(
      /^Vision statement set by @ana \(now version 1\)\. Its primary goal reads the same for now: `\/goalpost vision set primary_goal "…"` gives it its own words\.\n/,
    );
    expect(textOf(await chat.say('ana', 'vision set primary_goal "Reach 500 paying teams"'))).toMatch(
      /^Vision primary_goal set by @ana \(now version 2\)\.\n/,
    );
    // A list given again whole replaces it: the milestones it left out are named.
    await chat.say('ana', 'vision set revenue_targets 2027-01=12000,2027-06=20000');
    expect(textOf(await chat.say('ana', 'vision set revenue_targets 2027-03=14000'))).toMatch(
      /^Vision revenue_targets set by @ana \(now version 4\)\. The value replaces the whole list: 2027-01 \(\$12,000\/month\) and 2027-06 \(\$20,000\/month\) are no longer revenue targets \(give them too, to keep them\)\.\n/,
    );
    chat.close();
  });

  it('sets the vision, revenue, goals and metrics, and takes notes', async () => {
    const chat = chatHarness(tempDir());
    expect(textOf(await chat.say('ana', 'vision set primary_goal "Reach 100 paying schools"'))).toMatch(
      /now version 2/,
    );
    // Set to what it already says: no version 3, nothing for anyone to reread.
    expect(textOf(await chat.say('ana', 'vision set primary_goal "Reach 100 paying schools"'))).toBe(
      'Vision primary_goal already says that (version 2); nothing changed.',
    );
    // This month, still under way (the clock says 2026-11-21): recorded, and said when it counts.
    expect(textOf(await chat.say('ana', 'revenue add 450'))).toBe(
      'Recorded $450 for 2026-11-01…2026-11-30; it counts from 2026-12-01, once the period has ended (the milestone counts complete periods).',
    );
    expect(textOf(await chat.say('ana', 'revenue add 405 --month 2026-11'))).toBe(
      'Recorded $405 for 2026-11-01…2026-11-30, in place of $450 typed for it before; it counts from 2026-12-01, once the period has ended (the milestone counts complete periods).',
    );
    // The revenue figure says why it is $0 rather than showing it unexplained.
    const [figure] = (await chat.say('bo', 'revenue')).messages;
    expect(figure?.kind === 'progress' ? figure.items[0]?.freshness : null).toBe(
      'recorded for a period not over yet; it counts from 2026-12-01, once the period has ended (the milestone counts complete periods)',
    );
    // A period overlapping one typed before is refused, with the chat command that clears the way.
    const overlap = await chat.say('ana', 'revenue add 90 --from 2026-11-01 --to 2026-11-07');
    expect(isError(overlap)).toBe(true);
    expect(textOf(overlap)).toMatch(
      /^2026-11-01 → 2026-11-07 overlaps 2026-11-01 → 2026-11-30 \(\$405\), typed for the workspace itself before: .* remove it first \(`\/goalpost revenue remove --from 2026-11-01 --to 2026-11-30`\); nothing was written/,
    );
    const remove = 'revenue remove --from 2026-11-01 --to 2026-11-30';
    expect(textOf(await chat.say('bo', remove))).toMatch(/needs the admin role/);
    expect(textOf(await chat.say('ana', remove))).toBe(
      'Removed 1 typed record: $405 for 2026-11-01…2026-11-30.',
    );
    expect(textOf(await chat.say('ana', 'revenue remove --all'))).toMatch(
      // Chat has no list of the records: the command line's is named, and said to be.
      /^no typed revenue for the workspace itself \(a project’s: --project\); `goalpost revenue show` on the command line lists the records; nothing was removed/,
    );
    expect(
      textOf(await chat.say('ana', 'goal add signups 500 --by 2026-12-31 --unit users --baseline 100')),
    ).toMatch(/Goal set by @ana: signups → 500 users by 2026-12-31/);
    expect(textOf(await chat.say('ana', 'goal set signups --value 12'))).toMatch(
      /@ana set signups: \$12\/month per unit \(users\)/,
    );
    const refused = await chat.say('bo', 'goal set signups --weight 0.5');
    expect(refused.visibility).toBe('ephemeral');
    expect(textOf(refused)).toMatch(/needs the admin role/);
    expect(textOf(await chat.say('ana', 'goal set nps --value 3'))).toMatch(/unknown goal or metric "nps"/);
    expect(textOf(await chat.say('ana', 'goal add mrr 999 --by 2027-03-31'))).toMatch(
      /mrr measures revenue, which the revenue milestone already tracks/,
    );
    const metric = await chat.say('bo', 'metric signups 180');
    expect(textOf(metric)).toMatch(/signups = 180 users recorded by @bo/);
    // A zero too many among steady readings is said at once, with how to take it back.
    for (const [value, at] of [
      ['150', '2026-10-01'],
      ['160', '2026-10-15'],
      ['170', '2026-11-01'],
    ])
      await chat.say('bo', `metric signups ${value} --at ${at}`);
    expect(textOf(await chat.say('bo', 'metric signups 1900 --at 2026-11-20'))).toMatch(
      /signups = 1,900 users recorded by @bo\. It reads as an outlier against the trend of signups; if it was mistyped, `goalpost metric remove signups 2026-11-20T00:00:00\.000Z` on the command line removes it\./,
    );
    expect(textOf(await chat.say('cy', 'note "teachers love the quiz mode" --goal signups'))).toMatch(
      /Noted/,
    );
    // A slip of the keys is answered with what was most likely meant; a capital is no slip.
    expect(textOf(await chat.say('cy', 'note "they asked for more" --goal signup'))).toMatch(
      /^unknown goal or metric "signup"; did you mean signups\? goals track: signups/,
    );
    expect(textOf(await chat.say('cy', 'note "they asked" --goal signup'))).not.toMatch(/goal add signup /);
    expect(textOf(await chat.say('cy', 'tasks aproved'))).toMatch(
      /\(got "aproved"; did you mean approved\?\)/,
    );
    // A task's ref where a status goes: the reader wanted that task.
    expect(textOf(await chat.say('cy', 'tasks T-1'))).toMatch(
      /T-1 is a task, not a status; `\/goalpost task T-1` shows it/,
    );
    expect(textOf(await chat.say('cy', 'digest --max-tasks 100'))).toMatch(
      /at most 50 tasks per batch \(got 100\)/,
    );
    const approved = textOf(await chat.say('cy', 'tasks Approved'));
    expect(approved).toMatch(/^Tasks \(approved\)/);
    // None approved, five proposed: no advice to propose a batch, but where the work is.
    expect(approved).toMatch(/No approved tasks\. `\/goalpost tasks` lists the open ones/);
    expect(approved).not.toMatch(/proposes a batch/);
    const report = textOf(await chat.say('cy', 'report'));
    expect(report).toMatch(/teachers love the quiz mode/);
    // The revenue, in chat's plain lines (no Markdown), beside the milestone.
    expect(report).toMatch(
      /💵 Revenue\n(• \d{4}-\d{2}: \$[\d,.]+\/month.*\n)*(No revenue recorded for a month that has ended\.\n)?Target: \$[\d,]+\/month by \d{4}-\d{2}/,
    );
    expect(textOf(await chat.say('bo', 'learn'))).toBe(
      'No outcomes yet: routing learns from tasks marked done or failed.',
    );
    // Archived, the goal list says so: not 'No goals yet', as if it were lost.
    expect(textOf(await chat.say('ana', 'goal archive signups'))).toMatch(/archived goal signups/);
    expect(textOf(await chat.say('cy', 'goal'))).toMatch(
      /No goal is tracked: signups is archived, measurements kept \(`\/goalpost goal add signups …` tracks it again\)/,
    );
    chat.close();
  });

  it('assigns a task to a linked user or an assignee by name', async () => {
    const chat = chatHarness(tempDir());
    const ctx = chat.app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
    // Added after the digest, so routing suggested nobody and every assignment is by hand.
    await chat.say('ana', 'digest');
    chat.app.assignees.add(ctx, { name: 'dev_worker1', kind: 'worker' });
    chat.app.assignees.add(ctx, { name: 'cy' });
    expect(textOf(await chat.say('bo', 'assign T-1 dev_worker1'))).toMatch(
      /T-1 assigned to dev_worker1 by @bo/,
    );
    expect(textOf(await chat.say('bo', 'assign T-1 @cy'))).toMatch(/T-1 assigned to cy/);
    expect(textOf(await chat.say('bo', 'assign T-1 @cy'))).toMatch(/already assigned to cy; nothing changed/);
    expect(textOf(await chat.say('bo', 'assign T-1 @nobody'))).toMatch(/unknown assignee "nobody"/);
    chat.close();
  });

  it('shows who holds which task and what waits', async () => {
    const chat = chatHarness(tempDir());
    const ctx = chat.app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
    chat.app.assignees.add(ctx, { name: 'dev_worker1', kind: 'worker' });
    await chat.say('ana', 'digest');
    expect(textOf(await chat.say('cy', 'queue'))).toMatch(
      /Nobody holds a task right now\.\nNo approved task waits to be claimed\./,
    );
    await chat.say('bo', 'approve T-1');
    await chat.say('bo', 'approve T-2');
    chat.app.queue.claim(
      { ...ctx, actor: 'worker:dev_worker1', source: 'worker' },
      'dev_worker1',
      30,
      'ci-7:99',
    );
    const shown = textOf(await chat.say('cy', 'queue'));
    expect(shown).toMatch(/^Claimed\nT-\d+ \| dev_worker1 \| 0 s \| 30 min \| 1 \| /);
    // The one left waiting is named, with who it is routed to, not only counted.
    const left = chat.app.tasks.list(ctx, { status: ['approved'] });
    expect(left).toHaveLength(1);
    expect(shown).toContain(
      `\nWaiting to be claimed\n${left[0]?.ref} | ${left[0]?.priority} | ${left[0]?.assignee ?? 'nobody yet'} | `,
    );
    expect(shown).toMatch(/\n1 approved task waits to be claimed\.$/);
    chat.close();
  });

  it('says when an approval leaves someone holding more than their capacity, and how to hand it on', async () => {
    const chat = chatHarness(tempDir());
    const ctx = chat.app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
    chat.app.assignees.add(ctx, { name: 'ana', capacity: 1 });
    chat.app.engine.generate(ctx, { maxTasks: 2, ignoreCapacity: true });
    // The second given to ana by hand, past her one slot: both approved, she holds two.
    await chat.say('bo', 'assign T-2 ana');
    expect(textOf(await chat.say('bo', 'approve T-1'))).not.toContain('over a capacity');
    expect(textOf(await chat.say('bo', 'approve T-2'))).toContain(
      '; ana now holds 2 approved or in-progress tasks, over a capacity of 1: `/goalpost assign T-2 <name>` gives T-2 to someone with room',
    );
    chat.close();
  });

  it('lists the first ten waiting tasks and says where the rest are listed', async () => {
    const chat = chatHarness(tempDir());
    const ctx = chat.app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
    const areas = ['Gradebook export', 'Parent portal', 'Lesson planner', 'Quiz builder', 'Attendance sheet'];
    for (const title of areas) chat.app.projects.addFeature(ctx, 'Basic EDU Apps', { title });
    const batch = chat.app.engine.generate(ctx, { maxTasks: 12, ignoreCapacity: true });
    expect(batch.tasks.length).toBeGreaterThan(10);
    for (const t of batch.tasks) chat.app.decisions.decide(ctx, { ref: t.ref ?? '', action: 'approve' });
    const shown = textOf(await chat.say('cy', 'queue'));
    const waiting = batch.tasks.length;
    expect(shown).toContain(
      `${waiting} approved tasks wait to be claimed (the first 10 listed; on the command line, \`goalpost queue list\` lists them all).`,
    );
    // Never a chat command that shows the same ten again.
    expect(shown).not.toContain('/goalpost queue');
    chat.close();
  });
});

describe('an empty workspace', () => {
  it('tells whoever asks for a digest, the vision or revenue how to start, in chat words', async () => {
    const chat = chatHarness(tempDir(), '2026-11-21T09:00:00Z', false);
    for (const line of ['digest', 'vision', 'revenue']) {
      const reply = await chat.say('cy', line);
      expect(reply.visibility).toBe('ephemeral');
      expect(textOf(reply), line).toMatch(/There is no vision yet: an admin can type `\/goalpost demo`/);
    }
    expect(textOf(await chat.say('ana', 'demo'))).toMatch(/Loaded the EDU demo: a vision and 3 projects/);
    expect(textOf(await chat.say('ana', 'demo'))).toMatch(/already loaded/);
    chat.close();
  });
});

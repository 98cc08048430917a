import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/index.js';
import { chatHarness, isError, textOf } from '../helpers/chat.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** Rows of the backlog's tables, to prove a refused command wrote nothing. */
function backlogRows(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  const tables = ['projects', 'features', 'bugs', 'feature_prerequisites', 'processed_events'];
  const out = Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).pluck().get() as number]),
  );
  db.close();
  return out;
}

/** The cards of a digest reply, as `title` lines in the order posted. */
const cardTitles = (reply: Reply): string[] =>
  reply.messages.flatMap((m) => (m.kind === 'task' ? [m.card.title] : []));

/** A workspace with a vision and nothing else: a team that keeps no backlog in GitHub. */
async function emptyTeam() {
  const chat = chatHarness(tempDir(), '2026-11-21T09:00:00Z', false);
  for (const line of [
    'vision set statement "Quizzes teachers pay for"',
    'vision set revenue_targets 2027-03=3000',
  ]) {
    expect(isError(await chat.say('ana', line)), line).toBe(false);
  }
  return chat;
}

describe('the backlog typed in chat', () => {
  it('goes in from chat alone, is said in the channel, and the next digest proposes it', async () => {
    const chat = await emptyTeam();
    const project = await chat.say('ana', 'project add Quizzly --revenue-bearing --description "Quiz packs"');
    expect(project.visibility).toBe('channel');
    expect(textOf(project)).toBe('Project "Quizzly" added by @ana (revenue-bearing).');

    // The project as it is named, whatever case it was typed in; a title of several words unquoted.
    const feature = await chat.say('bo', 'feature add quizzly Paid quiz packs --estimate 6h --priority high');
    expect(feature.visibility).toBe('channel');
    expect(textOf(feature)).toBe(
      'Feature 1 added to Quizzly by @bo: Paid quiz packs (planned, high priority, estimated 6 h)',
    );
    const bug = await chat.say('bo', 'bug add Quizzly "Checkout crashes on Safari" --severity critical');
    expect(textOf(bug)).toBe(
      "Bug 1 recorded in Quizzly by @bo, 'Checkout crashes on Safari' (critical): it blocks its project.",
    );
    expect(await chat.say('bo', 'feature add Quizzly "Class leaderboards"')).toMatchObject({
      visibility: 'channel',
    });
    // Work already under way goes in as it stands, as on the command line: its card says so.
    const started = await chat.say(
      'bo',
      'feature add Quizzly "Teacher sign-up" --status in_progress --estimate 2h',
    );
    expect(textOf(started)).toBe(
      'Feature 3 added to Quizzly by @bo: Teacher sign-up (in progress, estimated 2 h)',
    );

    // The critical bug first, then the features, each from the backlog just typed.
    const digest = await chat.say('bo', 'digest');
    expect(cardTitles(digest)).toEqual([
      "Fix 'Checkout crashes on Safari' in Quizzly",
      "Finish 'Teacher sign-up' for Quizzly",
      "Build 'Paid quiz packs' for Quizzly",
      "Build 'Class leaderboards' for Quizzly",
    ]);
    chat.close();
  });

  it('names an open feature a new one reads like, with how to drop it', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add Quizzly');
    await chat.say('bo', 'feature add Quizzly "Annual plans"');
    const alike = textOf(await chat.say('bo', 'feature add Quizzly "Annual plan billing"'));
    expect(alike).toMatch(/^Feature 2 added to Quizzly by @bo: Annual plan billing \(planned\)\n/);
    expect(alike).toContain(
      "It reads like feature 1, 'Annual plans', open on its project (both say annual, plan): if it is the same work, `/goalpost feature drop 2`;",
    );
    chat.close();
  });

  it('is an approver’s to add to, and a project an admin’s; a member is told so and nothing is written', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add Quizzly');
    const before = backlogRows(chat.dbPath);
    const cases: Array<[string, string, RegExp]> = [
      ['cy', 'bug add Quizzly "Typo on the pricing page" --severity high', /needs the approver role/],
      ['cy', 'feature add Quizzly "Class leaderboards"', /needs the approver role/],
      ['bo', 'project add "Second product"', /needs the admin role/],
    ];
    for (const [user, line, expected] of cases) {
      const reply = await chat.say(user, line);
      expect(isError(reply), line).toBe(true);
      expect(textOf(reply), line).toMatch(expected);
    }
    expect(backlogRows(chat.dbPath)).toEqual(before);
    chat.close();
  });

  it('refuses bad input with what was wrong, and writes nothing', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add Quizzly');
    await chat.say('bo', 'feature add Quizzly "Annual plans"');
    const before = backlogRows(chat.dbPath);
    const cases: Array<[string, RegExp]> = [
      ['feature add Nope "Annual plans"', /^unknown project "Nope"; projects are: "Quizzly"/],
      ['feature add Quizzly', /^title: what the feature is, like "Paid quiz packs" \(missing\)\nusage: /],
      [
        'feature add Quizzly "Annual plans"',
        /^Quizzly already has feature 1 open, "Annual plans" .*nothing added/,
      ],
      ['feature add Quizzly "Gift cards" --priority urgent', /priority: one of critical, high, medium, low/],
      ['feature add Quizzly "Gift cards" --status shipped', /status: one of planned, in_progress, done/],
      ['feature add Quizzly "Gift cards" --estimate "6 parsecs"', /^estimate: /],
      ['feature add Quizzly "Gift cards" --after 9', /feature 9/],
      [
        'feature add Quizzly "Gift cards" --goal signups',
        /^goal: unknown goal "signups"; there are no goals yet \(add one with `\/goalpost goal add signups/,
      ],
      ['bug add Quizzly "Checkout crashes"', /^--severity: one of critical, high, medium, low \(missing\)/],
      [
        'bug add Quizzly "Checkout crashes" --severity blocker',
        /severity: one of critical, high, medium, low/,
      ],
      ['bug add Quizzly "Typo" --severity low --affects 5%', /^affects: /],
      ['project add Quizzly', /^a project named "Quizzly" already exists/],
      ['project add Second --focus nowhere', /unknown focus area "nowhere"/],
    ];
    for (const [line, expected] of cases) {
      const reply = await chat.say('ana', line);
      expect(isError(reply), line).toBe(true);
      expect(textOf(reply), line).toMatch(expected);
    }
    expect(backlogRows(chat.dbPath)).toEqual(before);
    chat.close();
  });

  it('adds once when the platform delivers the same command twice', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add Quizzly');
    await chat.say('bo', 'bug add Quizzly "Checkout crashes" --severity high', 'Ev-1');
    const again = await chat.say('bo', 'bug add Quizzly "Checkout crashes" --severity high', 'Ev-1');
    expect(textOf(again)).toBe('Already handled.');
    expect(
      chat.app.projects.bugs(
        chat.app.context({ workspaceId: 'default', actor: 'console:bo', source: 'console' }),
      ),
    ).toHaveLength(1);
    chat.close();
  });

  it('leaves the rest of the backlog commands to the command line, and says which part chat has', async () => {
    const chat = await emptyTeam();
    expect(textOf(await chat.say('bo', 'feature estimate 1 6h'))).toMatch(
      /^chat's `feature` takes `add`, `priority`, `drop` only \(`\/goalpost feature add "Project" "Title"` adds one, .*\); the rest of it is for the command line: `goalpost feature …` \(`goalpost feature --help` says how\)$/,
    );
    expect(textOf(await chat.say('bo', 'project show Quizzly'))).toMatch(
      /^chat's `project` takes `add` only/,
    );
    // Typed alone, the word is answered with the command chat has under it.
    expect(textOf(await chat.say('bo', 'bug'))).toMatch(/^"bug" goes with one of `bug add`, `bug severity`/);
    // Help lists chat's part, and says where the rest is.
    expect(
      textOf(await chat.say('bo', 'help feature'))
        .split('\n')
        .slice(1)
        .map((row) => row.split(' ').slice(0, 2).join(' ')),
    ).toEqual(['feature add', 'feature priority', 'feature drop', '']);
    expect(textOf(await chat.say('bo', 'help bug affects'))).toMatch(
      /^chat's `bug` takes `add`, `severity` only/,
    );
    chat.close();
  });

  it('acts on what a card suggests: a tie broken by priority, a feature dropped, a bug’s severity', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add Quizzly --revenue-bearing');
    for (const title of ['Annual plans', 'Team seats', 'Invoice PDFs'])
      await chat.say('bo', `feature add Quizzly "${title}"`);
    await chat.say('bo', 'bug add Quizzly "Answer sheet prints blank" --severity high');
    const first = await chat.say('bo', 'digest');
    // Equal features: each card says how to rank it ahead, in chat's own words now.
    const tie = first.messages.find((m) => m.kind === 'task' && m.card.title.includes('Invoice PDFs'));
    if (tie?.kind !== 'task') throw new Error('no card for Invoice PDFs');
    expect(tie.card.reasoning.join('\n')).toContain(
      '`/goalpost feature priority 3 high` ranks it ahead of its equals',
    );
    const member = await chat.say('cy', 'feature priority 3 high');
    expect(textOf(member)).toMatch(/needs the approver role/);

    const raised = await chat.say('bo', 'feature priority 3 high');
    expect(raised.visibility).toBe('channel');
    expect(textOf(raised)).toBe(
      "@bo: Feature 3 ('Invoice PDFs') is high priority now: plans weigh its score ×1.5 and never put it among the fill-ins, whatever it claims (a proposal made from it is valued again by the next saved plan).",
    );
    // Said again, nothing changes, and only the sender is told.
    const again = await chat.say('bo', 'feature priority 3 high');
    expect(again.visibility).toBe('ephemeral');
    expect(textOf(again)).toBe("Feature 3 ('Invoice PDFs') was high priority already; nothing changed.");

    const refOf = (title: string) => {
      const card = first.messages.find((m) => m.kind === 'task' && m.card.title.includes(title));
      return card?.kind === 'task' ? card.card.ref : '';
    };
    const dropped = await chat.say('bo', 'feature drop 2 the sales team sells seats by hand');
    expect(textOf(dropped)).toBe(
      `@bo: Feature 2, "Team seats", is out of Quizzly's backlog: no plan proposes it again. ${refOf('Team seats')}, still proposed from it, is withdrawn (cancelled).`,
    );
    const ctx = chat.app.context({ workspaceId: 'default', actor: 'console:bo', source: 'console' });
    expect(chat.app.tasks.show(ctx, refOf('Team seats')).task.status).toBe('cancelled');

    const lowered = await chat.say('bo', 'bug severity 1 low');
    expect(textOf(lowered)).toMatch(
      /^@bo: Bug 1 \('Answer sheet prints blank'\) is low now \(was high\): plans never propose it\.\n.* still proposed from it, is withdrawn \(cancelled\)\.$/,
    );
    // The next digest ranks the raised feature first of the features, and has neither the
    // dropped one nor the lowered bug.
    const next = await chat.say('bo', 'digest');
    const titles = cardTitles(next);
    expect(titles.filter((t) => t.startsWith('Build'))).toEqual([
      "Build 'Invoice PDFs' for Quizzly",
      "Build 'Annual plans' for Quizzly",
    ]);
    expect(titles.join()).not.toMatch(/Team seats|Answer sheet/);
    chat.close();
  });

  it('refuses an unknown item or level, writing nothing', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add Quizzly');
    await chat.say('bo', 'feature add Quizzly "Annual plans"');
    const before = backlogRows(chat.dbPath);
    for (const [line, expected] of [
      ['feature priority 99 high', /^unknown feature 99/],
      ['feature priority 1 urgent', /^level: one of critical, high, medium, low, none \(got "urgent"/],
      ['feature drop x', /feature/],
      ['bug severity 7 high', /^unknown bug 7/],
      ['bug severity 7 blocker', /^level: one of critical, high, medium, low/],
    ] as const) {
      const reply = await chat.say('bo', line);
      expect(isError(reply), line).toBe(true);
      expect(textOf(reply), line).toMatch(expected);
    }
    expect(backlogRows(chat.dbPath)).toEqual(before);
    chat.close();
  });

  it('suggests splitting a feature rejected as too big with chat’s own command', async () => {
    const chat = await emptyTeam();
    await chat.say('ana', 'project add "Quiz Builder" --revenue-bearing');
    await chat.say('bo', 'feature add "Quiz Builder" "Course marketplace"');
    const digest = await chat.say('bo', 'digest');
    const ref = digest.messages.find((m) => m.kind === 'task' && m.card.title.includes('Course marketplace'));
    if (ref?.kind !== 'task') throw new Error('the feature was not proposed');
    const rejected = textOf(await chat.say('bo', `reject ${ref.card.ref} too big for one go`));
    expect(rejected).toContain(
      '`/goalpost feature drop 1` takes it out of the backlog, and `/goalpost feature add "Quiz Builder" "<a part>"` puts each of its parts in',
    );
    chat.close();
  });
});

import { appendFileSync, copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { DEFAULT_UPKEEP_LABELS } from '../../../src/domain/github.js';
import { DEFAULT_PLAYBOOKS } from '../../../src/engine/default-playbooks.js';
import { fingerprintSource, hashFingerprint, titleFingerprint } from '../../../src/engine/fingerprint.js';
import { MigrationError } from '../../../src/errors.js';
import { migrateGoalpost } from '../../../src/migration-functions.js';
import { migrationsDir } from '../../../src/paths.js';
import { createGitHubRepository } from '../../../src/store/github-repository.js';
import { migrate, readMigrations } from '../../../src/store/migrate.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createPlaybookRepository } from '../../../src/store/playbook-repository.js';
import { snapshot } from '../../helpers/snapshot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const clock = fixedClock('2026-11-21T09:00:00Z');
const tempDir = useTempDir();

/** The file name of the migration after the last one shipped, e.g. `0003_extra.sql`. */
const nextName = (suffix: string, skip = 0) =>
  `${String(readMigrations(migrationsDir()).length + 1 + skip).padStart(4, '0')}_${suffix}.sql`;

function copyMigrations(): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const f of readdirSync(migrationsDir())) copyFileSync(join(migrationsDir(), f), join(dir, f));
  return dir;
}

/**
 * A database migrated up to, not including, the migration whose file name ends with `suffix` (a
 * workspace made before it), to apply the rest to.
 */
function migratedBefore(suffix: string) {
  const mine = readdirSync(migrationsDir()).find((name) => name.endsWith(suffix)) ?? '';
  const before = join(tempDir(), `before-${suffix}`);
  mkdirSync(before);
  for (const f of readdirSync(migrationsDir()).filter((name) => name < mine))
    copyFileSync(join(migrationsDir(), f), join(before, f));
  const db = openDatabase(join(tempDir(), 'g.db'));
  migrateGoalpost(db, before, clock);
  return db;
}

describe('migrate', () => {
  it('applies every migration to a fresh database and creates the engine schema', () => {
    const db = openDatabase(join(tempDir(), 'g.db'));
    const result = migrateGoalpost(db, migrationsDir(), clock);
    expect(result.applied[0]).toBe('0001_init.sql');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const t of [
      'workspaces',
      'visions',
      'projects',
      'features',
      'bugs',
      'revenue_records',
      'playbooks',
      'batches',
      'tasks',
      'task_dependencies',
      'task_events',
      'assignees',
      'schema_migrations',
    ]) {
      expect(tables).toContain(t);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('opens with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'g.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('does nothing when run again', () => {
    const path = join(tempDir(), 'g.db');
    const db = openDatabase(path);
    migrateGoalpost(db, migrationsDir(), clock);
    const before = snapshot(path);
    expect(migrateGoalpost(db, migrationsDir(), clock).applied).toEqual([]);
    expect(snapshot(path)).toEqual(before);
    db.close();
  });

  it('refuses a migration file edited after it was applied, and changes nothing', () => {
    const dir = copyMigrations();
    const path = join(tempDir(), 'g.db');
    const db = openDatabase(path);
    migrateGoalpost(db, dir, clock);
    appendFileSync(join(dir, '0001_init.sql'), '\n-- sneaky edit\n');
    const before = snapshot(path);
    expect(() => migrateGoalpost(db, dir, clock)).toThrow(MigrationError);
    expect(() => migrateGoalpost(db, dir, clock)).toThrow(/0001_init\.sql differs from the one applied/);
    expect(snapshot(path)).toEqual(before);
    db.close();
  });

  it('refuses a database newer than the code', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, nextName('extra')), 'CREATE TABLE extra (id INTEGER PRIMARY KEY);');
    const path = join(tempDir(), 'g.db');
    const db = openDatabase(path);
    migrateGoalpost(db, dir, clock);
    expect(() => migrateGoalpost(db, migrationsDir(), clock)).toThrow(
      `newer than this code: migration ${nextName('extra')} is applied`,
    );
    db.close();
  });

  // A review deleted a row of schema_migrations: every command then failed "Something went wrong
  // on our side … table api_token_assignees already exists", exit 70, as a bug of ours.
  it('refuses a record of applied migrations edited by hand, naming it, and changes nothing', () => {
    // Up to the last migration that adds a column: applied twice, it cannot be (one that only
    // rewrites rows as shipped, as 0064 does, may be, harmlessly, and so may one that rebuilds a
    // table under a new name, as 0070 does).
    const dir = copyMigrations();
    const last = readMigrations(dir).findLast((m) => /\bALTER TABLE \w+ ADD COLUMN\b/.test(m.sql));
    for (const m of readMigrations(dir)) if (m.version > (last?.version ?? 0)) rmSync(join(dir, m.name));
    const path = join(tempDir(), 'g.db');
    const db = openDatabase(path);
    migrateGoalpost(db, dir, clock);
    db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last?.version);
    let before = snapshot(path);
    expect(() => migrateGoalpost(db, dir, clock)).toThrow(MigrationError);
    expect(() => migrateGoalpost(db, dir, clock)).toThrow(
      `migration ${last?.name} could not be applied to this database`,
    );
    expect(snapshot(path)).toEqual(before);
    db.prepare('DELETE FROM schema_migrations WHERE version = 30').run();
    before = snapshot(path);
    expect(() => migrateGoalpost(db, dir, clock)).toThrow(
      "the database's record of applied migrations was edited: version 30 is missing before 0031_",
    );
    expect(snapshot(path)).toEqual(before);
    db.close();
  });

  it('names a SQL function a migration calls that it was not given, and applies nothing of it', () => {
    const dir = copyMigrations();
    const path = join(tempDir(), 'g.db');
    const db = openDatabase(path);
    migrateGoalpost(db, dir, clock);
    writeFileSync(
      join(dir, nextName('calls')),
      "CREATE TABLE half (id INTEGER);\nSELECT goalpost_nothing('x');",
    );
    const before = snapshot(path);
    expect(() => migrate(db, dir, clock)).toThrow(
      `migration ${nextName('calls')} calls the SQL function goalpost_nothing, which was not given to migrate`,
    );
    expect(snapshot(path)).toEqual(before);
    db.close();
  });

  it('rolls back a failing migration whole', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, nextName('bad')), 'CREATE TABLE half (id INTEGER);\nTHIS IS NOT SQL;');
    const path = join(tempDir(), 'g.db');
    const db = openDatabase(path);
    expect(() => migrateGoalpost(db, dir, clock)).toThrow();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('tasks');
    expect(tables).not.toContain('half');
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(
      readMigrations(migrationsDir()).length,
    );
    db.close();
  });

  describe('against the migrations a build read (the CLI bundle’s)', () => {
    const built = () => readMigrations(migrationsDir()).map(({ sql: _sql, ...m }) => m);
    /** A database with every migration but the last applied, and a copy of the files. */
    function oneBehind() {
      const dir = copyMigrations();
      const last = readdirSync(dir).sort().at(-1) ?? '';
      const before = join(tempDir(), 'before');
      mkdirSync(before);
      for (const f of readdirSync(dir).filter((name) => name < last))
        copyFileSync(join(dir, f), join(before, f));
      const path = join(tempDir(), 'g.db');
      const db = openDatabase(path);
      migrateGoalpost(db, before, clock);
      return { dir, last, path, db };
    }

    it('applies the files that are due, as the build read them, and checks the rest without them', () => {
      const { dir, last, db } = oneBehind();
      // Only the pending file is read: the applied ones may be gone.
      for (const f of readdirSync(dir).filter((name) => name !== last)) rmSync(join(dir, f));
      expect(migrateGoalpost(db, dir, clock, built())).toEqual({ applied: [last], current: built().length });
      expect(migrateGoalpost(db, dir, clock, built()).applied).toEqual([]);
      db.close();
    });

    it('refuses a due file that is not the one the build read, and applies nothing', () => {
      const { dir, last, path, db } = oneBehind();
      appendFileSync(join(dir, last), '\nCREATE TABLE sneaky (id INTEGER);\n');
      const before = snapshot(path);
      expect(() => migrateGoalpost(db, dir, clock, built())).toThrow(
        new RegExp(
          `migration ${last} in .* is not the one this Goalpost was built with .*run \`npm run build\``,
        ),
      );
      rmSync(join(dir, last));
      expect(() => migrateGoalpost(db, dir, clock, built())).toThrow(
        `migration ${last} is missing from ${dir} (ENOENT)`,
      );
      expect(snapshot(path)).toEqual(before);
      db.close();
    });

    it('refuses a database whose applied migration the build does not have as applied', () => {
      const path = join(tempDir(), 'g.db');
      const db = openDatabase(path);
      migrateGoalpost(db, migrationsDir(), clock);
      db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2").run();
      const before = snapshot(path);
      expect(() => migrateGoalpost(db, migrationsDir(), clock, built())).toThrow(
        /differs from the one applied to this database .*\(checksum edited…, built with [0-9a-f]{12}…\).*restore the file, run `npm run build`, and add a new one/,
      );
      expect(() => migrateGoalpost(db, migrationsDir(), clock, built().slice(0, 1))).toThrow(
        /newer than this code: .* this Goalpost was built without it/,
      );
      expect(snapshot(path)).toEqual(before);
      db.close();
    });
  });

  it('refuses badly named and out-of-sequence files', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, nextName('gap', 1)), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/out of sequence/);
    const dir2 = copyMigrations();
    writeFileSync(join(dir2, 'extra.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir2)).toThrow(/not named NNNN_name\.sql/);
  });

  it('gives a workspace made before 0018 the failed-payment playbook a new one is seeded with', () => {
    const db = migratedBefore('_payment_failures.sql');
    db.exec("INSERT INTO workspaces (id, created_at) VALUES ('w', 'now')");
    migrateGoalpost(db, migrationsDir(), clock);
    const seeded = createPlaybookRepository(db)
      .list('w')
      .filter((p) => p.key === 'pay.recover');
    expect(seeded).toEqual([
      { ...DEFAULT_PLAYBOOKS.find((p) => p.key === 'pay.recover'), id: 1, workspaceId: 'w', enabled: true },
    ]);
    db.close();
  });

  it('has each repository synced with the default bug labels read again, for their spellings (0073)', () => {
    const db = migratedBefore('_bug_label_spellings.sql');
    const defaults = JSON.stringify(['bug', 'type: bug', 'type:bug', 'kind/bug']);
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO projects (id, workspace_id, name, created_at, updated_at) VALUES (1, 'w', 'Web', 'now', 'now');
      INSERT INTO github_repos (id, workspace_id, project_id, full_name, html_url, bug_labels, severity_labels,
        cursor, synced_at, created_by, created_at) VALUES
        (1, 'w', 1, 'acme/synced', 'https://github.com/acme/synced', '${defaults}', '{}', 'c', 'now', 'cli', 'now'),
        (2, 'w', 1, 'acme/never', 'https://github.com/acme/never', '${defaults}', '{}', NULL, NULL, 'cli', 'now'),
        (3, 'w', 1, 'acme/own', 'https://github.com/acme/own', '["bug","defect","regression","crash"]', '{}',
          'c', 'now', 'cli', 'now');`);
    migrateGoalpost(db, migrationsDir(), clock);
    const repos = createGitHubRepository(db);
    // An issue synced as a feature under the exact match becomes the bug it is at the next sync;
    // a list the team gave is matched as written, as before.
    expect(['acme/synced', 'acme/never', 'acme/own'].map((r) => repos.findRepo('w', r)?.reread)).toEqual([
      true,
      false,
      false,
    ]);
    db.close();
  });

  it('gives a Stripe account synced before 0071 its projects’ first sales, from the histories stored', () => {
    const db = migratedBefore('_stripe_first_sales.sql');
    const state = (at: string, product: string, live: boolean, more = {}) => ({
      at,
      lines: [{ product, unitAmount: 2_900, interval: 'month', intervalCount: 1, quantity: 1 }],
      discount: null,
      live,
      ...more,
    });
    const histories = [
      ['sub_q1', 'usd', [state('2026-09-30T00:00:00.000Z', 'prod_Q', true)]],
      ['sub_q2', 'usd', [state('2026-10-26T00:00:00.000Z', 'prod_Q', true)]],
      ['sub_qe', 'eur', [state('2026-08-02T00:00:00.000Z', 'prod_Q', true)]],
      [
        'sub_t',
        'usd',
        [
          state('2026-10-19T00:00:00.000Z', 'prod_other', false, { trial: true }),
          state('2026-11-02T00:00:00.000Z', 'prod_other', true),
        ],
      ],
    ] as const;
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO projects (id, workspace_id, name, created_at, updated_at) VALUES (1, 'w', 'Quotely', 'now', 'now'),
        (2, 'w', 'Tools', 'now', 'now');
      INSERT INTO stripe_accounts (id, workspace_id, account_id, currency, api_key, default_project_id, created_by, created_at)
        VALUES (1, 'w', 'acct_1', 'usd', 'rk_test_x', 2, 't', 'now');
      INSERT INTO stripe_products (account_id, product_id, project_id) VALUES (1, 'prod_Q', 1);`);
    const put = db.prepare(
      "INSERT INTO stripe_subscriptions (account_id, subscription_id, customer, currency, states, updated_at) VALUES (1, ?, 'cus', ?, ?, 'now')",
    );
    for (const [id, currency, states] of histories) put.run(id, currency, JSON.stringify(states));
    migrateGoalpost(db, migrationsDir(), clock);
    expect(
      db.prepare('SELECT account_id, project_id, first_sale FROM stripe_first_sales ORDER BY 2').raw().all(),
    ).toEqual([
      [1, 1, '2026-09-30T00:00:00.000Z'],
      [1, 2, '2026-11-02T00:00:00.000Z'],
    ]);
    db.close();
  });

  it('gives a workspace made before 0034 the revenue-fall playbook a new one is seeded with, keeping a team’s own', () => {
    const db = migratedBefore('_revenue_fall_playbook.sql');
    db.exec("INSERT INTO workspaces (id, created_at) VALUES ('w', 'now'), ('x', 'now')");
    db.prepare(
      `INSERT INTO playbooks (workspace_id, key, signal, title, category, effort_hours, impact_share, created_at)
       VALUES ('x', 'revenue.fall', 'revenue_fall', 'Call the accounts that left {project}', 'research', 2, 0.5, 'now')`,
    ).run();
    migrateGoalpost(db, migrationsDir(), clock);
    const fall = (ws: string) =>
      createPlaybookRepository(db)
        .list(ws)
        .find((p) => p.key === 'revenue.fall');
    const {
      id: _id,
      workspaceId: _ws,
      enabled,
      ...seeded
    } = fall('w') ?? { id: 0, workspaceId: '', enabled: false };
    expect(enabled).toBe(true);
    expect(seeded).toEqual({ recurDays: null, ...DEFAULT_PLAYBOOKS.find((p) => p.key === 'revenue.fall') });
    expect(fall('x')?.title).toBe('Call the accounts that left {project}');
    db.close();
  });

  it('keeps every feature made before 0035 growth work, counts upkeep as it moves, and has each linked repository read again', () => {
    const db = migratedBefore('_upkeep_features.sql');
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO projects (id, workspace_id, name, created_at, updated_at) VALUES (1, 'w', 'Web', 'now', 'now');
      INSERT INTO features (id, project_id, title, status, created_at, updated_at) VALUES
        (1, 1, 'Bank feed', 'planned', 'a', 'a'), (2, 1, 'Upgrade to Node 22', 'planned', 'a', 'a'),
        (3, 1, 'Old launch', 'done', 'a', 'a');
      INSERT INTO github_repos (id, workspace_id, project_id, full_name, html_url, bug_labels, severity_labels,
        cursor, etag, created_by, created_at)
        VALUES (1, 'w', 1, 'ledgerly/web', 'https://github.com/ledgerly/web', '["bug"]', '{}',
          '2026-11-20T10:00:00Z', '"abc"', 'cli', 'now');
      INSERT INTO github_issues (repo_id, number, feature_id, html_url, github_updated_at)
        VALUES (1, 2, 2, 'https://github.com/ledgerly/web/issues/2', '2026-11-20T10:00:00Z');`);
    migrateGoalpost(db, migrationsDir(), clock);
    const counts = () =>
      db
        .prepare('SELECT total, done, upkeep_total, upkeep_open FROM project_features WHERE project_id = 1')
        .get();
    expect(db.prepare('SELECT count(*) AS n FROM features WHERE upkeep = 1').get()).toEqual({ n: 0 });
    expect(counts()).toEqual({ total: 3, done: 1, upkeep_total: 0, upkeep_open: 0 });
    // The next sync reads every open issue again, as connecting with other labels does (the chores
    // synced as features become upkeep by their labels), and what changed since the cursor, which
    // stays: an issue closed since is not lost to the re-read.
    const link = createGitHubRepository(db).findRepo('w', 'ledgerly/web');
    expect(link).toMatchObject({
      cursor: '2026-11-20T10:00:00Z',
      reread: true,
      upkeepLabels: [...DEFAULT_UPKEEP_LABELS],
    });
    expect(createGitHubRepository(db).issue(1, 2)?.githubUpdatedAt).toBe('2026-11-20T10:00:00Z');
    db.exec('UPDATE features SET upkeep = 1 WHERE id = 2');
    expect(counts()).toEqual({ total: 3, done: 1, upkeep_total: 1, upkeep_open: 1 });
    db.exec(
      "INSERT INTO features (project_id, title, upkeep, created_at, updated_at) VALUES (1, 'Docs', 1, 'b', 'b')",
    );
    expect(counts()).toEqual({ total: 4, done: 1, upkeep_total: 2, upkeep_open: 2 });
    db.exec("UPDATE features SET status = 'done' WHERE id = 2");
    expect(counts()).toEqual({ total: 4, done: 2, upkeep_total: 2, upkeep_open: 1 });
    db.exec("DELETE FROM features WHERE title = 'Docs'");
    expect(counts()).toEqual({ total: 3, done: 2, upkeep_total: 1, upkeep_open: 0 });
    db.close();
  });

  it('keeps the projects an assignee works on only while both are there (0036)', () => {
    const db = openDatabase(join(tempDir(), 'g.db'));
    migrateGoalpost(db, migrationsDir(), clock);
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO projects (id, workspace_id, name, created_at, updated_at) VALUES (1, 'w', 'Web', 'now', 'now'),
        (2, 'w', 'Mobile', 'now', 'now');
      INSERT INTO assignees (id, workspace_id, name, created_at) VALUES (1, 'w', 'ana', 'now'), (2, 'w', 'ben', 'now');
      INSERT INTO assignee_projects (assignee_id, project_id) VALUES (1, 1), (1, 2), (2, 2);`);
    const rows = () =>
      db.prepare('SELECT assignee_id, project_id FROM assignee_projects ORDER BY 1, 2').raw().all();
    db.exec('DELETE FROM projects WHERE id = 2');
    expect(rows()).toEqual([[1, 1]]);
    db.exec('DELETE FROM assignees WHERE id = 1');
    expect(rows()).toEqual([]);
    expect(() => db.exec('INSERT INTO assignee_projects VALUES (2, 9)')).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('keeps the kinds of work an assignee takes while the assignee is there, of the kinds there are (0058)', () => {
    const db = openDatabase(join(tempDir(), 'g.db'));
    migrateGoalpost(db, migrationsDir(), clock);
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO assignees (id, workspace_id, name, created_at) VALUES (1, 'w', 'ana', 'now'), (2, 'w', 'docs_bot', 'now');
      INSERT INTO assignee_categories (assignee_id, category) VALUES (1, 'bugfix'), (2, 'infrastructure'), (2, 'research');`);
    const rows = () =>
      db.prepare('SELECT assignee_id, category FROM assignee_categories ORDER BY 1, 2').raw().all();
    db.exec('DELETE FROM assignees WHERE id = 2');
    expect(rows()).toEqual([[1, 'bugfix']]);
    expect(() => db.exec("INSERT INTO assignee_categories VALUES (1, 'docs')")).toThrow(/CHECK constraint/);
    expect(() => db.exec("INSERT INTO assignee_categories VALUES (9, 'bugfix')")).toThrow(/FOREIGN KEY/);
    expect(rows()).toEqual([[1, 'bugfix']]);
    db.close();
  });

  /**
   * The growth experiment's title after migrating a workspace made before `suffix`'s migration
   * with the default title `old`, and another with a team's own `own` (which no migration touches).
   */
  function growthTitlesAfter(suffix: string, old: string, own: string): { w?: string; x?: string } {
    const db = migratedBefore(suffix);
    db.exec("INSERT INTO workspaces (id, created_at) VALUES ('w', 'now'), ('x', 'now')");
    const insert = db.prepare(
      `INSERT INTO playbooks (workspace_id, key, signal, title, category, effort_hours, impact_share, created_at)
       VALUES (?, 'growth.experiment', 'revenue_gap', ?, 'growth', 6, 0.1, 'now')`,
    );
    insert.run('w', old);
    insert.run('x', own);
    migrateGoalpost(db, migrationsDir(), clock);
    const titleOf = (ws: string) => createPlaybookRepository(db).list(ws)[0]?.title;
    const titles = { w: titleOf('w'), x: titleOf('x') };
    db.close();
    return titles;
  }
  const shippedTitle = DEFAULT_PLAYBOOKS.find((p) => p.key === 'growth.experiment')?.title;

  it('words a workspace’s growth experiment as shipped before 0032 as a share of the gap, keeping a team’s own', () => {
    const own = 'Try a referral push worth the {gap}/month gap by {month}';
    const titles = growthTitlesAfter(
      '_growth_experiment_share.sql',
      'Run a user-acquisition experiment toward the {gap}/month revenue gap by {month}',
      own,
    );
    // As shipped since (0064 words it again).
    expect(titles).toEqual({ w: shippedTitle, x: own });
  });

  it('words a workspace’s growth experiment as shipped before 0064 with no figure, keeping a team’s own', () => {
    const own = 'Try a referral push worth {share}/month by {month}';
    const titles = growthTitlesAfter(
      '_growth_experiment_part.sql',
      'Run a user-acquisition experiment toward {share}/month of the revenue gap by {month}',
      own,
    );
    expect(titles).toEqual({ w: 'Run a user-acquisition experiment toward {part} by {month}', x: own });
    expect(titles.w).toBe(shippedTitle);
  });

  it('has the stale-project review as shipped before 0066 claim nothing of what its product earns, keeping a team’s own', () => {
    const db = migratedBefore('_stale_review_claims_nothing.sql');
    db.exec("INSERT INTO workspaces (id, created_at) VALUES ('w', 'now'), ('x', 'now')");
    const insert = db.prepare(
      `INSERT INTO playbooks (workspace_id, key, signal, title, category, effort_hours, impact_share, created_at)
       VALUES (?, 'stale.review', 'stale_project', 'Review {project}: set its next step or pause it', 'research', 1, ?, 'now')`,
    );
    insert.run('w', 0.1);
    insert.run('x', 0.25);
    migrateGoalpost(db, migrationsDir(), clock);
    const shareOf = (ws: string) => createPlaybookRepository(db).list(ws)[0]?.impactShare;
    expect({ w: shareOf('w'), x: shareOf('x') }).toEqual({ w: 0, x: 0.25 });
    // As a workspace made now is seeded.
    expect(DEFAULT_PLAYBOOKS.find((p) => p.key === 'stale.review')?.impactShare).toBe(0);
    db.close();
  });

  it('reads a typed revenue record that stored 0 subscriptions before 0033 as one that does not say, keeping the rest', () => {
    const db = migratedBefore('_unknown_subscriptions.sql');
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO revenue_records (workspace_id, period_start, period_end, actual, subscriptions, churn_rate, notes,
        created_at, source, mrr_new) VALUES
        ('w', '2026-09-01', '2026-09-30', 900, 0, 0.05, 'typed without a count', 'now', 'manual', NULL),
        ('w', '2026-10-01', '2026-10-31', 1000, 46, NULL, '', 'now', 'manual', NULL),
        ('w', '2026-11-01', '2026-11-30', 0, 0, NULL, '', 'now', 'stripe', 0)`);
    migrateGoalpost(db, migrationsDir(), clock);
    expect(
      db
        .prepare(
          'SELECT period_start, actual, subscriptions, churn_rate, notes, source FROM revenue_records ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        period_start: '2026-09-01',
        actual: 900,
        subscriptions: null,
        churn_rate: 0.05,
        notes: 'typed without a count',
        source: 'manual',
      },
      {
        period_start: '2026-10-01',
        actual: 1000,
        subscriptions: 46,
        churn_rate: null,
        notes: '',
        source: 'manual',
      },
      {
        period_start: '2026-11-01',
        actual: 0,
        subscriptions: 0,
        churn_rate: null,
        notes: '',
        source: 'stripe',
      },
    ]);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'revenue_records' ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      'revenue_records_billed',
      'revenue_records_period',
      'revenue_records_project',
      'revenue_records_source',
    ]);
    db.close();
  });

  it('lays out subscriptions made before digest threads as a thread reminding after a working day', () => {
    const db = migratedBefore('_digest_threads.sql');
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO subscriptions (workspace_id, kind, platform, channel_id, local_time, time_zone, days, created_by,
        created_at) VALUES ('w', 'digest', 'slack', 'C1', '09:00', 'UTC', '[1,2,3,4,5]', 'a', 'now')`);
    migrateGoalpost(db, migrationsDir(), clock);
    expect(db.prepare('SELECT style, remind_after FROM subscriptions').get()).toEqual({
      style: 'thread',
      remind_after: '1d',
    });
    for (const bad of [
      "style = 'wall'",
      "remind_after = '11d'",
      "remind_after = '73h'",
      "remind_after = '1w'",
    ]) {
      expect(() => db.exec(`UPDATE subscriptions SET ${bad}`), bad).toThrow(/CHECK constraint failed/);
    }
    db.exec("UPDATE subscriptions SET style = 'compact', remind_after = '72h'");
    db.close();
  });

  it('keeps the finished-task rollup, and the triggers that keep it, across its new key (0024)', () => {
    const db = migratedBefore('_finished_by_work.sql');
    const add = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, playbook_key, priority, status, fingerprint, created_at, updated_at)
       VALUES ('w', ?, 't', ?, ?, 5, ?, ?, ?, ?)`,
    );
    db.exec("INSERT INTO workspaces (id, created_at) VALUES ('w', 'now')");
    const closed = [
      ['revenue', null, 'done', '2026-11-01T10:00:00Z'],
      ['revenue', null, 'done', '2026-11-01T11:00:00Z'],
      ['revenue', 'churn.interview', 'failed', '2026-11-02T10:00:00Z'],
      ['bugfix', null, 'done', '2026-11-03T10:00:00Z'],
      ['bugfix', null, 'proposed', '2026-11-03T10:00:00Z'],
    ] as const;
    closed.forEach(([category, playbook, status, at], i) => {
      add.run(i + 1, category, playbook, status, `f${i}`, at, at);
    });
    const rollup = () =>
      db
        .prepare('SELECT * FROM finished_daily ORDER BY workspace_id, day, category, playbook_key, status')
        .all();
    const kept = rollup();
    expect(kept).toHaveLength(3);
    migrateGoalpost(db, migrationsDir(), clock);
    expect(rollup()).toEqual(kept);
    expect(db.pragma('legacy_alter_table', { simple: true })).toBe(0);
    // The triggers of 0011 keep the table under its new key: a task closed, moved, deleted.
    db.exec("UPDATE tasks SET status = 'done', updated_at = '2026-11-03T12:00:00Z' WHERE seq = 5");
    db.exec("UPDATE tasks SET updated_at = '2026-11-04T10:00:00Z' WHERE seq = 2");
    db.exec('DELETE FROM tasks WHERE seq = 3');
    expect(
      db
        .prepare(
          'SELECT day, category, playbook_key, status, tasks FROM finished_daily ORDER BY day, category',
        )
        .all(),
    ).toEqual([
      { day: '2026-11-01', category: 'revenue', playbook_key: '', status: 'done', tasks: 1 },
      { day: '2026-11-03', category: 'bugfix', playbook_key: '', status: 'done', tasks: 2 },
      { day: '2026-11-04', category: 'revenue', playbook_key: '', status: 'done', tasks: 1 },
    ]);
    db.close();
  });

  it('remembers the workspaces where a task has a second outcome event, before 0027 and after (learn)', () => {
    const db = migratedBefore('_outcome_repeats.sql');
    const task = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
       VALUES (?, ?, 't', 'feature', 5, 'done', ?, 'now', 'now')`,
    );
    const event = db.prepare(
      `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, created_at)
       VALUES (?, ?, ?, 'in_progress', ?, 'a', 'cli', 'now')`,
    );
    const logged = (ws: string, seq: number, ...types: string[]) => {
      const id = Number(task.run(ws, seq, `${ws}-${seq}`).lastInsertRowid);
      for (const type of types) event.run(ws, id, type, type === 'started' ? 'in_progress' : type);
      return id;
    };
    db.exec(
      `INSERT INTO workspaces (id, created_at) VALUES ('once', 'now'), ('twice', 'now'), ('later', 'now')`,
    );
    logged('once', 1, 'started', 'done');
    logged('once', 2, 'failed');
    logged('twice', 1, 'done', 'done');
    const later = logged('later', 1, 'started', 'failed');
    migrateGoalpost(db, migrationsDir(), clock);
    const repeating = () => db.prepare('SELECT workspace_id FROM outcome_repeats ORDER BY 1').pluck().all();
    expect(repeating()).toEqual(['twice']);
    // An outcome for a task without one, and steps that are no outcome, change nothing.
    logged('later', 2, 'started', 'done');
    event.run('later', later, 'assigned', 'failed');
    expect(repeating()).toEqual(['twice']);
    event.run('later', later, 'done', 'done');
    expect(repeating()).toEqual(['later', 'twice']);
    db.close();
  });

  it('remembers the workspaces where a stored outcome lost its task’s category, before 0028 (learn)', () => {
    const db = migratedBefore('_outcome_category_moves.sql');
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('kept', 'now'), ('moved', 'now'), ('gone', 'now');
      INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
        VALUES (1, 'kept', 1, 't', 'feature', 5, 'done', 'f1', 'now', 'now'),
               (2, 'moved', 1, 't', 'feature', 5, 'done', 'f2', 'now', 'now'),
               (3, 'gone', 1, 't', 'feature', 5, 'done', 'f3', 'now', 'now');
      INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
        VALUES (1, 'kept', 'feature', 'a', 1, 5, NULL, 'now'), (2, 'moved', 'feature', 'a', 1, 5, NULL, 'now'),
               (3, 'gone', 'feature', 'a', 1, 5, NULL, 'now');
      UPDATE tasks SET category = 'research' WHERE id = 2;
      PRAGMA foreign_keys = OFF; DELETE FROM tasks WHERE id = 3; PRAGMA foreign_keys = ON;`);
    migrateGoalpost(db, migrationsDir(), clock);
    expect(db.prepare('SELECT workspace_id, moves FROM outcome_category_moves ORDER BY 1').all()).toEqual([
      { workspace_id: 'gone', moves: 1 },
      { workspace_id: 'moved', moves: 1 },
    ]);
    db.close();
  });

  it('keeps the task event log append-only', () => {
    const db = openDatabase(join(tempDir(), 'g.db'));
    migrateGoalpost(db, migrationsDir(), clock);
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO tasks (workspace_id, seq, title, category, priority, fingerprint, created_at, updated_at)
        VALUES ('w', 1, 't', 'revenue', 5, 'f', 'now', 'now');
      INSERT INTO task_events (workspace_id, task_id, type, to_status, actor, source, created_at)
        VALUES ('w', 1, 'created', 'proposed', 'a', 'cli', 'now');`);
    expect(() => db.exec("UPDATE task_events SET actor = 'b'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM task_events')).toThrow(/append-only/);
    db.close();
  });

  it('makes a playbook task’s fingerprint again of its title’s words as they read now, keeping open tasks apart (0065)', () => {
    const db = migratedBefore('_plural_stems.sql');
    // Fingerprints as stored before: `es` and `ies` plurals read with a plain `s` dropped.
    const stored = (project: number | null, words: string) =>
      hashFingerprint(fingerprintSource(project, words));
    const rows: [number, string, string, number | null, string, string][] = [
      // id, workspace, title, project, status, fingerprint
      [
        1,
        'w',
        'Research why small businesses churn',
        1,
        'proposed',
        stored(1, 'businesse churn research small why'),
      ],
      [
        2,
        'w',
        'Research why small businesses churn',
        1,
        'done',
        stored(1, 'businesse churn research small why'),
      ],
      // Stored as what the first one's words read as now: the first keeps its own.
      [
        3,
        'w',
        'Research why small business churn',
        1,
        'approved',
        stored(1, 'business churn research small why'),
      ],
      // Two open tasks whose words read alike only now: the earlier takes the new fingerprint.
      [4, 'w', 'Audit crashes of boxes', null, 'proposed', stored(null, 'audit boxe crashe')],
      [5, 'w', 'Audit crash of boxes', null, 'in_progress', stored(null, 'audit boxe crash')],
      [6, 'w', "Fix 'Checkout crashes'", 1, 'proposed', 'item:bug:7'],
      [7, 'x', 'Audit crashes of boxes', null, 'failed', stored(null, 'audit boxe crashe')],
      [8, 'x', 'Sort categories', null, 'proposed', stored(null, 'categorie sort')],
    ];
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now'), ('x', 'now');
      INSERT INTO projects (id, workspace_id, name, created_at, updated_at) VALUES (1, 'w', 'Web', 'now', 'now')`);
    const add = db.prepare(
      `INSERT INTO tasks (id, workspace_id, seq, title, category, project_id, priority, status, fingerprint, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'research', ?, 5, ?, ?, 'now', 'now')`,
    );
    for (const [id, ws, title, project, status, fp] of rows) add.run(id, ws, id, title, project, status, fp);
    migrateGoalpost(db, migrationsDir(), clock);
    const now = Object.fromEntries(
      (db.prepare('SELECT id, fingerprint FROM tasks').all() as { id: number; fingerprint: string }[]).map(
        (r) => [r.id, r.fingerprint],
      ),
    );
    expect(now).toEqual({
      1: rows[0]?.[5],
      2: titleFingerprint(1, 'Research why small businesses churn'),
      3: rows[2]?.[5],
      4: titleFingerprint(null, 'Audit crash of boxes'),
      5: rows[4]?.[5],
      6: 'item:bug:7',
      7: titleFingerprint(null, 'Audit crash of boxes'),
      8: titleFingerprint(null, 'Sort category'),
    });
    // As work proposed now is known: the first's done twin and the third are one piece of work.
    expect(now[2]).toBe(now[3]);
    db.close();
  });

  it('makes a playbook task’s fingerprint again when its title has a phrasal verb (0072)', () => {
    const db = migratedBefore('_phrasal_verbs.sql');
    // Fingerprints as stored before: a particle a stopword (`up`, `in`, `out`), its verb a word.
    const stored = (project: number | null, words: string) =>
      hashFingerprint(fingerprintSource(project, words));
    const rows: [number, string, string, number | null, string, string][] = [
      // id, workspace, title, project, status, fingerprint
      [1, 'w', 'Set up billing alerts', 1, 'done', stored(1, 'alert billing set')],
      // Open beside an open task whose fingerprint its new one is: the two stay two.
      [2, 'w', 'Sign up page', 1, 'proposed', stored(1, 'page sign')],
      [3, 'w', 'Signup page', 1, 'approved', stored(1, 'page signup')],
      [4, 'w', 'Sign in page', 1, 'done', stored(1, 'page sign')],
      [5, 'w', 'Audit log out failures', null, 'proposed', stored(null, 'audit failure log')],
      [6, 'w', "Fix 'Log in fails'", 1, 'proposed', 'item:bug:7'],
    ];
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('w', 'now');
      INSERT INTO projects (id, workspace_id, name, created_at, updated_at) VALUES (1, 'w', 'Web', 'now', 'now')`);
    const add = db.prepare(
      `INSERT INTO tasks (id, workspace_id, seq, title, category, project_id, priority, status, fingerprint, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'research', ?, 5, ?, ?, 'now', 'now')`,
    );
    for (const [id, ws, title, project, status, fp] of rows) add.run(id, ws, id, title, project, status, fp);
    migrateGoalpost(db, migrationsDir(), clock);
    const now = Object.fromEntries(
      (db.prepare('SELECT id, fingerprint FROM tasks').all() as { id: number; fingerprint: string }[]).map(
        (r) => [r.id, r.fingerprint],
      ),
    );
    expect(now).toEqual({
      1: titleFingerprint(1, 'Billing alerts setup'),
      2: rows[1]?.[5],
      3: rows[2]?.[5],
      4: titleFingerprint(1, 'Signin page'),
      // After a noun the verb may be one: its particle is kept as a word, not joined (see joinsAfter).
      5: titleFingerprint(null, 'Audit log out failures'),
      6: 'item:bug:7',
    });
    expect(now[5]).not.toBe(rows[4]?.[5]);
    expect(now[5]).not.toBe(titleFingerprint(null, 'Audit logout failures'));
    // The sign-in page is no longer known as the sign-up page's work, nor as its retry.
    expect(now[4]).not.toBe(titleFingerprint(1, 'Sign up page'));
    db.close();
  });
});

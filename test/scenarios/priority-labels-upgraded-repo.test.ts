import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_LABELS } from '../../src/domain/github.js';
import type { Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, LEAD, plan, seedTeam, useTeam } from './team.js';

// A repository connected before Goalpost read priority labels: its severity labels are the
// defaults of then, stored with it (github_repos.severity_labels), without `priority: high` or
// `low priority`. Migration 0048 has the next sync read its issues again for their priorities.
/** DEFAULT_SEVERITY_LABELS before priority labels, as `github connect` stored them (4dccb14). */
const OLD_DEFAULTS =
  '{"critical":"critical","severity: critical":"critical","severity:critical":"critical","p0":"critical","high":"high","severity: high":"high","severity:high":"high","p1":"high","medium":"medium","severity: medium":"medium","severity:medium":"medium","p2":"medium","low":"low","severity: low":"low","severity:low":"low","p3":"low"}';

const EMOJI = 'Emoji reactions on comments';
/**
 * What the migrations after 0049 made: 0051's indexes, 0052's columns, 0053's index, 0054's column,
 * 0057's column, 0058's and 0059's tables, 0060's column, 0061's column and index, 0062's tables
 * and triggers, 0067's index, 0068's index in place of the one it dropped, 0069's column.
 */
const UNMADE_AFTER_0049 = `DROP INDEX features_ranked_up; DROP INDEX github_issues_ranked_up;
  ALTER TABLE github_issues DROP COLUMN milestone_number; ALTER TABLE github_repos DROP COLUMN milestones_etag;
  DROP INDEX features_estimated; DROP TRIGGER features_size_kept; DROP TRIGGER features_size_planned;
  DROP TRIGGER features_size_cancelled; ALTER TABLE features DROP COLUMN size_hours;
  ALTER TABLE github_repos DROP COLUMN open_checked_at; DROP TABLE assignee_categories;
  DROP TABLE api_token_assignees; DROP INDEX bugs_judged; ALTER TABLE bugs DROP COLUMN affects;
  DROP INDEX batches_workspace_number; ALTER TABLE batches DROP COLUMN number;
  DROP TRIGGER features_retire_id; DROP TRIGGER bugs_retire_id; DROP TABLE retired_item_ids;
  DROP TABLE dropped_features; DROP INDEX tasks_closed;
  CREATE INDEX tasks_priority ON tasks (workspace_id, priority DESC, seq);
  ALTER TABLE github_issues DROP COLUMN area_labels; DROP TABLE stripe_first_sales;`;

function connect(app: Goalpost): void {
  const connection = app.github.planConnect(LEAD, { repo: REPO, project: PAGEWISE });
  app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
  app.github.ingest(LEAD, REPO, [openIssue(REPO, 1, 'Saved searches'), openIssue(REPO, 2, EMOJI)]);
}

describe('a repository connected before priority labels', () => {
  const team = useTeam();

  it("reads a feature's `low priority` label once upgraded, as a repository connected now does", () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app);
    // As an older Goalpost left it (the old defaults), migrated as far as 0049; opening again
    // migrates the rest.
    const db = new Database(team.path());
    db.prepare("UPDATE github_repos SET severity_labels = ?, synced_at = '2026-11-20T10:00:00Z'").run(
      OLD_DEFAULTS,
    );
    db.prepare('DELETE FROM schema_migrations WHERE version > 49').run();
    db.exec(UNMADE_AFTER_0049);
    db.close();
    const later = team.reopen('2026-11-20T12:00:00Z');
    // The labels a repository connected now is given, and its issues read again at the next sync.
    const after = new Database(team.path(), { readonly: true });
    expect(after.prepare('SELECT severity_labels, reread FROM github_repos').get()).toEqual({
      severity_labels: JSON.stringify(DEFAULT_SEVERITY_LABELS),
      reread: 1,
    });
    after.close();
    later.github.ingest(LEAD, REPO, [
      openIssue(REPO, 2, EMOJI, { labels: ['low priority'], updatedAt: '2026-11-20T11:00:00Z' }),
    ]);
    const emoji = plan(later, 20).find((t) => t.title === build(EMOJI, PAGEWISE));
    expect(emoji?.reasoning).toContain('Team priority ×0.50: the team marked it low priority on GitHub');
  });

  it('takes a label read again after the upgrade for no raise since a rejection', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    const connection = app.github.planConnect(LEAD, { repo: REPO, project: PAGEWISE });
    app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
    const searches = openIssue(REPO, 1, 'Saved searches', { labels: ['priority: high'] });
    app.github.ingest(LEAD, REPO, [searches]);
    // As an older Goalpost left it: the old defaults, which gave `priority: high` nothing.
    const db = new Database(team.path());
    db.prepare("UPDATE github_repos SET severity_labels = ?, synced_at = '2026-11-20T10:00:00Z'").run(
      OLD_DEFAULTS,
    );
    db.prepare('UPDATE github_issues SET label_priority = NULL').run();
    db.prepare('DELETE FROM schema_migrations WHERE version > 49').run();
    db.exec(UNMADE_AFTER_0049);
    db.close();
    // Upgraded, the morning digest runs before the next sync, and the lead rejects the feature.
    const upgraded = team.reopen('2026-11-20T12:00:00Z');
    const batch = upgraded.engine.generate(LEAD, { maxTasks: 5 });
    const ref = batch.tasks.find((t) => t.title === build('Saved searches', PAGEWISE))?.ref ?? null;
    upgraded.decisions.decide(LEAD, { ref, action: 'reject', note: 'not this quarter' });
    // The next sync reads the same label again, there all along: the team raised nothing.
    const later = team.reopen('2026-11-21T09:00:00Z');
    later.github.ingest(
      LEAD,
      REPO,
      [],
      { cursor: '2026-11-20T10:00:00Z', etag: null },
      { again: [searches] },
    );
    expect(plan(later, 5).map((t) => t.title)).not.toContain(build('Saved searches', PAGEWISE));
  });
});

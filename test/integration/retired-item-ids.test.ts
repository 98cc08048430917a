import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/index.js';
import { migrateGoalpost } from '../../src/migration-functions.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createProjectRepository } from '../../src/store/project-repository.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const MIGRATIONS = join(import.meta.dirname, '../../migrations');
const NOW = '2026-11-20T09:00:00Z';

describe('the ids of backlog items deleted before migration 0062', () => {
  it('are not given again when tasks were made from them: their memory is theirs', () => {
    const dir = tempDir();
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS, before, { recursive: true });
    // As a database was before 0062: it and every migration after it not run yet.
    for (const file of readdirSync(before)) if (file >= '0062') rmSync(join(before, file));
    const db = openDatabase(join(dir, 'old.db'));
    const clock = fixedClock(new Date(NOW));
    migrateGoalpost(db, before, clock);
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('acme', '${NOW}')`);
    const project = db
      .prepare(
        `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
         VALUES ('acme', 'Tallyo', '', 1, '[]', 'active', ?, ?) RETURNING id`,
      )
      .pluck()
      .get(NOW, NOW) as number;
    const feature = db.prepare(
      `INSERT INTO features (project_id, title, status, created_at, updated_at) VALUES (?, ?, 'planned', ?, ?) RETURNING id`,
    );
    const bug = db.prepare(
      `INSERT INTO bugs (project_id, title, severity, created_at, updated_at) VALUES (?, ?, 'high', ?, ?) RETURNING id`,
    );
    const features = ['Late fees', 'Invoice templates'].map(
      (t) => feature.pluck().get(project, t, NOW, NOW) as number,
    );
    const bugId = bug.pluck().get(project, 'PDF export cuts the last line', NOW, NOW) as number;
    // The team rejected work on the last feature and the bug, and both went (dropped, closed on GitHub).
    const task = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, project_id, memory_key, priority, status, fingerprint, created_at, updated_at)
       VALUES ('acme', ?, ?, 'feature', ?, ?, 5, 'rejected', ?, ?, ?)`,
    );
    task.run(1, 'Build templates', project, `feature:${features[1]}`, 'f1', NOW, NOW);
    task.run(2, 'Fix PDF export', project, `bug:${bugId}`, 'f2', NOW, NOW);
    db.prepare('DELETE FROM features WHERE id = ?').run(features[1]);
    db.prepare('DELETE FROM bugs WHERE id = ?').run(bugId);

    migrateGoalpost(db, MIGRATIONS, clock);
    const projects = createProjectRepository(db);
    expect(projects.addFeature(project, 'Recurring invoices', 'planned', NOW).id).toBe(
      (features[1] as number) + 1,
    );
    expect(projects.addBug(project, 'Totals round down', 'high', NOW).id).toBe(bugId + 1);
    // And from now on, every item deleted retires its id, whichever way it goes.
    const late = projects.addFeature(project, 'Reminders', 'planned', NOW);
    projects.deleteFeature(late.id);
    expect(projects.addFeature(project, 'Payment links', 'planned', NOW).id).toBe(late.id + 1);
    db.close();
  });
});

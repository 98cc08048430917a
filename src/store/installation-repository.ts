import type { Db } from './open-database.js';

/** A chat platform installation (Slack OAuth), stored as the platform's own JSON. */
export interface InstallationRecord {
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  installation: Record<string, unknown>;
  installedBy: string | null;
}

export interface InstallationRepository {
  save(record: InstallationRecord, now: string): void;
  find(key: string): InstallationRecord | null;
  remove(key: string): boolean;
}

interface Row {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  installation: string;
  installed_by: string | null;
}

export function createInstallationRepository(db: Db): InstallationRepository {
  const upsert = db.prepare(
    `INSERT INTO slack_installations (install_key, team_id, enterprise_id, installation, installed_by, installed_at, updated_at)
     VALUES (@key, @teamId, @enterpriseId, @installation, @installedBy, @now, @now)
     ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
       installation = excluded.installation, installed_by = excluded.installed_by, updated_at = excluded.updated_at`,
  );
  const find = db.prepare<[string], Row>('SELECT * FROM slack_installations WHERE install_key = ?');
  const remove = db.prepare('DELETE FROM slack_installations WHERE install_key = ?');
  return {
    save: (r, now) => {
      upsert.run({ ...r, installation: JSON.stringify(r.installation), now });
    },
    find: (key) => {
      const row = find.get(key);
      if (!row) return null;
      return {
        key: row.install_key,
        teamId: row.team_id,
        enterpriseId: row.enterprise_id,
        installation: JSON.parse(row.installation) as Record<string, unknown>,
        installedBy: row.installed_by,
      };
    },
    remove: (key) => remove.run(key).changes === 1,
  };
}

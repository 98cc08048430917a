import type { InstallationRecord } from '../store/installation-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';

/**
 * Slack OAuth installations. Saving one creates its workspace and makes the installer its first
 * admin (when it has none), in the same transaction.
 */
export function createInstallationUseCases(deps: UseCaseDeps, ensureWorkspace: (id: string) => void) {
  const { store } = deps;
  return {
    save(record: InstallationRecord): void {
      const now = nowIso(deps);
      if (record.teamId) ensureWorkspace(record.teamId);
      store.transaction(() => {
        store.installations.save(record, now);
        if (record.teamId && record.installedBy && store.members.adminCount(record.teamId) === 0) {
          store.members.setRole(record.teamId, `slack:${record.installedBy}`, 'admin', 'slack:install', now);
        }
      });
      deps.logger.info(
        { key: record.key, team: record.teamId, by: record.installedBy },
        'slack installation saved',
      );
    },
    find: (key: string): InstallationRecord | null => store.installations.find(key),
    remove: (key: string): boolean => store.transaction(() => store.installations.remove(key)),
  };
}

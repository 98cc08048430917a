import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Goalpost } from '../../src/index.js';

/** The key an installation is stored under: the Enterprise Grid org for org-wide installs, else the team. */
function keyOf(q: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return q.enterpriseId;
  if (q.teamId) return q.teamId;
  throw new Error('a Slack installation needs a team or an enterprise id');
}

/**
 * Bolt's installation store over Goalpost's SQLite file: several workspaces install the app
 * through OAuth; the installer becomes the workspace's first admin.
 */
export function sqliteInstallationStore(app: Goalpost): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id ?? null;
      const enterpriseId = installation.enterprise?.id ?? null;
      app.installations.save({
        key: keyOf({
          isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
          enterpriseId: enterpriseId ?? undefined,
          teamId: teamId ?? undefined,
        }),
        teamId,
        enterpriseId,
        installation: installation as unknown as Record<string, unknown>,
        installedBy: installation.user.id,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = app.installations.find(keyOf(query));
      if (!found) throw new Error(`Goalpost is not installed in ${keyOf(query)}`);
      return found.installation as unknown as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      app.installations.remove(keyOf(query));
    },
  };
}

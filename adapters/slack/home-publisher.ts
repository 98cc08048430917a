import type { webApi } from '@slack/bolt';
import { type Goalpost, homeView, type Logger } from '../../src/index.js';
import { renderHome } from './render-blocks.js';
import { refusesSlackFile } from './slack-refusals.js';

/**
 * Shows a person's Home. Its charts are files the weekly report uploaded; one Slack no longer
 * takes (deleted, or still being processed) would keep the whole tab from showing, so Home is
 * then published without them, saying why. Never throws: a Home that cannot be shown is logged.
 */
export const homePublisher =
  (app: Goalpost, logger: Logger) =>
  async (client: webApi.WebClient, teamId: string, userId: string): Promise<void> => {
    const ctx = app.context({ workspaceId: teamId, actor: `slack:${userId}`, source: 'slack' });
    try {
      const home = homeView(app, ctx, 'slack');
      try {
        await client.views.publish({ user_id: userId, view: renderHome(home) });
      } catch (error) {
        if (home.charts.length === 0 || !refusesSlackFile(error)) throw error;
        logger.warn(
          { err: error, user: userId },
          'slack: App Home refused the charts’ files; shown without them',
        );
        await client.views.publish({ user_id: userId, view: renderHome(home, false) });
      }
    } catch (error) {
      logger.error({ err: error, user: userId }, 'slack: could not publish App Home');
    }
  };

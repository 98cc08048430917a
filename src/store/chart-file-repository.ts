import type { Platform } from '../domain/reply.js';
import type { Db } from './open-database.js';

/** A chart as it last went out on a platform: the file it was attached as, and where. */
export interface ChartFile {
  workspaceId: string;
  platform: Platform;
  /** The chart's name: `revenue`, `goal-<metric>`. */
  name: string;
  /** The platform's id of the file (Slack's `F…`). */
  fileId: string;
  /** The conversation it was shared in: who can see it there can see it anywhere it is shown. */
  channelId: string;
  title: string;
  alt: string;
  postedAt: string;
}

/** The latest file of each chart (`chart_files`): what App Home shows without uploading again. */
export interface ChartFileRepository {
  /** Remembers a chart's file; it replaces the one the chart had on that platform. */
  record(file: ChartFile): void;
  /** The latest file of each chart of a workspace on a platform, by name. */
  latest(workspaceId: string, platform: Platform): ChartFile[];
}

interface ChartFileRow {
  workspace_id: string;
  platform: Platform;
  name: string;
  file_id: string;
  channel_id: string;
  title: string;
  alt: string;
  posted_at: string;
}

const toFile = (r: ChartFileRow): ChartFile => ({
  workspaceId: r.workspace_id,
  platform: r.platform,
  name: r.name,
  fileId: r.file_id,
  channelId: r.channel_id,
  title: r.title,
  alt: r.alt,
  postedAt: r.posted_at,
});

export function createChartFileRepository(db: Db): ChartFileRepository {
  const upsert = db.prepare(
    `INSERT INTO chart_files (workspace_id, platform, name, file_id, channel_id, title, alt, posted_at)
     VALUES (@workspaceId, @platform, @name, @fileId, @channelId, @title, @alt, @postedAt)
     ON CONFLICT (workspace_id, platform, name) DO UPDATE SET
       file_id = excluded.file_id, channel_id = excluded.channel_id, title = excluded.title,
       alt = excluded.alt, posted_at = excluded.posted_at`,
  );
  const latest = db.prepare<[string, string], ChartFileRow>(
    'SELECT * FROM chart_files WHERE workspace_id = ? AND platform = ? ORDER BY name',
  );
  return {
    record: (file) => {
      upsert.run(file);
    },
    latest: (workspaceId, platform) => latest.all(workspaceId, platform).map(toFile),
  };
}

import type { DigestStyle } from '../domain/digest-layout.js';
import type { DigestHeaderView, Platform } from '../domain/reply.js';
import { jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

/** A digest as posted in a channel: its header message, where its cards went, and its tasks. */
export interface DigestPost {
  id: number;
  workspaceId: string;
  platform: Platform;
  channelId: string;
  /** The header's message (a compact digest's one message). */
  messageId: string;
  style: DigestStyle;
  /** Where its cards were posted: a Slack channel and the header's ts, a Discord thread; null for none. */
  thread: { channelId: string; threadId: string } | null;
  /** The header as posted: edited in place as decisions come in. */
  header: DigestHeaderView;
  /** When its undecided tasks are reminded of; null: never. */
  remindAt: string | null;
  createdAt: string;
  /** Its tasks, in the order it showed them. */
  taskIds: number[];
}

export type NewDigestPost = Omit<DigestPost, 'id' | 'createdAt'>;

/** Tasks of a post whose reminder is due: still proposed, never reminded, and the post is the latest to show them. */
export interface DueReminder {
  post: DigestPost;
  taskIds: number[];
}

/** Digests as posted (`digest_posts`, `digest_post_tasks`) and the one reminder a task gets (`task_reminders`). */
export interface DigestPostRepository {
  /** Records a post and its tasks; the id of the one recorded (a repeat of its message keeps the first). */
  record(post: NewDigestPost, now: string): number;
  /** Changes how a recorded post is laid out: its style, thread and header as shown now. */
  revise(id: number, layout: Pick<DigestPost, 'style' | 'thread' | 'header'>): void;
  /** The posts of a workspace on a platform that show the task, oldest first. */
  showing(workspaceId: string, platform: Platform, taskId: number): DigestPost[];
  /** Posts whose reminder time has passed, with the tasks to remind of (see DueReminder). */
  dueReminders(now: string): DueReminder[];
  /** Claims a task's one reminder; false when it was claimed before. */
  claimReminder(taskId: number, postId: number, now: string): boolean;
  /** Gives a claim back (the post failed for a reason a later try may not meet). */
  releaseReminder(taskId: number): void;
}

interface PostRow {
  id: number;
  workspace_id: string;
  platform: Platform;
  channel_id: string;
  message_id: string;
  style: DigestStyle;
  thread_channel_id: string | null;
  thread_id: string | null;
  header: string;
  remind_at: string | null;
  created_at: string;
  task_ids: string;
}

/** Enough of a header to render and edit it: the rest was written by Goalpost with it. */
const isHeader = (v: unknown): v is DigestHeaderView => {
  const h = v as Partial<DigestHeaderView> | null;
  return (
    typeof h === 'object' &&
    h !== null &&
    h.kind === 'digest_header' &&
    typeof h.title === 'string' &&
    typeof h.batch === 'object' &&
    typeof h.layout === 'object' &&
    typeof h.decisions === 'object'
  );
};

/**
 * A header as this version renders it. Headers stored before 2026-11-24 counted every skipped
 * candidate as `skipped`, which the header called duplicates: an edit (a decision) says what it
 * said when posted.
 */
function currentHeader(header: DigestHeaderView): DigestHeaderView {
  const { skipped, ...batch } = header.batch as DigestHeaderView['batch'] & { skipped?: unknown };
  if (typeof skipped !== 'number' || typeof batch.duplicates === 'number') return header;
  return { ...header, batch: { ...batch, duplicates: skipped, heldBack: 0 } };
}

const isIds = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));

const toPost = (r: PostRow): DigestPost => ({
  id: r.id,
  workspaceId: r.workspace_id,
  platform: r.platform,
  channelId: r.channel_id,
  messageId: r.message_id,
  style: r.style,
  thread:
    r.thread_channel_id !== null && r.thread_id !== null
      ? { channelId: r.thread_channel_id, threadId: r.thread_id }
      : null,
  header: currentHeader(jsonColumn(r.header, isHeader, `digest_posts.header of #${r.id}`)),
  remindAt: r.remind_at,
  createdAt: r.created_at,
  taskIds: jsonColumn(r.task_ids, isIds, `digest_post_tasks of #${r.id}`),
});

const POST_COLUMNS = `p.*, (SELECT json_group_array(task_id) FROM
  (SELECT task_id FROM digest_post_tasks WHERE post_id = p.id ORDER BY position)) AS task_ids`;

export function createDigestPostRepository(db: Db): DigestPostRepository {
  const insert = db
    .prepare<Record<string, unknown>, number>(
      `INSERT INTO digest_posts (workspace_id, platform, channel_id, message_id, style, thread_channel_id,
         thread_id, header, remind_at, created_at)
       VALUES (@workspaceId, @platform, @channelId, @messageId, @style, @threadChannelId, @threadId, @header,
         @remindAt, @now)
       ON CONFLICT (platform, channel_id, message_id) DO NOTHING RETURNING id`,
    )
    .pluck();
  const existing = db
    .prepare<[string, string, string], number>(
      'SELECT id FROM digest_posts WHERE platform = ? AND channel_id = ? AND message_id = ?',
    )
    .pluck();
  const addTask = db.prepare(
    'INSERT OR IGNORE INTO digest_post_tasks (post_id, task_id, position) VALUES (?, ?, ?)',
  );
  const revise = db.prepare(
    `UPDATE digest_posts SET style = @style, thread_channel_id = @threadChannelId, thread_id = @threadId,
       header = @header WHERE id = @id`,
  );
  const showing = db.prepare<[string, string, number], PostRow>(
    `SELECT ${POST_COLUMNS} FROM digest_posts p
     WHERE p.workspace_id = ? AND p.platform = ?
       AND p.id IN (SELECT post_id FROM digest_post_tasks WHERE task_id = ?)
     ORDER BY p.id`,
  );
  // A task is reminded of through the latest post that showed it, once, while it awaits a decision.
  const due = db.prepare<[string], PostRow & { due_task_ids: string }>(
    `SELECT ${POST_COLUMNS}, json_group_array(dt.task_id) AS due_task_ids
     FROM digest_posts p
     JOIN digest_post_tasks dt ON dt.post_id = p.id
     JOIN tasks t ON t.id = dt.task_id
     WHERE p.remind_at IS NOT NULL AND p.remind_at <= ? AND t.status = 'proposed'
       AND NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.task_id = dt.task_id)
       AND dt.post_id = (SELECT max(x.post_id) FROM digest_post_tasks x WHERE x.task_id = dt.task_id)
     GROUP BY p.id
     ORDER BY p.id`,
  );
  const claim = db.prepare(
    'INSERT INTO task_reminders (task_id, post_id, sent_at) VALUES (?, ?, ?) ON CONFLICT (task_id) DO NOTHING',
  );
  const release = db.prepare('DELETE FROM task_reminders WHERE task_id = ?');

  return {
    record(post, now) {
      const id =
        insert.get({
          workspaceId: post.workspaceId,
          platform: post.platform,
          channelId: post.channelId,
          messageId: post.messageId,
          style: post.style,
          threadChannelId: post.thread?.channelId ?? null,
          threadId: post.thread?.threadId ?? null,
          header: JSON.stringify(post.header),
          remindAt: post.remindAt,
          now,
        }) ?? existing.get(post.platform, post.channelId, post.messageId);
      if (id === undefined) throw new Error('digest post vanished while being recorded');
      post.taskIds.forEach((taskId, position) => {
        addTask.run(id, taskId, position);
      });
      return id;
    },
    revise: (id, layout) => {
      revise.run({
        id,
        style: layout.style,
        threadChannelId: layout.thread?.channelId ?? null,
        threadId: layout.thread?.threadId ?? null,
        header: JSON.stringify(layout.header),
      });
    },
    showing: (workspaceId, platform, taskId) => showing.all(workspaceId, platform, taskId).map(toPost),
    dueReminders: (now) =>
      due.all(now).map((r) => ({
        post: toPost(r),
        taskIds: jsonColumn(r.due_task_ids, isIds, `due reminders of #${r.id}`),
      })),
    claimReminder: (taskId, postId, now) => claim.run(taskId, postId, now).changes === 1,
    releaseReminder: (taskId) => {
      release.run(taskId);
    },
  };
}

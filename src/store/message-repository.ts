import type { Platform } from '../domain/reply.js';
import type { Db } from './open-database.js';

/** A platform message that shows a task (or a digest header) somewhere. */
export interface ChatMessage {
  workspaceId: string;
  platform: Platform;
  channelId: string;
  messageId: string;
  kind: 'digest_header' | 'task' | 'report';
  taskId: number | null;
  batchId: number | null;
  /** The thread it was posted in (Slack: the parent's ts; Discord: the thread, also its channelId); null: the channel. */
  threadId: string | null;
}

/** Which chat message shows which task (`chat_messages`): a reaction finds its task, a change its card. */
export interface MessageRepository {
  record(message: ChatMessage, now: string): void;
  find(platform: Platform, channelId: string, messageId: string): ChatMessage | null;
  forTask(taskId: number): ChatMessage[];
}

interface MessageRow {
  workspace_id: string;
  platform: Platform;
  channel_id: string;
  message_id: string;
  kind: ChatMessage['kind'];
  task_id: number | null;
  batch_id: number | null;
  thread_id: string | null;
}

const toMessage = (r: MessageRow): ChatMessage => ({
  workspaceId: r.workspace_id,
  platform: r.platform,
  channelId: r.channel_id,
  messageId: r.message_id,
  kind: r.kind,
  taskId: r.task_id,
  batchId: r.batch_id,
  threadId: r.thread_id,
});

export function createMessageRepository(db: Db): MessageRepository {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO chat_messages
       (workspace_id, platform, channel_id, message_id, kind, task_id, batch_id, thread_id, created_at)
     VALUES (@workspaceId, @platform, @channelId, @messageId, @kind, @taskId, @batchId, @threadId, @now)`,
  );
  const find = db.prepare<[string, string, string], MessageRow>(
    'SELECT * FROM chat_messages WHERE platform = ? AND channel_id = ? AND message_id = ?',
  );
  const forTask = db.prepare<[number], MessageRow>(
    'SELECT * FROM chat_messages WHERE task_id = ? ORDER BY id',
  );
  return {
    record: (m, now) => {
      insert.run({ ...m, now });
    },
    find: (platform, channel, id) => {
      const row = find.get(platform, channel, id);
      return row ? toMessage(row) : null;
    },
    forTask: (taskId) => forTask.all(taskId).map(toMessage),
  };
}

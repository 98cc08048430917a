import type { Platform } from '../domain/reply.js';
import type { Role } from '../domain/role.js';
import type { Db } from './open-database.js';

/** A user with a role above member. */
export interface Member {
  userKey: string;
  role: Role;
  grantedBy: string;
  grantedAt: string;
}

/** A platform message that shows a task (or a digest header) somewhere. */
export interface ChatMessage {
  workspaceId: string;
  platform: Platform;
  channelId: string;
  messageId: string;
  kind: 'digest_header' | 'task' | 'report';
  taskId: number | null;
  batchId: number | null;
}

export interface ChatRepository {
  roleOf(workspaceId: string, userKey: string): Role;
  members(workspaceId: string): Member[];
  adminCount(workspaceId: string): number;
  /** Sets a role; `member` removes the row (members are the default). */
  setRole(workspaceId: string, userKey: string, role: Role, grantedBy: string, now: string): void;
  /** Records an event id; false when it was already recorded (a repeat). */
  markProcessed(workspaceId: string, source: string, eventId: string, outcome: string, now: string): boolean;
  processedOutcome(workspaceId: string, source: string, eventId: string): string | null;
  /** Drops processed-event ids older than `before`; returns how many. */
  pruneProcessed(before: string): number;
  recordMessage(message: ChatMessage, now: string): void;
  findMessage(platform: Platform, channelId: string, messageId: string): ChatMessage | null;
  messagesForTask(taskId: number): ChatMessage[];
  /** The last task event id the reader `name` has handled; null before its first run. */
  cursor(name: string): number | null;
  setCursor(name: string, lastEventId: number, now: string): void;
}

interface MessageRow {
  workspace_id: string;
  platform: Platform;
  channel_id: string;
  message_id: string;
  kind: ChatMessage['kind'];
  task_id: number | null;
  batch_id: number | null;
}

const toMessage = (r: MessageRow): ChatMessage => ({
  workspaceId: r.workspace_id,
  platform: r.platform,
  channelId: r.channel_id,
  messageId: r.message_id,
  kind: r.kind,
  taskId: r.task_id,
  batchId: r.batch_id,
});

export function createChatRepository(db: Db): ChatRepository {
  const roleOf = db
    .prepare<[string, string], Role>('SELECT role FROM members WHERE workspace_id = ? AND user_key = ?')
    .pluck();
  const members = db.prepare<
    [string],
    { user_key: string; role: Role; granted_by: string; granted_at: string }
  >(
    `SELECT user_key, role, granted_by, granted_at FROM members WHERE workspace_id = ?
     ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, user_key`,
  );
  const adminCount = db
    .prepare<[string], number>("SELECT count(*) FROM members WHERE workspace_id = ? AND role = 'admin'")
    .pluck();
  const upsertRole = db.prepare(
    `INSERT INTO members (workspace_id, user_key, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, user_key) DO UPDATE SET role = excluded.role,
       granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
  );
  const deleteRole = db.prepare('DELETE FROM members WHERE workspace_id = ? AND user_key = ?');
  const markProcessed = db.prepare(
    `INSERT OR IGNORE INTO processed_events (workspace_id, source, event_id, outcome, processed_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const processedOutcome = db
    .prepare<[string, string, string], string>(
      'SELECT outcome FROM processed_events WHERE workspace_id = ? AND source = ? AND event_id = ?',
    )
    .pluck();
  const prune = db.prepare('DELETE FROM processed_events WHERE processed_at < ?');
  const insertMessage = db.prepare(
    `INSERT OR IGNORE INTO chat_messages
       (workspace_id, platform, channel_id, message_id, kind, task_id, batch_id, created_at)
     VALUES (@workspaceId, @platform, @channelId, @messageId, @kind, @taskId, @batchId, @now)`,
  );
  const findMessage = db.prepare<[string, string, string], MessageRow>(
    'SELECT * FROM chat_messages WHERE platform = ? AND channel_id = ? AND message_id = ?',
  );
  const messagesForTask = db.prepare<[number], MessageRow>(
    'SELECT * FROM chat_messages WHERE task_id = ? ORDER BY id',
  );
  const cursor = db
    .prepare<[string], number>('SELECT last_event_id FROM event_cursors WHERE name = ?')
    .pluck();
  const setCursor = db.prepare(
    `INSERT INTO event_cursors (name, last_event_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at`,
  );
  return {
    cursor: (name) => cursor.get(name) ?? null,
    setCursor: (name, id, now) => {
      setCursor.run(name, id, now);
    },
    roleOf: (ws, user) => roleOf.get(ws, user) ?? 'member',
    members: (ws) =>
      members.all(ws).map((r) => ({
        userKey: r.user_key,
        role: r.role,
        grantedBy: r.granted_by,
        grantedAt: r.granted_at,
      })),
    adminCount: (ws) => adminCount.get(ws) ?? 0,
    setRole: (ws, user, role, by, now) => {
      if (role === 'member') deleteRole.run(ws, user);
      else upsertRole.run(ws, user, role, by, now);
    },
    markProcessed: (ws, source, id, outcome, now) =>
      markProcessed.run(ws, source, id, outcome, now).changes === 1,
    processedOutcome: (ws, source, id) => processedOutcome.get(ws, source, id) ?? null,
    pruneProcessed: (before) => prune.run(before).changes,
    recordMessage: (m, now) => {
      insertMessage.run({ ...m, now });
    },
    findMessage: (platform, channel, id) => {
      const row = findMessage.get(platform, channel, id);
      return row ? toMessage(row) : null;
    },
    messagesForTask: (taskId) => messagesForTask.all(taskId).map(toMessage),
  };
}

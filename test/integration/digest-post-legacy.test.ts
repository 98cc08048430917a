import { describe, expect, it } from 'vitest';
import { batchSentence } from '../../src/index.js';
import { chatHarness } from '../helpers/chat.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('a digest posted before duplicates and held-back work were counted apart', () => {
  it('says, when edited after a decision, what it said when posted', async () => {
    const chat = chatHarness(tempDir());
    const reply = await chat.say('bo', 'digest');
    const [header] = reply.messages;
    if (header?.kind !== 'digest_header') throw new Error('no header');
    const taskIds = chat.app.tasks
      .list(chat.app.context({ workspaceId: 'default', actor: 'cli', source: 'cli' }), {})
      .map((t) => t.id);
    const { store } = chat;
    const id = store.transaction(() =>
      store.digestPosts.record(
        {
          workspaceId: 'default',
          platform: 'slack',
          channelId: 'C1',
          messageId: '1700000000.000100',
          style: 'thread',
          thread: null,
          header,
          remindAt: null,
          taskIds,
        },
        '2026-11-21T09:00:00.000Z',
      ),
    );
    // The header as the version before wrote it: one count of everything skipped.
    store.transaction(() =>
      store.db
        .prepare(
          `UPDATE digest_posts SET header = json_set(json_remove(header, '$.batch.duplicates', '$.batch.heldBack'),
             '$.batch.skipped', 2) WHERE id = ?`,
        )
        .run(id),
    );
    const [post] = store.digestPosts.showing('default', 'slack', taskIds[0] ?? 0);
    expect(post?.header.batch).toMatchObject({ duplicates: 2, heldBack: 0 });
    expect(post?.header.batch).not.toHaveProperty('skipped');
    expect(batchSentence(post?.header.batch ?? header.batch)).toBe(
      `${header.batch.newTasks} new tasks proposed, ${header.batch.proposed} awaiting a decision, 2 skipped as duplicates.`,
    );
    chat.close();
  });
});

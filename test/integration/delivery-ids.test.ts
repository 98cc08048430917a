import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/index.js';
import { migrateGoalpost } from '../../src/migration-functions.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createWebhookRepository } from '../../src/store/webhook-repository.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const MIGRATIONS = join(import.meta.dirname, '../../migrations');
const NOW = '2026-12-07T09:00:00.000Z';
const LATER = '2026-12-07T10:00:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the ids of webhook deliveries written before migration 0070', () => {
  it('stay the same on a retry, and no delivery after takes one of them again', () => {
    const dir = tempDir();
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS, before, { recursive: true });
    // As a database was before 0070: it and every migration after it not run yet.
    for (const file of readdirSync(before)) if (file >= '0070') rmSync(join(before, file));
    const db = openDatabase(join(dir, 'old.db'));
    const clock = fixedClock(new Date(NOW));
    migrateGoalpost(db, before, clock);
    db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('acme', '${NOW}')`);
    const hook = db
      .prepare(
        `INSERT INTO webhooks (workspace_id, url, secret, events, created_by, created_at)
         VALUES ('acme', 'https://hooks.example.com/in', 'whsec_0123456789abcdef', '["*"]', 'cli:operator', ?) RETURNING id`,
      )
      .pluck()
      .get(NOW) as number;
    const delivery = db.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, attempts, next_attempt_at, created_at)
       VALUES (?, ?, 'task.decided', '{"ref":"T-1"}', 1, ?, ?)`,
    );
    // Delivery 7 failed once and waits for its retry.
    delivery.run(7, hook, NOW, NOW);

    migrateGoalpost(db, MIGRATIONS, clock);
    const webhooks = createWebhookRepository(db);
    expect(webhooks.enqueue('acme', 'task.decided', { ref: 'T-2' }, NOW)).toBe(1);
    const due = webhooks.claimDue(LATER, LATER, 10);
    expect(due.map((d) => d.deliveryId)).toEqual(['7', expect.stringMatching(UUID)]);
    // And from now on, a delivery deleted with its webhook leaves its id to nobody.
    const again = webhooks.add(
      {
        workspaceId: 'acme',
        url: 'https://hooks.example.com/other',
        secret: 'whsec_0123456789abcdef',
        events: ['*'],
        createdBy: 'x',
      },
      LATER,
    );
    webhooks.enqueue('acme', 'task.decided', { ref: 'T-3' }, LATER);
    const gone = webhooks.claimDue(LATER, LATER, 10).find((d) => d.webhookId === again)?.deliveryId;
    webhooks.remove('acme', again);
    const replaced = webhooks.add(
      {
        workspaceId: 'acme',
        url: 'https://hooks.example.com/other',
        secret: 'whsec_0123456789abcdef',
        events: ['*'],
        createdBy: 'x',
      },
      LATER,
    );
    webhooks.enqueue('acme', 'task.decided', { ref: 'T-4' }, LATER);
    const now = webhooks.claimDue(LATER, LATER, 10).find((d) => d.webhookId === replaced)?.deliveryId;
    expect(now).toMatch(UUID);
    expect(now).not.toBe(gone);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../helpers/goalpost-fixture.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { snapshot } from '../helpers/snapshot.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startApi = useApi(useTempDir());

// A review's docs bot, holding a member token, claimed a task as ana (a person) and failed it:
// her record, from which routing learns, dropped. A token acts for the assignees it was made for;
// one made for none, for worker agents only; approvers and admins, as in chat, for anyone.
async function team() {
  const api = await startApi();
  const { app, db, call, tokens } = api;
  app.assignees.add(OPERATOR, { name: 'ana', kind: 'person' });
  app.assignees.add(OPERATOR, { name: 'docs_bot', kind: 'worker' });
  const [forAna, docs] = plantTasks(db, 'default', [
    { title: 'Write the pricing page', assignee: 'ana' },
    { title: 'Document the export API', assignee: 'docs_bot' },
  ]);
  for (const ref of [forAna, docs]) {
    const res = await call('POST', `/api/tasks/${ref}/decision`, {
      token: tokens.approver,
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(200);
  }
  const docsToken = app.tokens.create(OPERATOR, { name: 'docs', actsFor: ['docs_bot'] }).token;
  // Its first use stamps its last use: done now, so "nothing written" compares data only.
  expect((await call('GET', '/api/goal-engine/vision', { token: docsToken })).status).toBe(200);
  return { ...api, forAna: forAna as string, docs: docs as string, docsToken };
}

describe('an API token acting for assignees', () => {
  it('made for no one claims as a worker agent, never as a person, and writes nothing when refused', async () => {
    const { call, tokens, dbPath, docs } = await team();
    const before = snapshot(dbPath);
    const asAna = await call('POST', '/api/queue/claim', { token: tokens.member, body: { assignee: 'ana' } });
    expect(asAna.status).toBe(403);
    expect(asAna.json).toEqual({
      error: {
        code: 'E_FORBIDDEN',
        message:
          "ana is a person, and token member, made for no assignee, acts for worker agents only: only a token made for ana (`goalpost token create <name> --for ana` on the command line), an approver or an admin can claim ana's work; nothing was recorded",
      },
    });
    expect(snapshot(dbPath)).toEqual(before);
    const asBot = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'docs_bot' },
    });
    expect(asBot.json).toMatchObject({ task: { ref: docs, claimedBy: 'docs_bot' } });
  });

  it('made for an agent claims and reports only as that agent', async () => {
    const { call, docsToken, dbPath, docs } = await team();
    const before = snapshot(dbPath);
    for (const assignee of ['ana', 'dev_worker1']) {
      const res = await call('POST', '/api/queue/claim', { token: docsToken, body: { assignee } });
      expect(res.status, assignee).toBe(403);
      expect((res.json?.error as { message: string }).message).toMatch(
        new RegExp(`^token docs acts for docs_bot, not ${assignee}: only a token made for ${assignee} `),
      );
    }
    expect(snapshot(dbPath)).toEqual(before);
    const claim = await call('POST', '/api/queue/claim', {
      token: docsToken,
      body: { assignee: 'DOCS_BOT' },
    });
    expect(claim.json).toMatchObject({ task: { ref: docs } });
    const finish = await call('POST', '/api/queue/finish', {
      token: docsToken,
      body: {
        ref: docs,
        assignee: 'docs_bot',
        runId: claim.json?.runId,
        run: {
          success: true,
          exitCode: 0,
          signal: null,
          timedOut: false,
          minutes: 12,
          output: '',
          reason: null,
        },
      },
    });
    expect(finish.json).toMatchObject({ recorded: true, task: { ref: docs, status: 'done' } });
  });

  it('records no outcome credited to a person it does not act for; an approver still may', async () => {
    const { call, tokens, dbPath, forAna, docsToken } = await team();
    const before = snapshot(dbPath);
    const failed = { success: false, note: 'could not find the copy' };
    for (const token of [tokens.member, docsToken]) {
      const fail = await call('POST', `/api/tasks/${forAna}/outcome`, { token, body: failed });
      expect(fail.status).toBe(403);
      expect((fail.json?.error as { message: string }).message).toMatch(
        /can record ana's outcomes; nothing was recorded$/,
      );
      const start = await call('POST', `/api/tasks/${forAna}/start`, { token });
      expect((start.json?.error as { message: string }).message).toMatch(
        /can start ana's work; nothing was recorded$/,
      );
    }
    // Nor by crediting the outcome to a worker it does act for.
    const asBot = await call('POST', `/api/tasks/${forAna}/outcome`, {
      token: tokens.member,
      body: { ...failed, assignee: 'docs_bot' },
    });
    expect(asBot.status).toBe(403);
    expect((asBot.json?.error as { message: string }).message).toMatch(
      /can record ana's outcomes; nothing was recorded$/,
    );
    expect(snapshot(dbPath)).toEqual(before);
    const byLead = await call('POST', `/api/tasks/${forAna}/outcome`, {
      token: tokens.approver,
      body: { success: true },
    });
    expect(byLead.json).toMatchObject({ task: { ref: forAna, status: 'done', assignee: 'ana' } });
  });
});

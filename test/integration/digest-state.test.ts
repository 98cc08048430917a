import { describe, expect, it } from 'vitest';
import type { DigestHeaderView } from '../../src/domain/reply.js';
import { digestReply } from '../../src/views/digest.js';
import { openDemoAtBusyNow } from '../fixtures/busy-workspace.js';
import { manualClock, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe("a digest's header", () => {
  it('shows where the workspace stands the same whether the digest plans a batch or not', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    const { app } = opened;
    // A source with two years of monthly records (a Stripe backfill writes twelve), so planning reads
    // only its earliest and latest complete ones where `state` reads them all; and one no longer
    // current, which the header names.
    const [earning, quiet] = app.projects.list(ctx);
    for (let i = 0; i < 24; i++) {
      const month = `${2024 + Math.floor((i + 10) / 12)}-${String(((i + 10) % 12) + 1).padStart(2, '0')}`;
      app.revenue.add(ctx, {
        project: earning?.name,
        from: `${month}-01`,
        to: `${month}-28`,
        actual: 1000 + i * 150,
        subscriptions: 40 + i,
      });
    }
    // Planning seeks each source's latest records when the sources hold more than four on average.
    const records = opened.db
      .prepare('SELECT count(*) AS n, count(DISTINCT project_id) AS s FROM revenue_records')
      .get() as {
      n: number;
      s: number;
    };
    expect(records.n).toBeGreaterThan(4 * (records.s + 1));
    app.revenue.add(ctx, { project: quiet?.name, from: '2026-03-01', to: '2026-03-31', actual: 900 });

    const header = (role: 'member' | 'admin') =>
      digestReply(app, { ...ctx, role }, { date: '2026-11-21' }).messages[0] as DigestHeaderView;
    const planned = header('admin');
    // A member is shown the queue, not a new batch: the digest analyses the workspace on its own.
    const shown = header('member');

    expect(planned.batch.newTasks).toBeGreaterThan(0);
    expect(shown.batch.showOnly).toBe(true);
    expect(planned.revenue).not.toBeNull();
    expect(planned.revenue).toEqual(shown.revenue);
    expect(planned.suggestions).toEqual(shown.suggestions);
    expect(planned.suggestions.join('\n')).toMatch(/revenue was last recorded for 2026-03-01 to 2026-03-31/);
    opened.close();
  });

  // A review found a digest on the day churn more than doubled saying only "Nothing new to
  // propose": the work approved to answer it had sat unstarted for eleven days, and nothing said so.
  it('names the approved work nobody has started for a week, first among its suggestions', () => {
    const clock = manualClock('2026-11-21T09:00:00Z');
    const opened = openQuickStart(tempDir(), clock);
    const { app } = opened;
    const batch = app.engine.generate(OPERATOR, { maxTasks: 4 });
    const [stalled, started, recent] = batch.tasks;
    app.decisions.decide(OPERATOR, { ref: stalled?.ref, action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: started?.ref, action: 'approve' });
    app.decisions.decide(OPERATOR, { ref: started?.ref, action: 'start' });
    clock.advance(6 * 86_400_000);
    app.decisions.decide(OPERATOR, { ref: recent?.ref, action: 'approve' });
    clock.advance(5 * 86_400_000);
    const header = digestReply(app, OPERATOR, { date: '2026-12-02' }).messages[0] as DigestHeaderView;
    const title = stalled?.title ?? '';
    const shown = title.length > 80 ? `${title.slice(0, 79)}…` : title;
    expect(header.suggestions[0]).toBe(
      `${stalled?.ref} · ${shown}: approved 11 days ago and not started${stalled?.assignee ? ` (${stalled.assignee})` : ''}; start it, or cancel it if it no longer matters`,
    );
    const all = header.suggestions.join('\n');
    expect(all).not.toContain(`${started?.ref} `);
    expect(all).not.toContain(`${recent?.ref} `);
    opened.close();
  });

  // A review failed the critical checkout bug one afternoon; the next morning's digest held it back
  // for its day of cooldown and said nothing of it: the one thing blocking the product that earns
  // was gone from the digest without a word. A lead expects the blocker named until it is dealt
  // with, with why it failed, and how to try it again now.
  it('names a critical bug whose task failed and is held back, with its reason and how to retry it', () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const opened = openQuickStart(tempDir(), clock);
    const { app } = opened;
    const batch = app.engine.generate(OPERATOR, { maxTasks: 3 });
    const bug = batch.tasks.find((t) => t.title === "Fix 'Checkout crashes on Safari' in Basic EDU Apps");
    expect(bug).toBeDefined();
    app.decisions.decide(OPERATOR, { ref: bug?.ref, action: 'approve' });
    clock.advance(7 * 3_600_000); // 16:00
    app.decisions.decide(OPERATOR, { ref: bug?.ref, action: 'fail', note: 'cannot reproduce without a Mac' });
    clock.advance(17 * 3_600_000); // the next morning, 09:00
    const header = digestReply(app, OPERATOR, { date: '2026-11-24' }).messages[0] as DigestHeaderView;
    const blocker = header.suggestions.find((s) => s.startsWith(`${bug?.ref} `)) ?? '';
    expect(blocker).toMatch(/critical bug/);
    expect(blocker).toContain('Basic EDU Apps');
    expect(blocker).toContain('cannot reproduce without a Mac');
    expect(blocker).toContain(`retry ${bug?.ref}`);
    // Once retried, it is open work again: the header no longer names it.
    app.decisions.retry(OPERATOR, bug?.ref);
    const after = digestReply(app, OPERATOR, { date: '2026-11-24' }).messages[0] as DigestHeaderView;
    expect(after.suggestions.join('\n')).not.toContain(`${bug?.ref} `);
    opened.close();
  });
});

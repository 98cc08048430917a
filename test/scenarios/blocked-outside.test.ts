import { describe, expect, it } from 'vitest';
import { learnedSentence } from '../../src/index.js';
import { PAGEWISE, spec } from './pagewise.js';
import { build, LEAD, seedTeam, useTeam } from './team.js';

// A review's lead failed lena's "Submit the iOS app" saying "blocked by Apple review until
// 2026-12-05". Apple's review is nobody's doing on the team: yet the failure took lena's record in
// `learn` from three features out of three to 60 %, routing began to pass her over for feature
// work, and when the work came back on the 5th its confidence was halved, as if the work itself
// had proved hard. A lead expects a block outside the work to hold it back until it clears and
// to count against neither the person who held it nor the work. A failure of the work itself
// ("crashes on iOS 16") still counts against both.
const SUBMIT = 'Submit the iOS app for review';

describe('a task failed for a block outside the work', () => {
  const team = useTeam();

  /** Lena ships three features, then fails the iOS submission at noon on 26 November saying `note`. */
  function failWith(note: string) {
    const app = team.open('2026-11-20T09:00:00Z');
    seedTeam(app, spec);
    app.assignees.add(LEAD, { name: 'lena', kind: 'person' });
    app.assignees.add(LEAD, { name: 'omar', kind: 'person' });
    for (const title of ['Saved views', 'Bulk export', 'Keyboard shortcuts']) {
      app.projects.addFeature(LEAD, PAGEWISE, { title });
    }
    const shipped = app.engine.generate(LEAD, { maxTasks: 3 }).tasks;
    for (const t of shipped) {
      app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
      app.decisions.decide(LEAD, { ref: t.ref, action: 'done', assignee: 'lena', minutes: 240 });
    }
    const later = team.reopen('2026-11-26T09:00:00Z');
    later.projects.addFeature(LEAD, PAGEWISE, { title: SUBMIT });
    const [task] = later.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    expect(task?.title).toBe(build(SUBMIT, PAGEWISE));
    later.decisions.decide(LEAD, { ref: task?.ref, action: 'approve' });
    const failed = team.reopen('2026-11-26T12:00:00Z');
    const said = failed.decisions.decide(LEAD, { ref: task?.ref, action: 'fail', note, assignee: 'lena' });
    return { app: failed, said, ref: task?.ref as string };
  }

  const lenaOnFeatures = (app: ReturnType<typeof failWith>['app']) =>
    app.learning.learn(LEAD).table.find((r) => r.assignee === 'lena' && r.category === 'feature');

  it("counts against neither lena's record nor the work's odds, and says so", () => {
    const { app, said, ref } = failWith('blocked by Apple review until 2026-12-05');
    expect(said.blocked).toBe(true);
    expect(app.tasks.show(LEAD, ref).task.assignee).toBe('lena');
    const lena = lenaOnFeatures(app);
    expect(lena?.successes).toBe(3);
    expect(lena?.failures).toBe(0);
    expect(learnedSentence(app.learning.learn(LEAD))).toMatch(
      /^Learned from 4 outcomes across 1 category × assignee pair \(routing learns nothing from the 1 that failed for a block outside the work\)/,
    );

    const back = team.reopen('2026-12-05T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const card = back.tasks.find((t) => t.title === build(SUBMIT, PAGEWISE));
    expect(card).toBeDefined();
    expect(card?.reasoning.some((l) => l.includes('halved'))).toBe(false);
    // Nor is it a failure among its kind's: three features done, none failed.
    expect(card?.reasoning).toContainEqual(expect.stringMatching(/^Confidence 0\.80: 3 of 3 /));
    expect(card?.reasoning).toContainEqual(
      expect.stringContaining(
        `Tried as ${ref} on 2026-11-26 and blocked ('blocked by Apple review until 2026-12-05')`,
      ),
    );
  });

  // A second review's late vendor keys read "Confidence 0.33: 0 of 1 earlier feature tasks
  // succeeded" on every other feature the next day, and "feature: 0 done, 1 failed" in the report,
  // beside a reply saying the block counted against nothing.
  it('is no failure of other work of its kind either, and the report counts it apart', () => {
    const { app } = failWith('blocked by Apple review until 2026-12-05');
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Page templates' });
    const next = team.reopen('2026-11-27T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const other = next.tasks.find((t) => t.title === build('Page templates', PAGEWISE));
    expect(other?.reasoning).toContainEqual(
      expect.stringMatching(/^Confidence 0\.80: 3 of 3 earlier feature tasks/),
    );
    const report = team.reopen('2026-11-27T10:00:00Z').report.build(LEAD, { since: '2026-11-20' });
    expect(report.outcomes).toMatchObject({ done: 3, failed: 0, blocked: 1 });
    expect(report.outcomes.byCategory.feature).toEqual({ done: 3, failed: 0, blocked: 1 });
  });

  it('a failure of the work itself still counts against both', () => {
    const { app, said, ref } = failWith('crashes on launch on iOS 16');
    expect(said.blocked).toBeUndefined();
    const lena = lenaOnFeatures(app);
    expect(lena?.failures).toBe(1);
    const back = team.reopen('2026-11-28T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const card = back.tasks.find((t) => t.title === build(SUBMIT, PAGEWISE));
    expect(card?.reasoning).toContainEqual(expect.stringContaining('halved as this work failed once'));
    expect(card?.reasoning).toContainEqual(
      expect.stringContaining(`Tried as ${ref} on 2026-11-26 and failed`),
    );
  });

  // A third review's reminders work was blocked by a vendor, then failed once for itself, and came
  // back "Failed 2 times", its confidence halved twice: the block, promised to count against
  // nothing, counted as soon as a real failure followed it.
  it('a block and then a failure of the work itself halve its odds once', () => {
    const { ref } = failWith('blocked by Apple review until 2026-12-05');
    const back = team.reopen('2026-12-05T09:00:00Z');
    const retry = back.engine
      .generate(LEAD, { maxTasks: 5 })
      .tasks.find((t) => t.title === build(SUBMIT, PAGEWISE));
    back.decisions.decide(LEAD, { ref: retry?.ref, action: 'approve' });
    team.reopen('2026-12-05T15:00:00Z').decisions.decide(LEAD, {
      ref: retry?.ref,
      action: 'fail',
      note: 'crashes on launch on iOS 16',
      assignee: 'lena',
    });
    const next = team.reopen('2026-12-07T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const card = next.tasks.find((t) => t.title === build(SUBMIT, PAGEWISE));
    expect(card?.reasoning).toContainEqual(
      expect.stringContaining(
        `Failed 2 times (1 of them blocked outside the work), last as ${retry?.ref} on 2026-12-05 ('crashes on launch on iOS 16')`,
      ),
    );
    expect(card?.reasoning).toContainEqual(expect.stringContaining('halved as this work failed once'));
    expect(ref).not.toBe(retry?.ref);
  });

  it("leaves other work's failures in its kind's record when it comes back from a block", () => {
    const { app } = failWith('blocked by Apple review until 2026-12-05');
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Page templates' });
    const next = team.reopen('2026-11-27T09:00:00Z');
    const templates = next.engine
      .generate(LEAD, { maxTasks: 5 })
      .tasks.find((t) => t.title === build('Page templates', PAGEWISE));
    next.decisions.decide(LEAD, { ref: templates?.ref, action: 'approve' });
    next.decisions.decide(LEAD, {
      ref: templates?.ref,
      action: 'fail',
      note: 'the editor cannot nest templates',
      assignee: 'omar',
    });
    const back = team.reopen('2026-12-05T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const card = back.tasks.find((t) => t.title === build(SUBMIT, PAGEWISE));
    // Three features done, Page templates failed: the block is neither.
    expect(card?.reasoning).toContainEqual(
      expect.stringMatching(/^Confidence 0\.\d\d: 3 of 4 earlier feature tasks/),
    );
  });

  it('learn rebuilt from the log counts it as the live record did', () => {
    const { app } = failWith('waiting on the partner API keys');
    const first = lenaOnFeatures(app);
    // A second learn rebuilds from the event log and finds nothing to change.
    const again = app.learning.learn(LEAD);
    expect(again.unchanged).toBe(true);
    expect(again.table.find((r) => r.assignee === 'lena' && r.category === 'feature')).toEqual(first);
    expect(first?.failures).toBe(0);
  });
});

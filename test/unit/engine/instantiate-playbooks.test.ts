import { describe, expect, it } from 'vitest';
import type { Playbook } from '../../../src/domain/playbook.js';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { detectSignals } from '../../../src/engine/detect-signals.js';
import { TIER } from '../../../src/engine/draft.js';
import type { EngineInput } from '../../../src/engine/engine-input.js';
import { instantiatePlaybooks } from '../../../src/engine/instantiate-playbooks.js';
import { projectStakes } from '../../../src/engine/stakes.js';
import { ValidationError } from '../../../src/errors.js';
import { buildEduInput, makeProject, makeTask } from '../../fixtures/edu.js';

/** Playbook drafts for every signal (as if the backlog served none of them). */
function draftsOf(input: EngineInput) {
  const state = analyseState(input);
  const active = state.projects.filter((p) => p.project.status === 'active');
  const signals = detectSignals(state, input.vision, projectStakes(state.revenue, active, input.vision));
  return instantiatePlaybooks(signals, input);
}

function withPlaybook(
  input: EngineInput,
  playbook: Partial<Playbook> & Pick<Playbook, 'key' | 'title'>,
): EngineInput {
  const base: Playbook = {
    id: 99,
    workspaceId: 'default',
    signal: 'revenue_gap',
    focusArea: null,
    category: 'feature',
    effortHours: 2,
    impactShare: 0.1,
    dependsOn: [],
    recurDays: null,
    enabled: true,
    ...playbook,
  };
  return { ...input, playbooks: [...input.playbooks, base] };
}

describe('instantiatePlaybooks', () => {
  it('instantiates the EDU defaults: payment playbooks for a payment project, one task per uncovered focus area', () => {
    expect(draftsOf(buildEduInput()).map((d) => [d.key, d.title])).toEqual([
      ['pay.admin@1', 'Build a subscription admin dashboard for Basic EDU Apps'],
      ['pay.pricing@1', 'Create a pricing page for Basic EDU Apps with monthly and annual plans'],
      ['pay.stripe@1', 'Implement Stripe checkout for Basic EDU Apps subscription tiers'],
      // The project's payment focus calls for the pay.* playbooks, ahead of the generic growth one;
      // payment_integration is covered by them, so it gets no focus_gap task.
      [
        'focus.automation@2#automation',
        'Automate the most time-consuming manual step of releasing and deploying',
      ],
      [
        'focus.self_healing@2#self_healing',
        'Add health checks that restart failing services and alert on repeated failures',
      ],
    ]);
  });

  it('maps playbook dependencies to candidate keys of the same project', () => {
    const admin = draftsOf(buildEduInput()).find((d) => d.playbookKey === 'pay.admin');
    expect(admin?.dependsOn).toEqual(['pay.stripe@1']);
  });

  it('points a dependency at the open task from that playbook when the playbook makes no candidate', () => {
    const input = buildEduInput({
      openTasks: [makeTask({ id: 3, title: 'Stripe', playbookKey: 'pay.stripe', projectId: 1 })],
    });
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.stripe' ? { ...p, enabled: false } : p));
    const admin = draftsOf(input).find((d) => d.playbookKey === 'pay.admin');
    expect(admin?.dependsOn).toEqual(['T-3']);
  });

  it('skips disabled playbooks and focus playbooks for areas outside the vision', () => {
    const input = buildEduInput();
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.pricing' ? { ...p, enabled: false } : p));
    input.vision = { ...input.vision, focusAreas: ['automation'] };
    const keys = draftsOf(input).map((d) => d.playbookKey);
    expect(keys).not.toContain('pay.pricing');
    expect(keys).not.toContain('pay.stripe'); // payment_integration is no longer a focus area
    expect(keys).toEqual(['growth.experiment', 'focus.automation']);
  });

  it('answers the gap of a project outside the payment focus with the generic growth playbook', () => {
    const input = buildEduInput();
    input.projects.push(
      makeProject({ id: 3, name: 'Quiz Game', revenueBearing: true, focusAreas: ['automation'] }),
    );
    const quiz = draftsOf(input).filter((d) => d.projectId === 3);
    expect(quiz.map((d) => d.playbookKey)).toEqual(['growth.experiment']);
    expect(quiz[0]?.claims).toEqual([
      expect.objectContaining({ weight: 0.1, why: 'playbook growth.experiment claims 10% of' }),
    ]);
  });

  it("says a project's growth experiment is toward its share of the revenue gap, not the gap", () => {
    const input = buildEduInput();
    input.projects.push(
      makeProject({ id: 3, name: 'Quiz Game', revenueBearing: true, focusAreas: ['automation'] }),
    );
    const [quiz] = draftsOf(input).filter((d) => d.projectId === 3);
    const share = quiz?.claims[0]?.stake.usd ?? 0;
    expect(share).toBeGreaterThan(0);
    // The $999 milestone less the $310 Basic EDU Apps earned last month is the gap ($689); Quiz
    // Game's part of it is its share (one item's, of 7 alike: Basic EDU Apps has 6 open features),
    // and the title says it is its part, naming no figure (which moves with the backlog).
    expect(share).toBe(98.43);
    expect(quiz?.title).toBe(
      "Run a user-acquisition experiment toward Quiz Game's share of the revenue gap by 2026-04",
    );
  });

  it('uses the generic focus playbook only where no playbook is written for the area', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, focusAreas: ['automation', 'data_quality'] };
    const focus = draftsOf(input).filter((d) => d.signal === 'focus_gap');
    expect(focus.map((d) => [d.key, d.title])).toEqual([
      [
        'focus.automation@2#automation',
        'Automate the most time-consuming manual step of releasing and deploying',
      ],
      ['focus.plan@-#data_quality', 'Plan the next step for data_quality'],
    ]);
    // Generic planning fills in last: never ahead of real work.
    expect(focus.map((d) => d.tier)).toEqual([TIER.work, TIER.planning]);
  });

  it('makes reviewing a stale project with no backlog planning, never ahead of real work', () => {
    const input = buildEduInput();
    // Ops Monitor idle for two months, its backlog empty: a stale project no item serves.
    input.projects = input.projects.map((p) =>
      p.id === 2 ? { ...p, updatedAt: new Date(Date.parse(input.now) - 60 * 86_400_000).toISOString() } : p,
    );
    input.features = input.features.filter((f) => f.projectId !== 2);
    const review = draftsOf(input).filter((d) => d.signal === 'stale_project');
    expect(review.map((d) => [d.title, d.tier])).toEqual([
      ['Review Ops Monitor: set its next step or pause it', TIER.planning],
    ]);
    const payment = draftsOf(input).filter((d) => d.playbookKey === 'pay.stripe');
    expect(payment.map((d) => d.tier)).toEqual([TIER.work]);
  });

  it('remembers a playbook task by its playbook, project and subject, not its numbers', () => {
    const drafts = draftsOf(buildEduInput());
    expect(drafts.find((d) => d.playbookKey === 'pay.stripe')?.memoryKey).toBe('pb:pay.stripe@1#');
    expect(drafts.find((d) => d.playbookKey === 'focus.automation')?.memoryKey).toBe(
      'pb:focus.automation@2#automation',
    );
  });

  it('applies only playbooks whose template values a workspace-level signal has', () => {
    const input = buildEduInput();
    input.projects = input.projects.map((p) => ({ ...p, revenueBearing: false }));
    const gap = draftsOf(input).filter((d) => d.signal === 'revenue_gap');
    expect(gap.map((d) => [d.key, d.projectId])).toEqual([['growth.experiment@-', null]]);
  });

  it('throws on a playbook title with an unknown placeholder', () => {
    const input = withPlaybook(buildEduInput(), { key: 'bad.one', title: 'Sell {product}' });
    input.projects = input.projects.map((p) => ({ ...p, revenueBearing: false }));
    expect(() => draftsOf(input)).toThrow(ValidationError);
  });

  it('carries the task focus area from the playbook, else from the signal', () => {
    const drafts = draftsOf(buildEduInput());
    expect(drafts.find((d) => d.playbookKey === 'pay.stripe')?.focusArea).toBe('payment_integration');
    expect(drafts.find((d) => d.playbookKey === 'focus.self_healing')?.focusArea).toBe('self_healing');
    expect(drafts.find((d) => d.playbookKey === 'focus.automation')?.focusArea).toBe('automation');
  });
});

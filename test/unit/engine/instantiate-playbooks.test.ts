import { describe, expect, it } from 'vitest';
import type { Playbook } from '../../../src/domain/playbook.js';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { detectSignals } from '../../../src/engine/detect-signals.js';
import { instantiatePlaybooks } from '../../../src/engine/instantiate-playbooks.js';
import type { EngineInput } from '../../../src/engine/types.js';
import { ValidationError } from '../../../src/errors.js';
import { buildEduInput, makeBug, makeTask } from '../../fixtures/edu.js';

function draftsOf(input: EngineInput) {
  return instantiatePlaybooks(detectSignals(analyseState(input), input.vision), input);
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
    enabled: true,
    ...playbook,
  };
  return { ...input, playbooks: [...input.playbooks, base] };
}

describe('instantiatePlaybooks', () => {
  it('instantiates the EDU defaults: payment playbooks for the gap, one task per uncovered focus area', () => {
    expect(draftsOf(buildEduInput()).map((d) => [d.key, d.title])).toEqual([
      ['growth.experiment@1', 'Run a user-acquisition experiment to add $695/month of revenue by 2026-04'],
      ['pay.admin@1', 'Build a subscription admin dashboard for Basic EDU Apps'],
      ['pay.pricing@1', 'Create a Basic EDU Apps pricing page with monthly and annual plans'],
      ['pay.stripe@1', 'Implement Stripe checkout for Basic EDU Apps subscription tiers'],
      // payment_integration is covered by the pay.* tasks, so it gets no focus_gap task
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

  it('uses the generic focus playbook only where no playbook is written for the area', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, focusAreas: ['automation', 'data_quality'] };
    const focus = draftsOf(input).filter((d) => d.signal.kind === 'focus_gap');
    expect(focus.map((d) => [d.key, d.title])).toEqual([
      [
        'focus.automation@2#automation',
        'Automate the most time-consuming manual step of releasing and deploying',
      ],
      ['focus.plan@-#data_quality', 'Plan the next step for data_quality'],
    ]);
  });

  it('makes one fix task per critical bug, keyed by bug', () => {
    const input = buildEduInput({
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' }),
        makeBug({ id: 5, projectId: 1, title: 'Refunds fail' }),
      ],
    });
    const fixes = draftsOf(input).filter((d) => d.playbookKey === 'fix.critical');
    expect(fixes.map((d) => [d.key, d.title, d.category])).toEqual([
      ['fix.critical@1#4', 'Fix critical bug in Basic EDU Apps: Checkout crashes', 'bugfix'],
      ['fix.critical@1#5', 'Fix critical bug in Basic EDU Apps: Refunds fail', 'bugfix'],
    ]);
  });

  it('applies only playbooks whose template values a workspace-level signal has', () => {
    const input = buildEduInput();
    input.projects = input.projects.map((p) => ({ ...p, revenueBearing: false }));
    const gap = draftsOf(input).filter((d) => d.signal.kind === 'revenue_gap');
    expect(gap.map((d) => [d.key, d.projectId])).toEqual([['growth.experiment@-', null]]);
  });

  it('throws on a playbook title with an unknown placeholder', () => {
    const input = withPlaybook(buildEduInput(), { key: 'bad.one', title: 'Sell {product}' });
    expect(() => draftsOf(input)).toThrow(ValidationError);
  });

  it('carries the task focus area from the playbook, else from the signal', () => {
    const drafts = draftsOf(buildEduInput());
    expect(drafts.find((d) => d.playbookKey === 'pay.stripe')?.focusArea).toBe('payment_integration');
    expect(drafts.find((d) => d.playbookKey === 'growth.experiment')?.focusArea).toBeNull();
    expect(drafts.find((d) => d.playbookKey === 'focus.automation')?.focusArea).toBe('automation');
  });
});

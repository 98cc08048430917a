import { describe, expect, it } from 'vitest';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { detectSignals } from '../../../src/engine/detect-signals.js';
import type { EngineInput, PaymentFailureInput } from '../../../src/engine/engine-input.js';
import { planBatch } from '../../../src/engine/plan-batch.js';
import { projectStakes } from '../../../src/engine/stakes.js';
import { buildEduInput, daysBefore, EDU_NOW } from '../../fixtures/edu.js';

let invoices = 0;

/** A failed payment on Basic EDU Apps `days` ago, on its own $29/month subscription unless given. */
function failure(days: number, f: Partial<PaymentFailureInput> = {}): PaymentFailureInput {
  invoices += 1;
  return {
    projectId: 1,
    invoice: `in_${invoices}`,
    subscription: `sub_${invoices}`,
    customer: `cus_${invoices}`,
    currency: 'usd',
    accountCurrency: 'usd',
    failedAt: daysBefore(EDU_NOW, days),
    settledAt: null,
    mrr: 29,
    ...f,
  };
}

/** `n` failures `days` ago, paid two days after they failed. */
const paidLater = (n: number, days: number) =>
  Array.from({ length: n }, () => failure(days, { settledAt: daysBefore(EDU_NOW, days - 2) }));

function signalOf(paymentFailures: PaymentFailureInput[], projects = (input: EngineInput) => input.projects) {
  const input = buildEduInput({ paymentFailures });
  input.projects = projects(input);
  const state = analyseState(input);
  const active = state.projects.filter((p) => p.project.status === 'active');
  const stakes = projectStakes(state.revenue, active, input.vision);
  return detectSignals(state, input.vision, stakes, [], paymentFailures).find(
    (s) => s.kind === 'payment_failures',
  );
}

describe('payment failure signals', () => {
  it('raises a first burst of three failures with no history, its stake the MRR of their subscriptions', () => {
    const signal = signalOf([failure(1), failure(2), failure(6, { mrr: 49 })]);
    expect(signal).toMatchObject({
      key: 'payment_failures:project:1',
      projectId: 1,
      focusArea: 'payment_integration',
      stake: {
        key: 'failed_payments:1',
        usd: 107,
        label: 'the $107/month of MRR on 3 unpaid invoices in Basic EDU Apps',
        kind: 'revenue',
      },
      urgency: 0.8,
      params: { project: 'Basic EDU Apps', customers: '3 customers' },
    });
    expect(signal?.fact).toBe(
      '3 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $107/month of MRR is at risk on 3 unpaid invoices',
    );
  });

  it('raises nothing for two failures in a week, however quiet the weeks before', () => {
    expect(signalOf([failure(1), failure(3)])).toBeUndefined();
  });

  it('measures a week against the 8 weeks before: twice their weekly average is a spike, less is not', () => {
    // 12 failures over the 8 weeks before: 1.5 a week, so 3 is twice that, and a spike.
    const usual = [...paidLater(6, 20), ...paidLater(6, 50)];
    expect(signalOf([...usual, failure(1), failure(2), failure(3)])?.fact).toBe(
      '3 payments failed in Basic EDU Apps in the last 7 days (weekly average 1.5 over the 8 weeks before); $87/month of MRR is at risk on 3 unpaid invoices',
    );
    // 16 before: 2 a week, so 3 is business as usual.
    const busier = [...usual, ...paidLater(4, 30)];
    expect(signalOf([...busier, failure(1), failure(2), failure(3)])).toBeUndefined();
    // Failures older than the 9 weeks read count for nothing.
    expect(signalOf([...usual, ...paidLater(20, 70), failure(1), failure(2), failure(3)])).toBeDefined();
  });

  it('puts only unpaid invoices at risk, and raises nothing once every one is paid', () => {
    const paid = { settledAt: daysBefore(EDU_NOW, 1) };
    const signal = signalOf([failure(2), failure(3, paid), failure(4, paid), failure(5, { mrr: 10 })]);
    expect(signal?.stake).toMatchObject({ usd: 39 });
    expect(signal?.fact).toBe(
      '4 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $39/month of MRR is at risk on 2 unpaid invoices',
    );
    // An unpaid invoice from weeks ago is still at risk when this week spikes.
    expect(signalOf([failure(20), failure(2, paid), failure(3, paid), failure(4, paid)])?.stake?.usd).toBe(
      29,
    );
    expect(signalOf([failure(2, paid), failure(3, paid), failure(4, paid)])).toBeUndefined();
  });

  it('counts a subscription’s MRR once however many of its invoices failed', () => {
    const twice = { subscription: 'sub_twice', customer: 'cus_twice' };
    const signal = signalOf([failure(1, twice), failure(5, twice), failure(2)]);
    expect(signal?.stake?.usd).toBe(58);
    expect(signal?.params.customers).toBe('2 customers');
  });

  it('counts failures in another currency, but not their MRR in the account’s dollars', () => {
    const eur = { currency: 'eur', mrr: 39 };
    const signal = signalOf([failure(1), failure(2), failure(3, eur)]);
    expect(signal?.stake?.usd).toBe(58);
    expect(signal?.fact).toBe(
      '3 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $58/month of MRR is at risk on 2 unpaid invoices (1 more unpaid invoice in other currencies, not counted in dollars)',
    );
    const allEur = signalOf([failure(1, eur), failure(2, eur), failure(3, eur)]);
    expect(allEur?.stake).toBeNull();
    expect(allEur?.fact).toContain('; the 3 unpaid invoices bill other currencies, not counted in dollars');
  });

  it('has no stake when the failing subscriptions already left MRR (churned), but still calls for work', () => {
    const gone = { mrr: 0 };
    const signal = signalOf([failure(1, gone), failure(2, gone), failure(3, gone)]);
    expect(signal?.stake).toBeNull();
    expect(signal?.fact).toContain('the subscriptions of its 3 unpaid invoices have already left MRR');
  });

  it('signals the project the failures are on, and only while it is active', () => {
    const onOps = [1, 2, 3].map((d) => failure(d, { projectId: 2 }));
    expect(signalOf(onOps)).toMatchObject({ projectId: 2, params: { project: 'Ops Monitor' } });
    const paused = (input: EngineInput) =>
      input.projects.map((p) => (p.id === 2 ? { ...p, status: 'paused' as const } : p));
    expect(signalOf(onOps, paused)).toBeUndefined();
  });
});

describe('a spike of failed payments in a batch', () => {
  const spike = () => [failure(1), failure(2), failure(3, { mrr: 49 }), failure(4, { mrr: 49 })];

  it('proposes recovering them, worth the playbook’s share of the MRR at risk', () => {
    const plan = planBatch(buildEduInput({ paymentFailures: spike() }), { maxTasks: 10 });
    const task = plan.tasks.find((t) => t.signal === 'payment_failures');
    expect(task).toMatchObject({
      title:
        'Recover the failed payments in Basic EDU Apps: turn on Smart Retries and failed-payment emails in Stripe, and contact the 4 customers with unpaid invoices',
      playbookKey: 'pay.recover',
      category: 'revenue',
      // 40% of the $156/month on the four unpaid invoices.
      revenueImpact: 62.4,
    });
    expect(task?.reasoning[0]).toBe(
      "Payments are failing in Basic EDU Apps: collecting them before Stripe's retries run out keeps about $62.40/month.",
    );
    expect(task?.reasoning).toContain(
      '4 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $156/month of MRR is at risk on 4 unpaid invoices',
    );
  });

  it('leaves it to a backlog item on dunning, which takes the whole stake', () => {
    const input = buildEduInput({ paymentFailures: spike() });
    input.features.push({
      ...(input.features[9] as EngineInput['features'][number]),
      id: 99,
      title: 'Dunning emails for declined cards',
      status: 'planned',
    });
    const plan = planBatch(input, { maxTasks: 20 });
    expect(plan.tasks.some((t) => t.signal === 'payment_failures')).toBe(false);
    const dunning = plan.tasks.find((t) => t.title.includes('Dunning emails'));
    expect(dunning?.reasoning.join('\n')).toContain(
      'the only open item that serves the failed payments (it names',
    );
    expect(dunning?.reasoning.join('\n')).toContain(
      'the $156/month of MRR on 4 unpaid invoices in Basic EDU Apps',
    );
  });
});

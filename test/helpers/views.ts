import type { ProgressView, TaskCardView } from '../../src/index.js';

/** A task card as the core renders it, for adapter rendering tests; `over` changes any field. */
export const taskCardView = (over: Partial<TaskCardView> = {}): TaskCardView => ({
  taskId: 12,
  ref: 'T-12',
  title: 'Add annual billing',
  status: 'proposed',
  priority: 8,
  category: 'revenue',
  project: 'billing',
  revenueImpact: 150,
  goalValue: 0,
  alignment: 0.833,
  score: 0.7,
  assignee: 'slack:U2',
  reasoning: ['Customers asked for it', 'Revenue is behind'],
  dependsOn: [],
  source: null,
  buttons: [],
  lastEvent: null,
  ...over,
});

/** A quarter of the way to a revenue milestone, on track. */
export const progressView = (over: Partial<ProgressView> = {}): ProgressView => ({
  label: 'Revenue by 2025-06',
  current: 500,
  target: 2000,
  unit: 'USD/month',
  ratio: 0.25,
  status: 'on_track',
  detail: '$500 of $2,000 MRR',
  freshness: null,
  ...over,
});

import type { PlaybookInput } from '../domain/playbook.js';

/**
 * The playbooks a new workspace starts with: the seed's focus areas (payment_integration,
 * automation, self_healing, user_growth) and a generic fallback for every signal a playbook answers.
 * They add work only where the team's own backlog serves no signal (a revenue-bearing project with
 * nothing planned, a neglected focus area, rising churn, failing payments, a slipping goal). Data,
 * not code: the store seeds them per workspace and the team edits them from chat or the CLI.
 */
export const DEFAULT_PLAYBOOKS: PlaybookInput[] = [
  {
    key: 'pay.stripe',
    signal: 'revenue_gap',
    focusArea: 'payment_integration',
    title: 'Implement Stripe checkout for {project} subscription tiers',
    category: 'revenue',
    effortHours: 16,
    impactShare: 0.4,
    dependsOn: [],
  },
  {
    key: 'pay.pricing',
    signal: 'revenue_gap',
    focusArea: 'payment_integration',
    title: 'Create a pricing page for {project} with monthly and annual plans',
    category: 'revenue',
    effortHours: 8,
    impactShare: 0.25,
    dependsOn: [],
  },
  {
    key: 'pay.admin',
    signal: 'revenue_gap',
    focusArea: 'payment_integration',
    title: 'Build a subscription admin dashboard for {project}',
    category: 'revenue',
    effortHours: 12,
    impactShare: 0.15,
    dependsOn: ['pay.stripe'],
  },
  {
    key: 'growth.experiment',
    signal: 'revenue_gap',
    focusArea: null,
    // No figure: {share} moves with the backlog each morning (migration 0064).
    title: 'Run a user-acquisition experiment toward {part} by {month}',
    category: 'growth',
    effortHours: 6,
    impactShare: 0.1,
    dependsOn: [],
  },
  {
    key: 'focus.automation',
    signal: 'focus_gap',
    focusArea: 'automation',
    title: 'Automate the most time-consuming manual step of releasing and deploying',
    category: 'automation',
    effortHours: 6,
    impactShare: 0,
    dependsOn: [],
  },
  {
    key: 'focus.self_healing',
    signal: 'focus_gap',
    focusArea: 'self_healing',
    title: 'Add health checks that restart failing services and alert on repeated failures',
    category: 'infrastructure',
    effortHours: 8,
    impactShare: 0,
    dependsOn: [],
  },
  {
    key: 'focus.user_growth',
    signal: 'focus_gap',
    focusArea: 'user_growth',
    title: 'Set up a referral offer that rewards users for inviting others',
    category: 'growth',
    effortHours: 6,
    impactShare: 0,
    dependsOn: [],
  },
  {
    key: 'focus.plan',
    signal: 'focus_gap',
    focusArea: null,
    title: 'Plan the next step for {focus}',
    category: 'research',
    effortHours: 2,
    impactShare: 0,
    dependsOn: [],
  },
  {
    key: 'churn.interview',
    signal: 'churn_rise',
    focusArea: null,
    title: 'Interview customers who cancelled recently and list why they left',
    category: 'research',
    effortHours: 4,
    impactShare: 0.3,
    dependsOn: [],
  },
  {
    // A product's revenue fell with its churn steady (see revenueFallSignals): customers moved to
    // cheaper plans, seats were dropped, or new sign-ups dried up. Asked once per month that fell.
    key: 'revenue.fall',
    signal: 'revenue_fall',
    focusArea: null,
    title:
      "Find out why {project}'s revenue fell {fall}: list the customers who downgraded, dropped seats or left, and what changed",
    category: 'research',
    effortHours: 4,
    impactShare: 0.3,
    dependsOn: [],
  },
  {
    // Stripe's Smart Retries and failed-payment emails win back a good part of failed payments on
    // their own; the customers whose cards keep failing need a word from the team. The work
    // recurs: a new spike two weeks after the last recovery is new money at risk.
    key: 'pay.recover',
    signal: 'payment_failures',
    focusArea: null,
    title:
      'Recover the failed payments in {project}: turn on Smart Retries and failed-payment emails in Stripe, and contact the {customers} with unpaid invoices',
    category: 'revenue',
    effortHours: 3,
    impactShare: 0.4,
    dependsOn: [],
    recurDays: 14,
  },
  {
    key: 'stale.review',
    signal: 'stale_project',
    focusArea: null,
    title: 'Review {project}: set its next step or pause it',
    category: 'research',
    effortHours: 1,
    // An hour of deciding keeps none of what the product earns: it claimed 10 % of it (see 0066).
    impactShare: 0,
    dependsOn: [],
  },
  {
    key: 'goal.experiment',
    signal: 'goal_off_track',
    focusArea: null,
    title: 'Run an experiment to move {metric} toward {target} by {deadline}',
    category: 'growth',
    effortHours: 4,
    impactShare: 0.3,
    dependsOn: ['goal.diagnose'],
  },
  {
    key: 'goal.diagnose',
    signal: 'goal_off_track',
    focusArea: null,
    title: 'Find out why {metric} is {standing} and list the three likeliest causes',
    category: 'research',
    effortHours: 2,
    impactShare: 0.1,
    dependsOn: [],
  },
];

import type { TeamSpec } from './team.js';

// Ledgerly: bookkeeping for freelancers. Web earns $5,000 a month, Mobile $1,000; the March
// target is $9,000, so $3,000 a month is missing. Scenarios add the backlog and the people.
export const WEB = 'Ledgerly Web';
export const MOBILE = 'Ledgerly Mobile';

export const LEDGERLY_VISION: TeamSpec['vision'] = {
  statement: 'Books that keep themselves, for freelancers',
  primary_goal: 'Reach $9k MRR by March',
  focus_areas: ['growth'],
  revenue_targets: { '2027-03': 9000 },
};

export const LEDGERLY_REVENUE: NonNullable<TeamSpec['revenue']> = [
  { project: WEB, month: '2026-09', actual: 4900, subscriptions: 245, churn: 0.02 },
  { project: MOBILE, month: '2026-09', actual: 950, subscriptions: 95, churn: 0.02 },
  { project: WEB, month: '2026-10', actual: 5000, subscriptions: 250, churn: 0.02 },
  { project: MOBILE, month: '2026-10', actual: 1000, subscriptions: 100, churn: 0.02 },
];

/** Both products with a little backlog: two features and a high bug on Web, a feature on Mobile. */
export const LEDGERLY_TWO_PRODUCTS: TeamSpec = {
  vision: LEDGERLY_VISION,
  projects: [
    {
      name: WEB,
      revenueBearing: true,
      focus: ['growth'],
      features: [
        ['Bank feed for Wise', 'planned'],
        ['Recurring invoices', 'planned'],
      ],
      bugs: [['Receipt upload fails over 5 MB', 'high']],
    },
    {
      name: MOBILE,
      revenueBearing: true,
      focus: ['growth'],
      features: [['Scan receipts with the camera', 'planned']],
    },
  ],
  revenue: LEDGERLY_REVENUE,
};

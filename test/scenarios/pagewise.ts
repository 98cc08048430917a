import type { BacklogIssue, Goalpost } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { LEAD, type TeamSpec } from './team.js';

// Pagewise, a team wiki small companies pay for, behind its revenue target, its backlog on GitHub:
// the team the priority scenarios rank their work for.
export const PAGEWISE = 'Pagewise';
export const REPO = 'acme/pagewise';
export const NOW = '2026-11-20T09:00:00Z';

export const spec: TeamSpec = {
  vision: {
    statement: 'Team wikis small companies pay for',
    primary_goal: 'Reach $3,000 MRR by January',
    focus_areas: ['growth'],
    revenue_targets: { '2027-01': 3000 },
  },
  projects: [{ name: PAGEWISE, revenueBearing: true, focus: ['growth'] }],
  revenue: [{ project: PAGEWISE, month: '2026-10', actual: 1200 }],
};

/** Pagewise's issue `number`, open, with `more` (labels, a milestone, when it changed). */
export const issue = (number: number, title: string, more: Partial<BacklogIssue> = {}) =>
  openIssue(REPO, number, title, more);

/** Connects Pagewise's repository and syncs `issues` into its backlog. */
export function connect(app: Goalpost, issues: readonly BacklogIssue[]): void {
  const connection = app.github.planConnect(LEAD, { repo: REPO, project: PAGEWISE });
  app.github.connect(LEAD, connection, { fullName: REPO, htmlUrl: `https://github.com/${REPO}` });
  app.github.ingest(LEAD, REPO, [...issues]);
}

import type { BacklogIssue } from '../../src/index.js';

/** An open GitHub issue as a sync hands it to the backlog: `repo`'s issue `number`, unassigned, no labels. */
export function openIssue(
  repo: string,
  number: number,
  title: string,
  more: Partial<BacklogIssue> = {},
): BacklogIssue {
  return {
    number,
    title,
    state: 'open',
    stateReason: null,
    labels: [],
    htmlUrl: `https://github.com/${repo}/issues/${number}`,
    assignee: null,
    milestone: null,
    updatedAt: '2026-11-20T10:00:00Z',
    ...more,
  };
}

import type { FakeGitHubIssue } from './github-state.js';

/** Issues in ascending (time, number) order, so a page is found by binary search, not a scan. */
export interface IssueIndex {
  readonly items: readonly FakeGitHubIssue[];
  /** The time this index orders by (`created_at` or `updated_at`). */
  timeOf(issue: FakeGitHubIssue): number;
  /** The position of the first issue at or after (`time`, `number`). */
  lowerBound(time: number, number: number): number;
}

const before = (at: number, aNumber: number, time: number, number: number) =>
  at < time || (at === time && aNumber < number);

/**
 * An index kept in order as issues come and change, so a page of 10,000 issues is found by one
 * binary search rather than a sort. Remove an issue before its time changes, insert it after.
 */
export function createIndex(timeOf: (issue: FakeGitHubIssue) => number) {
  const items: FakeGitHubIssue[] = [];
  const lowerBound = (time: number, number: number): number => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const item = items[mid] as FakeGitHubIssue;
      if (before(timeOf(item), item.number, time, number)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    items,
    timeOf,
    lowerBound,
    insert: (issue: FakeGitHubIssue) => void items.splice(lowerBound(timeOf(issue), issue.number), 0, issue),
    remove: (issue: FakeGitHubIssue) => void items.splice(lowerBound(timeOf(issue), issue.number), 1),
  };
}

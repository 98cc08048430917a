import { describe, expect, it } from 'vitest';
import { renderRoutingTable } from '../../../../adapters/cli/render-learning.js';
import type { LearnResult, RoutingRow } from '../../../../src/index.js';

const row = (assignee: string, medianMinutes: number | null): RoutingRow => ({
  category: 'feature',
  assignee,
  expectedSuccess: 0.8,
  successes: 4,
  failures: 1,
  evidence: 2.6,
  medianMinutes,
  openTasks: 1,
  capacity: 3,
});

describe("learn's routing table", () => {
  it('gives the median working time in hours past the first, as the rest of Goalpost does', () => {
    const result: LearnResult = {
      outcomes: 15,
      withoutAssignee: 0,
      blocked: 0,
      pairs: 4,
      unchanged: true,
      table: [
        row('maya', 1050),
        row('dev', 1500),
        row('priya', 45),
        row('opsbot', null),
        row('quickbot', 0.5),
        row('evenbot', 12.4),
      ],
    };
    const text = renderRoutingTable(result);
    expect(text).toMatch(/maya {2,}80% {2,}4 {2,}1 {2,}2\.6 {2,}17 h 30 min {2,}1\/3/);
    expect(text).toMatch(/dev .* 25 h {2,}1\/3/);
    expect(text).toMatch(/priya .* 45 min {2,}1\/3/);
    expect(text).toMatch(/opsbot .* — {2,}1\/3/);
    // Under a minute in seconds, as `route` and the task's history say it; whole minutes past it.
    expect(text).toMatch(/quickbot .* 30 s {2,}1\/3/);
    expect(text).toMatch(/evenbot .* 12 min {2,}1\/3/);
    expect(text).not.toMatch(/1050 min/);
  });
});

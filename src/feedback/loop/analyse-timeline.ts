import { analyseMetric } from './analyse-metric.js';
import { readNumber } from './check-input.js';
import type { Action, MetricAnalysis } from './types.js';

/**
 * Per numeric goal key, the analysis of its values across the timeline (oldest first). Entries
 * without the key are skipped; a key no entry has gets no analysis.
 * @throws ValidationError naming the key when an entry holds a non-number under it.
 */
export function analyseTimeline(
  timeline: readonly Action[],
  targets: ReadonlyMap<string, number>,
): Record<string, MetricAnalysis> {
  const analysis: Record<string, MetricAnalysis> = {};
  for (const [key, goal] of targets) {
    const values: number[] = [];
    timeline.forEach((entry, i) => {
      const value = readNumber(entry[key], key, `timeline entry ${i + 1}`);
      if (value !== undefined) values.push(value);
    });
    if (values.length > 0) analysis[key] = analyseMetric(key, values, goal);
  }
  return analysis;
}

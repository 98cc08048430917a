import type { CandidateTask } from '../../../src/engine/batch-plan.js';
import { TIER } from '../../../src/engine/draft.js';
import { titleFingerprint } from '../../../src/engine/fingerprint.js';
import { absolutePriority } from '../../../src/engine/priority.js';

/** A scored candidate for the dedup and ordering tests. */
export function candidate(key: string, score: number, options: Partial<CandidateTask> = {}): CandidateTask {
  const title = options.title ?? `Task ${key}`;
  const projectId = options.projectId === undefined ? 1 : options.projectId;
  return {
    key,
    title,
    category: 'feature',
    projectId,
    projectName: projectId === null ? null : 'Basic EDU Apps',
    playbookKey: key.split('@')[0] ?? key,
    signal: 'revenue_gap',
    subject: null,
    goalId: null,
    focusArea: null,
    revenueImpact: 0,
    goalValue: 0,
    alignment: 0,
    confidence: 0.5,
    effortHours: 1,
    score,
    priority: absolutePriority(score),
    tier: TIER.work,
    item: null,
    memoryKey: `pb:${key}`,
    facts: {},
    reasoning: [`Score ${score}`],
    dependsOn: [],
    assignee: null,
    fingerprint: titleFingerprint(projectId, title),
    ...options,
  };
}

import type { GoalAnalytics } from './analyse-goal.js';

/** A nudge for one goal: where to aim by the next check-in, and what to do, with the analytics. */
export interface GoalSuggestion {
  metric: string;
  status: GoalAnalytics['status'];
  /** Half-way from the current value to the target (the seed's simple strategy), or null. */
  aimFor: number | null;
  advice: string;
  analytics: GoalAnalytics;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Turns a goal's analytics into the next nudge (roadmap step 5: adjust and iterate). */
export function suggestNext(a: GoalAnalytics): GoalSuggestion {
  const { goal } = a;
  const aimFor =
    a.current === null || a.status === 'achieved' ? null : round(a.current + (goal.target - a.current) / 2);
  const unit = goal.unit ? ` ${goal.unit}` : '';
  const advice: Record<GoalAnalytics['status'], string> = {
    no_data: `measure ${goal.metric} first: \`goalpost metric ${goal.metric} <value>\``,
    achieved: `${goal.metric} met its target: set the next one, or archive the goal`,
    on_track: `keep going: aim for ${aimFor}${unit} at the next check-in`,
    at_risk: `close to slipping: aim for ${aimFor}${unit} next and review what moved it last`,
    off_track: `off track: aim for ${aimFor}${unit} next, and put work on it (the planner values it: \`goalpost goal set ${goal.metric} --value …\`)`,
  };
  const flags = [
    ...a.anomalies.map((x) => `check the outlier ${x.value} on ${x.observedAt.slice(0, 10)}`),
    ...a.actions.filter((x) => x.slopeAfter !== null).map((x) => `${x.ref}: ${x.verdict}`),
  ];
  return {
    metric: goal.metric,
    status: a.status,
    aimFor,
    advice: [advice[a.status], ...flags].join('; '),
    analytics: a,
  };
}

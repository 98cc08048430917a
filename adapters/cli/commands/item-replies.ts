import {
  type EstimateChange,
  FEATURE_SIZE_HOURS,
  formatNumber,
  type GoalLinkChange,
  type ItemStatusChange,
  listed,
  momentText,
  withdrawnLines,
} from '../../../src/index.js';

export { withdrawnLines };

// Replies shared by `feature …` and `bug …`: estimates, goal links, status changes.

/** What `--estimate` takes, as `feature estimate` and `bug estimate` do. */
export const ESTIMATE_HELP =
  'hours it is expected to take (3, 1.5h, 90m, 2d, 1w or 3h30m): a plan divides its value by them (default: 8 h a planned feature, 4 h a bug, upkeep or a feature in progress)';

/** What `feature estimate` / `bug estimate` left, and what a plan does with it. */
export function renderEstimate(r: EstimateChange): string {
  const what = `${r.kind === 'feature' ? 'Feature' : 'Bug'} ${r.id}`;
  if (r.unchanged) {
    return `${what} ${r.hours === null ? 'had no estimate' : `was estimated at ${r.hours} h`} already; nothing changed.`;
  }
  if (!r.open) {
    return `${what} is ${r.kind === 'feature' ? 'done' : 'closed'}: ${r.hours === null ? 'its estimate is taken back' : `its estimate of ${r.hours} h is kept`}, though no plan proposes it (reopened, it would count).`;
  }
  if (r.hours === null) return `${what} has no estimate now: plans take its kind's default again.`;
  const again =
    '(a proposal made from it is valued again by the next saved plan; work approved keeps the value it was decided at)';
  // A bug's value is what it puts at risk, and upkeep shares no gap: their hours divide it.
  const sizes = r.units;
  if (sizes === undefined)
    return `${what} is estimated at ${r.hours} h: plans divide its value by that from now on ${again}.`;
  // A growth feature's part of a revenue gap is counted by its size (see featureUnits), its score by its hours.
  const size =
    r.startedHours !== undefined
      ? ` (the ${r.startedHours} h it was started at: work under way keeps its size, its estimate the hours left)`
      : '';
  return `${what} is estimated at ${r.hours} h: plans count it as ${formatNumber(sizes, sizes < 0.1 ? 3 : 2)} feature-size${sizes === 1 ? '' : 's'} of ${FEATURE_SIZE_HOURS} h of work${size} in its share of a revenue gap, and divide its value by its hours, from now on ${again}.`;
}

/** What `feature goal` / `bug goal` left, and what a plan does with it. */
export function renderGoalLink(r: GoalLinkChange): string {
  const what = `${r.kind === 'feature' ? 'Feature' : 'Bug'} ${r.id}`;
  if (r.unchanged) {
    return `${what} ${r.goal === null ? 'served no goal' : `served ${r.goal}`} already; nothing changed.`;
  }
  const closed = !r.open
    ? ` (it is ${r.kind === 'feature' ? 'done' : 'closed'}: no plan proposes it)`
    : r.lowBug
      ? ' (a low bug: no plan proposes it, so it serves the goal in name only)'
      : '';
  return r.goal === null || closed !== ''
    ? `${what} serves ${r.goal ?? 'no goal'} now${closed}.`
    : `${what} serves ${r.goal} now${r.rejected === undefined ? '' : ` (${heldText(r.rejected)})`}: while that goal is off track, the items linked to it share its value, before those that only name what it measures.${r.withdrawn.length === 0 ? '' : ` ${listed(r.withdrawn)}, the goal's own ${r.withdrawn.length === 1 ? 'proposal' : 'proposals'} awaiting a decision, ${r.withdrawn.length === 1 ? 'is' : 'are'} withdrawn (cancelled).`}`;
}

/**
 * A rejection holding an item just linked to a goal: once rejected, the goal's value may bring it
 * back early (a material change); rejected again, only a change to the work does (see recall).
 */
function heldText(r: NonNullable<GoalLinkChange['rejected']>): string {
  const reason = r.reason ? ` ('${r.reason}')` : '';
  if (r.hold.waitsOn !== undefined)
    return `${r.ref}, rejected on ${r.at.slice(0, 10)}${reason}, is held while ${r.hold.waitsOn} is open, whatever the goal's value`;
  const until = momentText(r.hold.until);
  return r.hold.times > 1
    ? `${r.ref}, rejected ${r.hold.times} times, last on ${r.at.slice(0, 10)}${reason}, is held until ${until}: rejected again, only a change to the work brings it back early, not a goal's value`
    : `${r.ref}, rejected on ${r.at.slice(0, 10)}${reason}, held until ${until}, may be proposed again before then: the goal's value behind it is a material change`;
}

/**
 * `Feature 3 is now done. T-2, still proposed, is withdrawn; T-4 is under way: finish or cancel it.`
 * (`was already done`, when it was: nothing written but the withdrawals).
 */
export function renderItemStatus(kind: 'Feature' | 'Bug', r: ItemStatusChange): string {
  const lines = [
    !r.unchanged
      ? `${kind} ${r.id} is now ${r.status}.`
      : r.withdrawn.length === 0
        ? `${kind} ${r.id} was already ${r.status}; nothing changed.`
        : `${kind} ${r.id} was already ${r.status}.`,
  ];
  lines.push(...withdrawnLines(r.withdrawn));
  if (r.underWay.length > 0) {
    const one = r.underWay.length === 1;
    const refs = `${r.underWay.join(', ')} ${one ? 'is' : 'are'} approved or under way on it`;
    // Marking a task done fixes its bug: for a bug that will not be fixed, only cancelling fits.
    lines.push(
      r.status === 'wontfix'
        ? `${refs}: \`goalpost cancel ${r.underWay[0]}\`, as the bug will not be fixed.`
        : `${refs}: \`goalpost done ${r.underWay[0]}\` if ${one ? 'it was' : 'they were'} the work, \`goalpost cancel ${r.underWay[0]}\` if not.`,
    );
  }
  return lines.join('\n');
}

import { FEATURE_SIZE_HOURS, MOST_FEATURE_UNITS } from '../domain/project.js';
import { categoryOf } from './BacklogItem.js';
import { formatUnits, heldKeeping, NOT_HELD_BACK, unitsSharing } from './backlog-candidates.js';
import type { Allocation, ScoreTerms, SizePart } from './batch-plan.js';
import { TIER } from './draft.js';
import { formatFixed, formatNumber, formatPct, formatScore, formatUsd, possessive } from './format.js';
import { rejectionsScope } from './rejections.js';
import {
  claimsLessThanMediumBug,
  confidenceOf,
  FAILED_CONFIDENCE_FLOOR,
  LEAST_SCORED_HOURS,
  type ScoredCandidate,
  scoredHours,
} from './score-candidate.js';
import { EARNED_WEIGHT, isEarnings } from './stakes.js';

const usd = (n: number): string => `${formatUsd(n)}/month`;

/**
 * The reasoning of a task in the batch: the business case in one sentence, the facts behind it,
 * then the arithmetic a line a term — the dollars and where they come from, confidence, alignment,
 * urgency, effort, rejections, the score and the priority it earns (`ownPriority`). Lines the
 * ordering and the tiers added (an inherited or raised priority, a cycle) follow.
 */
export function explain(c: ScoredCandidate, ownPriority: number): string[] {
  const t = c.terms;
  const lines = [businessCase(c), ...c.notes];
  if (c.item?.source) lines.push(`From ${c.item.source.ref} on GitHub: ${c.item.source.url}`);
  const size = t.sizePart;
  // Work of other than its kind's size claims its part of each share (see sizedAllocations).
  const claimed = (a: Allocation): string => {
    if (a.sized === undefined || size === null) return share(a);
    if (a.perUnits === undefined)
      return `${share(a)}; ${formatPct(a.sized)} of that share: ${workOf(size, c.effortHours)} of the ${size.countedHours} h ${size.of === 'upkeep' ? 'upkeep' : 'a feature'} is counted for`;
    const apart = a.why.includes(NOT_HELD_BACK) ? NOT_HELD_BACK : '';
    const sharing = `${unitsSharing(a.sized, a.perUnits, apart, a.stake.countedFor, a.stake.keptUnits)} sharing`;
    return `${share({ ...a, why: sharing })}; its ${workOf(size, c.effortHours)}, a feature-size being ${size.countedHours} h${sharedSum(a, a.sized, a.perUnits)}`;
  };
  for (const a of t.revenue) {
    const earned = isEarnings(a.stake) ? `; earned now, it counts ×${EARNED_WEIGHT} in the score` : '';
    lines.push(`Revenue ${usd(a.usd)}: ${claimed(a)}${earned}${severityGuess(c, a)}`);
  }
  for (const a of t.goalValue) lines.push(`Goal value ${usd(a.usd)} (not revenue): ${claimed(a)}`);
  // Said only of work that fills in for this (see tierClaiming), not for the team's low priority.
  const floor = c.facts.mediumBugUsd;
  const claims = { revenueImpact: c.revenueImpact, goalUsd: c.goalValue };
  if (
    floor !== undefined &&
    c.tier === TIER.fillIn &&
    c.revenueImpact + c.goalValue > 0 &&
    claimsLessThanMediumBug(claims, c.facts)
  ) {
    // The sum it was compared by, and of what: a review read "it claims less than … ($695/month)"
    // beside revenue of $121 and goal value of $510 as its revenue alone compared (it was $632).
    const of =
      c.revenueImpact > 0 && c.goalValue > 0
        ? ', revenue and goal value together'
        : c.goalValue > 0
          ? ' of goal value'
          : ' of revenue';
    lines.push(
      `Fills in: it claims ${usd(c.revenueImpact + c.goalValue)}${of}, less than a medium bug of ${c.projectName ?? 'its project'} puts at risk (${usd(floor)}), so it comes after the work that claims more, beside such bugs, by score`,
    );
  }
  if (t.revenue.length === 0 && t.goalValue.length === 0) {
    lines.push(
      t.strategic > 0
        ? 'No dollars at stake: it earns its place by alignment with the vision'
        : t.alignment === 0
          ? 'No dollars at stake, and no alignment with the vision: it scores 0'
          : 'No dollars at stake, nor a milestone to value its alignment by: it scores 0',
    );
  }
  const { done, failed, failures, basis } = t.evidence;
  // This work's own failures are counted once, by the halving below, not among its kind's: so the
  // rest are the other tasks (else "1 of 1 earlier tasks" reads as a miscount beside a failure).
  const other = failures > 0 ? 'other ' : '';
  const like =
    done + failed === 0
      ? `no ${other}finished ${basis} tasks yet`
      : `${done} of ${done + failed} ${failures > 0 ? 'other finished' : 'earlier'} ${basis} tasks succeeded`;
  const base = confidenceOf(done, failed);
  const halved =
    failures === 1
      ? 'halved as this work failed once'
      : `halved for each of the ${failures} times this work failed`;
  const floored = base / 2 ** failures < FAILED_CONFIDENCE_FLOOR && t.confidence === FAILED_CONFIDENCE_FLOOR;
  lines.push(
    failures === 0
      ? `Confidence ${formatFixed(t.confidence)}: ${like}`
      : `Confidence ${formatFixed(t.confidence)}: ${like} (${formatFixed(base)}), ${halved}${floored ? `, to no less than ${formatFixed(FAILED_CONFIDENCE_FLOOR)}` : ''}`,
  );
  lines.push(
    `${t.alignmentLine} → ${formatUsd(t.strategic)} strategic value${size !== null ? `: ${partOf(size.part)} ${formatUsd(size.wholeStrategic)}, for its size` : t.smallerPart !== undefined ? `: ${partOf(t.smallerPart.part)} ${formatUsd(t.smallerPart.wholeStrategic)}, for its ${formatNumber(c.effortHours)} h of a feature-size's ${FEATURE_SIZE_HOURS}` : ''}${scaleNote(t.strategicScale)}`,
  );
  lines.push(
    `Urgency ×${formatFixed(t.urgency)}${t.urgencyWhy.length > 0 ? `: ${t.urgencyWhy.join('; ')}` : ''}`,
  );
  const onGap = t.revenue.some((a) => a.perUnits !== undefined);
  lines.push(
    `Effort ${c.effortHours} h: ${t.effortNote}${c.effortHours < LEAST_SCORED_HOURS ? `; scored as ${LEAST_SCORED_HOURS} h, the least a task takes to pick up, review and ship` : ''}${size === null ? '' : `; ${countedFor(size, onGap)}`}`,
  );
  if (t.rejections !== null) {
    lines.push(
      `Rejections: ${t.rejections.rejected} of the last ${t.rejections.decided} ${c.category} tasks${rejectionsScope(c)} were rejected → score ×${formatFixed(t.damp)}`,
    );
  }
  if (t.teamPriority !== 1) {
    lines.push(
      `Team priority ×${formatFixed(t.teamPriority)}${t.teamPriorityWhy === null ? '' : `: ${t.teamPriorityWhy}`}`,
    );
  }
  lines.push(
    `Score ${formatScore(t.score)} = (${dollarsWeighed(t)} × ${formatFixed(t.confidence)} confidence + ${formatUsd(t.strategic)} strategic) × ${formatFixed(t.urgency)} urgency ÷ ${scoredHours(c.effortHours)} h × ${t.weight} ${c.category} weight${t.damp < 1 ? ` × ${formatFixed(t.damp)} rejections` : ''}${t.teamPriority !== 1 ? ` × ${formatFixed(t.teamPriority)} team priority` : ''} → priority ${ownPriority}`,
  );
  return [...lines, ...c.reasoning];
}

/**
 * Why strategic value is less than 2 % of the target, when the gap bounded it: `(a quarter of the
 * gap's $720 per feature-size of work sharing it, at full alignment: $180)`, or the least a
 * feature-size is worth when that quarter is less.
 */
function scaleNote(scale: ScoreTerms['strategicScale']): string {
  if (scale === null || scale.gapPerSize === null) return '';
  const per = `the gap's ${formatUsd(scale.gapPerSize)} per feature-size of work sharing it`;
  if (scale.least === true && scale.gapPerSize === 0)
    return ` (${formatUsd(scale.usd)} at full alignment, the least a feature-size is worth: the revenue target is met, with no gap to weigh it by)`;
  return scale.least === true
    ? ` (${formatUsd(scale.usd)} at full alignment, the least a feature-size is worth: a quarter of ${per} is less)`
    : ` (a quarter of ${per}, at full alignment: ${formatUsd(scale.usd)})`;
}

/**
 * Why work of other than its kind's size claims that part of its value: `a feature's value is
 * counted per 8 h of work (the default for a planned feature): it claims 3% of a feature's share of
 * the gap and strategic value` (`onGap`: it claims a share of a revenue gap).
 */
function countedFor(size: SizePart, onGap: boolean): string {
  const upkeep = size.of === 'upkeep';
  // Without a share of the gap (no revenue target, a product that earns nothing), its strategic
  // value alone.
  const of = upkeep
    ? "upkeep's strategic value"
    : onGap
      ? "a feature's share of the gap and strategic value"
      : "a feature's strategic value";
  const most =
    size.capped === true ? `, ${MOST_FEATURE_UNITS} of them at most${upkeep ? '' : " (a week's work)"}` : '';
  const started = size.startedHours === undefined ? '' : `, by the ${size.startedHours} h it was started at`;
  return `${upkeep ? "upkeep's" : "a feature's"} value is counted per ${size.countedHours} h of work (the default for ${size.of})${most}${started}: it claims ${partOf(size.part)} ${of}`;
}

/** The work a sized item is counted for: `16 h of work as started (4 h left)`, or `4 h of work`. */
const workOf = (size: SizePart, effortHours: number): string =>
  size.startedHours === undefined
    ? `${effortHours} h of work`
    : `${size.startedHours} h of work as started (${effortHours} h left)`;

/** A part of a value as a card says it: `3% of`, `2×`. */
const partOf = (part: number): string => (part < 1 ? `${formatPct(part)} of` : `${formatNumber(part)}×`);

/** The dollars of the score as scoreNumbers weighs them: `$536`, or `($210 × 2 + $116)` with what is earned now. */
function dollarsWeighed(t: ScoredCandidate['terms']): string {
  let earned = 0;
  // Each other share as its own line of the reasoning says it: `($5,900 × 2 + $343 + $1,475)`,
  // not a sum the reader has to find.
  const other: string[] = [];
  for (const a of [...t.revenue, ...t.goalValue]) {
    if (isEarnings(a.stake)) earned += a.usd;
    else if (a.usd > 0) other.push(formatUsd(a.usd));
  }
  const terms = [...(earned === 0 ? [] : [`${formatUsd(earned)} × ${EARNED_WEIGHT}`]), ...other];
  if (terms.length === 0) return formatUsd(0);
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' + ')})`;
}

/** A number to the ten-thousandth, as the sum prints it. */
const exact = (n: number): number => Math.round(n * 10_000) / 10_000;

/** Dollars as formatUsd prints them (`$6,871`, `$22.61`), as a number. */
const printedUsd = (n: number): number => Number(formatUsd(n).replace(/[$,]/g, ''));

/**
 * The sum that makes a sized item's part of a share, when the share alone makes it: `; $6,871 ×
 * 3 ÷ 28.35 = $727`. A lead checked `3 of the 28.35 feature-sizes … (the open work comes to
 * 24.38)` by hand and could not see which of the two divides the share. Nothing when the claim
 * was scaled to fit or counted once with churn (those lines say their own arithmetic).
 */
function sharedSum(a: Allocation, sized: number, perUnits: number): string {
  const countedFor = a.stake.countedFor ?? 1;
  const divisor = countedFor > 1 && perUnits < countedFor ? countedFor : Math.max(1, perUnits);
  if (a.crowded !== null || a.countedAsRevenue !== undefined) return '';
  // The sum as printed must make the dollars printed: a review worked `$40,000 × 0.13 ÷ 5.52` (an
  // eighth of a feature-size, rounded) to $942 beside the $906 it claimed.
  const [share, part, of] = [printedUsd(a.stake.usd), exact(sized), exact(divisor)];
  if (formatUsd((share * part) / of) !== formatUsd(a.usd)) return '';
  return `; ${formatUsd(share)} × ${formatNumber(part, 4)} ÷ ${formatNumber(of, 4)} = ${formatUsd(a.usd)}`;
}

/** "a critical bug puts 50% at risk of the $457/month Basic EDU Apps earns". */
function share(a: Allocation): string {
  const crowded =
    a.crowded === null
      ? ''
      : ` (claims on it add up to ${formatPct(a.crowded)}${a.withThreats === true ? ", what the product's bugs threaten of it included" : ''}, so each is scaled to fit)`;
  const once =
    a.countedAsRevenue === undefined
      ? ''
      : a.countedByOthers === undefined
        ? `, less the ${usd(a.countedAsRevenue)} it claims as revenue lost to customers leaving: the same customers, counted once`
        : `, less the ${usd(a.countedAsRevenue)} all work on customers leaving claims as revenue lost to them (${usd(a.countedAsRevenue - a.countedByOthers)} of it this work's): the same customers, counted once`;
  return `${a.why} ${a.stake.label}${crowded}${once}`;
}

/** One sentence: why this work, for this team, now. */
function businessCase(c: ScoredCandidate): string {
  const t = c.terms;
  const revenue = t.revenue.reduce((sum, a) => sum + a.usd, 0);
  const goal = t.goalValue.reduce((sum, a) => sum + a.usd, 0);
  const project = c.projectName ?? 'the team';
  if (c.item?.kind === 'bug') {
    const severity = c.facts.severity ?? 'open';
    // What its product earns unknown, none is counted on it: none "rides on it" reads as known.
    const unknown =
      c.earningsUnknown === true
        ? `no revenue is counted on it, as what ${project} earns is not known`
        : null;
    // Linked to a goal, it is worth that goal's part: "no revenue rides on it" read as if nothing did.
    if (revenue <= 0 && goal > 0)
      return `Fixing this ${severity} bug in ${project} is worth about ${usd(goal)} toward its goal; ${unknown ?? 'no revenue rides on it'}.`;
    if (revenue <= 0)
      return `A ${severity} bug in ${project}; ${unknown ?? "no revenue rides on it, but it is on the team's list"}.`;
    // What the project earns, and what it is to win, is what the fix protects; a feature-size's
    // part of the share (a critical bug's) is growth it unblocks.
    let kept = 0;
    let toWin = 0;
    for (const a of t.revenue) {
      if (isEarnings(a.stake)) kept += a.usd;
      else if (a.toWin === true) toWin += a.usd;
    }
    // What is left is the rounding of the shares to cents, unless the bug unblocks growth.
    const grows = revenue - kept - toWin;
    // Sized by its severity alone, what it protects of what the product earns is a guess, and its
    // first line says so (a lead read two narrow bugs' $8,424 as fact; see severityGuess).
    const guess = c.facts.affects === undefined ? ' (a guess by its severity)' : '';
    const kinds = [
      ...(kept > 0 ? [`about ${usd(kept)} of ${possessive(project)} revenue${guess}`] : []),
      ...(toWin > 0
        ? [`up to ${usd(toWin)} of what ${kept > 0 ? 'it' : project} is to win by its revenue target`]
        : []),
    ];
    const protects = kinds.length > 0 ? `protects ${kinds.join(' and ')}` : null;
    const target = toWin > 0 ? 'that target' : `${kept > 0 ? 'its' : possessive(project)} revenue target`;
    // Linked to a goal too, it says so beside the revenue (a review's pre-launch bug lost the words).
    const worth = [
      ...(grows >= 0.005 ? [`up to ${usd(grows)} toward ${target}`] : []),
      ...(goal > 0 ? [`about ${usd(goal)} toward its goal`] : []),
    ];
    const clauses = [
      ...(protects === null ? [] : [protects]),
      ...(worth.length > 0 ? [`is worth ${worth.join(' and ')}`] : []),
    ];
    const known = unknown === null ? '' : `; none of what ${project} earns is counted, as that is not known`;
    return `Fixing this ${severity} bug ${clauses.join(toWin > 0 || worth.length > 1 ? ', and ' : ' and ')}${known}.`;
  }
  if (c.item?.kind === 'feature' && c.category === categoryOf('upkeep')) {
    // Upkeep shares no gap; a signal it serves by name (a churn rise) may still give it dollars.
    if (revenue > 0) return `Upkeep on ${project} that protects about ${usd(revenue)} of its revenue.`;
    // Marked critical, it goes first all the same (see tierOf): its card must not say it waits.
    if (c.tier === TIER.blocker)
      return `Upkeep on ${project} (a chore, docs or an upgrade) the team marked critical: no revenue rides on it, but it goes first.`;
    return `Upkeep on ${project} (a chore, docs or an upgrade): no revenue rides on it, so it comes after the work that wins customers.`;
  }
  if (c.item?.kind === 'feature') {
    // Called by its own words ("Remove legacy v1 API for Tallyo": see itemTitle), it is done, not built.
    const verb = c.title.startsWith("Finish '")
      ? 'Finishing'
      : c.title.startsWith("Build '")
        ? 'Building'
        : 'Doing';
    if (revenue > 0)
      return `${verb} it moves ${project} toward its revenue target, worth up to ${usd(revenue)}.`;
    const near = t.urgencyWhy.includes('its project is nearly complete');
    return near
      ? `${verb} it brings ${project} to completion.`
      : `${verb} it advances ${project}${c.focusArea ? ` in ${c.focusArea}` : ''}; no revenue rides on it yet.`;
  }
  switch (c.signal) {
    case 'revenue_gap': {
      const backlog = project === 'the team' ? 'the backlog' : `${possessive(project)} backlog`;
      // Held, not empty: a lead who rejected the features reads "nothing closes it" as a miscount.
      const held = t.revenue.reduce((n, a) => Math.max(n, a.stake.heldItems ?? 0), 0);
      const gap = t.revenue.find((a) => (a.stake.openUnits ?? 0) > 0)?.stake;
      const open = gap?.openUnits ?? 0;
      const countedFor = gap?.countedFor ?? 1;
      // Some held and some not (under way, or awaiting a decision): a review read "is held back
      // (its 2 items…)" of a product whose two other features were being built.
      const kept = gap?.keptUnits;
      const less =
        countedFor > 1
          ? `${formatUnits(open)} feature-size${open === 1 ? '' : 's'} of work, less than the ${formatUnits(countedFor)} its share is counted for ${kept === undefined ? `by what ${project === 'the team' ? 'it' : project} earns` : heldKeeping(kept)}`
          : `${formatUnits(open)} of a feature-size of work, less than the one its share is counted for`;
      const why = 'rejected lately, failed within the day, or done and left open';
      if (held > 0 && open > 0)
        return `Part of what ${backlog} has to close its revenue gap is held back (${held === 1 ? '1 item' : `${held} items`}: ${why}), and the rest comes to ${less}: this play is worth up to ${usd(revenue)}.`;
      if (held > 0)
        return `What ${backlog} has to close its revenue gap is held back (${held === 1 ? 'its 1 item' : `its ${held} items`}: ${why}): this play is worth up to ${usd(revenue)}.`;
      // Scheduled later, not absent: the team put its growth work in a milestone after the target.
      const later = t.revenue.reduce((n, a) => Math.max(n, a.stake.laterItems ?? 0), 0);
      if (later > 0)
        return `What ${backlog} has to close its revenue gap is scheduled after the target (${later === 1 ? 'its 1 item' : `its ${later} items`}, in a later GitHub milestone): this play is worth up to ${usd(revenue)}.`;
      // Some work, less than the feature's worth its share is counted for (see gapClaim), or than
      // what the project earns asks of it (see Stake.countedFor).
      if (open > 0)
        return `What ${backlog} has open to close its revenue gap comes to ${less}: this play is worth up to ${usd(revenue)}.`;
      return `Nothing in ${backlog} closes its revenue gap: this play is worth up to ${usd(revenue)}.`;
    }
    case 'churn_rise':
      // A recent month's bump, its churn back since, lost the revenue already (see ChurnBumpSignal).
      // Within the revenue gap, its stake is what the claim is a part `of`.
      if (t.revenue.some((a) => (a.of ?? a.stake).lost === true))
        return `${project === 'the team' ? 'The team' : project} lost more customers than usual of late: finding out why may win back about ${usd(revenue)}.`;
      return `Churn is rising in ${project}: finding out why protects about ${usd(revenue)}.`;
    case 'revenue_fall':
      return `${possessive(project)} revenue fell: finding out why may win back about ${usd(revenue)}.`;
    case 'payment_failures':
      return `Payments are failing in ${project}: collecting them before Stripe's retries run out keeps about ${usd(revenue)}.`;
    case 'goal_off_track': {
      // At risk with one measurement is not slipping: it has no direction yet (see analyseGoal).
      const status = c.facts.goalStatus === 'at_risk' ? 'at risk' : 'off track';
      // A goal's answering work is one feature-size: the part served is the work's feature-sizes.
      const served = t.goalValue.reduce((n, a) => Math.max(n, a.stake.servedPart ?? 0), 0);
      if (served > 0)
        return `A goal is ${status} and the work that serves it comes to ${formatUnits(served)} of a feature-size, less than its playbooks answer for: this is worth about ${usd(goal)} toward it.`;
      // Work that serves it without naming it whole ("Windows installer" for weekly_installs) is the
      // team's to link: say how, with the goal's name.
      const metric = c.subject?.startsWith('goal:') === true ? c.subject.slice('goal:'.length) : null;
      const link =
        metric === null
          ? ''
          : `; \`goalpost feature goal <id> ${metric}\` (or \`bug goal\`) links open work that serves it without naming it`;
      return `A goal is ${status} and nothing planned works on it: this is worth about ${usd(goal)} toward it${link}.`;
    }
    case 'stale_project':
      return `${project} has gone stale with nothing planned: decide its next step or pause it.`;
    case 'focus_gap':
      return `Nothing is planned for ${c.focusArea ?? 'a focus area'}: this puts the first work on it.`;
    default:
      return `${c.title}.`;
  }
}

/**
 * What a bug's claim on what its product earns says when only its severity sized it: a guess, as
 * an unpriced goal's is, and how the team says the part of its customers it touches (`bug
 * affects`). A review read "protects about $1,471/month" of a cent's rounding on EU invoices as a
 * fact, the largest figure on the batch.
 */
function severityGuess(c: ScoredCandidate, a: Allocation): string {
  if (!isEarnings(a.stake) || c.item?.kind !== 'bug' || c.facts.affects !== undefined) return '';
  return `; a guess by its severity: \`goalpost bug affects ${c.item.id} <share>\` says what part of its customers it touches`;
}

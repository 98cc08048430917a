// What the engine sees and proposes, for the terminal: the vision, revenue, the state, a batch.
import type { GenerateResult, StrandedProject, Vision, WorkspaceState } from '../../src/index.js';
import {
  alreadyOpen,
  bindsText,
  churnSaid,
  compareText,
  describeValueChange,
  formatCount,
  formatMonths,
  formatScore,
  growthApartText,
  HELD_BEFORE,
  HELD_WAITING,
  itemSourceText,
  listed,
  listedFirst,
  momentText,
  paceOverText,
  reachedText,
  strandedSentences,
  subscriptionsSaid,
} from '../../src/index.js';
import { bar, estimate, pct, plural, RULE, table, usd } from './format.js';

export function renderVision(v: Vision): string {
  const targets = Object.entries(v.revenueTargets)
    .sort(([a], [b]) => compareText(a, b))
    .map(([m, t]) => `${m}: ${usd(t)}/month`);
  const metrics = Object.entries(v.successMetrics).map(([k, t]) => `${k}: ${t}`);
  return [
    `Vision (version ${v.version}, set by ${v.createdBy} at ${v.createdAt})`,
    `  Statement:        ${v.statement}`,
    `  Primary goal:     ${v.primaryGoal}`,
    `  Focus areas:      ${v.focusAreas.join(', ') || '—'}`,
    `  Revenue targets:  ${targets.join(', ') || '—'}`,
    `  Success metrics:  ${metrics.join(', ') || '—'}`,
  ].join('\n');
}

/** What to do once the vision's last milestone has passed. */
const NEXT_MILESTONE =
  'every milestone of the vision has passed: `goalpost vision set revenue_targets YYYY-MM=N`, with a month to come, sets the next';

/** A growth a month, signed: `+$2,000.00/month`, `-$1,333.33/month`. */
const growthText = (perMonth: number): string => `${perMonth >= 0 ? '+' : ''}${usd(perMonth)}/month`;

/** Revenue against the milestone; `recorded`: how many records there are (none counted yet says why). */
export function renderRevenue(s: WorkspaceState['revenue'], recorded = 0): string {
  // "Now" is each source's latest complete period, not the month in progress: say which.
  const ends = [...new Set(s.sources.map((source) => source.record.periodEnd))].sort();
  const asOf =
    ends.length === 0 && s.stale.length === 0 && recorded > 0
      ? ', as no period recorded has ended yet (the milestone counts complete ones)'
      : ends.length === 0
        ? ''
        : ends.length === 1
          ? `, as of ${ends[0]}`
          : `, as of ${ends[0]} to ${ends.at(-1)}`;
  const lines = [`Revenue now:      ${usd(s.current)}/month (${subscriptionsSaid(s)})${asOf}`];
  if (s.monthlyGrowth !== null) {
    // Summed over products that move apart, it is no one pace: say how many go each way.
    const apart = growthApartText(s);
    lines.push(
      `Growth:           ${growthText(s.monthlyGrowth)} each month${apart === null ? '' : `, summed over ${apart}`}`,
    );
  }
  if (s.milestone) {
    const passed = s.milestone.passed;
    lines.push(
      `Milestone:        ${usd(s.milestone.target)}/month by ${s.milestone.month}${passed ? ' (passed)' : ''}  ${bar(s.pctOfTarget)}`,
      ...(s.milestone.reached === undefined
        ? []
        : [`                  (${reachedText(s.milestone.reached)})`]),
      ...(s.milestone.nearer === undefined ? [] : [`                  (${bindsText(s)})`]),
      `Gap:              ${usd(s.gap)}${s.monthsLeft === null || passed ? '' : ` with ${formatMonths(s.monthsLeft)} months left`}`,
    );
    if (passed) lines.push(`Next:             ${NEXT_MILESTONE}`);
    if (s.requiredPace !== null && s.gap > 0)
      lines.push(`Required pace:    +${usd(s.requiredPace)}/month each month${paceOverText(s)}`);
    if (s.onTrack !== null) lines.push(`On track:         ${s.onTrack ? 'yes' : 'no'}`);
  } else {
    // A month to come, not a dated example: a review was told to set 2026-03, already past, which
    // `vision set` refuses.
    lines.push(
      'Milestone:        none set (`goalpost vision set revenue_targets YYYY-MM=N`: the MRR to reach by a month to come)',
    );
  }
  lines.push(`Churn:            ${churnSaid(s)}`);
  for (const stale of s.stale) {
    lines.push(
      `Not counted:      ${usd(stale.mrr)}/month recorded for ${stale.record.periodStart}..${stale.record.periodEnd}, too old to count as now`,
    );
  }
  return lines.join('\n');
}

/**
 * The state, with the line saying where its revenue figure comes from when there is one, and
 * what the team is doing about each blocker (by bug id) when anything.
 */
export function renderState(
  s: WorkspaceState & { revenueSource?: string | null; blockerWork?: Record<number, string> },
): string {
  // How long a stale project has been idle, in a column of its own, there only when one is.
  const anyStale = s.projects.some((p) => p.stale);
  // Each product's own growth, there when one has any: the Growth line sums them, and products
  // that move apart sum to no one pace (a review's `+$0` of one falling and one climbing).
  const growth = new Map<number, number>();
  for (const source of s.revenue.sources)
    if (source.current && source.projectId !== null && source.growth !== null)
      growth.set(source.projectId, source.growth);
  const growthOf = (id: number) => {
    const g = growth.get(id);
    return g === undefined ? '—' : growthText(g);
  };
  const projects = s.projects.map((p) => [
    p.project.name,
    p.project.status,
    p.completion === null ? '—' : `${bar(p.completion, 10)} (${p.featuresDone}/${p.featuresTotal})`,
    String(p.blockers.length),
    p.project.revenueBearing ? usd(p.monthlyRevenue) : '—',
    ...(growth.size > 0 ? [growthOf(p.project.id)] : []),
    ...(anyStale ? [p.stale ? `stale, ${Math.round(p.idleDays)} d` : '—'] : []),
  ]);
  const blockers = s.projects.flatMap((p) =>
    p.blockers.map((b) => {
      const work = s.blockerWork?.[b.id];
      return `  - ${p.project.name}: ${b.title} (bug ${b.id}${work === undefined ? '' : `; ${work}`})`;
    }),
  );
  return [
    RULE,
    `STATE at ${s.now}`,
    RULE,
    renderRevenue(s.revenue),
    ...(s.revenueSource ? [`Source:           ${s.revenueSource}`] : []),
    '',
    'Projects:',
    projects.length
      ? table(
          [
            'name',
            'status',
            'completion',
            'blockers',
            'revenue',
            ...(growth.size > 0 ? ['growth'] : []),
            ...(anyStale ? ['idle'] : []),
          ],
          projects,
        )
      : '  none yet',
    '',
    'Blockers (open critical bugs):',
    blockers.length ? blockers.join('\n') : '  none',
    '',
    'Opportunities:',
    s.opportunities.length ? s.opportunities.map((o) => `  - ${o}`).join('\n') : '  none',
    s.neglectedFocusAreas.length
      ? `\nFocus areas without recent work: ${s.neglectedFocusAreas.join(', ')}`
      : '',
    renderStranded(s.strandedProjects, s.focusAreas),
  ]
    .join('\n')
    .trimEnd();
}

/** Titles a summary line quotes before it says how many more there are. */
const CUT_SHOWN = 3;

/**
 * Lines a list of skipped candidates shows before it says how many more there are: a team with a
 * long history holds back hundreds of done playbook tasks, which nobody reads past the first few
 * (`--json` has every one).
 */
const SKIPPED_SHOWN = 10;

/** The first SKIPPED_SHOWN lines of a list, then how many more there are. */
function firstOf(lines: readonly string[]): string[] {
  const more = lines.length - SKIPPED_SHOWN;
  return more > 0
    ? [...lines.slice(0, SKIPPED_SHOWN), `  … and ${more} more (--json lists every one)`]
    : [...lines];
}

/** A held-back candidate's title, with its project when the title does not name it. */
function heldTitle(s: GenerateResult['skipped'][number]): string {
  return s.project === undefined || s.title.includes(s.project)
    ? `"${s.title}"`
    : `"${s.title}" (${s.project})`;
}

/**
 * Of what the batch protects, the part bugs' severity alone sized (see GenerateResult.revenueGuessed):
 * `, $8,424 of that a guess by the bugs' severity (`goalpost bug affects <id> <share>` says what
 * each touches)`; all of it: `, a guess by …`. Nothing when the team judged every bug.
 */
function guessed(r: GenerateResult): string {
  if (!(r.revenueGuessed > 0)) return '';
  const how = "the bugs' severity (`goalpost bug affects <id> <share>` says what each touches)";
  return r.revenueGuessed >= r.revenueProtected
    ? `, a guess by ${how}`
    : `, ${estimate(r.revenueGuessed)} of that a guess by ${how}`;
}

/**
 * The medium bugs the cap cut though they score above work of the batch (see
 * GenerateResult.outscoringBugs), and how the team says one is more pressing: a lead found the
 * backlog's best score cut, its title alone in the cut list. A batch gives one medium bug the
 * place of work it outscores that the team has not committed to (see liftBug), so the line says
 * these come after the rest.
 */
function outscoringLine(r: GenerateResult): string[] {
  const bugs = r.outscoringBugs;
  const first = bugs[0];
  if (first === undefined) return [];
  const named = bugs.map((b) => `"${b.title}" (bug ${b.bugId}, score ${formatScore(b.score)})`).join(', ');
  const which =
    bugs.length === 1
      ? `\`goalpost bug severity ${first.bugId} high\` if it is`
      : '`goalpost bug severity <id> high` for one that is';
  return [
    `Medium bugs cut:  ${named} ${bugs.length === 1 ? 'scores' : 'score'} above work in the batch; a batch gives one medium bug, at most, the place of work it outscores that the team has not committed to, and the rest come after the real work: ${which} more pressing than that (for a bug from GitHub, its \`high\` label there)`,
  ];
}

/**
 * "8 candidates; 5 proposed (cap 5), 3 cut by the cap: "A", "B", "C"": nothing the cap hid. When
 * the team's free slots set it (see GenerateResult.capacity), "2 proposed (room for 2), 6 left
 * for want of room": the `Team:` line under it says why; and "2 proposed (cap 3), 4 left out"
 * when the cap had room to spare that nobody with a free slot could fill.
 */
function batchCounts(r: GenerateResult): string {
  // Critical work comes beyond the team's free slots (see GenerateResult.capacity).
  // Counted where the plan placed it: one no free slot takes comes beyond a room it left alone.
  const over = r.capacity?.beyond ?? Math.max(0, r.proposed - r.maxTasks);
  // The room set it when it is no more than the cap (else the cap did: the Team line is there for
  // the work nobody with a free slot takes).
  const room = r.capacity !== null && r.maxTasks >= r.capacity.free - r.capacity.awaiting;
  // Beyond the cap, critical work is beyond what free slots take, not beyond the cap said.
  const beyond =
    over <= 0 ? '' : room ? `; ${over} critical beyond it` : `; ${over} critical no free slot takes`;
  // Beside the proposals awaiting a decision, or "room for 0" reads against the Team line's "Room for 3"
  // (which counts them: the slots they take are not how many they are).
  const beside =
    room && r.capacity !== null && r.capacity.awaiting > 0 ? ' beside those awaiting a decision' : '';
  const line = `${plural(r.generated, 'candidate')}; ${r.proposed} proposed (${room ? 'room for' : 'cap'} ${r.maxTasks}${beside}${beyond})`;
  if (r.cut === 0) return line;
  return `${line}, ${leftCounts(r)}: ${firstTitles(
    r.cutByCap.map((c) => c.title),
    r.cut,
  )}`;
}

/**
 * What left the rest out, each part said apart ("1 cut by the cap, 3 left for want of room and 2
 * left out"): what a higher cap would propose, what waits for a slot of someone who takes it, and
 * what no free slot takes (or what it waits for). Without the team's slots, the cap cut it all.
 */
function leftCounts(r: GenerateResult): string {
  if (r.cutBy === null) return `${formatCount(r.cut)} cut by the cap`;
  const parts = [
    [r.cutBy.cap, 'cut by the cap'],
    [r.cutBy.room, 'left for want of room'],
    [r.cutBy.noTaker, 'left out'],
  ].flatMap(([n, why]) => ((n as number) > 0 ? [`${formatCount(n as number)} ${why}`] : []));
  return parts.length === 0 ? `${formatCount(r.cut)} cut by the cap` : listed(parts);
}

/** `"A", "B", "C"` then "and N more" of `count` titles, of which `titles` are the first. */
function firstTitles(titles: readonly string[], count: number): string {
  const shown = titles.slice(0, CUT_SHOWN).map((t) => `"${t}"`);
  const more = count - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`;
}

/**
 * The work no batch proposes as it scores 0, and what a team does about it: give its
 * projects a focus area of the vision for their work to rank, upkeep and growth alike (upkeep
 * keeps a project of the vision running), or pause them (said only when some of it has a
 * project); [] when there is none.
 */
function unvaluedLines(r: GenerateResult): string[] {
  if (r.unvalued === 0) return [];
  const projects = [...new Set(r.unvaluedWork.flatMap((w) => (w.project === null ? [] : [w.project])))];
  const first = projects[0];
  return [
    `Scoring 0:        ${r.unvalued} not proposed though the batch has room (no dollars at stake, no alignment with the vision): ${firstTitles(
      r.unvaluedWork.map((w) => w.title),
      r.unvalued,
    )}`,
    ...(first === undefined
      ? []
      : [
          `                  To rank ${projects.length === 1 ? 'its' : 'their'} work, give "${first}"${projects.length > 1 ? ` (and ${plural(projects.length - 1, 'other project')})` : ''} a focus area of the vision (goalpost project set "${first}" --focus <area>), or pause it (goalpost project set "${first}" paused)`,
        ]),
  ];
}

/** The projects left on focus areas the vision dropped, and how to move each; '' when there are none. */
export function renderStranded(stranded: readonly StrandedProject[], focusAreas: readonly string[]): string {
  if (stranded.length === 0) return '';
  return ['', ...strandedSentences(stranded, focusAreas)].join('\n');
}

/**
 * Why a plan proposed nothing: work already open answers what calls for it, or it was done or
 * rejected before, or nothing calls for work at all (said only then: the signals may all be live).
 */
function nothingProposed(duplicates: number, before: number, waiting: number, unvalued: number): string {
  const held = before + waiting;
  if (unvalued > 0 && duplicates === 0 && held === 0) {
    return 'Nothing worth proposing: what is left scores 0 (see above).';
  }
  // Both: some is answered by open tasks, and the rest is not (a gap whose work was all rejected
  // has nothing on its way): said as two parts, not as if open tasks answered it all.
  if (duplicates > 0 && held > 0) {
    return `Nothing new to propose: of what calls for work, ${plural(duplicates, 'piece')} ${duplicates === 1 ? 'is' : 'are'} answered by tasks already open and ${held} ${heldWhy(before, waiting, held === 1)}, with nothing else proposed in ${held === 1 ? 'its' : 'their'} place (listed below).`;
  }
  if (duplicates > 0) {
    return 'Nothing new to propose: what calls for work is answered by tasks already open (listed below).';
  }
  if (held > 0)
    return `Nothing new to propose: what calls for work ${heldWhy(before, waiting, true)} (listed below).`;
  return 'Nothing to propose: no signal calls for new work right now.';
}

/** What makes room for new work, when the team's slots are all busy. */
const NO_ROOM =
  'Nothing new proposed: every slot the team has is busy with approved or in-progress work. Work marked done or failed (`goalpost done <ref>`; `goalpost tasks approved` and `goalpost tasks in_progress` list them) frees one, as does more capacity (`goalpost assignee set <name> --capacity <n>`).';

/** Why nothing new was proposed when the proposals awaiting a decision take every free slot. */
const ROOM_AWAITED =
  'Nothing new proposed: the tasks awaiting a decision fill the room the team has (each approved holds a slot until done or failed). Decide on them first (`goalpost tasks proposed` lists them; a rejection frees its slot), or plan past the room with `goalpost generate --ignore-capacity`.';

/**
 * Why nothing new was proposed when work was left out though slots are free: of other kinds, or
 * waiting for work of other kinds (docs a bot takes, after a feature nobody free takes), or coming
 * only with it (research into a goal, with the experiment).
 */
const NO_ROOM_OF_KIND =
  'Nothing new proposed: those with a free slot take none of the work left out, but for work that waits for other work first or comes only with it (the `Team:` line says whose the slots are). The rest waits for a slot of someone who takes it; `goalpost assignee set <name> --category <kind>` (or `--project`) widens what someone takes.';

/**
 * Why nothing new was proposed when a higher cap would: each piece of work a free slot takes comes
 * with work it waits for (or that waits for it), more than the cap holds.
 */
const GROUPS_PAST_CAP =
  'Nothing new proposed: the work those with a free slot take comes with other work it waits for, more pieces than the cap holds (counted as cut by the cap); a higher `--max-tasks` proposes them together.';

/** What the work left out waits for when a batch stopped short of its room (the `Team:` line says why). */
const SHORT_OF_ROOM =
  'The work left out waits for a slot of someone who takes it (the `Team:` line says whose the free slots are); `goalpost assignee set <name> --category <kind>` (or `--project`) widens what someone takes.';

/** Where the next plan's work comes from, when this one found none to propose. */
const REFILL =
  'The next plan proposes what the backlog gains: `goalpost feature add "<project>" "<title>"` (or `bug add`), or `github connect` to read it from issues.';

/** How many pieces of failed work coming back a plan that proposed nothing names. */
const BACK_NAMED = 2;

/**
 * When the failed work a plan held back comes back on its own, the soonest first, and how to try it
 * again now, or null when none does. A review's plan said only "Nothing new to propose" and where
 * more work comes from, the morning its critical bug's failed fix came back that afternoon.
 */
function comingBack(held: readonly GenerateResult['skipped'][number][]): string | null {
  const back = held
    .filter((s): s is typeof s & { returns: string } => s.returns !== undefined)
    .sort((a, b) => a.returns.localeCompare(b.returns));
  if (back.length === 0) return null;
  const named = back.map(
    (s) =>
      `"${s.title}" from ${momentText(s.returns)} (\`goalpost retry ${s.duplicateOf}\` tries it again now)`,
  );
  return `Failed work comes back on its own: ${listedFirst(named, BACK_NAMED)}.`;
}

/** Why work was held back, as a verb phrase: `was done, rejected or failed before`, `wait while …`. */
function heldWhy(before: number, waiting: number, one: boolean): string {
  const was = `${one ? 'was' : 'were'} ${HELD_BEFORE}`;
  const waits = `${one ? 'waits' : 'wait'} ${HELD_WAITING}`;
  return waiting === 0 ? was : before === 0 ? waits : `${was}, or ${waits}`;
}

export function renderBatch(r: GenerateResult): string {
  const duplicates = r.skipped.filter((s) => s.reason === 'duplicate');
  // Work a task already open does, counted apart from candidates that duplicate each other, as
  // the digest counts it: found again, not skipped as something new.
  const open = duplicates.filter(alreadyOpen).length;
  const skippedCount = [
    ...(open < duplicates.length || open === 0 ? [plural(duplicates.length - open, 'duplicate')] : []),
    ...(open > 0 ? [`${formatCount(open)} already open as ${open === 1 ? 'a task' : 'tasks'}`] : []),
  ].join(', ');
  const held = r.skipped.filter((s) => s.reason !== 'duplicate');
  const waiting = held.filter((s) => s.answered === true).length;
  // Held for the work it waits for, not done, rejected or failed itself (`feature after`).
  const behind = held.filter((s) => s.behind === true).length;
  const before = held.length - waiting;
  const out = [
    RULE,
    `TASK GENERATION SUMMARY${r.dryRun ? ' (dry run: nothing saved)' : ` (batch ${r.batch})`}`,
    RULE,
    batchCounts(r),
    ...outscoringLine(r),
    // The team's free slots, when they held the batch below its cap (as the digest says it).
    ...(r.capacity ? [`Team:             ${r.capacity.note}`] : []),
    ...unvaluedLines(r),
    `Skipped:          ${skippedCount}${before > behind ? `, ${formatCount(before - behind)} ${HELD_BEFORE}` : ''}${behind > 0 ? `, ${formatCount(behind)} waiting for work held back` : ''}${waiting > 0 ? `, ${formatCount(waiting)} waiting ${HELD_WAITING}` : ''}`,
    // What the products earn now, protected, is no new revenue: said apart from what wins the gap
    // (a review read $25,690/month beside a $10,800 gap, half of it a critical bug's customers).
    `Revenue impact:   ${estimate(r.revenueImpact)}/month${r.revenueProtected > 0 ? `: ${estimate(r.revenueProtected)} of it what the products earn now, protected${guessed(r)}; ${estimate(Math.max(0, r.revenueImpact - r.revenueProtected))} new` : ''}`,
    RULE,
  ];
  if (r.tasks.length === 0 && r.capacity?.free === 0) {
    out.push('', NO_ROOM);
  } else if (r.tasks.length === 0 && r.capacity && r.capacity.awaiting >= r.capacity.free) {
    out.push('', ROOM_AWAITED);
  } else if (r.tasks.length === 0 && r.capacity && (r.cutBy?.cap ?? 0) > 0) {
    out.push('', GROUPS_PAST_CAP);
  } else if (r.tasks.length === 0 && r.capacity && r.cut > 0) {
    out.push('', NO_ROOM_OF_KIND);
  } else if (r.capacity && r.capacity.empty > 0 && r.cut > (r.cutBy?.cap ?? 0)) {
    out.push('', SHORT_OF_ROOM);
  } else if (r.tasks.length === 0) {
    out.push('', nothingProposed(duplicates.length, before, waiting, r.unvalued));
    const back = comingBack(held);
    if (back !== null) out.push(back);
    // Held back or called for by nothing, the work the team has is spent: say where more comes from
    // (a lead read "Nothing new to propose" for a week with people free and the target behind);
    // not when all it holds back is failed work coming back on its own.
    const allReturn = held.length > 0 && held.every((s) => s.returns !== undefined);
    if (((duplicates.length === 0 && r.unvalued === 0) || before + waiting > 0) && !allReturn)
      out.push(REFILL);
  }
  r.tasks.forEach((t, i) => {
    out.push(
      '',
      `${r.dryRun ? `#${i + 1}` : t.ref}  [${t.priority}] ${t.title}`,
      `   Category:   ${t.category.padEnd(16)} Project:   ${t.projectName ?? '—'}`,
      `   Revenue:    ${`${estimate(t.revenueImpact)}/month`.padEnd(16)} Alignment: ${pct(t.alignment)}   Score: ${formatScore(t.score)}`,
      ...(t.goalValue > 0 ? [`   Goal value: ${estimate(t.goalValue)}/month toward its goal`] : []),
      `   Assignee:   ${t.assignee ?? '—'}`,
    );
    if (t.item) out.push(`   From:       ${itemSourceText(t.item)}`);
    if (t.dependsOn.length) out.push(`   After:      ${t.dependsOn.join(', ')}`);
    out.push('   Why:', ...t.reasoning.map((line, n) => `     ${n + 1}. ${line}`));
  });
  if (r.withdrawn.length) {
    out.push(
      '',
      r.dryRun
        ? 'Saved, it would withdraw these proposals awaiting a decision, each for the reason given:'
        : 'Withdrawn (cancelled), these proposals awaiting a decision, each for the reason given:',
      ...firstOf(r.withdrawn.map((w) => `  - ${w.ref} "${w.title}": ${w.why}`)),
    );
  }
  if (r.revalued.length) {
    out.push(
      '',
      r.dryRun
        ? 'Saved, it would value again these proposals awaiting a decision:'
        : 'Valued again, these proposals awaiting a decision:',
      ...firstOf(r.revalued.map((c) => `  - ${c.ref} "${c.was.title}": ${describeValueChange(c)}`)),
    );
  }
  if (r.rescaled.length) {
    out.push(
      '',
      r.dryRun
        ? "Saved, it would put these open tasks on this batch's scale of priority (their value as decided):"
        : "On this batch's scale of priority, these open tasks (their value as decided):",
      ...firstOf(
        r.rescaled.map(
          (t) => `  - ${t.ref} "${t.title}" (${t.status.replace('_', ' ')}): P${t.was} → P${t.priority}`,
        ),
      ),
    );
  }
  if (r.routed.length) {
    const what = r.routed.some((t) => t.status === 'approved')
      ? 'these tasks, approved or awaiting a decision, which nobody held'
      : 'these proposals awaiting a decision, which nobody held';
    out.push(
      '',
      r.dryRun ? `Saved, it would route ${what}:` : `Routed, ${what}:`,
      ...firstOf(
        r.routed.map(
          (t) => `  - ${t.ref} "${t.title}"${t.status === 'approved' ? ' (approved)' : ''} → ${t.assignee}`,
        ),
      ),
    );
  }
  if (duplicates.length) {
    out.push(
      '',
      open === duplicates.length ? 'Already open as tasks:' : 'Skipped as duplicates:',
      ...firstOf(
        duplicates.map(
          // One that asks what open work asks, in other words, says why (see onGoalAlready); the
          // very work of an open task is that task, found again.
          (s) =>
            s.note !== undefined
              ? `  - "${s.title}": ${s.note}`
              : alreadyOpen(s) && s.similarity >= 1
                ? `  - "${s.title}" is open as ${s.duplicateOf}`
                : `  - "${s.title}" duplicates ${s.duplicateOf} (similarity ${s.similarity.toFixed(2)})`,
        ),
      ),
    );
  }
  if (held.length) {
    out.push(
      '',
      'Not proposed again:',
      ...firstOf(held.map((s) => `  - ${heldTitle(s)}: ${s.note ?? s.reason}`)),
    );
  }
  if (r.cycles.length) {
    out.push('', 'Dependency cycles (tasks kept, ordered by score):');
    for (const c of r.cycles) out.push(`  - ${c.join(' → ')}`);
  }
  return out.join('\n');
}

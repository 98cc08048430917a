import {
  type ClaimResult,
  type ComparedPolicy,
  type Evaluation,
  formatMinutes,
  formatWorkMinutes,
  type LearnResult,
  learnedSentence,
  type QueueView,
  type RouteAnswer,
  type RoutingRow,
  type SimulationResult,
  titleInList,
} from '../../src/index.js';
import { pct, plural, table } from './format.js';

const POLICY_LABELS: Record<ComparedPolicy, string> = {
  goalpost: 'Goalpost (Thompson sampling, decayed)',
  greedy: 'Goalpost’s estimate, no exploration',
  'seed-rule': 'the replaced Python engine’s rule (best raw rate, 3+ samples)',
  random: 'random',
};

function routingRows(rows: RoutingRow[]): string {
  if (rows.length === 0)
    return 'No outcomes recorded yet: `goalpost done T-1 --assignee <name>` teaches routing.';
  return table(
    ['category', 'assignee', 'expected', 'done', 'failed', 'weight', 'median', 'open'],
    rows.map((r) => [
      r.category,
      r.assignee,
      pct(r.expectedSuccess),
      String(r.successes),
      String(r.failures),
      r.evidence.toFixed(1),
      // Working time, in hours past the first (a review read fixes of 420 and 1,050 min), whole
      // minutes past the first, seconds under it: a worker's 30-s task read `1 min` here while
      // `route` said `about 30 s`.
      r.medianMinutes === null
        ? '—'
        : formatWorkMinutes(r.medianMinutes < 1 ? r.medianMinutes : Math.round(r.medianMinutes)),
      r.capacity > 0 ? `${r.openTasks}/${r.capacity}` : String(r.openTasks),
    ]),
  );
}

/** What `learn` rebuilt: one sentence that agrees with the table under it (none without pairs). */
export function renderRoutingTable(r: LearnResult): string {
  if (r.pairs === 0) return learnedSentence(r);
  return [
    learnedSentence(r),
    '',
    routingRows(r.table),
    '',
    '"expected" is the decayed Beta posterior of success; "weight" the outcomes still counting after decay.',
  ].join('\n');
}

export function renderRoute(r: RouteAnswer): string {
  const head = r.decision
    ? `Next ${r.category} task → ${r.decision.assignee} (${r.policy})\n  ${r.decision.reason}`
    : `Next ${r.category} task → nobody: ${r.nobody ?? `every assignee ${r.away.length > 0 ? 'is away or ' : ''}is at capacity`}`;
  const away = r.away.length > 0 ? `\n  Left out while away: ${r.away.join('; ')}` : '';
  const others =
    r.otherKinds.length > 0 ? `\n  Left out as taking no ${r.category} work: ${r.otherKinds.join(', ')}` : '';
  return `${head}${away}${others}\n\n${routingRows(r.table)}`;
}

/** Below this many logged outcomes, the policies' regrets differ by chance more than by rule. */
const FEW_OUTCOMES = 20;

export function renderEvaluation(e: Evaluation): string {
  if (e.outcomes === 0) return 'No outcomes with an assignee yet: nothing to evaluate.';
  const policies = (Object.keys(e.policies) as ComparedPolicy[]).map((p) => {
    const v = e.policies[p];
    return [POLICY_LABELS[p], v.cumulativeRegret.toFixed(2), v.meanRegret.toFixed(3), pct(v.bestShare)];
  });
  // Too little to tell the policies apart is said before their table, not left to read as a tie.
  const only = e.assignees === 1 ? e.best[0]?.assignee : undefined;
  const little =
    only !== undefined
      ? `Only ${only} has outcomes, so every policy picks ${only} and all score alike: the comparison means something once two or more assignees have outcomes in a category.`
      : e.outcomes < FEW_OUTCOMES
        ? `${plural(e.outcomes, 'outcome')} ${e.outcomes === 1 ? 'is' : 'are'} too few to tell the policies apart: below ${FEW_OUTCOMES}, their regrets differ by chance (\`goalpost simulate\` compares them now, on a team whose true skills are known).`
        : null;
  return [
    `Replayed ${plural(e.outcomes, 'logged outcome')} in ${e.categories === 1 ? '1 category' : `${e.categories} categories`}.`,
    ...(little === null ? [] : [little]),
    '',
    table(['policy', 'cumulative regret', 'per task', 'to the best'], policies),
    '',
    'Best in hindsight: ' +
      e.best.map((b) => `${b.category} → ${b.assignee} (${pct(b.rate)} over ${b.samples})`).join('; '),
    // Not `learn`'s "expected", which starts from a prior and decays old outcomes: said, or 67% here
    // beside 78% there reads as one of them wrong.
    '(rates as (successes + 1) ÷ (outcomes + 2) over every logged outcome, none decayed; `learn`’s "expected" starts from the team’s record and weighs recent outcomes more)',
    '',
    'Regret is measured against each category’s best assignee in hindsight. Every policy learns from the',
    'logged outcomes whatever it picked, so exploration cannot pay off here; `goalpost simulate` measures',
    'it on a team whose true skills are known.',
  ].join('\n');
}

export function renderSimulation(s: SimulationResult): string {
  const rows = (Object.keys(s.policies) as ComparedPolicy[]).map((p) => {
    const v = s.policies[p];
    return [
      POLICY_LABELS[p],
      v.cumulativeRegret.toFixed(1),
      v.regretAfterChange.toFixed(1),
      pct(v.bestShare),
      String(v.successes),
    ];
  });
  return [
    `Simulated ${s.tasks} tasks; after task ${s.changeAtTask} the best and worst ${s.changedCategory} assignees swap skills.`,
    '',
    table(['policy', 'regret', 'after the change', 'to the best', 'successes'], rows),
  ].join('\n');
}

export function renderQueue(q: QueueView): string {
  const waitsFor = new Map(
    q.blocked.map((b) => [
      b.ref,
      [
        ...(b.paused === null ? [] : [`${b.paused} (paused)`]),
        ...(b.projectDone === null ? [] : [`${b.projectDone} (done)`]),
        ...b.waitsFor.map((p) => `${p.ref} (${p.status.replace('_', ' ')})`),
      ].join(', '),
    ]),
  );
  const out: string[] = [];
  if (q.requeued.length) out.push(`Returned to the queue (lease expired): ${q.requeued.join(', ')}`, '');
  if (q.expiredFailed.length)
    out.push(`Failed (its lease expired the last time allowed): ${q.expiredFailed.join(', ')}`, '');
  out.push(
    'Claimed:',
    q.claims.length
      ? table(
          ['ref', 'holder', 'held', 'lease left', 'attempt', 'title'],
          q.claims.map((c) => [
            c.task.ref,
            c.task.claimedBy ?? '—',
            formatMinutes(c.heldMinutes),
            formatMinutes(c.leaseLeftMinutes),
            String(c.task.attempts),
            titleInList(c.task),
          ]),
        )
      : '  none',
    '',
    ...(q.started.length === 0
      ? []
      : [
          'Started, no lease (by a person, or a linked pull request):',
          table(
            ['ref', 'assignee', 'for', 'title'],
            q.started.map((s) => [
              s.task.ref,
              s.task.assignee ?? '—',
              formatMinutes(s.heldMinutes),
              titleInList(s.task),
            ]),
          ),
          '',
        ]),
    'Waiting (approved):',
    q.waiting.length
      ? table(
          ['ref', 'pri', 'routed to', 'waits for', 'title'],
          q.waiting.map((t) => [
            t.ref,
            String(t.priority),
            // Routed to nobody: whoever may take its project's work claims it.
            t.assignee ?? 'nobody yet',
            waitsFor.get(t.ref) ?? '—',
            titleInList(t),
          ]),
        )
      : '  none',
  );
  return out.join('\n');
}

export function renderClaim(c: ClaimResult): string {
  const requeued =
    (c.requeued.length ? `Returned to the queue first: ${c.requeued.join(', ')}\n` : '') +
    (c.expiredFailed.length
      ? `Failed first (its lease expired the last time allowed): ${c.expiredFailed.join(', ')}\n`
      : '');
  if (!c.task) return `${requeued}Nothing claimed: ${c.reason}.`;
  return `${requeued}${c.task.claimedBy} claimed ${c.task.ref} [${c.task.priority}] ${titleInList(c.task)}\n  lease until ${c.task.leaseExpiresAt} (attempt ${c.task.attempts})`;
}

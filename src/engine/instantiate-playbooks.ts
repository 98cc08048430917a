import { type Playbook, TEMPLATE_VARIABLES } from '../domain/playbook.js';
import type { Project } from '../domain/project.js';
import type { Task } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import type { Claim, Signal, Stake } from './batch-plan.js';
import { type Draft, makeDraft, TIER } from './draft.js';
import { fingerprintSource, fingerprintWords } from './fingerprint.js';
import { formatPct, formatUsd, possessive } from './format.js';
import { groupBy } from './group-by.js';
import { memoized } from './memoized.js';
import { renderSubject, renderTemplate, templatePlaceholders } from './render-template.js';
import { fallWithinGap, leftByOpenWork } from './stakes.js';
import { significantTokens } from './tokens.js';

export { renderTemplate, templatePlaceholders };

export interface InstantiateInput {
  vision: Vision;
  projects: readonly Project[];
  playbooks: readonly Playbook[];
  openTasks: readonly Task[];
}

/**
 * Whether a playbook reacts to a signal: same kind, and either no focus area, or one that is the
 * vision's and the signal's (a playbook for payment work answers payment projects only).
 */
export function playbookMatches(playbook: Playbook, signal: Signal, vision: Vision): boolean {
  if (!playbook.enabled || playbook.signal !== signal.kind) return false;
  if (playbook.focusArea === null) return true;
  return vision.focusAreas.includes(playbook.focusArea) && signal.focusArea === playbook.focusArea;
}

/** What a playbook task is remembered by: its playbook, project and subject. */
export function playbookMemoryKey(playbookKey: string, projectId: number | null, subject?: string): string {
  return `pb:${playbookKey}@${projectId ?? '-'}#${subject ?? ''}`;
}

const PLAYBOOK_MEMORY_KEY = /^pb:(.+)@(\d+)#/;

/** The playbook and project of a playbook task's memory key (see playbookMemoryKey); null for none, or no project. */
export function playbookOfMemoryKey(key: string): { playbookKey: string; projectId: number } | null {
  const parts = PLAYBOOK_MEMORY_KEY.exec(key);
  return parts === null ? null : { playbookKey: parts[1] as string, projectId: Number(parts[2]) };
}

/**
 * Signals nothing in the backlog serves × enabled playbooks → drafts, in signal order then playbook
 * key order. A playbook needing a template value the signal lacks (`{project}` on a workspace-wide
 * signal) does not apply. For a signal with a focus area, playbooks written for that area take
 * precedence over generic ones; a generic answer to a neglected focus area or a stale project is
 * planning (see planningOnly), never ahead of real work. A neglected focus area gets no task when another signal's task
 * in this batch already works on it. A task claims its playbook's share of the signal's stake.
 * When every task the area's own playbooks propose repeats finished work (`repeated`: the team
 * shipped its pricing page), the generic playbooks answer the signal too, so a gap still open after
 * that work gets the next kind of work rather than none.
 * @throws ValidationError when a playbook title has an unknown placeholder.
 */
export function instantiatePlaybooks(
  signals: readonly Signal[],
  input: InstantiateInput,
  workedElsewhere: ReadonlySet<string> = new Set(),
  repeated: (draft: Draft) => boolean = () => false,
): Draft[] {
  const playbooks = byKey(input.playbooks);
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const drafts: Draft[] = [];
  const keys = new Set<string>();
  const applicable = signals.map((signal) => applicablePlaybooks(signal, playbooks, input.vision));
  // Many signals share a playbook's title (one without placeholders, or the same project's): its
  // words are worked out once per title.
  const wordsOf = memoized(significantTokens);
  const fingerprintWordsOf = memoized(fingerprintWords);
  const covered = new Set([...workedElsewhere, ...workedAreas(signals, applicable)]);
  signals.forEach((signal, i) => {
    if (signal.kind === 'focus_gap' && signal.focusArea !== null && covered.has(signal.focusArea)) return;
    const own = applicable[i] ?? [];
    // Every draft is asked: `repeated` keeps each repeat it finds, for the plan to hold back.
    const repeats = own.map((pb) => repeated(draftFor(pb, signal)));
    const spent = repeats.length > 0 && repeats.every(Boolean);
    const more =
      spent && own.every((pb) => pb.focusArea !== null)
        ? matchingPlaybooks(signal, playbooks, input.vision).filter((pb) => pb.focusArea === null)
        : [];
    for (const pb of more) repeated(draftFor(pb, signal));
  });
  /** The draft of a playbook's answer to a signal, under a key no other draft has. */
  function draftFor(pb: Playbook, signal: Signal): Draft {
    const title = renderTemplate(pb.title, signal.params);
    const about = renderSubject(pb.title, signal.params);
    const base = `${pb.key}@${signal.projectId ?? '-'}${signal.subject === undefined ? '' : `#${signal.subject}`}`;
    let key = base;
    for (let n = 2; keys.has(key); n += 1) key = `${base}~${n}`;
    keys.add(key);
    const projectName = signal.projectId === null ? null : (names.get(signal.projectId) ?? null);
    const draft = makeDraft({
      key,
      memoryKey: playbookMemoryKey(pb.key, signal.projectId, signal.subject),
      title,
      about,
      aboutWords: wordsOf(about),
      category: pb.category,
      projectId: signal.projectId,
      projectName,
      playbookKey: pb.key,
      signal: signal.kind,
      subject: signal.subject ?? null,
      item: null,
      itemDetail: null,
      goalId: signal.goalId ?? null,
      focusArea: pb.focusArea ?? signal.focusArea,
      effortHours: pb.effortHours,
      effortNote: `playbook ${pb.key}'s estimate`,
      tier: planningOnly(pb, signal.kind) ? TIER.planning : TIER.work,
      ownUrgency: 0,
      ownUrgencyWhy: null,
      signals: [signal],
      claims: signal.stake === null || pb.impactShare <= 0 ? [] : [signalClaim(pb, signal, projectName)],
      dependsOn: pb.dependsOn,
      recurDays: pb.recurDays,
      hashOf: fingerprintSource(signal.projectId, fingerprintWordsOf(title)),
    });
    drafts.push(draft);
    return draft;
  }
  const draftsBySlot = groupBy(drafts, (d) => slot(d.playbookKey, d.projectId));
  const openBySlot = groupBy(input.openTasks, (t) => slot(t.playbookKey, t.projectId));
  for (const draft of drafts) draft.dependsOn = resolveDependencies(draft, draftsBySlot, openBySlot);
  return drafts;
}

/**
 * What a playbook's answer to a signal claims of its stake: the playbook's impact share of it; of a
 * project's share of the revenue gap beside open work of less than a feature-size (see
 * Stake.openUnits), that part of what the work leaves. Of the whole share, an experiment beside an
 * item of 7 h claimed $180 of a $1,800 share the item claimed $1,575 of, and nothing beside one of 8.
 */
function playbookClaim(pb: Playbook, stake: Stake, project: string | null): Claim {
  const claims = `playbook ${pb.key} claims ${formatPct(pb.impactShare)} of`;
  const served = stake.servedPart ?? 0;
  if (served > 0)
    return {
      stake,
      weight: pb.impactShare * (1 - served),
      why: `${claims} the ${formatPct(1 - served)} the open work serving it leaves of`,
    };
  const left = leftByOpenWork(stake);
  if (left >= 1) return { stake, weight: pb.impactShare, why: claims };
  const whose = project === null ? 'the' : possessive(project);
  return {
    stake,
    weight: pb.impactShare * left,
    // The dollars too: the default title names none (see gapPart), and a lead asks what it aims at.
    why: `${claims} the ${formatUsd(stake.usd * left)}/month (${formatPct(left)}) ${whose} open work leaves of`,
  };
}

/**
 * What a playbook's answer to `signal` claims (see playbookClaim): of a revenue fall within the
 * revenue gap (see Signal.withinGap), its part of what the fall lost out of its project's share of
 * the gap, beside the growth work sharing it, so the work on a product never claims more new
 * revenue than its share (`… claims 30% of the $600/month Invoicing lost in 2026-10, part of
 * Invoicing's $800/month share of …`).
 */
function signalClaim(pb: Playbook, signal: Signal, project: string | null): Claim {
  const stake = signal.stake as Stake;
  return fallWithinGap(playbookClaim(pb, stake, project), signal.withinGap);
}

/**
 * The focus areas the playbook tasks answering `signals` work on (their playbook's area, or their
 * signal's), but those of neglected focus areas: the areas a neglected one needs no task for. Of
 * signals planned apart, `workedElsewhere` of instantiatePlaybooks.
 */
export function focusWorkedOn(
  signals: readonly Signal[],
  input: Pick<InstantiateInput, 'playbooks' | 'vision'>,
): Set<string> {
  const playbooks = byKey(input.playbooks);
  return workedAreas(
    signals,
    signals.map((signal) => applicablePlaybooks(signal, playbooks, input.vision)),
  );
}

function workedAreas(signals: readonly Signal[], applicable: readonly Playbook[][]): Set<string> {
  const worked = new Set<string>();
  signals.forEach((signal, i) => {
    if (signal.kind === 'focus_gap') return;
    for (const pb of applicable[i] ?? []) {
      const area = pb.focusArea ?? signal.focusArea;
      if (area !== null) worked.add(area);
    }
  });
  return worked;
}

const byKey = (playbooks: readonly Playbook[]): Playbook[] =>
  [...playbooks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/**
 * The playbooks that apply to a signal: matching, with every template value available; for a signal
 * with a focus area, the generic (focus-less) playbooks only when none is written for that area.
 */
function applicablePlaybooks(signal: Signal, playbooks: readonly Playbook[], vision: Vision): Playbook[] {
  const matching = matchingPlaybooks(signal, playbooks, vision);
  if (signal.focusArea !== null && matching.some((pb) => pb.focusArea === signal.focusArea)) {
    return matching.filter((pb) => pb.focusArea !== null);
  }
  return matching;
}

/**
 * Whether a playbook's answer is generic planning, never ahead of real work: a generic answer to a
 * neglected focus area ("Plan the next step for …") or to a stale project with no backlog ("Review
 * …: set its next step or pause it"), an hour of deciding what to do, not work that earns.
 */
export function planningOnly(pb: Pick<Playbook, 'focusArea'>, kind: string | null): boolean {
  return pb.focusArea === null && (kind === 'focus_gap' || kind === 'stale_project');
}

/** The playbooks matching a signal whose every template value it has, generic and area ones alike. */
function matchingPlaybooks(signal: Signal, playbooks: readonly Playbook[], vision: Vision): Playbook[] {
  // A project's signal writes its values when asked (see detectSignals): asked once here.
  let params: Record<string, string> | undefined;
  return playbooks.filter((pb) => {
    if (!playbookMatches(pb, signal, vision)) return false;
    params ??= signal.params;
    const values = params;
    return templatePlaceholders(pb.title).every((name) => values[name] !== undefined || !isKnown(name));
  });
}

const KNOWN_VARIABLES = new Set<string>(TEMPLATE_VARIABLES);
function isKnown(name: string): boolean {
  return KNOWN_VARIABLES.has(name);
}

type Lookup<T> = Map<string, T[]>;
const slot = (playbookKey: string | null, projectId: number | null): string =>
  `${playbookKey}@${projectId ?? '-'}`;

/**
 * Playbook keys → the same project's drafts from those playbooks (same subject, or either has
 * none); failing that, the refs of open tasks from those playbooks on the project.
 */
function resolveDependencies(draft: Draft, drafts: Lookup<Draft>, openTasks: Lookup<Task>): string[] {
  const resolved: string[] = [];
  for (const playbookKey of draft.dependsOn) {
    const inBatch = (drafts.get(slot(playbookKey, draft.projectId)) ?? []).filter(
      (d) =>
        d.key !== draft.key && (d.subject === null || draft.subject === null || d.subject === draft.subject),
    );
    const found =
      inBatch.length > 0
        ? inBatch.map((d) => d.key)
        : (openTasks.get(slot(playbookKey, draft.projectId)) ?? []).map((t) => t.ref).sort();
    for (const key of found) if (!resolved.includes(key)) resolved.push(key);
  }
  return resolved;
}

import { type Playbook, TEMPLATE_VARIABLES } from '../domain/playbook.js';
import type { Project } from '../domain/project.js';
import type { Task } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import { titleFingerprint } from './fingerprint.js';
import { groupBy } from './group-by.js';
import { renderTemplate, templatePlaceholders } from './render-template.js';
import type { CandidateTask, Signal } from './types.js';

export { renderTemplate, templatePlaceholders };

/** A candidate before scoring: which playbook met which signal, and what it would cost. */
export interface DraftCandidate
  extends Pick<
    CandidateTask,
    'key' | 'title' | 'category' | 'projectId' | 'projectName' | 'playbookKey' | 'focusArea' | 'effortHours'
  > {
  signal: Signal;
  impactShare: number;
  /** Candidate keys (same project) or open-task refs that must be done first. */
  dependsOn: string[];
  fingerprint: string;
  /** Internal: tells apart candidates of one playbook on one project. */
  subject: string | undefined;
}

export interface InstantiateInput {
  vision: Vision;
  projects: readonly Project[];
  playbooks: readonly Playbook[];
  openTasks: readonly Task[];
}

/**
 * Whether a playbook reacts to a signal: same kind, and either no focus area or one that is the
 * vision's and (when the signal has one) the signal's.
 */
export function playbookMatches(playbook: Playbook, signal: Signal, vision: Vision): boolean {
  if (!playbook.enabled || playbook.signal !== signal.kind) return false;
  if (playbook.focusArea === null) return true;
  return (
    vision.focusAreas.includes(playbook.focusArea) &&
    (signal.focusArea === null || signal.focusArea === playbook.focusArea)
  );
}

/**
 * Signals × enabled playbooks → draft candidates, in signal order then playbook key order.
 * A playbook needing a template value the signal lacks (`{bug}` on a revenue gap, `{project}` on a
 * workspace-wide signal) does not apply. For a signal with a focus area, playbooks written for that
 * area take precedence over generic (focus-less) ones, which are the fallback. A neglected focus area
 * gets no focus_gap task when another signal's task in this batch already works on it.
 * @throws ValidationError when a playbook title has an unknown placeholder.
 */
export function instantiatePlaybooks(signals: readonly Signal[], input: InstantiateInput): DraftCandidate[] {
  const playbooks = [...input.playbooks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const names = new Map(input.projects.map((p) => [p.id, p.name]));
  const drafts: DraftCandidate[] = [];
  const keys = new Set<string>();
  const applicable = signals.map((signal) => applicablePlaybooks(signal, playbooks, input.vision));
  // A focus area other signals' tasks already work on is not neglected once this batch lands.
  const covered = new Set<string>();
  signals.forEach((signal, i) => {
    if (signal.kind === 'focus_gap') return;
    for (const pb of applicable[i] ?? []) {
      const area = pb.focusArea ?? signal.focusArea;
      if (area !== null) covered.add(area);
    }
  });
  signals.forEach((signal, i) => {
    if (signal.kind === 'focus_gap' && signal.focusArea !== null && covered.has(signal.focusArea)) return;
    const matching = applicable[i] ?? [];
    for (const pb of matching) {
      const title = renderTemplate(pb.title, signal.params);
      const base = `${pb.key}@${signal.projectId ?? '-'}${signal.subject === undefined ? '' : `#${signal.subject}`}`;
      let key = base;
      for (let n = 2; keys.has(key); n += 1) key = `${base}~${n}`;
      keys.add(key);
      drafts.push({
        key,
        title,
        category: pb.category,
        projectId: signal.projectId,
        projectName: signal.projectId === null ? null : (names.get(signal.projectId) ?? null),
        playbookKey: pb.key,
        signal,
        focusArea: pb.focusArea ?? signal.focusArea,
        effortHours: pb.effortHours,
        impactShare: pb.impactShare,
        dependsOn: pb.dependsOn,
        fingerprint: titleFingerprint(signal.projectId, title),
        subject: signal.subject,
      });
    }
  });
  const draftsBySlot = groupBy(drafts, (d) => slot(d.playbookKey, d.projectId));
  const openBySlot = groupBy(input.openTasks, (t) => slot(t.playbookKey, t.projectId));
  return drafts.map((draft) => ({
    ...draft,
    dependsOn: resolveDependencies(draft, draftsBySlot, openBySlot),
  }));
}

/**
 * The playbooks that apply to a signal: matching, with every template value available; for a signal
 * with a focus area, the generic (focus-less) playbooks only when none is written for that area.
 */
function applicablePlaybooks(signal: Signal, playbooks: readonly Playbook[], vision: Vision): Playbook[] {
  const matching = playbooks.filter(
    (pb) =>
      playbookMatches(pb, signal, vision) &&
      templatePlaceholders(pb.title).every((name) => signal.params[name] !== undefined || !isKnown(name)),
  );
  if (signal.focusArea !== null && matching.some((pb) => pb.focusArea === signal.focusArea)) {
    return matching.filter((pb) => pb.focusArea !== null);
  }
  return matching;
}

const KNOWN_VARIABLES = new Set<string>(TEMPLATE_VARIABLES);
function isKnown(name: string): boolean {
  return KNOWN_VARIABLES.has(name);
}

type Lookup<T> = Map<string, T[]>;
const slot = (playbookKey: string | null, projectId: number | null): string =>
  `${playbookKey}@${projectId ?? '-'}`;

/**
 * Playbook keys → the same project's candidates from those playbooks (same subject, or either has
 * none); failing that, the refs of open tasks from those playbooks on the project.
 */
function resolveDependencies(
  draft: DraftCandidate,
  drafts: Lookup<DraftCandidate>,
  openTasks: Lookup<Task>,
): string[] {
  const resolved: string[] = [];
  for (const playbookKey of draft.dependsOn) {
    const inBatch = (drafts.get(slot(playbookKey, draft.projectId)) ?? []).filter(
      (d) =>
        d.key !== draft.key &&
        (d.subject === undefined || draft.subject === undefined || d.subject === draft.subject),
    );
    const found =
      inBatch.length > 0
        ? inBatch.map((d) => d.key)
        : (openTasks.get(slot(playbookKey, draft.projectId)) ?? []).map((t) => t.ref).sort();
    for (const key of found) if (!resolved.includes(key)) resolved.push(key);
  }
  return resolved;
}

import type { Bug, BugSeverity, Feature, ItemSource } from '../domain/project.js';
import type { Vision } from '../domain/vision.js';
import { DAY_MS, parseInstant } from './dates.js';
import { type Draft, makeDraft, TIER } from './draft.js';
import { formatPct } from './format.js';
import { groupBy } from './group-by.js';
import type { ProjectStakes } from './stakes.js';
import type { Claim, ProjectState } from './types.js';

/** Share of a project's revenue a bug puts at risk, by severity. */
export const SEVERITY_AT_RISK: Readonly<Record<BugSeverity, number>> = {
  critical: 0.5,
  high: 0.2,
  medium: 0.05,
  low: 0,
};
/** How pressing a bug is in itself, by severity. */
const SEVERITY_URGENCY: Readonly<Record<BugSeverity, number>> = {
  critical: 1,
  high: 0.6,
  medium: 0.3,
  low: 0,
};
/** Hours a fix or a feature takes when nobody estimated it. */
const BUG_EFFORT_HOURS = 4;
const FEATURE_EFFORT = { planned: 8, in_progress: 4 } as const;
const SEVERITY_ORDER: readonly BugSeverity[] = ['critical', 'high', 'medium', 'low'];
/** How far ahead a milestone's due date starts to press: from nothing at this many days to all at 0. */
const MILESTONE_WINDOW_DAYS = 14;

/**
 * How pressing an item is for its milestone's due date, 0–1, and why: nothing beyond two weeks
 * out, rising to 1 on the day (and after it, overdue). Null when it has no dated milestone.
 */
export function milestoneUrgency(
  source: ItemSource | null,
  nowMs: number,
): { urgency: number; why: string } | null {
  const milestone = source?.milestone;
  if (!milestone?.dueOn) return null;
  const dueMs = Date.parse(milestone.dueOn);
  if (Number.isNaN(dueMs)) return null;
  const days = Math.ceil((dueMs - nowMs) / DAY_MS);
  if (days > MILESTONE_WINDOW_DAYS) return null;
  const due = milestone.dueOn.slice(0, 10);
  if (days <= 0) return { urgency: 1, why: `milestone '${milestone.title}' was due ${due}` };
  return {
    urgency: 1 - days / MILESTONE_WINDOW_DAYS,
    why: `milestone '${milestone.title}' is due ${due}, in ${days} day${days === 1 ? '' : 's'}`,
  };
}

/** An item's own urgency, or its milestone's when that presses more. */
function pressing(own: number, why: string | null, source: ItemSource | null, nowMs: number) {
  const m = milestoneUrgency(source, nowMs);
  return m !== null && m.urgency > own
    ? { ownUrgency: m.urgency, ownUrgencyWhy: m.why }
    : { ownUrgency: own, ownUrgencyWhy: why };
}

/** The fingerprint of work on a backlog item: its identity, so two items titled alike stay two. */
export function itemFingerprint(key: string): string {
  return `item:${key}`;
}

/** Where an item's effort figure comes from, per kind (shared strings: one per kind, not per item). */
const EFFORT_NOTE = {
  planned: 'default for a planned feature (no estimate)',
  started: 'default for a feature in progress (no estimate)',
  critical: 'default for a critical bug (no estimate)',
  high: 'default for a high bug (no estimate)',
  medium: 'default for a medium bug (no estimate)',
  low: 'default for a low bug (no estimate)',
} as const;

const THREATENS: Readonly<Record<BugSeverity, string>> = {
  critical: `a critical bug threatens ${formatPct(SEVERITY_AT_RISK.critical)} of`,
  high: `a high bug threatens ${formatPct(SEVERITY_AT_RISK.high)} of`,
  medium: `a medium bug threatens ${formatPct(SEVERITY_AT_RISK.medium)} of`,
  low: `a low bug threatens ${formatPct(SEVERITY_AT_RISK.low)} of`,
};

/** The parts of a backlog draft that differ between features and bugs. */
type ItemParts = Pick<
  Draft,
  | 'title'
  | 'about'
  | 'category'
  | 'item'
  | 'itemDetail'
  | 'effortHours'
  | 'effortNote'
  | 'tier'
  | 'ownUrgency'
  | 'ownUrgencyWhy'
  | 'claims'
>;

/** A draft for a backlog item of project `p`. */
function itemDraft(
  key: string,
  p: ProjectState,
  focusArea: string | null,
  goalId: number | null,
  parts: ItemParts,
): Draft {
  return makeDraft({
    key,
    memoryKey: key,
    title: parts.title,
    about: parts.about,
    category: parts.category,
    projectId: p.project.id,
    projectName: p.project.name,
    playbookKey: null,
    signal: 'backlog',
    subject: key,
    item: parts.item,
    itemDetail: parts.itemDetail,
    goalId,
    focusArea,
    effortHours: parts.effortHours,
    effortNote: parts.effortNote,
    tier: parts.tier,
    ownUrgency: parts.ownUrgency,
    ownUrgencyWhy: parts.ownUrgencyWhy,
    signals: [],
    claims: parts.claims,
    dependsOn: [],
    recurDays: null,
    fingerprint: itemFingerprint(key),
  });
}

/**
 * The team's own work as candidates, before any template: every open feature (planned or in
 * progress) and every open critical, high and medium bug of an active project, named by its own
 * title and project. A project's open features and critical bugs share its part of the revenue
 * gap equally; its bugs put a share of what it earns at risk by severity. A critical bug blocks its
 * project and comes first; medium bugs come only when nothing better serves the goals (after the
 * real work). Low bugs are never proposed. An item whose GitHub milestone is due within two weeks
 * (or overdue) is as pressing as that makes it.
 */
export function backlogDrafts(
  projects: readonly ProjectState[],
  features: readonly Feature[],
  bugs: readonly Bug[],
  vision: Vision,
  stakes: ProjectStakes,
  now: string,
): Draft[] {
  const nowMs = parseInstant(now, 'now');
  const featuresOf = groupBy(
    features.filter((f) => f.status !== 'done'),
    (f) => f.projectId,
  );
  const bugsOf = groupBy(
    bugs.filter((b) => b.status === 'open' && b.severity !== 'low'),
    (b) => b.projectId,
  );
  const drafts: Draft[] = [];
  for (const p of projects) {
    if (p.project.status !== 'active') continue;
    const id = p.project.id;
    const name = p.project.name;
    const focusArea = p.project.focusAreas.find((a) => vision.focusAreas.includes(a)) ?? null;
    const open = [...(featuresOf.get(id) ?? [])].sort((a, b) => a.id - b.id);
    const broken = [...(bugsOf.get(id) ?? [])].sort(
      (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.id - b.id,
    );
    const growth = open.length + broken.filter((b) => b.severity === 'critical').length;
    const gap = stakes.gap.get(id);
    const earns = stakes.earns.get(id);
    const gapClaim = (): Claim[] =>
      gap === undefined
        ? []
        : [
            {
              stake: gap,
              weight: 1 / growth,
              why: growth === 1 ? 'the only open item to win' : `1 of ${growth} open items sharing`,
            },
          ];
    for (const f of open) {
      const key = `feature:${f.id}`;
      const started = f.status === 'in_progress';
      drafts.push(
        itemDraft(key, p, focusArea, f.goalId, {
          title: `${started ? 'Finish' : 'Build'} '${f.title}' for ${name}`,
          about: `${f.title} ${name}`,
          category: 'feature',
          item: f.source ? { kind: 'feature', id: f.id, source: f.source } : { kind: 'feature', id: f.id },
          itemDetail: { status: f.status, severity: null, updatedAt: f.updatedAt },
          effortHours: started ? FEATURE_EFFORT.in_progress : FEATURE_EFFORT.planned,
          effortNote: started ? EFFORT_NOTE.started : EFFORT_NOTE.planned,
          tier: TIER.work,
          ...pressing(started ? 0.3 : 0, started ? 'already in progress' : null, f.source, nowMs),
          claims: gapClaim(),
        }),
      );
    }
    for (const b of broken) {
      const claims: Claim[] = [];
      if (earns !== undefined) {
        claims.push({ stake: earns, weight: SEVERITY_AT_RISK[b.severity], why: THREATENS[b.severity] });
      }
      if (b.severity === 'critical') claims.push(...gapClaim());
      drafts.push(
        itemDraft(`bug:${b.id}`, p, focusArea, b.goalId, {
          title: `Fix '${b.title}' in ${name}`,
          about: `${b.title} ${name}`,
          category: 'bugfix',
          item: b.source ? { kind: 'bug', id: b.id, source: b.source } : { kind: 'bug', id: b.id },
          itemDetail: { status: b.status, severity: b.severity, updatedAt: b.updatedAt },
          effortHours: BUG_EFFORT_HOURS,
          effortNote: EFFORT_NOTE[b.severity],
          tier: b.severity === 'critical' ? TIER.blocker : b.severity === 'medium' ? TIER.fillIn : TIER.work,
          ...pressing(
            SEVERITY_URGENCY[b.severity],
            b.severity === 'critical' ? `critical bug: it blocks ${name}` : `${b.severity} bug`,
            b.source,
            nowMs,
          ),
          claims,
        }),
      );
    }
  }
  return drafts;
}

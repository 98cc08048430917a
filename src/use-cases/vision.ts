import * as z from 'zod';
import { likelyMeant } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import { exampleMonth, exampleTargets } from '../domain/examples.js';
import { type StrandedProject, strandedProjects } from '../domain/project.js';
import {
  accepts,
  asChoice,
  lazySchema,
  measure,
  money,
  monthKey,
  ownKeysOnly,
  plainNumber,
  slug,
  TEXT_LIMITS,
  text,
  validate,
} from '../domain/validate.js';
import { VISION_FIELDS, type Vision, type VisionField, versionAt } from '../domain/vision.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { VisionDraft } from '../store/vision-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';

const statement = lazySchema(() => text(TEXT_LIMITS.visionText));
const focusAreas = lazySchema(() => z.array(slug()).max(20, { error: 'at most 20 focus areas' }));
const revenueTargets = lazySchema(() => ownKeysOnly(z.record(monthKey(), money())));
const successMetrics = lazySchema(() => ownKeysOnly(z.record(slug(), measure('a number like 100'))));

/** An example of each field's pairs, for its errors, as of `now`. */
const pairsLike = (field: string, now: Date): string =>
  field === 'success_metrics' ? 'subscriptions=100,active_teachers=40' : exampleTargets(now);

/**
 * Splits `a=1,b=2` (or a JSON object) into an object; values stay strings for the schema to check.
 * A pair may be written `a: 1` too, as `vision show` prints it.
 */
function parsePairs(field: string, value: string, now: Date): Record<string, unknown> {
  const trimmed = value.trim();
  const like = pairsLike(field, now);
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      throw new ValidationError(`${field}: not valid JSON; use key=value pairs like ${like}`, field);
    }
  }
  // No prototype: a key typed `__proto__` is a key, refused by name (see ownKeysOnly), not dropped.
  const out: Record<string, unknown> = Object.create(null);
  // As `vision show` prints them, `2027-04: $34,000.00/month, 2027-06: $40,000.00/month`, or as
  // the help's, `2027-04=$34,000,2027-06=40000`: pairs split where a comma is followed by the next
  // key (an amount has its own commas: `=$12,200` read as a pair "200"), each without `/month`.
  const shown = !trimmed.includes('=') && trimmed.includes(':');
  const parts = trimmed.split(shown ? /,\s*(?=[^,:\s]+\s*:)/ : /,\s*(?=[^,=\s]+\s*=)/);
  for (const typed of parts.filter((p) => p.trim() !== '')) {
    const part = shown ? typed.replace(/\s*\/\s*month\s*$/i, '') : typed;
    const [key, raw, ...rest] = part.split(shown ? ':' : '=');
    if (key === undefined || raw === undefined || rest.length > 0) {
      throw new ValidationError(`${field}: expected key=value pairs like ${like} (got "${part}")`, field);
    }
    const num = raw.trim() === '' ? Number.NaN : Number(raw.replace(/[$,\s]/g, ''));
    // The same key twice with two values: which one was meant cannot be told, so neither is taken.
    if (Object.hasOwn(out, key.trim())) {
      throw new ValidationError(`${field}: ${key.trim()} is given twice (got "${part.trim()}" again)`, field);
    }
    out[key.trim()] = Number.isFinite(num) ? num : raw.trim();
  }
  return out;
}

function parseList(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new ValidationError(
        'focus_areas: not valid JSON; use a comma list like payment_integration,automation',
        'focus_areas',
      );
    }
  }
  return trimmed
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SLUG = /^[a-z][a-z0-9_]{0,47}$/;

/** zod reports a bad record key only as "Invalid key"; say which key and what was expected. */
function checkKeys(field: string, pairs: Record<string, unknown>, pattern: RegExp, form: string, now: Date) {
  const bad = Object.keys(pairs).find((k) => !pattern.test(k));
  if (bad !== undefined) throw new ValidationError(`${field}: "${bad}" is not ${form}`, field);
  if (Object.keys(pairs).length === 0)
    throw new ValidationError(
      `${field}: give at least one pair like ${field === 'revenue_targets' ? `${exampleMonth(now)}=999` : 'subscriptions=100'}`,
      field,
    );
  return pairs;
}

/** Parses one field's text value into the draft. @throws ValidationError naming the field. */
export function applyVisionField(
  draft: VisionDraft,
  typed: string,
  value: string,
  now: Date = new Date(),
): VisionDraft {
  // As chat takes it (`Primary-Goal`: see oneOf), and a slip of the keys named.
  const field = asChoice(typed);
  if (!(VISION_FIELDS as readonly string[]).includes(field)) {
    const near = likelyMeant(field, VISION_FIELDS);
    throw new ValidationError(
      `unknown vision field "${typed}"; ${near === null ? '' : `did you mean ${near}? `}fields are: ${VISION_FIELDS.join(', ')}`,
      'field',
    );
  }
  switch (field as VisionField) {
    case 'statement':
      return {
        ...draft,
        statement: validate(z.object({ statement: statement() }), { statement: value }).statement,
      };
    case 'primary_goal':
      return {
        ...draft,
        primaryGoal: validate(z.object({ primary_goal: statement() }), { primary_goal: value }).primary_goal,
      };
    case 'focus_areas': {
      const list = validate(z.object({ focus_areas: focusAreas() }), {
        focus_areas: parseList(value),
      }).focus_areas;
      if (list.length === 0)
        throw new ValidationError('focus_areas: give at least one, like payment_integration', 'focus_areas');
      return { ...draft, focusAreas: [...new Set(list)] };
    }
    case 'revenue_targets': {
      const pairs = checkKeys(
        'revenue_targets',
        parsePairs('revenue_targets', value, now),
        MONTH,
        `a month like ${exampleMonth(now)}`,
        now,
      );
      return {
        ...draft,
        revenueTargets: validate(z.object({ revenue_targets: revenueTargets() }), { revenue_targets: pairs })
          .revenue_targets,
      };
    }
    case 'success_metrics': {
      const pairs = checkKeys(
        'success_metrics',
        parsePairs('success_metrics', value, now),
        SLUG,
        'a name like subscriptions',
        now,
      );
      return {
        ...draft,
        successMetrics: validate(z.object({ success_metrics: successMetrics() }), { success_metrics: pairs })
          .success_metrics,
      };
    }
  }
}

/**
 * A month → dollars (or metric → target) object, or the `a=1,b=2` text `vision set` takes; each
 * value of the object as `value` reads it (what each must hold is checked with the field). `form`
 * words a value that is neither, which zod's union would call "a valid value".
 */
const pairsOrText = (value: z.ZodType, form: string) =>
  ownKeysOnly(z.union([z.record(z.string(), value), z.string()], { error: accepts(form) })).describe(form);

/**
 * The fields `update` takes, each as the text `vision set` takes or its JSON form: the shape of a
 * request (what each value must hold is checked field by field, as `vision set` checks it).
 */
export const visionFields = lazySchema(() =>
  z.strictObject({
    statement: z.string().optional().describe('what the team is building toward'),
    primary_goal: z.string().optional().describe('the goal that matters most now'),
    focus_areas: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .describe('like ["payment_integration", "automation"], or the text payment_integration,automation'),
    // Dollars as money() reads them: a number, as the API document says (the API refuses "5" as it
    // refuses any number sent as text); typed amounts are the text form's (`2027-02: $12,200`).
    revenue_targets: pairsOrText(
      money(),
      'dollars a month by month, like {"2027-02": 999}, or the text 2027-02=999',
    ).optional(),
    // A target is a number (see successMetrics), as the API document says; one sent as text ("10")
    // is read here to be refused as the API refuses any number sent as text, as a revenue
    // target's is (the text form's `subscriptions=100` is read as it always was).
    success_metrics: pairsOrText(
      z.preprocess(plainNumber, z.number()),
      'targets by metric, like {"subscriptions": 100}, or the text subscriptions=100',
    ).optional(),
  }),
);

/** A task proposed under an earlier version of the vision, still awaiting a decision. */
export interface AwaitingDecision {
  ref: string;
  /** The version of the vision it was proposed under. */
  version: number;
}

/**
 * A vision just saved, with the projects on focus areas it no longer has (they need moving) and
 * the tasks awaiting a decision on reasoning from an earlier version (oldest first).
 */
export interface SavedVision extends Vision {
  strandedProjects: StrandedProject[];
  awaitingDecision: AwaitingDecision[];
  /**
   * True when every field given already had that value: no version was saved (the vision is the
   * current one, and no proposal reads as made under an older vision because of it).
   */
  unchanged: boolean;
  /**
   * A brand-new vision's text given only one of its two: the other took the same words (set it
   * with `vision set <field> …`); absent otherwise.
   */
  copied?: 'statement' | 'primary_goal';
  /**
   * The revenue milestones (`2027-01`) and success metrics the new value left out, which the
   * version before had: a value replaces the whole list. Absent when none was left out.
   */
  dropped?: { revenueTargets: Record<string, number>; successMetrics: Record<string, number> };
}

/** What `before` had of its revenue targets and success metrics that `after` has not; null for nothing. */
function droppedOf(before: Vision, after: Vision): NonNullable<SavedVision['dropped']> | null {
  const left = (was: Record<string, number>, is: Record<string, number>) =>
    Object.fromEntries(Object.entries(was).filter(([key]) => !Object.hasOwn(is, key)));
  const revenueTargets = left(before.revenueTargets, after.revenueTargets);
  const successMetrics = left(before.successMetrics, after.successMetrics);
  return Object.keys(revenueTargets).length + Object.keys(successMetrics).length === 0
    ? null
    : { revenueTargets, successMetrics };
}

/** Whether two visions say the same: their texts, focus areas in order, targets and metrics. */
function sameVision(a: VisionDraft, b: VisionDraft): boolean {
  const samePairs = (x: Record<string, number>, y: Record<string, number>) => {
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && y[k] === x[k]);
  };
  return (
    a.statement === b.statement &&
    a.primaryGoal === b.primaryGoal &&
    a.focusAreas.length === b.focusAreas.length &&
    a.focusAreas.every((area, i) => b.focusAreas[i] === area) &&
    samePairs(a.revenueTargets, b.revenueTargets) &&
    samePairs(a.successMetrics, b.successMetrics)
  );
}

export function createVisionUseCases(deps: UseCaseDeps) {
  const { store } = deps;
  return {
    /** The active vision, or null when none is set: one row, where `history` reads every version. */
    find: (ctx: Ctx): Vision | null => store.visions.active(ctx.workspaceId),
    /** The active vision. @throws NotFoundError when none is set. */
    show(ctx: Ctx): Vision {
      const vision = store.visions.active(ctx.workspaceId);
      if (!vision) {
        throw new NotFoundError(
          `workspace ${ctx.workspaceId} has no vision yet: run \`goalpost init --demo\` or \`goalpost vision set statement "…"\``,
        );
      }
      return vision;
    },
    history: (ctx: Ctx): Vision[] => store.visions.history(ctx.workspaceId),
    /** Sets one field, keeping the previous version. The first set creates the vision. */
    set(ctx: Ctx, field: string, value: string): SavedVision {
      // One transaction: what it compares against is the version it saves over.
      return store.transaction(() => saveFields(ctx, [[field, value]]));
    },
    /**
     * Sets several fields as one new version, in one transaction: a bad field writes nothing.
     * Values are text as for `set`, or JSON arrays/objects (`focus_areas`, `revenue_targets`, …).
     * With `expectedVersion` (the version the caller read), a vision changed since is refused.
     * @throws ValidationError naming the first bad field; ConflictError when the vision moved on.
     */
    update(ctx: Ctx, fields: Record<string, unknown>, expectedVersion?: number): SavedVision {
      const given = Object.entries(validate(visionFields(), fields)).filter(([, v]) => v !== undefined);
      if (given.length === 0) {
        throw new ValidationError(`give at least one field to set: ${VISION_FIELDS.join(', ')}`, 'body');
      }
      const pairs = given.map(([field, value]): [string, string] => [
        field,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]);
      return store.transaction(() => {
        const current = store.visions.active(ctx.workspaceId);
        // A version the vision never had is no edit of one read since (a review's 99 read "changed
        // since version 99").
        if (expectedVersion !== undefined && current !== null && expectedVersion > current.version) {
          throw new ValidationError(
            `version: the vision has had no version ${expectedVersion}: it is version ${current.version}; send the version GET gives`,
            'version',
          );
        }
        if (expectedVersion !== undefined && current !== null && current.version !== expectedVersion) {
          throw new ConflictError(
            `the vision changed since version ${expectedVersion}: it is version ${current.version} now (set by ${current.createdBy} at ${current.createdAt}); read it again and redo your change`,
          );
        }
        return saveFields(ctx, pairs);
      });
    },
  };

  function saveFields(ctx: Ctx, pairs: Array<[string, string]>): SavedVision {
    const current = store.visions.active(ctx.workspaceId);
    const base: VisionDraft = current ?? {
      workspaceId: ctx.workspaceId,
      statement: '',
      primaryGoal: '',
      focusAreas: [],
      revenueTargets: {},
      successMetrics: {},
    };
    const today = new Date(nowIso(deps));
    const next = pairs.reduce((draft, [field, value]) => applyVisionField(draft, field, value, today), base);
    // Targets set now that are all in the past leave no milestone to plan toward: revenue would
    // read "achieved" against a month long gone, and no task would be valued by the gap.
    if (pairs.some(([field]) => field === 'revenue_targets')) {
      const thisMonth = nowIso(deps).slice(0, 7);
      const months = Object.keys(next.revenueTargets).sort();
      const latest = months.at(-1);
      if (latest !== undefined && latest < thisMonth) {
        throw new ValidationError(
          `revenue_targets: every month is past (the latest is ${latest}; this is ${thisMonth}): give the next milestone too, like ${thisMonth}=999`,
          'revenue_targets',
        );
      }
    }
    // A brand-new vision needs both texts; each defaults to the other.
    const draft = {
      ...next,
      statement: next.statement || next.primaryGoal,
      primaryGoal: next.primaryGoal || next.statement,
    };
    if (!draft.statement) {
      throw new ValidationError(
        'the vision is empty: set its statement first, e.g. `vision set statement "…"`',
        'statement',
      );
    }
    // Set to what it already says ("focus_areas billing,onboarding" again): no new version, or
    // every proposal awaiting a decision would read as made under an older vision.
    const unchanged = current !== null && sameVision(current, draft);
    const saved = unchanged ? current : store.visions.save(draft, ctx.actor, nowIso(deps));
    const copied = !next.primaryGoal ? 'primary_goal' : !next.statement ? 'statement' : undefined;
    const dropped = current === null || unchanged ? null : droppedOf(current, saved);
    return {
      ...saved,
      ...(copied === undefined || unchanged ? {} : { copied }),
      ...(dropped === null ? {} : { dropped }),
      strandedProjects: strandedProjects(store.projects.list(ctx.workspaceId), saved.focusAreas),
      awaitingDecision: unchanged ? [] : awaitingDecision(ctx, saved),
      unchanged,
    };
  }

  /** The proposals made before `saved`, each with the version it was made under. */
  function awaitingDecision(ctx: Ctx, saved: Vision): AwaitingDecision[] {
    const older = store.visions.proposedBefore(ctx.workspaceId, saved.createdAt);
    if (older.length === 0) return [];
    const versions = store.visions.history(ctx.workspaceId); // newest first
    return older.flatMap((t) => {
      const version = versionAt(versions, t.createdAt);
      return version === null ? [] : [{ ref: t.ref, version }];
    });
  }
}

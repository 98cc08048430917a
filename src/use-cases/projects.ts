import * as z from 'zod';
import { nearestNames } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import {
  BUG_SEVERITIES,
  type Bug,
  FEATURE_STATUSES,
  type Feature,
  PROJECT_STATUSES,
  type Project,
} from '../domain/project.js';
import type { TaskSummary } from '../domain/task.js';
import {
  asChoice,
  earningsShare,
  estimateHours,
  freeText,
  type Loose,
  lazySchema,
  line,
  metricName,
  oneOf,
  positiveInt,
  slug,
  TEXT_LIMITS,
  validate,
} from '../domain/validate.js';
import { formatCount } from '../engine/format.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { addOnce, keyedRequest } from './add-once.js';
import { refusedShare } from './bug-affects.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { prerequisiteOf } from './feature-order.js';
import { servedGoalId } from './goals.js';
import { type AlikeItem, alikeOpenItem, SAME_WORK, sameOpenItem } from './same-open-item.js';

/** How many project names an error about an unknown one lists at most. */
const PROJECTS_LISTED = 10;

/** A new project: what `project add` takes, chat's and the API's too. */
export const projectInput = lazySchema(() =>
  z.object({
    name: line(TEXT_LIMITS.projectName),
    description: freeText(TEXT_LIMITS.projectDescription).default(''),
    revenueBearing: z.boolean().default(false),
    focus: z.array(focusArea()).default([]),
    status: oneOf(PROJECT_STATUSES).default('active'),
  }),
);

/** The goal a feature or bug serves, by its metric. */
const goalLink = () => ({ goal: metricName().optional() });
/** A new feature: what `feature add` takes, chat's and the API's too. */
export const featureInput = lazySchema(() =>
  z.object({
    title: line(TEXT_LIMITS.itemTitle),
    status: oneOf(FEATURE_STATUSES).default('planned'),
    /** A chore, docs, an upgrade: planned from, but sharing no part of the revenue gap. */
    upkeep: z.boolean().default(false),
    ...goalLink(),
    estimate: estimateHours().optional(),
    /** The feature of its project it comes after (see setAfter). */
    after: positiveInt(3).optional(),
    /** The team's priority (see items.setPriority). */
    priority: oneOf(BUG_SEVERITIES).optional(),
  }),
);
/** A new bug: what `bug add` takes, chat's and the API's too. */
export const bugInput = lazySchema(() =>
  z.object({
    title: line(TEXT_LIMITS.itemTitle),
    severity: oneOf(BUG_SEVERITIES),
    ...goalLink(),
    estimate: estimateHours().optional(),
    /** The share of what its product earns or is to win that the team judges it affects (see items.setAffects). */
    affects: earningsShare().optional(),
  }),
);

/** A focus area as a person types it: `Billing`, `self-healing` are billing, self_healing. */
const focusArea = lazySchema(() => z.preprocess((v) => (typeof v === 'string' ? asChoice(v) : v), slug()));

/** What `project set` changes: its status, its focus areas, whether it bears revenue, or several. */
const projectChange = lazySchema(() =>
  z.object({
    status: oneOf(PROJECT_STATUSES).optional(),
    focus: z
      .array(focusArea())
      .min(1, { error: 'at least one focus area, like payment_integration' })
      .optional(),
    revenueBearing: z.boolean().optional(),
  }),
);

/**
 * A project as `project set` left it, and, when it is no longer active, its tasks still open: the
 * lead decides what becomes of them (a paused or done project's approved work waits; none is
 * cancelled). `revenueBearingSet` when the call said whether it bears revenue.
 */
export type ProjectUpdate = Project & { openTasks: TaskSummary[]; revenueBearingSet?: boolean };

/** A feature as `feature add` added it. */
export type AddedFeature = Feature & {
  /** Its project's name, as the project has it (typed in any case). */
  projectName: string;
  after: Pick<Feature, 'id' | 'title' | 'status'> | null;
  alike: AlikeItem | null;
};

/**
 * What a request sent again under its key added, as it is now.
 * @throws ConflictError when it is no longer there (a feature dropped since, a project renamed).
 */
function requireAdded<T>(item: T | null | undefined, kind: string, id: number): T {
  if (item !== null && item !== undefined) return item;
  throw new ConflictError(
    `this key already added ${kind} ${id}, which is no longer there; use a new key to add it again`,
  );
}

export function createProjectUseCases(deps: UseCaseDeps) {
  const { store } = deps;

  /** @throws ValidationError naming a focus area the vision does not have, and the ones it has. */
  function requireFocusAreas(ctx: Ctx, focus: readonly string[]): void {
    if (focus.length === 0) return;
    const known = store.visions.active(ctx.workspaceId)?.focusAreas ?? [];
    const unknown = focus.find((f) => !known.includes(f));
    if (unknown !== undefined) {
      throw new ValidationError(
        `focus: unknown focus area "${unknown}"; the vision's focus areas are: ${known.join(', ') || '(none yet: `goalpost vision set focus_areas a,b`)'}`,
        'focus',
      );
    }
  }

  /** @throws NotFoundError listing the known projects. */
  function requireProject(ctx: Ctx, name: string): Project {
    const project = store.projects.findByName(ctx.workspaceId, name);
    if (project) return project;
    const known = store.projects.list(ctx.workspaceId).map((p) => p.name);
    if (known.length === 0) {
      throw new NotFoundError(
        `unknown project "${name}"; there are no projects yet: add one with \`goalpost project add "Name"\``,
      );
    }
    const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
    // A workspace of thousands of projects (a GitHub organisation, the bench's) would make a message
    // too long for chat to take, and for anyone to read: the nearest few say what was meant.
    throw new NotFoundError(
      known.length <= PROJECTS_LISTED
        ? `unknown project "${name}"; projects are: ${quoted(known)}`
        : `unknown project "${name}"; the nearest of the ${formatCount(known.length)} projects: ${quoted(nearestNames(name, known, PROJECTS_LISTED))} (\`goalpost project list\` lists them all)`,
    );
  }

  /** The id of the goal on `metric`. @throws NotFoundError listing the goals there are. */
  function goalIdOf(ctx: Ctx, metric: string | undefined): number | null {
    return metric === undefined
      ? null
      : servedGoalId(store, ctx.workspaceId, metric, `give --goal ${metric} again`);
  }

  /** @throws ConflictError naming the open item of the project that `title` reads as (see sameOpenItem). */
  function refuseSameOpen(project: Project, kind: 'feature' | 'bug', title: string): void {
    const same = sameOpenItem(store, project.id, kind, title);
    if (same === null) return;
    throw new ConflictError(
      `${project.name} already has ${kind} ${same.id} open, "${same.title}" (${same.state}), which reads the same; nothing added. ${SAME_WORK}`,
    );
  }

  /** A new project, under the write lock (see add). @throws ConflictError for a name taken. */
  function addProject(ctx: Ctx, p: z.infer<ReturnType<typeof projectInput>>): Project {
    const taken = store.projects.findByName(ctx.workspaceId, p.name);
    if (taken) {
      // Names match in any case: the one there is named as it was written.
      const as = taken.name === p.name ? '' : ` (as "${taken.name}")`;
      throw new ConflictError(
        `a project named "${p.name}" already exists${as}; change it with \`goalpost project set "${taken.name}"\``,
      );
    }
    const now = nowIso(deps);
    const project = store.projects.add(
      {
        workspaceId: ctx.workspaceId,
        name: p.name,
        description: p.description,
        revenueBearing: p.revenueBearing,
        focusAreas: [...new Set(p.focus)],
      },
      now,
    );
    if (p.status === 'active') return project;
    store.projects.setStatus(project.id, p.status, now);
    return { ...project, status: p.status };
  }

  /** A new feature of `project`, under the write lock (see addFeature). */
  function addFeature(ctx: Ctx, project: Project, f: z.infer<ReturnType<typeof featureInput>>): AddedFeature {
    if (f.status !== 'done') refuseSameOpen(project, 'feature', f.title);
    const after =
      f.after === undefined ? null : prerequisiteOf(store, ctx, { id: null, projectId: project.id }, f.after);
    const now = nowIso(deps);
    const feature = store.projects.addFeature(
      project.id,
      f.title,
      f.status,
      now,
      goalIdOf(ctx, f.goal),
      f.upkeep,
      f.estimate ?? null,
    );
    if (after !== null) store.projects.addPrerequisite(feature.id, after.id, now);
    if (f.priority !== undefined) store.projects.setFeaturePriority(ctx.workspaceId, feature.id, f.priority);
    return {
      ...feature,
      projectName: project.name,
      ...(f.priority === undefined ? {} : { priority: f.priority }),
      after: after === null ? null : { id: after.id, title: after.title, status: after.status },
      alike: f.status === 'done' ? null : alikeOpenItem(store, project.id, 'feature', f.title, feature.id),
    };
  }

  return {
    requireProject,
    list: (ctx: Ctx): Project[] => store.projects.list(ctx.workspaceId),
    count: (ctx: Ctx): number => store.projects.count(ctx.workspaceId),

    /**
     * A new project; under an API caller's key (`eventId`), at most once (see addOnce).
     * @throws ConflictError for a name taken; ValidationError for a focus area the vision lacks.
     */
    add(
      ctx: Ctx,
      input: Loose<ReturnType<typeof projectInput>>,
      eventId?: string,
    ): Project & { duplicate?: true } {
      const p = validate(projectInput(), input);
      requireFocusAreas(ctx, p.focus);
      return store.transaction(() =>
        addOnce(
          deps,
          ctx,
          eventId,
          keyedRequest('project add', p),
          () => {
            const added = addProject(ctx, p);
            return { id: added.id, added };
          },
          (id) =>
            requireAdded(
              store.projects.list(ctx.workspaceId).find((x) => x.id === id),
              'project',
              id,
            ),
        ),
      );
    },

    /**
     * Moves a project to active, paused or done (only an active project's backlog is planned from,
     * and the queue hands out no task of a paused or done one), and/or onto other focus areas of the
     * vision, and/or says whether it bears revenue (a revenue-bearing project's work shares the
     * revenue gap: a project added without the flag, whose product then took money, gets it so),
     * in one transaction; with the project's open tasks when it is not active.
     * @throws NotFoundError for an unknown project; ValidationError for neither, or a focus area
     * the vision does not have.
     */
    update(ctx: Ctx, name: string, input: Loose<ReturnType<typeof projectChange>>): ProjectUpdate {
      const v = validate(projectChange(), input);
      if (v.status === undefined && v.focus === undefined && v.revenueBearing === undefined) {
        throw new ValidationError(
          'give a status (active, paused or done), --focus a,b, --revenue-bearing or --no-revenue-bearing',
          'status',
        );
      }
      if (v.focus !== undefined) requireFocusAreas(ctx, v.focus);
      return store.transaction(() => {
        const project = requireProject(ctx, name);
        const now = nowIso(deps);
        const status = v.status ?? project.status;
        const focusAreas = v.focus === undefined ? project.focusAreas : [...new Set(v.focus)];
        if (v.status !== undefined) store.projects.setStatus(project.id, status, now);
        if (v.focus !== undefined) store.projects.setFocusAreas(project.id, focusAreas, now);
        const revenueBearing = v.revenueBearing ?? project.revenueBearing;
        if (v.revenueBearing !== undefined) store.projects.setRevenueBearing(project.id, revenueBearing, now);
        const openTasks = status === 'active' ? [] : store.tasks.openOfProject(ctx.workspaceId, project.id);
        return {
          ...project,
          status,
          focusAreas,
          revenueBearing,
          updatedAt: now,
          openTasks,
          ...(v.revenueBearing === undefined ? {} : { revenueBearingSet: true }),
        };
      });
    },

    /**
     * A new feature, waiting for another of its project when `after` names one (see setAfter);
     * under an API caller's key (`eventId`), at most once (see addOnce: sent again, the feature
     * as it is now, `alike` null).
     * @throws ConflictError when an open feature of the project reads the same, and the new one
     * would be open too; NotFoundError / ValidationError for an `after` not of the project.
     */
    addFeature(
      ctx: Ctx,
      projectName: string,
      input: Loose<ReturnType<typeof featureInput>>,
      eventId?: string,
    ): AddedFeature & { duplicate?: true } {
      const f = validate(featureInput(), input);
      return store.transaction(() => {
        const project = requireProject(ctx, projectName);
        return addOnce(
          deps,
          ctx,
          eventId,
          keyedRequest(`feature add ${JSON.stringify(project.name)}`, f),
          () => {
            const added = addFeature(ctx, project, f);
            return { id: added.id, added };
          },
          (id) => {
            const feature = requireAdded(store.projects.featureIn(ctx.workspaceId, id), 'feature', id);
            const waits = store.projects.prerequisites(ctx.workspaceId, project.id).get(id)?.[0];
            const after = waits === undefined ? null : store.projects.feature(waits);
            return {
              ...feature,
              projectName: project.name,
              after: after === null ? null : { id: after.id, title: after.title, status: after.status },
              alike: null,
            };
          },
        );
      });
    },

    features: (ctx: Ctx): Feature[] => store.projects.features(ctx.workspaceId),

    /**
     * A project with its features (each with the features it waits for) and bugs, read on one
     * snapshot, and only its own: `project show` read every item of the workspace to show one
     * project's (0.6 s on 10,000 projects, against 0.2 for `vision show`).
     * @throws NotFoundError when no project has that name.
     */
    show(
      ctx: Ctx,
      name: string,
    ): { project: Project; features: (Feature & { after: number[] })[]; bugs: Bug[] } {
      return store.snapshot(() => {
        const project = requireProject(ctx, name);
        const after = store.projects.prerequisites(ctx.workspaceId, project.id);
        return {
          project,
          features: store.projects
            .features(ctx.workspaceId, project.id)
            .map((f) => ({ ...f, after: after.get(f.id) ?? [] })),
          bugs: store.projects.bugs(ctx.workspaceId, project.id),
        };
      });
    },

    /** The features each feature waits for (`feature after`), by its id, done ones included. */
    prerequisites: (ctx: Ctx): Map<number, number[]> => store.projects.prerequisites(ctx.workspaceId),

    /**
     * @throws ValidationError for bad input, or a share it affects above its severity's (or any,
     * for a low bug); ConflictError when an open bug of the project reads the same.
     */
    addBug(
      ctx: Ctx,
      projectName: string,
      input: Loose<ReturnType<typeof bugInput>>,
      eventId?: string,
    ): Bug & { /** Its project's name, as the project has it. */ projectName: string; duplicate?: true } {
      const b = validate(bugInput(), input);
      const affects = b.affects ?? null;
      const refused =
        affects === null ? null : refusedShare(b.severity, affects, (to) => `\`--severity ${to}\``);
      if (refused !== null) throw new ValidationError(`affects: ${refused.message}`, 'affects');
      return store.transaction(() => {
        const project = requireProject(ctx, projectName);
        return addOnce(
          deps,
          ctx,
          eventId,
          keyedRequest(`bug add ${JSON.stringify(project.name)}`, b),
          () => {
            refuseSameOpen(project, 'bug', b.title);
            const bug = store.projects.addBug(
              project.id,
              b.title,
              b.severity,
              nowIso(deps),
              goalIdOf(ctx, b.goal),
              b.estimate ?? null,
              affects,
            );
            return { id: bug.id, added: { ...bug, projectName: project.name } };
          },
          (id) => ({ ...requireAdded(store.projects.bug(id), 'bug', id), projectName: project.name }),
        );
      });
    },

    bugs: (ctx: Ctx): Bug[] => store.projects.bugs(ctx.workspaceId),
  };
}

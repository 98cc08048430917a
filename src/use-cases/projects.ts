import { z } from 'zod';
import type { Ctx } from '../domain/ctx.js';
import {
  BUG_SEVERITIES,
  BUG_STATUSES,
  type Bug,
  FEATURE_STATUSES,
  type Feature,
  PROJECT_STATUSES,
  type Project,
} from '../domain/project.js';
import { type Loose, oneOf, positiveInt, slug, text, validate } from '../domain/validate.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';

const projectInput = z.object({
  name: text(120),
  description: z.string().max(2000, { error: 'at most 2000 characters' }).default(''),
  revenueBearing: z.boolean().default(false),
  focus: z.array(slug).default([]),
  status: oneOf(PROJECT_STATUSES).default('active'),
});

/** The goal a feature or bug serves, by its metric. */
const goalLink = { goal: slug.optional() };
const featureInput = z.object({
  title: text(300),
  status: oneOf(FEATURE_STATUSES).default('planned'),
  ...goalLink,
});
const bugInput = z.object({ title: text(300), severity: oneOf(BUG_SEVERITIES), ...goalLink });

export function createProjectUseCases(deps: UseCaseDeps) {
  const { store } = deps;

  /** @throws NotFoundError listing the known projects. */
  function requireProject(ctx: Ctx, name: string): Project {
    const project = store.projects.findByName(ctx.workspaceId, name);
    if (project) return project;
    const known = store.projects.list(ctx.workspaceId).map((p) => `"${p.name}"`);
    throw new NotFoundError(
      `unknown project "${name}"; ${known.length ? `projects are: ${known.join(', ')}` : 'there are no projects yet: add one from the command line, `goalpost project add "Name"`'}`,
    );
  }

  /** The id of the goal on `metric`. @throws NotFoundError listing the goals there are. */
  function goalIdOf(ctx: Ctx, metric: string | undefined): number | null {
    if (metric === undefined) return null;
    const goal = store.goals.find(ctx.workspaceId, metric);
    if (goal) return goal.id;
    const known = store.goals.list(ctx.workspaceId).map((g) => g.metric);
    throw new NotFoundError(
      `goal: unknown goal "${metric}"; ${known.length ? `goals track: ${known.join(', ')}` : 'there are no goals yet'}`,
    );
  }

  return {
    requireProject,
    list: (ctx: Ctx): Project[] => store.projects.list(ctx.workspaceId),

    add(ctx: Ctx, input: Loose<typeof projectInput>): Project {
      const p = validate(projectInput, input);
      if (p.focus.length > 0) {
        const vision = store.visions.active(ctx.workspaceId);
        const known = vision?.focusAreas ?? [];
        const unknown = p.focus.filter((f) => !known.includes(f));
        if (unknown.length > 0) {
          throw new ValidationError(
            `focus: unknown focus area "${unknown[0]}"; the vision's focus areas are: ${known.join(', ') || '(none yet: `goalpost vision set focus_areas a,b`)'}`,
            'focus',
          );
        }
      }
      return store.transaction(() => {
        if (store.projects.findByName(ctx.workspaceId, p.name)) {
          throw new ConflictError(`a project named "${p.name}" already exists`);
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
      });
    },

    /**
     * Moves a project to active, paused or done: only an active project's backlog is planned from.
     * @throws NotFoundError for an unknown project.
     */
    setStatus(ctx: Ctx, name: string, status: unknown): Project {
      const v = validate(z.object({ status: oneOf(PROJECT_STATUSES) }), { status });
      return store.transaction(() => {
        const project = requireProject(ctx, name);
        const now = nowIso(deps);
        store.projects.setStatus(project.id, v.status, now);
        return { ...project, status: v.status, updatedAt: now };
      });
    },

    addFeature(ctx: Ctx, projectName: string, input: Loose<typeof featureInput>): Feature {
      const f = validate(featureInput, input);
      return store.transaction(() => {
        const project = requireProject(ctx, projectName);
        return store.projects.addFeature(project.id, f.title, f.status, nowIso(deps), goalIdOf(ctx, f.goal));
      });
    },

    setFeatureStatus(ctx: Ctx, id: unknown, status: unknown): void {
      const v = validate(z.object({ id: positiveInt(3), status: oneOf(FEATURE_STATUSES) }), { id, status });
      const now = nowIso(deps);
      if (!store.transaction(() => store.projects.setFeatureStatus(ctx.workspaceId, v.id, v.status, now))) {
        throw new NotFoundError(
          `unknown feature ${v.id}; \`goalpost project show "Name"\` lists feature ids`,
        );
      }
    },

    features: (ctx: Ctx): Feature[] => store.projects.features(ctx.workspaceId),

    addBug(ctx: Ctx, projectName: string, input: Loose<typeof bugInput>): Bug {
      const b = validate(bugInput, input);
      return store.transaction(() => {
        const project = requireProject(ctx, projectName);
        return store.projects.addBug(project.id, b.title, b.severity, nowIso(deps), goalIdOf(ctx, b.goal));
      });
    },

    setBugStatus(ctx: Ctx, id: unknown, status: unknown): void {
      const v = validate(z.object({ id: positiveInt(3), status: oneOf(BUG_STATUSES) }), { id, status });
      const now = nowIso(deps);
      if (!store.transaction(() => store.projects.setBugStatus(ctx.workspaceId, v.id, v.status, now))) {
        throw new NotFoundError(`unknown bug ${v.id}; \`goalpost bug list\` shows bug ids`);
      }
    },

    bugs: (ctx: Ctx): Bug[] => store.projects.bugs(ctx.workspaceId),
  };
}

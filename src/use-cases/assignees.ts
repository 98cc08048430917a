import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { OPEN_STATUSES, TASK_CATEGORIES, type Task, withoutRoute } from '../domain/task.js';
import { count, type Loose, lazySchema, oneOf, validate } from '../domain/validate.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import {
  type Assignee,
  type AssigneeChanges,
  type AssigneeProject,
  inCategoryOrder,
} from '../store/assignee-repository.js';
import { kindsText, scopeMiss } from './assignee-scope.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
import type { createProjectUseCases } from './projects.js';
import { recordStep } from './record-step.js';

const kind = lazySchema(() => oneOf(['person', 'worker'] as const));
const capacity = lazySchema(() => count().pipe(z.number().max(100, { error: 'at most 100 open tasks' })));
const slackUser = lazySchema(() =>
  z.string().regex(/^[UW][A-Z0-9]{2,20}$/, {
    error: (i) => `a Slack user id like U024BE7LH (got ${JSON.stringify(i.input)})`,
  }),
);
const discordUser = lazySchema(() =>
  z.string().regex(/^\d{15,21}$/, {
    error: (i) => `a Discord user id like 80351110224678912 (got ${JSON.stringify(i.input)})`,
  }),
);

/**
 * What to do with work still under way with someone who stops taking it: finish it, or hand it to
 * someone else (a worker's claim goes back to the queue instead). `refs` name the tasks.
 */
export function handOn(refs: readonly string[]): string {
  const it = refs.length > 1 ? 'them' : 'it';
  return `finish ${it} (\`goalpost done|fail <ref>\`) or hand ${it} to someone else (\`goalpost assign <ref> <name>\`; one a worker claimed: \`goalpost queue release <ref>\`)`;
}

/** A GitHub login: letters, digits and single hyphens, up to 39. */
const githubLogin = lazySchema(() =>
  z.string().regex(/^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/, {
    error: (i) => `a GitHub login like octocat (got ${JSON.stringify(i.input)})`,
  }),
);

/** What an assignee's name may be: it is typed in commands and mentioned in chat. */
const ASSIGNEE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const assigneeInput = lazySchema(() =>
  z.object({
    name: z
      .string({ error: 'a name like dev_worker1' })
      .trim()
      .regex(ASSIGNEE_NAME, {
        error: (i) =>
          `ASCII letters, digits and _.- (first a letter or digit), like dev_worker1 (got ${JSON.stringify(i.input)})`,
      }),
    kind: kind().default('person'),
    capacity: capacity().default(3),
    slack: slackUser().optional(),
    discord: discordUser().optional(),
    github: githubLogin().optional(),
    projects: projectNames().optional(),
    categories: categoryNames().optional(),
  }),
);

/** The kinds of work (task categories) an assignee takes; an empty list: any kind. */
const categoryNames = lazySchema(() =>
  z.array(oneOf(TASK_CATEGORIES), { error: 'a list of kinds of work' }).max(TASK_CATEGORIES.length * 4, {
    error: `at most the ${TASK_CATEGORIES.length} kinds of work`,
  }),
);

/** The projects an assignee works on, by name; an empty list: any project. */
const projectNames = lazySchema(() =>
  z
    .array(z.string().trim().min(1, { error: 'a project name' }), { error: 'a list of project names' })
    .max(100, { error: 'at most 100 projects' }),
);

/** What `assignee set` may change; `false` for a platform user unlinks it (`--no-slack`). */
const changesInput = lazySchema(() =>
  z.object({
    kind: kind().optional(),
    capacity: capacity().optional(),
    slack: slackUser().or(z.literal(false)).optional(),
    discord: discordUser().or(z.literal(false)).optional(),
    github: githubLogin().or(z.literal(false)).optional(),
    projects: projectNames().optional(),
    categories: categoryNames().optional(),
  }),
);

/**
 * One field `assignee set` changed, in the words `assignee list` uses (projects and categories:
 * joined, or null for any).
 */
export interface AssigneeChange {
  field: 'kind' | 'capacity' | 'slack' | 'discord' | 'github' | 'projects' | 'categories';
  from: string | number | null;
  to: string | number | null;
}

/**
 * What `assignee set` did: each field that changed and, when the projects they work on or the
 * kinds of work they take changed, the proposed and approved tasks no longer theirs to take that
 * it routed to nobody, and those they still hold (in progress).
 */
export interface AssigneeUpdate {
  assignee: Assignee;
  changed: AssigneeChange[];
  unassigned: string[];
  stillHolds: string[];
}

/** What `assignee remove` did: the assignee it removed and the open tasks it unassigned. */
export interface AssigneeRemoval {
  assignee: Assignee;
  unassigned: string[];
}

const FIELDS = {
  kind: 'kind',
  capacity: 'capacity',
  slackUser: 'slack',
  discordUser: 'discord',
  githubLogin: 'github',
  projects: 'projects',
  categories: 'categories',
} as const;

/** An assignee's projects as `assignee list` and a change say them: names joined, null for any. */
export const projectsText = (projects: readonly AssigneeProject[]): string | null =>
  projects.length === 0 ? null : projects.map((p) => p.name).join(', ');

/** Who works where, as the lists of assignees say it: the projects' names, or `any project`. */
export const worksOn = (projects: readonly AssigneeProject[]): string =>
  projectsText(projects) ?? 'any project';

/** @throws ConflictError when another assignee of the workspace has GitHub login `login`. */
function requireFreeLogin(store: UseCaseDeps['store'], ctx: Ctx, login: string, self: number | null): void {
  const holder = store.assignees.findByGitHub(ctx.workspaceId, login);
  if (holder && holder.id !== self) {
    throw new ConflictError(`GitHub login ${login} is already ${holder.name}'s; nothing was changed`);
  }
}

/**
 * The assignee named `name` in the caller's workspace: the one place that says it is unknown.
 * @throws NotFoundError listing the assignees there are and how to add this one.
 */
export function requireAssignee(store: UseCaseDeps['store'], ctx: Ctx, name: string): Assignee {
  const found = store.assignees.find(ctx.workspaceId, name);
  if (found) return found;
  throw unknownAssignee(store, ctx, name);
}

/**
 * The name the assignee `name` was added under (names match ignoring case), for what is recorded
 * under it: a decision reads that one column rather than the whole assignee.
 * @throws NotFoundError as requireAssignee.
 */
export function registeredAssignee(store: UseCaseDeps['store'], ctx: Ctx, name: string): string {
  const found = store.assignees.registeredName(ctx.workspaceId, name);
  if (found !== null) return found;
  throw unknownAssignee(store, ctx, name);
}

function unknownAssignee(store: UseCaseDeps['store'], ctx: Ctx, name: string): NotFoundError {
  const known = store.assignees.list(ctx.workspaceId).map((a) => a.name);
  const there = known.length ? `the assignees are ${known.join(', ')}` : 'there are none yet';
  // Only a name that could be added is offered as typed: the hint is never a command that fails.
  const add = ASSIGNEE_NAME.test(name)
    ? `add them with \`goalpost assignee add ${name}\` (\`--kind worker\` for an agent)`
    : 'add one with `goalpost assignee add <name>` (a name of ASCII letters, digits and _.-, like jose; `--kind worker` for an agent)';
  return new NotFoundError(`unknown assignee "${name}"; ${there}; ${add}`);
}

export function createAssigneeUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
  projects: Pick<ReturnType<typeof createProjectUseCases>, 'requireProject'>,
) {
  const { store } = deps;

  /**
   * The projects named, as the workspace spells them, each once, in the order the store lists them
   * (by name, ASCII case aside, as SQLite's NOCASE). @throws NotFoundError for an unknown one.
   */
  function projectsNamed(ctx: Ctx, names: readonly string[]): AssigneeProject[] {
    const found = new Map<number, AssigneeProject>();
    for (const name of names) {
      const p = projects.requireProject(ctx, name);
      found.set(p.id, { id: p.id, name: p.name });
    }
    const folded = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    return [...found.values()].sort((a, b) => {
      const x = folded(a.name);
      const y = folded(b.name);
      return x < y ? -1 : x > y ? 1 : a.id - b.id;
    });
  }

  /** The workspace's open tasks routed to `a` (names compare as the table does, ignoring case). */
  function openTasksOf(ctx: Ctx, a: Assignee): Task[] {
    return store.tasks
      .list(ctx.workspaceId, { status: [...OPEN_STATUSES], limit: 1_000_000 })
      .filter((t) => t.assignee !== null && t.assignee.toLowerCase() === a.name.toLowerCase());
  }

  /**
   * Routes a task of `name` to nobody, with a step saying `why`; its Route line says so too (a card
   * or `task show` naming them beside no assignee read as a contradiction), and what happens next.
   */
  function unassign(ctx: Ctx, t: Task, name: string, why: string, now: string): void {
    store.tasks.setAssignee(t.id, null, now);
    const next =
      t.status === 'proposed'
        ? 'the next saved plan routes it again'
        : 'whoever works on its project may claim it from the queue';
    store.tasks.reroute(t.id, null, [
      ...withoutRoute(t.reasoning),
      `Route: ${why}, so nobody holds it: ${next}`,
    ]);
    recordStep(
      store,
      ctx,
      t,
      { type: 'unassigned', to: t.status, note: why, data: { from: name, to: null } },
      now,
    );
  }

  return {
    list: (ctx: Ctx): Assignee[] => store.assignees.list(ctx.workspaceId),

    /** The assignee named `name`. @throws NotFoundError listing the assignees there are. */
    require: (ctx: Ctx, name: string): Assignee => requireAssignee(store, ctx, name),
    /**
     * Adds a person or worker agent tasks can be routed to. Needs admin: who takes work is the
     * team's setup, like roles.
     * @throws ValidationError naming the field; ForbiddenError unless admin; ConflictError for a taken name.
     */
    add(ctx: Ctx, input: Loose<ReturnType<typeof assigneeInput>>): Assignee {
      const a = validate(assigneeInput(), input);
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'adding assignees');
        // Names match ignoring case: the error names the one there is, as registered.
        const taken = store.assignees.find(ctx.workspaceId, a.name);
        if (taken) {
          const same = taken.name === a.name ? '' : ` (names match ignoring case, so "${a.name}" is taken)`;
          throw new ConflictError(
            `an assignee named "${taken.name}" already exists${same}; change it with \`goalpost assignee set ${taken.name}\``,
          );
        }
        if (a.github !== undefined) requireFreeLogin(store, ctx, a.github, null);
        return store.assignees.add(
          {
            workspaceId: ctx.workspaceId,
            name: a.name,
            kind: a.kind,
            capacity: a.capacity,
            slackUser: a.slack ?? null,
            discordUser: a.discord ?? null,
            githubLogin: a.github ?? null,
            projects: projectsNamed(ctx, a.projects ?? []),
            categories: inCategoryOrder(a.categories ?? []),
          },
          nowIso(deps),
        );
      });
    },

    /**
     * Changes an assignee's kind, capacity or linked platform users; the name stays, since its
     * history and routing statistics go by it.
     * @throws ValidationError when nothing is given to change or a value is bad; NotFoundError.
     */
    set(ctx: Ctx, name: string, input: Loose<ReturnType<typeof changesInput>>): AssigneeUpdate {
      const c = validate(changesInput(), input);
      if (Object.values(c).every((v) => v === undefined)) {
        throw new ValidationError(
          'nothing to change: give a kind, a capacity, a Slack user, Discord user or GitHub login, the projects they work on, or the kinds of work they take',
        );
      }
      return store.transaction(() => {
        const a = requireAssignee(store, ctx, name);
        const next: AssigneeChanges = {
          kind: c.kind ?? a.kind,
          capacity: c.capacity ?? a.capacity,
          slackUser: c.slack === undefined ? a.slackUser : c.slack || null,
          discordUser: c.discord === undefined ? a.discordUser : c.discord || null,
          githubLogin: c.github === undefined ? a.githubLogin : c.github || null,
          projects: c.projects === undefined ? a.projects : projectsNamed(ctx, c.projects),
          categories: c.categories === undefined ? a.categories : inCategoryOrder(c.categories),
        };
        if (next.githubLogin !== null) requireFreeLogin(store, ctx, next.githubLogin, a.id);
        const said = (k: keyof AssigneeChanges, v: Pick<AssigneeChanges, typeof k>) =>
          k === 'projects' ? projectsText(v.projects) : k === 'categories' ? kindsText(v.categories) : v[k];
        const changed = (Object.keys(FIELDS) as Array<keyof AssigneeChanges>)
          .filter((k) => said(k, next) !== said(k, a))
          .map((k) => ({ field: FIELDS[k], from: said(k, a), to: said(k, next) }));
        if (changed.length === 0) return { assignee: a, changed, unassigned: [], stillHolds: [] };
        // Work of projects they no longer work on, or of kinds they no longer take, is not theirs
        // to take: proposed and approved tasks go back to nobody (routed again by the next plan, or
        // claimed by whoever may take them); what they have under way stays theirs, named.
        // Only when the projects or kinds change, and only work the old ones took: work given them
        // by hand outside those (`assign`) stays theirs, as nothing they took was taken away.
        const scoped = changed.some((c) => c.field === 'projects' || c.field === 'categories');
        const scope = { name: a.name, projects: next.projects, categories: next.categories };
        const was = { name: a.name, projects: a.projects, categories: a.categories };
        const elsewhere = (scoped ? openTasksOf(ctx, a) : []).flatMap((t) => {
          const miss = scopeMiss(scope, t);
          return miss === null || scopeMiss(was, t) !== null ? [] : [{ t, miss }];
        });
        const now = nowIso(deps);
        const unassigned: string[] = [];
        for (const { t, miss } of elsewhere) {
          if (t.status === 'in_progress') continue;
          const why =
            miss === 'project'
              ? `${a.name} no longer works on ${t.projectName ?? 'its project'}`
              : `${a.name} no longer takes ${t.category} work`;
          unassign(ctx, t, a.name, why, now);
          unassigned.push(t.ref);
        }
        const stillHolds = elsewhere.filter(({ t }) => t.status === 'in_progress').map(({ t }) => t.ref);
        return { assignee: store.assignees.update(a.id, next), changed, unassigned, stillHolds };
      });
    },

    /**
     * Removes an assignee from routing. Work it holds (in progress) must be finished or given back
     * first; its proposed and approved tasks are unassigned (any worker may claim them once
     * approved), each with a step in its log. Its past outcomes stay in the history and statistics.
     * @throws ConflictError naming the tasks it still works on; NotFoundError.
     */
    remove(ctx: Ctx, name: string): AssigneeRemoval {
      return store.transaction(() => {
        const a = requireAssignee(store, ctx, name);
        const open = openTasksOf(ctx, a);
        const held = open.filter((t) => t.status === 'in_progress').map((t) => t.ref);
        if (held.length > 0) {
          throw new ConflictError(
            `${a.name} still works on ${held.join(', ')} (in progress): ${handOn(held)} first; nothing was removed`,
          );
        }
        const now = nowIso(deps);
        for (const t of open) unassign(ctx, t, a.name, `${a.name} was removed as an assignee`, now);
        store.assignees.remove(a.id);
        return { assignee: a, unassigned: open.map((t) => t.ref) };
      });
    },
  };
}

import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import {
  type BatchTask,
  type Bug,
  type Feature,
  fixedClock,
  type Goalpost,
  type OpenedGoalpost,
  type OpenGoalpostOptions,
  openGoalpost,
  type Project,
  silentLogger,
} from '../../src/index.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** Scenario tests are judged on the Saturday of the fixtures (the same time as the CLI tests'). */
export const NOW = '2026-11-21T09:00:00Z';

/** The product lead, at the CLI (admin). */
export const LEAD = declaredCtx({ workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' });

/** NEW: the backlog item a task was made from (null for playbook and planning tasks). */
export type BacklogRef = { kind: 'feature' | 'bug'; id: number };
export type PlannedTask = BatchTask & { item: BacklogRef | null };

/** NEW option of `openGoalpost`: GOALPOST_REJECT_COOLDOWN_DAYS. */
export interface OpenOptions {
  rejectCooldownDays?: number;
  /** How routing learns (a scenario that needs a deterministic pick sets the greedy policy). */
  learning?: OpenGoalpostOptions['learning'];
}

/**
 * A team's Goalpost on a real file: `open` starts a fresh database (once per test), `reopen`
 * closes it and opens the same file at a later time (how these tests move the clock).
 */
export function useTeam() {
  const tempDir = useTempDir();
  let current: OpenedGoalpost | null = null;
  let dbPath = '';
  afterEach(() => {
    current?.close();
    current = null;
  });
  function start(now: string, options: OpenOptions): Goalpost {
    current?.close();
    current = openGoalpost({ dbPath, clock: fixedClock(now), logger: silentLogger, ...options });
    current.app.context(LEAD);
    return current.app;
  }
  return {
    open(now = NOW, options: OpenOptions = {}): Goalpost {
      dbPath = join(tempDir(), 'goalpost.db');
      return start(now, options);
    },
    reopen: (now: string, options: OpenOptions = {}): Goalpost => start(now, options),
    /** The database file, for a row written as another version or another path would have written it. */
    path: (): string => dbPath,
  };
}

export interface ProjectSpec {
  name: string;
  revenueBearing?: boolean;
  focus: string[];
  /** NEW on `projects.add` (defaults to active). */
  status?: Project['status'];
  features?: Array<[string, Feature['status']]>;
  bugs?: Array<[string, Bug['severity']]>;
}

export interface GoalSpec {
  metric: string;
  target: number;
  unit: string;
  by: string;
  direction: 'up' | 'down';
  baseline: number;
  /** NEW: dollars per month one unit is worth. */
  value?: number;
  /** NEW: weight relative to the revenue milestone. */
  weight?: number;
  observed?: Array<[at: string, value: number]>;
}

export interface TeamSpec {
  vision: {
    statement: string;
    primary_goal: string;
    focus_areas: string[];
    revenue_targets: Record<string, number>;
    success_metrics?: Record<string, number>;
  };
  projects: ProjectSpec[];
  /** `month` is `YYYY-MM`; churn omitted means unknown. */
  revenue?: Array<{ project: string; month: string; actual: number; subscriptions?: number; churn?: number }>;
  goals?: GoalSpec[];
}

/** First and last day of a `YYYY-MM` month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Enters a team the way its lead would: vision, projects with backlog, revenue, goals. */
export function seedTeam(app: Goalpost, spec: TeamSpec): void {
  app.vision.update(LEAD, spec.vision);
  for (const p of spec.projects) {
    const input = {
      name: p.name,
      revenueBearing: p.revenueBearing ?? false,
      focus: p.focus,
      status: p.status,
    };
    app.projects.add(LEAD, input);
    for (const [title, status] of p.features ?? []) app.projects.addFeature(LEAD, p.name, { title, status });
    for (const [title, severity] of p.bugs ?? []) app.projects.addBug(LEAD, p.name, { title, severity });
  }
  for (const r of spec.revenue ?? []) {
    const { month, ...rest } = r;
    app.revenue.add(LEAD, { ...rest, ...monthRange(month) });
  }
  for (const { observed, ...goal } of spec.goals ?? []) {
    app.goals.add(LEAD, goal);
    for (const [at, value] of observed ?? []) app.goals.observe(LEAD, { metric: goal.metric, value, at });
  }
}

/** What the lead would see in a dry run of the next digest. */
export function plan(app: Goalpost, maxTasks = 5): PlannedTask[] {
  return app.engine.generate(LEAD, { dryRun: true, maxTasks }).tasks as PlannedTask[];
}

export const build = (title: string, project: string) => `Build '${title}' for ${project}`;
export const finish = (title: string, project: string) => `Finish '${title}' for ${project}`;
export const fix = (title: string, project: string) => `Fix '${title}' in ${project}`;
/** Work the team named by what to do ("Add a favicon") is called by its own words. */
export const own = (title: string, project: string) => `${title} for ${project}`;
export const ownFix = (title: string, project: string) => `${title} in ${project}`;

export const titles = (tasks: readonly PlannedTask[]) => tasks.map((t) => t.title);
export const lines = (tasks: readonly PlannedTask[]) => tasks.flatMap((t) => t.reasoning);
export const isPlanNextStep = (t: PlannedTask) => /plan the next step/i.test(t.title);
/** Made from one of the team's own features or bugs. */
export const fromBacklog = (t: PlannedTask) => t.item?.kind === 'feature' || t.item?.kind === 'bug';

export function projectNamed(app: Goalpost, name: string): Project {
  const project = app.projects.list(LEAD).find((p) => p.name === name);
  if (!project) throw new Error(`no project ${name}`);
  return project;
}

export function taskTitled(tasks: readonly PlannedTask[], title: string): PlannedTask {
  const task = tasks.find((t) => t.title === title);
  if (!task) throw new Error(`no task "${title}" among:\n  ${titles(tasks).join('\n  ')}`);
  return task;
}

/** Every task made from a backlog item is named by that item's own title and project, and points at it. */
export function expectNamedByTheirBacklogItems(app: Goalpost, tasks: readonly PlannedTask[]): void {
  const projects = new Map(app.projects.list(LEAD).map((p) => [p.id, p.name]));
  const features = app.projects.features(LEAD);
  const bugs = app.projects.bugs(LEAD);
  expect(tasks.some(fromBacklog), 'some tasks come from the backlog').toBe(true);
  for (const t of tasks) {
    if (!t.item) continue;
    const item =
      t.item.kind === 'feature'
        ? features.find((f) => f.id === t.item?.id)
        : bugs.find((b) => b.id === t.item?.id);
    expect(item, `${t.title}: its backlog item exists`).toBeDefined();
    if (!item) continue;
    const project = projects.get(item.projectId) ?? '?';
    expect(t.projectId, t.title).toBe(item.projectId);
    const expected =
      t.item.kind === 'bug'
        ? fix(item.title, project)
        : (item as Feature).status === 'in_progress'
          ? finish(item.title, project)
          : build(item.title, project);
    expect(t.title).toBe(expected);
  }
}

/**
 * Dollars a month a task is worth as its score weighs them: its share of the revenue at stake and
 * of the goals it serves, what a bug puts at risk of what its project earns now counted twice (its
 * reasoning says so). Not the whole stakes it shares in: a feature of a long backlog shares a
 * large gap with many others, and is worth its share.
 */
function dollarsOf(t: PlannedTask): number {
  const usd = (m: RegExpExecArray | null) => (m ? Number((m[1] ?? '0').replace(/,/g, '')) : 0);
  let more = 0;
  for (const line of t.reasoning) {
    more += usd(/^Revenue \$([\d,.]+)\/month: .*; earned now, it counts ×2 in the score(;|$)/.exec(line));
    more += usd(/^Goal value \$([\d,.]+)\/month \(not revenue\): /.exec(line));
  }
  return t.revenueImpact + more;
}

/** A task whose priority a tier rule moved (a blocker raised, a fill-in lowered), as its reasoning says. */
const movedByRule = (t: PlannedTask): boolean =>
  t.reasoning.some((line) => /(raised|lowered) from priority \d+ to \d+$/.test(line));

/**
 * Priorities are integers 0–10, and two tasks whose dollars (revenue, and the value of a goal they
 * serve, as the score weighs them) differ by 4× or more (and by at least $100, so pennies do not count) never share a
 * priority, unless a tier rule moved one of them and says so. A task with no dollars is not "4×
 * cheaper": it is ranked on its alignment with the vision (a high bug in an app the team does not
 * bill for), so it is not compared here.
 */
export function expectPrioritiesSpread(tasks: readonly PlannedTask[]): void {
  for (const t of tasks) {
    expect(Number.isInteger(t.priority), `${t.title}: integer priority`).toBe(true);
    expect(t.priority).toBeGreaterThanOrEqual(0);
    expect(t.priority).toBeLessThanOrEqual(10);
  }
  for (const a of tasks) {
    for (const b of tasks) {
      const [va, vb] = [dollarsOf(a), dollarsOf(b)];
      if (a === b || vb === 0 || va < 4 * vb || va - vb < 100 || movedByRule(a) || movedByRule(b)) continue;
      const why = `"${a.title}" ($${va}/mo) and "${b.title}" ($${vb}/mo) share P${a.priority}`;
      expect(a.priority, why).not.toBe(b.priority);
    }
  }
}

/** The reasoning opens with the business case in one sentence, then the arithmetic, and names `facts`. */
export function expectBusinessCaseFirst(task: PlannedTask, facts: RegExp): void {
  const [lead, ...terms] = task.reasoning;
  expect(lead, `${task.title}: reasoning opens with the business case`).toBeTypeOf('string');
  const sentences = (lead ?? '').trim().split(/[.!?]\s+(?=[A-Z])/);
  expect(sentences, `${task.title}: the business case is one sentence`).toHaveLength(1);
  expect(lead ?? '', 'the business case is words, not a formula').not.toMatch(/^[\s$\d(+−-]/);
  expect(
    terms.some((l) => /\d/.test(l)),
    `${task.title}: the arithmetic follows`,
  ).toBe(true);
  expect(task.reasoning.join('\n')).toMatch(facts);
}

import type { Ctx } from '../domain/ctx.js';
import type { FeatureStatus } from '../domain/project.js';
import { ConflictError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';

/** `YYYY-MM` of the month `offset` months after `now`'s (UTC). */
export function monthAfter(now: Date, offset: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

const DEMO_STATEMENT = 'Create revenue streams through useful applications';

interface DemoProject {
  name: string;
  description: string;
  revenueBearing: boolean;
  focus: string[];
  features: Array<[string, FeatureStatus]>;
}

/**
 * The seed's EDU example, whole: the vision, with milestones dated from today (3 and 6 months
 * out, never a fixed "month_3"); Basic EDU Apps, the revenue-bearing product whose payment work
 * the primary goal is about (no revenue yet: the seed's "$0 of $999"); and the team's supporting
 * projects.
 */
const DEMO_PROJECTS: DemoProject[] = [
  {
    name: 'Basic EDU Apps',
    description: 'Classroom apps for teachers and students, sold as monthly and annual subscriptions',
    revenueBearing: true,
    focus: ['payment_integration'],
    features: [
      ['Lesson library', 'done'],
      ['Student progress tracking', 'done'],
      ['Teacher accounts', 'done'],
      ['Stripe checkout for subscription tiers', 'in_progress'],
      ['Pricing page with monthly and annual plans', 'planned'],
      ['Subscription admin dashboard', 'planned'],
    ],
  },
  {
    name: 'Architect Dashboard',
    description: 'Internal dashboard that shows every worker session and its queue',
    revenueBearing: false,
    focus: ['automation'],
    features: [
      ['Session list', 'done'],
      ['Queue view', 'done'],
      ['Task history', 'done'],
      ['Live logs', 'done'],
      ['Alerting', 'in_progress'],
    ],
  },
  {
    name: 'Self-Healing Orchestrator',
    description: 'Restarts stuck worker sessions and replays their tasks',
    revenueBearing: false,
    focus: ['self_healing'],
    features: [
      ['Health probes', 'done'],
      ['Automatic restart', 'planned'],
      ['Replay of interrupted tasks', 'planned'],
    ],
  },
];

export function createDemoUseCases(deps: UseCaseDeps) {
  const { store, clock } = deps;
  return {
    /**
     * Loads the demo into an empty workspace; a workspace that already holds it is left as it is
     * (`loaded: false`).
     * @throws ConflictError when the workspace holds other data.
     */
    load(ctx: Ctx): { loaded: boolean; projects: number; features: number } {
      return store.transaction(() => {
        const vision = store.visions.active(ctx.workspaceId);
        const names = new Set(store.projects.list(ctx.workspaceId).map((p) => p.name));
        if (vision?.statement === DEMO_STATEMENT && DEMO_PROJECTS.every((p) => names.has(p.name))) {
          return { loaded: false, projects: DEMO_PROJECTS.length, features: 0 };
        }
        if (vision || names.size > 0) {
          throw new ConflictError(
            `workspace ${ctx.workspaceId} already has data; the demo only loads into an empty one (use another --db or --workspace)`,
          );
        }
        const now = clock.now();
        const at = nowIso(deps);
        store.visions.save(
          {
            workspaceId: ctx.workspaceId,
            statement: DEMO_STATEMENT,
            primaryGoal: 'Launch Basic EDU Apps with payment integration',
            focusAreas: ['payment_integration', 'automation', 'self_healing'],
            revenueTargets: { [monthAfter(now, 3)]: 999, [monthAfter(now, 6)]: 1498 },
            successMetrics: { subscriptions: 100, mrr: 999, satisfaction: 4.5, uptime: 99.5 },
          },
          ctx.actor,
          at,
        );
        let features = 0;
        for (const p of DEMO_PROJECTS) {
          const project = store.projects.add(
            {
              workspaceId: ctx.workspaceId,
              name: p.name,
              description: p.description,
              revenueBearing: p.revenueBearing,
              focusAreas: p.focus,
            },
            at,
          );
          for (const [title, status] of p.features) {
            store.projects.addFeature(project.id, title, status, at);
            features += 1;
          }
        }
        return { loaded: true, projects: DEMO_PROJECTS.length, features };
      });
    },
  };
}

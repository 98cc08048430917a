import type { Route } from './router.js';
import { backlogRoutes } from './routes-backlog.js';
import { engineRoutes } from './routes-engine.js';
import { publicRoutes } from './routes-public.js';
import { taskRoutes } from './routes-tasks.js';
import { workRoutes } from './routes-work.js';

/** Every route the API serves: the API document describes these, and a test holds the README's table to them. */
export const apiRoutes: readonly Route[] = [
  ...publicRoutes,
  ...engineRoutes,
  ...taskRoutes,
  ...workRoutes,
  ...backlogRoutes,
];

import { rewriteCommandHints } from '../../src/index.js';

/**
 * The routes that do what a command-line hint names, word for word: a message from the core names
 * the commands it suggests as the command line types them (`` `goalpost tasks` lists them ``); an
 * API caller gets the route instead. Only whole hints: `goalpost goal set …` is no `GET`.
 */
const ROUTES: ReadonlyMap<string, string> = new Map([
  ['goals', 'GET /api/goals'],
  ['goal list', 'GET /api/goals'],
  ['assignee list', 'GET /api/assignees'],
  ['tasks', 'GET /api/tasks'],
  ['queue', 'GET /api/queue'],
  ['state', 'GET /api/goal-engine/state'],
  ['vision show', 'GET /api/goal-engine/vision'],
  ['revenue show', 'GET /api/goal-engine/revenue'],
  ['learn', 'POST /api/goal-engine/learn'],
  ['project', 'GET /api/projects'],
  ['project list', 'GET /api/projects'],
]);

/**
 * A message from the core in the API's words: a command-line hint the API has a route for names
 * that route (`` `GET /api/tasks` lists them ``); any other is said to be the command line's.
 */
export function apiSyntax(text: string): string {
  return rewriteCommandHints(text, (rest) => {
    const words = rest.trim().split(/\s+/);
    const route = ROUTES.get(words.join(' ')) ?? WRITES.get(words.slice(0, 2).join(' '))?.(words[2] ?? '');
    return route === undefined ? null : `\`${route}\``;
  });
}

/** A goal's metric as a path segment: `` `goalpost goal set <metric>` `` names it as typed. */
const goalPath = (metric: string): string =>
  metric === '' || metric.startsWith('<') ? ':metric' : encodeURIComponent(metric);

/**
 * A project's name as a path segment: a one-word name as typed (`Quizzly`), any other as the
 * route writes it (`"Name"`, `<project>`, or a quoted name of several words: `:name`).
 */
const projectPath = (name: string): string =>
  name === '' || /^["'<“‘]/.test(name) ? ':name' : encodeURIComponent(name);

/**
 * Commands with arguments a route takes as its body or path, by their first two words:
 * `goalpost goal add signups --target 100 …`, `goalpost goal set signups --target 120`.
 */
const WRITES: ReadonlyMap<string, (metric: string) => string> = new Map([
  ['goal add', () => 'POST /api/goals'],
  ['goal set', (metric: string) => `POST /api/goals/${goalPath(metric)}`],
  ['goal archive', (metric: string) => `POST /api/goals/${goalPath(metric)}/archive`],
  ['project add', () => 'POST /api/projects'],
  ['project show', (name: string) => `GET /api/projects/${projectPath(name)}`],
  ['feature add', (name: string) => `POST /api/projects/${projectPath(name)}/features`],
  ['bug add', (name: string) => `POST /api/projects/${projectPath(name)}/bugs`],
]);

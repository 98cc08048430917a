import { compareText, distance } from '../domain/compare-text.js';
import { ENV_VARIABLES } from './env-schema.js';

/**
 * GOALPOST_ names read outside the config schema: the token `worker --api` sends, and what a
 * worker gives each task's command (which may run `goalpost` itself, in that environment).
 */
export const NAMES_READ_ELSEWHERE = [
  'GOALPOST_TOKEN',
  'GOALPOST_TASK_REF',
  'GOALPOST_TASK_TITLE',
  'GOALPOST_TASK_CATEGORY',
  'GOALPOST_TASK_PROJECT',
  'GOALPOST_TASK_REASONING',
  'GOALPOST_TASK_ATTEMPT',
] as const;

/** Names other tools give what Goalpost calls otherwise, too far apart in spelling to be found. */
const ALSO_CALLED: Readonly<Record<string, string>> = {
  GOALPOST_DATABASE: 'GOALPOST_DB',
  GOALPOST_DATABASE_PATH: 'GOALPOST_DB',
  GOALPOST_DB_PATH: 'GOALPOST_DB',
  GOALPOST_DB_FILE: 'GOALPOST_DB',
};

/** A name set that Goalpost does not know, and what it most likely meant. */
export interface UnknownSetting {
  variable: string;
  message: string;
}

/**
 * The GOALPOST_ names in `present` that Goalpost does not read: a misspelt setting would
 * otherwise be ignored without a word, and the default used (a database in ./data instead of the
 * one meant). Other names are the environment's own, and left alone.
 */
export function unknownSettings(present: Readonly<Record<string, unknown>>): UnknownSetting[] {
  const known = new Set<string>([...Object.keys(ENV_VARIABLES), ...NAMES_READ_ELSEWHERE]);
  return Object.keys(present)
    .filter((name) => name.startsWith('GOALPOST_') && !known.has(name) && !platformsOwn(name, present[name]))
    .sort()
    .map((name) => {
      const near = ALSO_CALLED[name] ?? nearest(name, [...known]);
      return {
        variable: name,
        message: `not a Goalpost setting${near === null ? ' (the README’s Configuration lists them)' : `; did you mean ${near}?`}`,
      };
    });
}

/** The services whose settings share a prefix with names other tools give theirs. */
const SERVICE_PREFIXES = ['SLACK_', 'DISCORD_', 'GITHUB_', 'STRIPE_'] as const;

/**
 * The names among `dotEnv` (what the `.env` file sets) under SLACK_, DISCORD_, GITHUB_ or STRIPE_
 * that are a couple of edits from a setting of Goalpost's and are not one: `STRIPE_WEBHOOK_SECERT`
 * left the Stripe webhook off without a word. Only a near miss, and only in `.env`: CI systems set
 * many GITHUB_ variables of their own, and a `.env` shared with other tools holds theirs
 * (`STRIPE_API_KEY`, `GITHUB_USER`), some of them near misses too (`SLACK_API_TOKEN`,
 * `GITHUB_TOKEN_2`): loadConfig warns of these, and refuses only GOALPOST_ names.
 */
export function misspeltServiceSettings(dotEnv: readonly string[]): UnknownSetting[] {
  const known = Object.keys(ENV_VARIABLES);
  return dotEnv
    .filter((name) => !known.includes(name))
    .flatMap((name) => {
      const prefix = SERVICE_PREFIXES.find((p) => name.startsWith(p));
      if (prefix === undefined) return [];
      const near = nearestOfService(name, prefix, known);
      return near === null
        ? []
        : [{ variable: name, message: `not a Goalpost setting; did you mean ${near}?` }];
    })
    .sort((a, b) => compareText(a.variable, b.variable));
}

/** The setting under `prefix` one edit from `name` (two when what follows the prefix is longer). */
function nearestOfService(name: string, prefix: string, known: readonly string[]): string | null {
  const allowed = name.length - prefix.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | null = null;
  for (const candidate of known) {
    if (!candidate.startsWith(prefix)) continue;
    const d = distance(name, candidate, allowed + 1);
    if (d <= allowed && (best === null || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best?.name ?? null;
}

/**
 * Names a platform gives a service called goalpost, in every container near it: Kubernetes'
 * service links (`GOALPOST_SERVICE_HOST`, `GOALPOST_SERVICE_PORT_HTTP`, `GOALPOST_PORT_3000_TCP_ADDR`
 * and `GOALPOST_PORT=tcp://10.96.0.12:3000`), Docker's legacy links (`GOALPOST_NAME`,
 * `GOALPOST_ENV_…`). They are no misspelt settings: refused, the bot never started beside its own
 * Service.
 */
const LINKS =
  /^GOALPOST_(SERVICE_HOST|SERVICE_PORT(_\w+)?|PORT_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?|NAME|ENV_\w+)$/;

function platformsOwn(name: string, value: unknown): boolean {
  if (LINKS.test(name)) return true;
  return name === 'GOALPOST_PORT' && typeof value === 'string' && /^(tcp|udp|sctp):\/\//.test(value);
}

/**
 * The known name closest to `name` within a few edits, comparing what follows GOALPOST_ (so
 * GOALPOST_PORT finds PORT); null when none is that close.
 */
function nearest(name: string, known: readonly string[]): string | null {
  const word = name.slice('GOALPOST_'.length);
  let best: { name: string; distance: number } | null = null;
  for (const candidate of known) {
    const other = candidate.startsWith('GOALPOST_') ? candidate.slice('GOALPOST_'.length) : candidate;
    const d = distance(word, other);
    if (best === null || d < best.distance) best = { name: candidate, distance: d };
  }
  const allowed = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 4));
  return best !== null && best.distance <= allowed ? best.name : null;
}

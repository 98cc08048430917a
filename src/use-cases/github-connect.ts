import type { Ctx } from '../domain/ctx.js';
import {
  type ConnectInput,
  DEFAULT_BUG_LABELS,
  DEFAULT_SEVERITY_LABELS,
  DEFAULT_UPKEEP_LABELS,
  foreignHostProblem,
  type GitHubRepoLink,
  parseRepoName,
  parseRepoSpec,
} from '../domain/github.js';
import { BUG_SEVERITIES, type BugSeverity } from '../domain/project.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Store } from '../store/create-store.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
import type { createProjectUseCases } from './projects.js';

/** A connect request checked before anyone asks GitHub: the repository named, the label maps parsed. */
export interface ConnectPlan {
  fullName: string;
  project: string;
  bugLabels: string[];
  severityLabels: Record<string, BugSeverity>;
  upkeepLabels: string[];
  exportTasks: boolean;
  /** Export is on because the repository, connected again, had it on and the request said nothing of it. */
  exportKept: boolean;
}

/** The repository as GitHub answered for it: how it spells its name, and its page. */
export interface VerifiedRepo {
  fullName: string;
  htmlUrl: string;
  /** The GitHub App installation that reaches it, when the connector signs in as an App. */
  installationId?: number;
}

/**
 * A repository's link as connecting it would leave it, before anything is written: what its first
 * sync reads GitHub with (see previewConnect).
 */
export type ConnectingLink = Pick<
  RepoLinkView,
  'fullName' | 'projectName' | 'cursor' | 'etag' | 'milestonesEtag' | 'reread'
>;

/** A linked repository, with the name of its project. */
export interface RepoLinkView extends GitHubRepoLink {
  projectName: string;
}

const MAX_LABELS = 50;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a label holds no control character.
const LABEL = /^[^,=\u0000-\u001f\u007f-\u009f\u2028\u2029]{1,50}$/;

/** What a list of labels is for, as its refusals name it. */
const LABEL_LISTS = {
  bugLabels: { what: 'bug labels', like: 'bug,type: bug' },
  upkeepLabels: { what: 'upkeep labels', like: 'chore,documentation' },
} as const;

/**
 * `bug, type: bug` → lowercase labels. Upkeep labels may be `none` (no issue is upkeep); an issue
 * is a bug or a feature, so bug labels may not. @throws ValidationError naming the bad one.
 */
function parseLabels(text: string, field: keyof typeof LABEL_LISTS): string[] {
  const { what, like } = LABEL_LISTS[field];
  const labels = text
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  if (field === 'upkeepLabels' && labels.includes('none')) {
    if (labels.length === 1) return [];
    throw new ValidationError(`${what}: none means no label; give it alone, or the labels`, field);
  }
  if (labels.length === 0) {
    const none = field === 'upkeepLabels' ? ', or none' : '';
    throw new ValidationError(`${what}: give at least one, like "${like}"${none}`, field);
  }
  if (labels.length > MAX_LABELS) throw new ValidationError(`${what}: at most ${MAX_LABELS}`, field);
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined)
    throw new ValidationError(`${what}: "${bad}" is not a label (1–50 characters)`, field);
  return [...new Set(labels)];
}

/**
 * `P0=critical, sev:low=low` → label → severity (lowercase labels, as issues' labels are matched).
 * @throws ValidationError naming the entry that does not parse, or a label given two severities.
 */
function parseSeverityLabels(text: string): Record<string, BugSeverity> {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) {
    throw new ValidationError(
      'severity labels: give label=severity pairs, like "P0=critical,P1=high"',
      'severityLabels',
    );
  }
  if (entries.length > MAX_LABELS)
    throw new ValidationError(`severity labels: at most ${MAX_LABELS}`, 'severityLabels');
  // No prototype: a label named `constructor` or `__proto__` is a label like any other.
  const map: Record<string, BugSeverity> = Object.create(null);
  const typed = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.lastIndexOf('=');
    const label = entry.slice(0, eq).trim().toLowerCase();
    const severity = entry
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (eq < 0 || !LABEL.test(label) || !(BUG_SEVERITIES as readonly string[]).includes(severity)) {
      throw new ValidationError(
        `severity labels: "${entry}" is not label=severity (severity one of ${BUG_SEVERITIES.join(', ')}), like "P0=critical"`,
        'severityLabels',
      );
    }
    // Only one of two severities could count, and which is no one's guess: the person says.
    const before = map[label];
    if (before !== undefined && before !== severity) {
      throw new ValidationError(
        `severity labels: "${typed.get(label)}" is given two severities, ${before} and ${severity}; give it one`,
        'severityLabels',
      );
    }
    map[label] = severity as BugSeverity;
    if (!typed.has(label)) typed.set(label, entry.slice(0, eq).trim());
  }
  return map;
}

/**
 * Whether connecting `existing` again to project `projectId` as `plan` gives its labels (or its
 * project) other meanings: the same issues make other items, so every open one is read again.
 */
function relabelled(existing: GitHubRepoLink, projectId: number, plan: ConnectPlan): boolean {
  return (
    existing.projectId !== projectId ||
    JSON.stringify(existing.bugLabels) !== JSON.stringify(plan.bugLabels) ||
    JSON.stringify(existing.severityLabels) !== JSON.stringify(plan.severityLabels) ||
    JSON.stringify(existing.upkeepLabels) !== JSON.stringify(plan.upkeepLabels)
  );
}

/** The link of repository `repo` (`owner/name`, or its URL) in the caller's workspace; null when none. */
export function findRepo(store: Store, ctx: Ctx, repo: string): GitHubRepoLink | null {
  return store.github.findRepo(ctx.workspaceId, parseRepoName(repo) ?? repo);
}

/** The link of repository `repo` in the caller's workspace. @throws NotFoundError listing the connected ones. */
export function requireRepo(store: Store, ctx: Ctx, repo: string): GitHubRepoLink {
  const link = findRepo(store, ctx, repo);
  if (link) return link;
  const fullName = parseRepoName(repo) ?? repo;
  const known = store.github.listRepos(ctx.workspaceId).map((r) => r.fullName);
  throw new NotFoundError(
    `${fullName} is not connected; ${known.length ? `connected: ${known.join(', ')}` : 'connect one with `goalpost github connect owner/repo --project "Name"`'}`,
  );
}

/** Connecting a repository to a project, and the links the workspace has. */
export function createGitHubConnectUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
  projects: ReturnType<typeof createProjectUseCases>,
) {
  const { store } = deps;

  function connect(
    ctx: Ctx,
    plan: ConnectPlan,
    repo: VerifiedRepo,
  ): { link: RepoLinkView; created: boolean } {
    return store.transaction(() => {
      members.authorize(ctx, 'admin', 'connecting GitHub');
      const project = projects.requireProject(ctx, plan.project);
      const settings = {
        projectId: project.id,
        htmlUrl: repo.htmlUrl,
        bugLabels: plan.bugLabels,
        severityLabels: plan.severityLabels,
        upkeepLabels: plan.upkeepLabels,
        exportTasks: plan.exportTasks,
        installationId: repo.installationId ?? null,
      };
      const existing = store.github.findRepo(ctx.workspaceId, repo.fullName);
      if (existing) {
        store.github.updateRepo(existing.id, settings);
        const again = relabelled(existing, project.id, plan);
        if (again) store.github.resetSync(existing.id);
        const reread = again ? { reread: true, etag: null } : {};
        return { link: { ...existing, ...settings, ...reread, projectName: project.name }, created: false };
      }
      const link = store.github.addRepo(
        { workspaceId: ctx.workspaceId, fullName: repo.fullName, createdBy: ctx.actor, ...settings },
        nowIso(deps),
      );
      return { link: { ...link, projectName: project.name }, created: true };
    });
  }

  return {
    /** The link of repository `repo` in the caller's workspace. @throws NotFoundError listing the connected ones. */
    requireRepo: (ctx: Ctx, repo: string): GitHubRepoLink => requireRepo(store, ctx, repo),

    /**
     * Checks a connect request before GitHub is asked anything: the repository's name (a URL on
     * the host of `apiUrl`, GITHUB_API_URL), the project, the label maps.
     * @throws ValidationError naming the bad part; NotFoundError for the project.
     */
    planConnect(ctx: Ctx, input: ConnectInput, apiUrl = 'https://api.github.com'): ConnectPlan {
      members.authorize(ctx, 'admin', 'connecting GitHub');
      const spec = parseRepoSpec(input.repo ?? '');
      if (spec === null) {
        throw new ValidationError(
          `repository: "${input.repo}" is not owner/name (like acme/booking-app) or a GitHub URL`,
          'repo',
        );
      }
      // owner/name is looked up on the GitHub the bot reads: a URL of another host names another repository.
      const foreign = spec.host === null ? null : foreignHostProblem(spec.host, apiUrl);
      if (foreign !== null) throw new ValidationError(foreign, 'repo');
      const { fullName } = spec;
      const project = projects.requireProject(ctx, input.project ?? '');
      // Connected again (to move it, or to change one setting), a repository keeps the settings the
      // request leaves out: its label maps and task export. Turning export off is said
      // (--no-export-tasks), never a side effect of leaving a flag out.
      const had = store.github.findRepo(ctx.workspaceId, fullName);
      const exportTasks = input.exportTasks ?? had?.exportTasks ?? false;
      return {
        fullName,
        project: project.name,
        bugLabels:
          input.bugLabels === undefined
            ? [...(had?.bugLabels ?? DEFAULT_BUG_LABELS)]
            : parseLabels(input.bugLabels, 'bugLabels'),
        severityLabels:
          input.severityLabels === undefined
            ? { ...(had?.severityLabels ?? DEFAULT_SEVERITY_LABELS) }
            : parseSeverityLabels(input.severityLabels),
        upkeepLabels:
          input.upkeepLabels === undefined
            ? [...(had?.upkeepLabels ?? DEFAULT_UPKEEP_LABELS)]
            : parseLabels(input.upkeepLabels, 'upkeepLabels'),
        exportTasks,
        exportKept: input.exportTasks === undefined && exportTasks,
      };
    },

    /**
     * What connecting `repo` as `plan` says would leave its link as, for the first sync to read
     * GitHub with before anything is written (see connectAndIngest); writes nothing.
     * @throws ForbiddenError for a member who is no admin; NotFoundError for the project.
     */
    previewConnect(ctx: Ctx, plan: ConnectPlan, repo: VerifiedRepo): ConnectingLink {
      members.authorize(ctx, 'admin', 'connecting GitHub');
      const project = projects.requireProject(ctx, plan.project);
      const existing = store.github.findRepo(ctx.workspaceId, repo.fullName);
      if (!existing) {
        return {
          ...{ fullName: repo.fullName, projectName: project.name, cursor: null, etag: null },
          ...{ milestonesEtag: null, reread: false },
        };
      }
      const { cursor, etag, milestonesEtag, reread } = existing;
      const again = relabelled(existing, project.id, plan);
      return {
        ...{ fullName: existing.fullName, projectName: project.name, cursor, milestonesEtag },
        ...(again ? { etag: null, reread: true } : { etag, reread }),
      };
    },

    /**
     * Links the repository GitHub confirmed to the plan's project; connecting it again changes its
     * project and labels. @throws ConflictError when the repository's name changed meanwhile.
     */
    connect,

    /** Every linked repository of the workspace, with its project's name. */
    repos(ctx: Ctx): RepoLinkView[] {
      const names = new Map(store.projects.list(ctx.workspaceId).map((p) => [p.id, p.name]));
      return store.github
        .listRepos(ctx.workspaceId)
        .map((link) => ({ ...link, projectName: names.get(link.projectId) ?? '?' }));
    },

    /** The workspaces with a linked repository: what the scheduled sync visits. */
    linkedWorkspaces: (): string[] => store.github.linkedWorkspaces(),

    /** Every workspace's link to `fullName`: where a webhook delivery for it applies. */
    linksNamed: (fullName: string): GitHubRepoLink[] => store.github.reposNamed(fullName),
  };
}

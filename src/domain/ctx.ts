import type { Role } from './role.js';
import type { EventSource } from './task.js';

/** Who is acting, where, and from which surface: what an adapter knows of a request. */
export interface Caller {
  workspaceId: string;
  /** A stable name for the person or program: `cli:alice`, `slack:U024BE7LH`. */
  actor: string;
  source: EventSource;
  /**
   * The actor's role when the adapter already knows it (an API token carries one; the CLI and
   * the console operator hold the database and act as admin). Unset: looked up in `members`.
   */
  role?: Role;
}

declare const WORKSPACE_READY: unique symbol;

/**
 * A caller whose workspace exists: what every use case takes first. Only `Goalpost.context()`
 * makes one (creating the workspace, with the default playbooks, on first use), so no use case
 * ever meets a workspace that is not there.
 */
export interface Ctx extends Caller {
  readonly [WORKSPACE_READY]: true;
}

import type { Role } from './role.js';
import type { EventSource } from './task.js';

/** Who is acting, where, and from which surface; passed to every use case. */
export interface Ctx {
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

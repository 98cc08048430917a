import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { type BugSeverity, isOpenItem } from '../domain/project.js';
import { earningsShare, positiveInt, validate } from '../domain/validate.js';
import { SEVERITY_AT_RISK } from '../engine/BacklogItem.js';
import { formatPct, formatShare } from '../engine/format.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { UseCaseDeps } from './deps.js';

/** A bug's share as `bug affects` left it (null: none, its severity's stands). */
export interface BugAffectsChange {
  id: number;
  title: string;
  /** Its project's name. */
  project: string;
  severity: BugSeverity;
  /** The share of what its product earns or is to win that the team judges it affects, 0–1; null: none. */
  affects: number | null;
  /** Its severity's share (see SEVERITY_AT_RISK): what it is counted at without one, and the most it may be. */
  severityShare: number;
  /** It said that already: nothing was written. */
  unchanged: boolean;
  /** Whether the bug is open: only an open one is planned. */
  open: boolean;
}

/** The severities a share may be raised to, least first (a low bug is never proposed). */
const RAISED: readonly BugSeverity[] = ['medium', 'high', 'critical'];

/**
 * Why a bug of `severity` cannot be said to affect `share` of what its product earns or is to win, or null when
 * it can: a low bug is never proposed, so a share would count for nothing; one above its severity's
 * (SEVERITY_AT_RISK) would have it count for more than its severity bounds, which plans read before
 * its row (see judgeShares): a bug threatening more is of a worse severity. `raise` says how to set
 * the one that would do (`goalpost bug severity 12 critical`, `--severity critical`).
 */
export function refusedShare(
  severity: BugSeverity,
  share: number,
  raise: (to: BugSeverity) => string,
): { message: string; conflict: boolean } | null {
  if (severity === 'low')
    return {
      message: `a low bug is never proposed by a plan, so no share of what its product earns or is to win counts for it; ${raise('medium')} has plans weigh it`,
      conflict: true,
    };
  const most = SEVERITY_AT_RISK[severity];
  if (share <= most) return null;
  const to = RAISED.find((s) => SEVERITY_AT_RISK[s] >= share);
  const said = `a ${severity} bug threatens at most ${formatPct(most)} of what its product earns or is to win`;
  return {
    message:
      to === undefined
        ? `${said}, and no bug is counted to threaten more than a critical bug's ${formatPct(SEVERITY_AT_RISK.critical)} (got ${formatShare(share)})`
        : `${said} (got ${formatShare(share)}); to say more, set its severity: ${raise(to)}`,
    conflict: false,
  };
}

/** The share of what its product earns or is to win that the team judges a bug affects (`bug affects`). */
export function createBugAffects(deps: UseCaseDeps) {
  const { store } = deps;
  return {
    /**
     * Sets the share of what its product earns or is to win that the team judges a bug affects (`2%`; `none` takes it
     * back, its severity's share standing again): a plan has the bug claim that share in place of
     * its severity's (see judgeShares). No more than its severity's; none for a low bug. Its
     * updated_at stays, as an estimate's does (see ProjectRepository.setBugAffects); proposals made
     * from it are valued again by the next plan that saves a batch. A bug from GitHub may be judged
     * too: the share is Goalpost's, as an estimate is.
     * @throws ValidationError for a bad id or share, or a share above its severity's; NotFoundError
     * for an unknown bug; ConflictError for a low bug. Nothing is written then.
     */
    setAffects(ctx: Ctx, id: unknown, share: unknown): BugAffectsChange {
      const v = validate(z.object({ id: positiveInt(3), share: earningsShare() }), { id, share });
      return store.transaction((): BugAffectsChange => {
        // Written first, as a workspace's write finds its own bugs only; a refusal below undoes it.
        const wrote = store.projects.setBugAffects(ctx.workspaceId, v.id, v.share);
        const bug = wrote === 'unknown' ? null : store.projects.bug(v.id);
        if (bug === null) throw new NotFoundError(`unknown bug ${v.id}; \`goalpost bug list\` shows bug ids`);
        if (v.share !== null) {
          const issue = store.github.issueOfItem('bug', v.id);
          const refused = refusedShare(bug.severity, v.share, (to) =>
            issue === null
              ? `\`goalpost bug severity ${v.id} ${to}\``
              : `its labels on GitHub (${issue.fullName}#${issue.number}, ${to}), ${issue.htmlUrl}`,
          );
          if (refused !== null) {
            const message = `${refused.message}; nothing was changed`;
            throw refused.conflict
              ? new ConflictError(`bug ${v.id} is low: ${message}`)
              : new ValidationError(`share: ${message}`, 'share');
          }
        }
        return {
          id: v.id,
          title: bug.title,
          project: store.projects.nameOf(ctx.workspaceId, bug.projectId) ?? '',
          severity: bug.severity,
          affects: v.share,
          severityShare: SEVERITY_AT_RISK[bug.severity],
          unchanged: wrote === 'unchanged',
          open: isOpenItem('bug', bug.status),
        };
      });
    },
  };
}

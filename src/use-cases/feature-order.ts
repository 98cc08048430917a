import type { Ctx } from '../domain/ctx.js';
import { comesBackBy } from '../domain/github.js';
import type { Feature } from '../domain/project.js';
import { possessive } from '../engine/format.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Store } from '../store/create-store.js';

/**
 * A feature id the workspace has no feature of: one the team dropped, said with when and why (a
 * second `feature drop 6` read "unknown feature 6", as if mistyped); otherwise said with where its
 * ids are listed.
 */
export function unknownFeature(store: Store, ctx: Ctx, id: number): NotFoundError {
  const dropped = store.projects.droppedFeature(ctx.workspaceId, id);
  if (dropped === null)
    return new NotFoundError(`unknown feature ${id}; \`goalpost project show "Name"\` lists feature ids`);
  const day = dropped.at.slice(0, 10);
  const add = `\`goalpost feature add "${dropped.project}" "${dropped.title}"\` adds it again as a new feature`;
  const { issue } = dropped;
  if (issue !== undefined) {
    // Its issue is where the work is kept: bring it back there, not typed in again beside it.
    const by = comesBackBy(dropped.reason);
    const back =
      by === 'reopen'
        ? `reopen it there and the next sync adds it back: ${issue.url}`
        : by === 'unlabel'
          ? `take the label off and the next sync adds it back: ${issue.url}`
          : add;
    return new NotFoundError(
      `feature ${id}, "${dropped.title}", left ${possessive(dropped.project)} backlog on ${day}: ${issue.ref} was ${dropped.reason}; ${back}; nothing was changed`,
    );
  }
  const why = dropped.reason === null ? '' : ` ('${dropped.reason}')`;
  return new NotFoundError(
    `feature ${id}, "${dropped.title}", was dropped from ${possessive(dropped.project)} backlog on ${day}${why}; ${add}; nothing was changed`,
  );
}

/** @throws NotFoundError for a feature not of the workspace. */
export function workspaceFeature(store: Store, ctx: Ctx, id: number): Feature {
  const feature = store.projects.featureIn(ctx.workspaceId, id);
  if (feature === null) throw unknownFeature(store, ctx, id);
  return feature;
}

/**
 * The feature `id` that a feature (`dependent`; its id null while it is being added) is to wait
 * for: one of its own project, not itself.
 * @throws NotFoundError for a feature not of the workspace; ValidationError for itself or one of
 * another project.
 */
export function prerequisiteOf(
  store: Store,
  ctx: Ctx,
  dependent: { id: number | null; projectId: number },
  id: number,
): Feature {
  const nothing = dependent.id === null ? 'nothing was added' : 'nothing was changed';
  const prerequisite = workspaceFeature(store, ctx, id);
  if (prerequisite.id === dependent.id) {
    throw new ValidationError(`feature ${id} cannot wait for itself; ${nothing}`, 'after');
  }
  if (prerequisite.projectId !== dependent.projectId) {
    const names = new Map(store.projects.list(ctx.workspaceId).map((p) => [p.id, p.name]));
    throw new ValidationError(
      `feature ${id} is of ${names.get(prerequisite.projectId)}, and ${dependent.id === null ? 'the new feature' : `feature ${dependent.id}`} of ${names.get(dependent.projectId)}: a feature waits only for one of its own project; ${nothing}`,
      'after',
    );
  }
  return prerequisite;
}

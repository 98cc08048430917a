import type { Ctx } from '../domain/ctx.js';
import type { Feature } from '../domain/project.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Store } from '../store/create-store.js';

/** A feature id the workspace has no feature of, said with where its ids are listed. */
export const unknownFeature = (id: number): NotFoundError =>
  new NotFoundError(`unknown feature ${id}; \`goalpost project show "Name"\` lists feature ids`);

/** @throws NotFoundError for a feature not of the workspace. */
export function workspaceFeature(store: Store, ctx: Ctx, id: number): Feature {
  const feature = store.projects.featureIn(ctx.workspaceId, id);
  if (feature === null) throw unknownFeature(id);
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

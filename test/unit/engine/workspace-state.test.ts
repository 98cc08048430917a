import { describe, expect, it } from 'vitest';
import { type ProjectState, projectAt, projectWithId } from '../../../src/engine/workspace-state.js';

/** Project states with these ids (only the id is read). */
const withIds = (ids: number[]) => ids.map((id) => ({ project: { id } }) as ProjectState);

describe('projectAt', () => {
  it('finds each project of a list by id by its place, and says -1 for an id not in it', () => {
    const projects = withIds([2, 5, 9, 14, 15, 40, 41]);
    projects.forEach((p, i) => {
      expect(projectAt(projects, p.project.id)).toBe(i);
    });
    for (const missing of [1, 3, 10, 16, 39, 42, 0, -5]) expect(projectAt(projects, missing)).toBe(-1);
    expect(projectAt([], 2)).toBe(-1);
    expect(projectWithId(projects, 14)).toBe(projects[3]);
    expect(projectWithId(projects, 10)).toBeUndefined();
    expect(projectAt(withIds([7]), 7)).toBe(0);
  });

  it('finds every project of a workspace of thousands, as a map from id would', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => 3 * i + (i % 2));
    const projects = withIds(ids);
    const byId = new Map(ids.map((id, i) => [id, i]));
    for (let id = -1; id <= 3 * 5000 + 2; id++) expect(projectAt(projects, id)).toBe(byId.get(id) ?? -1);
  });
});

import { describe, expect, it } from 'vitest';
import { clipToWidth, titleInList } from '../../../src/index.js';

describe('titleInList', () => {
  const play = 'Interview customers who cancelled recently and list why they left';
  it('names the project a title does not, and keeps it when the title is clipped', () => {
    expect(titleInList({ title: play, projectName: 'Tallyo' })).toBe(`${play} (Tallyo)`);
    const clipped = titleInList({ title: play, projectName: 'Tallyo' }, clipToWidth, 70);
    expect(clipped.endsWith(' (Tallyo)')).toBe(true);
    expect(clipped.length).toBeLessThanOrEqual(70);
  });

  it('leaves a title that names its project, or a task of no project, as it is', () => {
    const build = "Build 'Shift swaps' for Shiftly";
    expect(titleInList({ title: build, projectName: 'Shiftly' })).toBe(build);
    expect(titleInList({ title: play, projectName: null }, clipToWidth, 40)).toBe(clipToWidth(play, 40));
  });
});

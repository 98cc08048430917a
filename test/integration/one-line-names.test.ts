import { afterEach, describe, expect, it } from 'vitest';
import { type OpenedGoalpost, ValidationError } from '../../src/index.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A review's `project add $'\u2028x'` added a project named "x": the trim took the line separator
// off the end before the one-line check looked. Through the library, as an app embedding Goalpost
// adds a project (the command line's cases are in cli-bad-input).
const tempDir = useTempDir();
let opened: (OpenedGoalpost & { dbPath: string }) | undefined;
afterEach(() => {
  opened?.close();
  opened = undefined;
});

/** The ValidationError `add` throws, as its message and field. */
function refusal(add: () => unknown): { message: string; field: string | undefined } {
  try {
    add();
  } catch (error) {
    if (error instanceof ValidationError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('it was added');
}

describe('a name or title with a line break at either end', () => {
  it('is refused as one with a line break inside it is, writing nothing', () => {
    opened = openQuickStart(tempDir());
    const { app, dbPath } = opened;
    const before = snapshot(dbPath);
    const oneLine = 'must be one line: no line breaks or tabs';
    for (const name of ['\u2028x', 'x\u2029', 'Quiz Packs\n', '\r\nQuiz Packs', 'line1\nline2']) {
      expect(
        refusal(() => app.projects.add(OPERATOR, { name })),
        JSON.stringify(name),
      ).toEqual({
        message: `name: ${oneLine}`,
        field: 'name',
      });
    }
    expect(
      refusal(() => app.projects.addFeature(OPERATOR, 'Basic EDU Apps', { title: 'Dark mode\u2028' })),
    ).toEqual({ message: `title: ${oneLine}`, field: 'title' });
    expect(
      refusal(() =>
        app.projects.addBug(OPERATOR, 'Basic EDU Apps', { title: '\u2029Crash', severity: 'high' }),
      ),
    ).toEqual({ message: `title: ${oneLine}`, field: 'title' });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('still has plain spaces at its ends trimmed', () => {
    opened = openQuickStart(tempDir());
    expect(opened.app.projects.add(OPERATOR, { name: '  Quiz Packs  ' }).name).toBe('Quiz Packs');
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

describe('the package entry', () => {
  it('exports the feedback loop as the README shows', () => {
    const run = spawnSync(process.execPath, [join(packageRoot(), 'test/fixtures/library-entry.mjs')], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as {
      suggestions: Array<{ progress: number; analysis: { progress: { trend: string; gap: number } } }>;
      refused: string;
    };
    expect(out.suggestions).toHaveLength(1);
    expect(out.suggestions[0]?.progress).toBe(8);
    expect(out.suggestions[0]?.analysis.progress).toMatchObject({ trend: 'toward_goal', gap: 4 });
    expect(out.refused).toMatch(/personality: one of cautious, neutral, aggressive \(got "reckless"\)/);
  });
});

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawableSpec } from '../../../../adapters/charts/drawable-spec.js';
import { fontCoverage } from '../../../../adapters/charts/font-coverage.js';
import type { ChartView } from '../../../../src/index.js';

const DEJAVU = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const covers = fontCoverage([join(DEJAVU, 'DejaVuSans.ttf'), join(DEJAVU, 'DejaVuSans-Bold.ttf')]);

const chart = (spec: object): ChartView => ({
  name: 'goal-signups',
  title: 'typed',
  alt: 'typed',
  recent: [],
  spec: spec as ChartView['spec'],
});

describe('a chart’s spec as the shipped fonts draw it', () => {
  it('cleans every string it draws, and leaves the chart it was given as typed', () => {
    const given = chart({
      title: 'signups 🚀: 5 of 10 ⭐ stars',
      layer: [
        {
          data: { values: [{ at: '2026-11-01', label: 'target 10 ⭐' }] },
          mark: { type: 'text', color: '#D55E00' },
          encoding: { y: { field: 'value', type: 'quantitative', title: 'signups (⭐)' } },
        },
      ],
    });
    expect(drawableSpec(given, covers)).toEqual({
      title: 'signups: 5 of 10 stars',
      layer: [
        {
          data: { values: [{ at: '2026-11-01', label: 'target 10' }] },
          mark: { type: 'text', color: '#D55E00' },
          encoding: { y: { field: 'value', type: 'quantitative', title: 'signups' } },
        },
      ],
    });
    expect((given.spec as { title: string }).title).toBe('signups 🚀: 5 of 10 ⭐ stars');
  });

  it('names a title left with nothing after what it titles, or the chart', () => {
    const spec = drawableSpec(
      chart({
        title: '🚀',
        encoding: { y: { field: 'value', title: '中文' }, x: { field: 'at', title: '' } },
      }),
      covers,
    );
    expect(spec).toEqual({
      title: 'goal-signups',
      encoding: { y: { field: 'value', title: 'value' }, x: { field: 'at', title: '' } },
    });
  });
});

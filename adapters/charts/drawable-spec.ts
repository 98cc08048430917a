import type { TopLevelSpec } from 'vega-lite';
import type { ChartView } from '../../src/index.js';
import { drawableText } from './drawable-text.js';
import type { Covers } from './font-coverage.js';

/**
 * The chart's spec with every string as the chart's fonts draw it (see drawableText): its titles,
 * axis titles and the labels in its data. A title left with nothing falls back to what it titles
 * (an axis's field, `value`), else to the chart's name. Strings that are not drawn (fields, colours,
 * formats) are plain ASCII, which the fonts have: they come back as they were.
 */
export function drawableSpec(chart: ChartView, covers: Covers): TopLevelSpec {
  return drawable(chart.spec, covers, drawableText(chart.name, covers) || 'chart') as TopLevelSpec;
}

/** `value` with each string in it drawable, objects and arrays copied: the chart's own spec stays as typed. */
function drawable(value: unknown, covers: Covers, fallback: string): unknown {
  if (typeof value === 'string') return drawableText(value, covers);
  if (Array.isArray(value)) return value.map((item) => drawable(item, covers, fallback));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = drawable(item, covers, fallback);
  // A title typed as nothing is left so; one emptied by drawableText would leave an axis unnamed.
  if (out.title === '' && (value as { title?: unknown }).title !== '')
    out.title = typeof out.field === 'string' && out.field !== '' ? out.field : fallback;
  return out;
}

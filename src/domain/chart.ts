import type { TopLevelSpec } from 'vega-lite';

/**
 * A chart to draw: a file-safe name, a title, words for who cannot see it, its Vega-Lite spec, and
 * its latest values for a text sparkline where no image can go. Plain data: it crosses from the
 * job thread that builds a report to the chat port that draws and attaches it.
 */
export interface ChartView {
  name: string;
  title: string;
  /** What the chart shows, in one sentence (alt text, and the caption where images cannot go). */
  alt: string;
  spec: TopLevelSpec;
  /** The latest values it plots, oldest first: what a sparkline (`▁▂▄▇`) draws in text. */
  recent: number[];
}

import { PROGRESS_STATUS_WORDS, type ProgressView, progressBar } from '../../src/index.js';
import { escapeText } from './render-text.js';

/** An embed colour per status: green achieved/on track, yellow at risk, red off track, grey no data. */
export const STATUS_COLORS: Record<ProgressView['status'], number> = {
  achieved: 0x57f287,
  on_track: 0x57f287,
  at_risk: 0xfee75c,
  off_track: 0xed4245,
  no_data: 0x99aab5,
};

/** Discord's 10-cell progress bar, e.g. `███░░░░░░░ 25%`; `—` when unknown. */
export const bar = (ratio: number | null, width = 10): string => progressBar(ratio, width);

/** The bar, its status, the detail and where the figure comes from: "`███░░░░░░░ 25%` on track\n*$500 of $2,000 MRR*". */
export function progressValue(p: ProgressView): string {
  const detail = p.detail.trim() ? `\n*${escapeText(p.detail.trim())}*` : '';
  const fresh = p.freshness ? `\n${escapeText(p.freshness)}` : '';
  return `\`${bar(p.ratio)}\` ${PROGRESS_STATUS_WORDS[p.status]}${detail}${fresh}`;
}

/** A progress item as Markdown lines: the label in bold, then {@link progressValue}. */
export const progressText = (p: ProgressView): string =>
  `**${escapeText(p.label.trim())}**\n${progressValue(p)}`;

import { PROGRESS_STATUS_WORDS, type ProgressView, progressBar } from '../../src/index.js';
import { escapeMrkdwn } from './render-limits.js';

/** Slack's 20-cell progress bar, e.g. `█████░░░░░░░░░░░░░░░ 25%`; `—` when the ratio is unknown. */
export const bar = (ratio: number | null, width = 20): string => progressBar(ratio, width);

/**
 * A progress item as escaped mrkdwn: the label in bold, the bar and its status, then the detail
 * in italics, then where the figure comes from, e.g. "*Revenue by 2025-06*\n`█████░░░ 25%` on track\n_$500 of $2,000 MRR_".
 */
export function progressText(p: ProgressView): string {
  const detail = p.detail.trim() ? `\n_${escapeMrkdwn(p.detail.trim())}_` : '';
  const fresh = p.freshness ? `\n${escapeMrkdwn(p.freshness)}` : '';
  return `*${escapeMrkdwn(p.label)}*\n\`${bar(p.ratio)}\` ${PROGRESS_STATUS_WORDS[p.status]}${detail}${fresh}`;
}

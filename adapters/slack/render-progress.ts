import type { ProgressView } from '../../src/index.js';
import { escapeMrkdwn } from './render-limits.js';

const STATUS_WORDS: Record<ProgressView['status'], string> = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  no_data: 'no data yet',
};

/**
 * A text progress bar for a 0–1 ratio (clamped), e.g. `█████░░░░░░░░░░░░░░░ 25%`; `—` when the
 * ratio is unknown.
 */
export function bar(ratio: number | null, width = 20): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const clamped = Math.max(0, Math.min(1, ratio));
  const filled = Math.round(clamped * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(clamped * 100)}%`;
}

/**
 * A progress item as escaped mrkdwn: the label in bold, the bar and its status, then the detail
 * in italics, e.g. "*Revenue by 2025-06*\n`█████░░░ 25%` on track\n_$500 of $2,000 MRR_".
 */
export function progressText(p: ProgressView): string {
  const detail = p.detail.trim() ? `\n_${escapeMrkdwn(p.detail.trim())}_` : '';
  return `*${escapeMrkdwn(p.label)}*\n\`${bar(p.ratio)}\` ${STATUS_WORDS[p.status]}${detail}`;
}

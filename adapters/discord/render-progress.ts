import type { ProgressView } from '../../src/index.js';

const STATUS_WORDS: Record<ProgressView['status'], string> = {
  achieved: 'achieved',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  no_data: 'no data yet',
};

/** An embed colour per status: green achieved/on track, yellow at risk, red off track, grey no data. */
export const STATUS_COLORS: Record<ProgressView['status'], number> = {
  achieved: 0x57f287,
  on_track: 0x57f287,
  at_risk: 0xfee75c,
  off_track: 0xed4245,
  no_data: 0x99aab5,
};

/** A text progress bar for a 0–1 ratio (clamped), e.g. `███░░░░░░░ 25%`; `—` when unknown. */
export function bar(ratio: number | null, width = 10): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const clamped = Math.max(0, Math.min(1, ratio));
  const filled = Math.round(clamped * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(clamped * 100)}%`;
}

/** The bar, its status and the detail: "`███░░░░░░░ 25%` on track\n*$500 of $2,000 MRR*". */
export function progressValue(p: ProgressView): string {
  const detail = p.detail.trim() ? `\n*${p.detail.trim().replace(/\*/g, '\\*')}*` : '';
  return `\`${bar(p.ratio)}\` ${STATUS_WORDS[p.status]}${detail}`;
}

/** A progress item as Markdown lines: the label in bold, then {@link progressValue}. */
export const progressText = (p: ProgressView): string => `**${p.label.trim()}**\n${progressValue(p)}`;

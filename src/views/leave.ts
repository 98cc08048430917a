import type { LeaveBack } from '../use-cases/back-from-leave.js';
import type { LeaveHandOn } from '../use-cases/hand-on-leave.js';

/**
 * What a leave beginning did with someone's work, for the channel: `ana is away until 2026-12-10,
 * so their open work is offered again: T-3 goes to bo; T-4 waits in the queue for whoever works on
 * its project. T-5 is in progress and stays with ana.`
 */
export function leaveHandOnText(h: LeaveHandOn): string {
  const moved = h.handedOn.map((t) =>
    t.to !== null
      ? `${t.ref} "${t.title}" goes to ${t.to}`
      : t.status === 'approved'
        ? `${t.ref} "${t.title}" waits in the queue for whoever works on its project`
        : `${t.ref} "${t.title}" (awaiting a decision) is routed again by the next plan`,
  );
  const kept =
    h.stillHolds.length === 0
      ? ''
      : ` ${h.stillHolds.join(', ')} ${h.stillHolds.length === 1 ? 'is' : 'are'} in progress and stay${h.stillHolds.length === 1 ? 's' : ''} with ${h.assignee}.`;
  return `${h.assignee} is away until ${h.until}, so their open work is offered again: ${moved.join('; ')}.${kept}`;
}

/**
 * What ending a leave early did with the work it had handed on, for the channel: `ana is back
 * before the end of their time off (booked until 2026-11-27): T-3 "…" is theirs again; T-4 "…"
 * stays with bo, who holds it now.` What stays is named so they can ask for it.
 */
export function leaveBackText(b: LeaveBack): string {
  const quoted = (t: { ref: string; title: string }) => `${t.ref} "${t.title}"`;
  const back =
    b.back.length === 0
      ? []
      : [`${b.back.map(quoted).join(', ')} ${b.back.length === 1 ? 'is' : 'are'} theirs again`];
  const stays = b.stays.map((t) => `${quoted(t)} stays with ${t.with}, who holds it now`);
  return `${b.assignee} is back before the end of their time off (booked until ${b.until}): ${[...back, ...stays].join('; ')}.`;
}

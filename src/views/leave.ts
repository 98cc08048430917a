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

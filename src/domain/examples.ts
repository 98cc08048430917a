// Examples that help texts and refusals give, built from the day they are read: a fixed one goes
// stale (`revenue_targets 2026-03=999`, the example in `vision set --help` and in its refusal, was
// refused in December 2026 as "every month is past").

/** `YYYY-MM` `months` after the month of `now`. */
function monthAfter(now: Date, months: number): string {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return at.toISOString().slice(0, 7);
}

/** Revenue targets to come, as `vision set revenue_targets` takes them: `2027-03=999,2027-06=1498`. */
export const exampleTargets = (now: Date = new Date()): string =>
  `${monthAfter(now, 3)}=999,${monthAfter(now, 6)}=1498`;

/** A month to come, as a revenue target's key: `2027-03`. */
export const exampleMonth = (now: Date = new Date()): string => monthAfter(now, 3);

/** A goal's deadline to come: the last day of the month six months on, `2027-06-30`. */
export function exampleDeadline(now: Date = new Date()): string {
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 7, 0));
  return last.toISOString().slice(0, 10);
}

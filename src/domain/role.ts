/** Roles a person holds in a workspace, lowest first: reading needs member, deciding approver. */
export const ROLES = ['member', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `has` is `needed` or above it: an admin is also an approver. */
export const roleAtLeast = (has: Role, needed: Role): boolean => ROLES.indexOf(has) >= ROLES.indexOf(needed);

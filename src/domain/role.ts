/** Roles a person holds in a workspace, lowest first: reading needs member, deciding approver. */
export const ROLES = ['member', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Stable string codes for every error Goalpost raises on purpose. */
export type ErrorCode =
  | 'E_USER'
  | 'E_VALIDATION'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_FORBIDDEN'
  | 'E_CONFIG'
  | 'E_MIGRATION'
  | 'E_INTERNAL';

/** Base class: every deliberate error carries a code an adapter can map (exit code, HTTP status). */
export class GoalpostError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** An error whose message is safe and useful to show the person who caused it. */
export class UserError extends GoalpostError {
  constructor(message: string, code: ErrorCode = 'E_USER') {
    super(code, message);
  }
}

/** Input that failed validation; `field` names what was wrong and the message the accepted form. */
export class ValidationError extends UserError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message, 'E_VALIDATION');
    this.field = field;
  }
}

/** A thing the user named (task ref, project, playbook) does not exist. */
export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message, 'E_NOT_FOUND');
  }
}

/** The request is valid but clashes with the current state (illegal transition, duplicate name). */
export class ConflictError extends UserError {
  constructor(message: string) {
    super(message, 'E_CONFLICT');
  }
}

/** The actor's role does not allow this (approve needs approver; vision, roles need admin). */
export class ForbiddenError extends UserError {
  constructor(message: string) {
    super(message, 'E_FORBIDDEN');
  }
}

/** The environment or configuration is unusable; lists every problem at once. */
export class ConfigError extends GoalpostError {
  constructor(message: string) {
    super('E_CONFIG', message);
  }
}

/** Applied migrations and migration files disagree; the database is left untouched. */
export class MigrationError extends GoalpostError {
  constructor(message: string) {
    super('E_MIGRATION', message);
  }
}

/** Normalises anything thrown into a GoalpostError, keeping the original as `cause`. */
export function asGoalpostError(error: unknown): GoalpostError {
  if (error instanceof GoalpostError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GoalpostError('E_INTERNAL', message, { cause: error });
}

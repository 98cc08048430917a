import type { Caller, Ctx } from '../../src/index.js';

/**
 * A `Ctx` declared once for a whole test file, for a workspace each test's fixture makes with
 * `app.context()` before using it (a use case on a workspace that is not there fails on its
 * foreign keys, so a forgotten `context()` does not pass unnoticed).
 */
export const declaredCtx = (caller: Caller): Ctx => caller as Ctx;

import * as z from 'zod';

/**
 * A strict body schema that also takes other names for some fields: `{ dry_run: 'dryRun' }` lets
 * the seed's scripts send `dry_run`, and GET's camelCase `primaryGoal` comes back to a PUT as
 * `primary_goal`. The output has the canonical names only; both names at once with different
 * values is refused, naming the alias. Aliased fields must be optional (absent means not given).
 */
export function withAliases<S extends z.ZodRawShape, A extends Record<string, keyof S & string>>(
  shape: S,
  aliases: A,
) {
  const aliasShape = Object.fromEntries(
    Object.entries(aliases).map(([alias, canonical]) => [alias, shape[canonical]]),
  ) as { [K in keyof A]: S[A[K]] };
  return z.strictObject({ ...shape, ...aliasShape }).transform((input, ctx) => {
    const out: Record<string, unknown> = { ...input };
    for (const [alias, canonical] of Object.entries(aliases)) {
      const [mine, theirs] = [out[canonical], out[alias]];
      delete out[alias];
      if (theirs === undefined) continue;
      if (mine !== undefined && JSON.stringify(mine) !== JSON.stringify(theirs)) {
        ctx.addIssue({
          code: 'custom',
          path: [alias],
          input: theirs,
          message: `the same as ${canonical}, which says ${JSON.stringify(mine)}: give one or the other (got ${JSON.stringify(theirs)})`,
        });
        return z.NEVER;
      }
      out[canonical] = theirs;
    }
    return out as z.output<z.ZodObject<S>>;
  });
}

import { describe, expect, it } from 'vitest';
import { apiSyntax } from '../../../../adapters/http/api-syntax.js';

describe('a core message in the API’s words', () => {
  it('names the route that does what a hint names, and says the rest are the command line’s', () => {
    expect(apiSyntax('unknown task T-99; `goalpost tasks` lists them')).toBe(
      'unknown task T-99; `GET /api/tasks` lists them',
    );
    expect(apiSyntax('add one with `goalpost goal add signups --target N --by YYYY-MM-DD`')).toBe(
      'add one with `POST /api/goals`',
    );
    expect(apiSyntax('make one with it: `goalpost token create <name> --role admin`')).toBe(
      'make one with it: `goalpost token create <name> --role admin` on the command line',
    );
    // A hint with arguments no route takes as a body is no GET of its first word.
    expect(apiSyntax('`goalpost goal set signups --target 5` changes it')).toBe(
      '`goalpost goal set signups --target 5` on the command line changes it',
    );
    // Said already: left as it is.
    expect(apiSyntax('from the command line, `goalpost project add Web`')).toBe(
      'from the command line, `goalpost project add Web`',
    );
  });
});

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
    // A goal's change and archive are routes of the goal's own path (a review's 409 named the command).
    expect(apiSyntax('`goalpost goal set signups --target 5` changes it')).toBe(
      '`POST /api/goals/signups` changes it',
    );
    expect(apiSyntax('or archive it with `goalpost goal archive trial_to_paid`')).toBe(
      'or archive it with `POST /api/goals/trial_to_paid/archive`',
    );
    expect(apiSyntax('`goalpost goal set <metric> --target N`')).toBe('`POST /api/goals/:metric`');
    // A hint with arguments no route takes is no GET of its first word.
    expect(apiSyntax('`goalpost project set Web paused` pauses it')).toBe(
      '`goalpost project set Web paused` on the command line pauses it',
    );
    // The backlog's routes (a review's unknown project was told to use the command line).
    expect(apiSyntax('there are no projects yet: add one with `goalpost project add "Name"`')).toBe(
      'there are no projects yet: add one with `POST /api/projects`',
    );
    expect(apiSyntax('(`goalpost project list` lists them all)')).toBe(
      '(`GET /api/projects` lists them all)',
    );
    expect(apiSyntax('`goalpost project show "Name"` lists feature ids')).toBe(
      '`GET /api/projects/:name` lists feature ids',
    );
    expect(apiSyntax('`goalpost feature add Quizzly "<a part>"` puts each part in')).toBe(
      '`POST /api/projects/Quizzly/features` puts each part in',
    );
    // Said already: left as it is.
    expect(apiSyntax('from the command line, `goalpost project set Web paused`')).toBe(
      'from the command line, `goalpost project set Web paused`',
    );
  });
});

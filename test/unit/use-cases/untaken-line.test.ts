import { describe, expect, it } from 'vitest';
import { Room } from '../../../src/engine/room.js';
import { untakenLine } from '../../../src/use-cases/route-batch.js';

// ana works on Web only, and takes features and bugs; the docs bot takes upkeep anywhere.
const room = Room.of([
  { name: 'ana', free: 1, categories: ['feature', 'bugfix'], projects: [1] },
  { name: 'docs_bot', free: 2, categories: ['infrastructure'], projects: [] },
]);

describe('the team line on work nobody at work takes', () => {
  it('names what keeps each kind from everyone, with the command that gives it to someone', () => {
    const line = untakenLine(
      [
        { category: 'research', projectId: null, projectName: null },
        { category: 'feature', projectId: 2, projectName: 'Marketing Site' },
        { category: 'growth', projectId: 1, projectName: 'Web' },
      ],
      room,
    );
    expect(line).toBe(
      '; left out as nobody at work takes it: research work (`goalpost assignee set <name> --category research` gives it to someone, with the other kinds they take: --category lists them all), ' +
        'feature work on Marketing Site (`goalpost assignee set <name> --project "Marketing Site"` gives it to someone, with their other projects: --project lists them all), ' +
        'growth work (`goalpost assignee set <name> --category growth` gives it to someone, with the other kinds they take: --category lists them all)',
    );
  });

  it('says each once, and counts what is past the first three, as a digest header has room for', () => {
    const sites = ['A', 'B', 'C', 'D', 'E'].map((name, i) => ({
      category: 'feature' as const,
      projectId: 10 + i,
      projectName: `Site ${name}`,
    }));
    const line = untakenLine([...sites, sites[0] as (typeof sites)[number]], room);
    expect(line).toMatch(/work on Site C \(.*\), and work of 2 more kinds or projects$/);
    expect(line.match(/Site A/g)).toHaveLength(2);
    expect(untakenLine([], room)).toBe('');
  });
});

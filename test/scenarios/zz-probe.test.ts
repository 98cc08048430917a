import { it } from 'vitest';
import { connect, issue, NOW, spec } from './pagewise.js';
import { plan, seedTeam, useTeam } from './team.js';

const team = useTeam();
for (const est of ['7h', '8h', '15m'])
  it('probe ' + est, () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [issue(1, 'Saved searches', { labels: [`estimate: ${est}`] })]);
    for (const t of plan(app, 6))
      console.log(
        est,
        t.priority,
        t.title,
        t.revenueImpact,
        '\n   ',
        t.reasoning.slice(0, 1).join('\n    '),
        '\n   ',
        t.reasoning.filter((l) => l.startsWith('Revenue')).join('\n    '),
      );
  });

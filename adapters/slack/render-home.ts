import type { types } from '@slack/bolt';
import type { HomeView } from '../../src/index.js';
import { buttonsBlock, compactTaskText } from './render-card.js';
import { visionLines } from './render-digest.js';
import { context, divider, header, LIMITS, packLines, section } from './render-limits.js';
import { progressText } from './render-progress.js';
import { tableBlocks } from './render-table.js';

const NO_VISION = 'No vision yet: type `/goalpost demo` or `/goalpost vision set statement …`';
const NO_GOALS = 'No goals yet: `/goalpost goal add …`';

function routingBlocks(routing: HomeView['routing']): types.KnownBlock[] {
  if (routing.rows.length === 0) return [section('*Who succeeds at what*\nNo outcomes yet')];
  return [section('*Who succeeds at what*'), ...tableBlocks(routing.columns, routing.rows)];
}

/**
 * Goalpost's App Home tab: the vision, revenue, goals, open tasks (with the same buttons as
 * their cards, so people can decide from Home) and the routing table, within Slack's 100 blocks.
 * Open tasks are dropped from the end when they do not fit, with a line saying how many.
 */
export function renderHome(home: HomeView): types.HomeView {
  const top: types.KnownBlock[] = [header('Goalpost')];
  if (home.vision) {
    top.push(...packLines([...visionLines(home.vision), `_Vision v${home.vision.version}_`]));
  } else {
    top.push(section(NO_VISION));
  }
  if (home.revenue) top.push(section(progressText(home.revenue)));
  top.push(divider());
  if (home.goals.length > 0) top.push(...packLines(['*Goals*', ...home.goals.map(progressText)]));
  else top.push(section(NO_GOALS));
  top.push(divider());

  const bottom: types.KnownBlock[] = [divider(), ...routingBlocks(home.routing)];
  const tasks: types.KnownBlock[] = [];
  if (home.openTasks.length === 0) {
    tasks.push(section('*Open tasks*\nNone: `/goalpost digest` proposes the next batch'));
  } else {
    tasks.push(section(`*Open tasks* (${home.openTasks.length})`));
    // One block is kept back for the "…and N more" line.
    const room = LIMITS.blocksPerView - top.length - bottom.length - 1;
    for (const [i, card] of home.openTasks.entries()) {
      const actions = buttonsBlock(card, `goalpost_home_task_${card.taskId}`);
      const need = actions ? 2 : 1;
      if (tasks.length + need > room) {
        const left = home.openTasks.length - i;
        tasks.push(context(`…and ${left} more: \`/goalpost tasks\``));
        break;
      }
      tasks.push(section(compactTaskText(card)));
      if (actions) tasks.push(actions);
    }
  }
  const blocks = [...top, ...tasks, ...bottom];
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}

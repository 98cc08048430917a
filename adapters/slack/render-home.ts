import type { types } from '@slack/bolt';
import type { HomeChart, HomeView } from '../../src/index.js';
import { buttonsBlock, compactTaskText } from './render-card.js';
import { visionLines } from './render-digest.js';
import { clip, context, divider, header, LIMITS, packLines, plain, section } from './render-limits.js';
import { progressText } from './render-progress.js';
import { tableBlocks } from './render-table.js';

const NO_VISION = 'No vision yet: type `/goalpost demo` or `/goalpost vision set statement …`';
const NO_GOALS = 'No goals yet: `/goalpost goal add …`';
const NO_CHARTS =
  'Charts of revenue and each goal show here once a weekly report brings them: `/goalpost report` in a channel, or `/goalpost subscribe report …`.';
const CHARTS_REFUSED =
  'The last report’s charts cannot be shown here: Slack no longer has their files (deleted, or still being processed). The next weekly report brings new ones.';
/** Charts a home tab shows at most: each is a tall image, and the tasks need room too. */
const MAX_CHARTS = 10;
/** Slack's limit on an image's alt text and title. */
const IMAGE_TEXT = 2000;

/**
 * Each chart as an image block of the file it went out as with the weekly report (`slack_file`:
 * Slack shows it to whoever can see the channel it was shared in), under a line saying which report.
 */
function chartBlocks(charts: readonly HomeChart[]): types.KnownBlock[] {
  const latest = charts.reduce((a, b) => (b.postedAt > a.postedAt ? b : a));
  const images = charts.slice(0, MAX_CHARTS).map(
    (c): types.ImageBlock => ({
      type: 'image',
      slack_file: { id: c.fileId },
      alt_text: clip(c.alt, IMAGE_TEXT),
      title: plain(c.title, IMAGE_TEXT),
    }),
  );
  const more = charts.length - images.length;
  return [
    context(`*Charts* as of the weekly report of ${latest.postedAt.slice(0, 10)} in <#${latest.channelId}>`),
    ...images,
    ...(more > 0 ? [context(`…and ${more} more in that report`)] : []),
  ];
}

function routingBlocks(routing: HomeView['routing']): types.KnownBlock[] {
  if (routing.rows.length === 0) return [section('*Who succeeds at what*\nNo outcomes yet')];
  return [section('*Who succeeds at what*'), ...tableBlocks(routing.columns, routing.rows)];
}

/**
 * Goalpost's App Home tab: the vision, revenue, goals with their charts (as the latest weekly
 * report attached them), open tasks (with the same buttons as their cards, so people can decide
 * from Home) and the routing table, within Slack's 100 blocks. Open tasks are dropped from the end
 * when they do not fit, with a line saying how many. `withCharts` false leaves the images out and
 * says why (Slack refused their files).
 */
export function renderHome(home: HomeView, withCharts = true): types.HomeView {
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
  if (home.charts.length > 0)
    top.push(...(withCharts ? chartBlocks(home.charts) : [context(CHARTS_REFUSED)]));
  else if (home.vision || home.goals.length > 0) top.push(context(NO_CHARTS));
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

import type { Logger } from '../domain/logger.js';
import type { View } from '../domain/reply.js';
import { ChatRefusedError } from '../errors.js';
import type { AttachedChart, ChatTarget } from './chat-port.js';
import { type PostDeps, postAndRemember, postingCtx } from './remember.js';

/** What posting with charts needs: the app and port, and a log for what could not be attached. */
export interface ChartPostDeps extends PostDeps {
  logger: Logger;
}

type ChartsView = Extract<View, { kind: 'charts' }>;

/**
 * Posts messages in order as `postAndRemember` does, except a charts view where the port attaches
 * files: its charts are drawn and attached as images after the messages before it, and the files
 * remembered (App Home shows them). Elsewhere a charts view is posted like any view (as text).
 */
export async function postWithCharts(
  deps: ChartPostDeps,
  target: ChatTarget,
  messages: readonly View[],
  batchId: number | null,
): Promise<Array<string | null>> {
  const ids: Array<string | null> = [];
  let run: View[] = [];
  for (const view of messages) {
    if (view.kind !== 'charts' || !deps.port.attach) {
      run.push(view);
      continue;
    }
    if (run.length > 0) ids.push(...(await postAndRemember(deps, target, run, batchId)));
    run = [];
    await attachCharts(deps, target, view);
    ids.push(null);
  }
  if (run.length > 0) ids.push(...(await postAndRemember(deps, target, run, batchId)));
  return ids;
}

/**
 * Attaches a report's charts. An upload that fails never takes the report with it: what was posted
 * stays, the failure is logged, and a line under the report says why the charts are missing (what
 * to do, for a refusal), followed by each chart as a sparkline.
 */
async function attachCharts(deps: ChartPostDeps, target: ChatTarget, view: ChartsView): Promise<void> {
  const { port } = deps;
  let attached: AttachedChart[];
  try {
    attached = (await port.attach?.(target, view.charts)) ?? [];
  } catch (error) {
    const refused = error instanceof ChatRefusedError;
    deps.logger.warn(
      { err: error, channel: target.channelId, ...(refused ? { reason: error.reason } : {}) },
      'the report’s charts could not be attached; posted as text',
    );
    const why = refused
      ? error.message
      : `the upload failed (${error instanceof Error ? error.message : String(error)}); the next report tries again.`;
    const note: View = { kind: 'text', text: `Charts not attached: ${why}`, tone: 'warning' };
    await postAndRemember(deps, target, [note, view], null);
    return;
  }
  remember(deps, target, view, attached);
}

/**
 * Remembers the files the charts went out as, for App Home. The charts are in the channel either
 * way: a database that will not take the record now is logged, not said in the channel.
 */
function remember(deps: ChartPostDeps, target: ChatTarget, view: ChartsView, attached: AttachedChart[]) {
  const files = attached.flatMap(({ name, fileId }) => {
    const chart = view.charts.find((c) => c.name === name);
    return chart && fileId !== null ? [{ name, fileId, title: chart.title, alt: chart.alt }] : [];
  });
  if (files.length === 0) return;
  try {
    deps.app.chat.charts.record(postingCtx(deps.app, target), deps.port.platform, target.channelId, files);
  } catch (error) {
    deps.logger.warn(
      { err: error, channel: target.channelId },
      'the charts’ files could not be remembered for App Home',
    );
  }
}

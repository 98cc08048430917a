import { join } from 'node:path';
import { type ChatBot, createChatBot } from '../../src/chat.js';
import {
  type ChatPort,
  type ChatTarget,
  type Clock,
  fixedClock,
  type Goalpost,
  openGoalpost,
  type Platform,
  type Reply,
  silentLogger,
  type View,
} from '../../src/index.js';
import type { Store } from '../../src/store/create-store.js';

export interface ChatHarness {
  app: Goalpost;
  store: Store;
  bot: ChatBot;
  dbPath: string;
  /** Runs a `/goalpost …` line as `console:<user>` in the console channel. */
  say(user: string, text: string, eventId?: string): Promise<Reply>;
  /** Rows changed through the app's connection so far (SQLite's total_changes()). */
  changes(): number;
  close(): void;
}

/**
 * A chat bot over a real SQLite file in `dir`, with the EDU demo loaded and three roles set up;
 * `clock` lets a test move time (default: fixed at `now`); `ports`: where commands say news beyond
 * their reply (the chat connections of the bot's process).
 */
export function chatHarness(
  dir: string,
  now = '2026-11-21T09:00:00Z',
  demo = true,
  clock: Clock = fixedClock(now),
  ports: Partial<Record<Platform, ChatPort>> = {},
): ChatHarness {
  const dbPath = join(dir, 'chat.db');
  const { app, close, db, store } = openGoalpost({
    dbPath,
    clock,
    logger: silentLogger,
    defaultTimeZone: 'Europe/Berlin',
  });
  const admin = app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
  app.members.bootstrapAdmin(admin, 'console:ana');
  app.members.grant(admin, { user: 'console:bo', role: 'approver' });
  if (demo) app.demo.load(admin);
  const bot = createChatBot({
    app,
    clock,
    logger: silentLogger,
    defaultTimeZone: 'Europe/Berlin',
    ports,
  });
  return {
    app,
    store,
    bot,
    dbPath,
    say: (user, text, eventId) =>
      bot.handle({
        workspaceId: 'default',
        platform: 'console',
        userId: user,
        channelId: 'console',
        text,
        ...(eventId ? { eventId } : {}),
      }),
    changes: () => db.prepare('SELECT total_changes()').pluck().get() as number,
    close,
  };
}

/** All text a reply shows: texts, errors with usage, table cells, card titles and refs. */
export function textOf(reply: Reply): string {
  const one = (v: View): string => {
    switch (v.kind) {
      case 'text':
        return v.text;
      case 'error':
        return v.usage ? `${v.message}\nusage: ${v.usage}` : v.message;
      case 'table':
        return [v.title, ...v.rows.map((r) => r.join(' | ')), v.rows.length === 0 ? v.empty : ''].join('\n');
      case 'progress':
        return [
          v.title,
          ...v.items.map((i) => `${i.label} ${i.status} ${i.detail}`),
          v.items.length ? '' : v.empty,
        ].join('\n');
      case 'task':
        return `${v.card.ref} ${v.card.status} ${v.card.title}`;
      case 'digest_header':
        return `${v.title} ${v.vision?.statement ?? ''}`;
      case 'charts':
        return v.charts.map((c) => c.title).join('\n');
    }
  };
  return reply.messages.map(one).join('\n');
}

export const isError = (reply: Reply): boolean => reply.messages.some((m) => m.kind === 'error');

/** A console-like port: it posts (recording what), and has no threads and no edits. */
export function consolePort() {
  const posted: Array<{ target: ChatTarget; text: string }> = [];
  let n = 0;
  const port: ChatPort = {
    platform: 'console',
    async post(target, messages: readonly View[]) {
      for (const m of messages) posted.push({ target, text: m.kind === 'text' ? m.text : m.kind });
      return messages.map(() => `m-${++n}`);
    },
  };
  return { port, posted };
}

import { afterAll } from 'vitest';
import { createChatBot } from '../../src/chat.js';
import { type CommandDef, fixedClock, openGoalpost, silentLogger } from '../../src/index.js';

/** The chat grammar's commands, from a bot over an in-memory database closed after the file's tests. */
export function grammarCommands(): readonly CommandDef[] {
  const clock = fixedClock('2026-11-21T09:00:00Z');
  const opened = openGoalpost({ dbPath: ':memory:', clock, logger: silentLogger });
  afterAll(() => opened.close());
  return createChatBot({ app: opened.app, clock, logger: silentLogger, defaultTimeZone: 'UTC' }).commands;
}

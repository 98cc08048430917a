import { randomUUID } from 'node:crypto';
import { clearScreenDown, createInterface, cursorTo, type Interface, moveCursor } from 'node:readline';
import type { ChatBot } from '../../src/chat.js';
import {
  asGoalpostError,
  type ChatPort,
  deliver,
  type Goalpost,
  type Logger,
  userMessage,
  type View,
} from '../../src/index.js';
import { forTerminal } from '../cli/format.js';
import { DEFAULT_WIDTH, renderMessages } from './render-reply.js';

export interface ConsoleChatOptions {
  app: Goalpost;
  bot: ChatBot;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  workspaceId: string;
  /** The person at the terminal: their user id on the console platform (`ana` → `console:ana`). */
  user: string;
  /** Show a prompt (only on a terminal; piped input gets none). */
  interactive: boolean;
}

const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit']);

/**
 * The console chat, like Hubot's shell adapter: each line is a `/goalpost …` command (the
 * prefix is optional), answered with the Reply rendered as text. Digests the scheduler posts to
 * the console channel appear here too. Ends at end of input, or on `exit`.
 */
export function createConsoleChat(options: ConsoleChatOptions) {
  const { bot, output } = options;
  let rl: Interface | null = null;
  /** The lines typed so far, each run after the one before. */
  let queue: Promise<void> = Promise.resolve();
  let posted = 0;
  const session = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  /** The terminal's width now (it may have been resized); a pipe gets the default. */
  const width = (): number => {
    const columns = (output as { columns?: unknown }).columns;
    return options.interactive && typeof columns === 'number' && columns > 0 ? columns : DEFAULT_WIDTH;
  };

  /**
   * Prints a block. On a terminal it goes above the prompt: the line being typed (which may wrap
   * over several rows) is wiped, the block printed, and the prompt drawn again under it with what
   * was typed and the cursor where it was, so a notice arriving mid-word never mixes into the line.
   */
  const show = (messages: readonly View[]): void => {
    const text = `${forTerminal(renderMessages(messages, width()))}\n\n`;
    if (!rl || !options.interactive) {
      output.write(text);
      return;
    }
    const { rows } = rl.getCursorPos();
    moveCursor(output, 0, -rows);
    cursorTo(output, 0);
    clearScreenDown(output);
    // Redrawing first moves up as many rows as the cursor was below the prompt's row: give it
    // those rows, so the prompt lands right under the block.
    output.write(text + '\n'.repeat(rows));
    rl.prompt(true);
  };

  /**
   * The console channel: the terminal. It cannot edit what it printed, so a changed task's card is
   * printed again; the scheduler's digests and the watch's feed land here too.
   */
  const port: ChatPort = {
    platform: 'console',
    post: async (_target, messages) => {
      show(messages);
      // Unique across restarts too, so chat_messages never confuses an old message with a new one.
      return messages.map(() => `console-${session}-${++posted}`);
    },
  };

  return {
    port,
    /** Prints a line of Goalpost's own (Discord connected), above the prompt once it shows. */
    say(line: string): void {
      show([{ kind: 'text', text: line }]);
    },
    /** Resolves when the input ended or the person typed `exit`. */
    closed,
    start(): void {
      rl = createInterface({
        input: options.input,
        output: options.interactive ? output : undefined,
        terminal: options.interactive,
        prompt: 'goalpost> ',
      });
      // readline may still emit lines it had read when it was closed (a pipe delivers a script in
      // one chunk): after `exit`, Ctrl-C or a stop, none of them runs.
      let ended = false;
      rl.on('line', (line) => {
        if (ended) return;
        const text = line.trim();
        if (text === '') {
          if (options.interactive) rl?.prompt();
          return;
        }
        if (EXIT_WORDS.has(text.toLowerCase())) {
          rl?.close();
          return;
        }
        // One line at a time, in order: a digest on the job thread finishes before the next line runs.
        queue = queue.then(async () => {
          const invocation = {
            workspaceId: options.workspaceId,
            platform: 'console' as const,
            userId: options.user,
            channelId: 'console',
            text,
          };
          const reply = await bot.handle(invocation);
          const request = {
            workspaceId: options.workspaceId,
            origin: 'command' as const,
            channelId: 'console',
            // One person at one terminal: what only they may see is printed like the rest.
            asker: { userId: options.user, answer: async (messages: readonly View[]) => show(messages) },
          };
          try {
            await deliver({ app: options.app, port, logger: options.logger }, request, reply);
          } catch (error) {
            // Showing failed (remembering which message shows which task): say so, keep reading.
            const id = randomUUID().slice(0, 8);
            options.logger.error({ err: error, errorId: id }, 'console: could not show a reply');
            show([{ kind: 'error', message: userMessage(asGoalpostError(error), id) }]);
          }
        });
      });
      // On a terminal readline takes Ctrl-C itself; treat it as "stop", like the signal.
      rl.on('SIGINT', () => rl?.close());
      rl.on('close', () => {
        ended = true;
        rl = null;
        void queue.then(resolveClosed);
      });
      if (options.interactive) rl.prompt();
    },
    /** Stops reading (Ctrl-C, SIGTERM). */
    close(): void {
      rl?.close();
    },
  };
}

import { createInterface, type Interface } from 'node:readline';
import type { ChatBot, ChatPort, Reply } from '../../src/index.js';
import { renderReply } from './render-reply.js';

export interface ConsoleChatOptions {
  bot: ChatBot;
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

  const write = (text: string): void => {
    output.write(`${text}\n\n`);
  };

  const show = (reply: Reply): void => {
    write(renderReply(reply));
    if (rl && options.interactive) rl.prompt();
  };

  /** Where the scheduler posts digests for the console channel. */
  const port: ChatPort = {
    platform: 'console',
    post: async (_target, reply) => {
      write(renderReply(reply));
      if (rl && options.interactive) rl.prompt();
      // Unique across restarts too, so chat_messages never confuses an old message with a new one.
      return reply.messages.map(() => `console-${session}-${++posted}`);
    },
  };

  return {
    port,
    /** Resolves when the input ended or the person typed `exit`. */
    closed,
    start(): void {
      rl = createInterface({
        input: options.input,
        output: options.interactive ? output : undefined,
        terminal: options.interactive,
        prompt: 'goalpost> ',
      });
      rl.on('line', (line) => {
        const text = line.trim();
        if (text === '') {
          if (options.interactive) rl?.prompt();
          return;
        }
        if (EXIT_WORDS.has(text.toLowerCase())) {
          rl?.close();
          return;
        }
        // One line at a time, in order: a digest on the job worker finishes before the next line runs.
        queue = queue.then(async () =>
          show(
            await bot.handle({
              workspaceId: options.workspaceId,
              platform: 'console',
              userId: options.user,
              channelId: 'console',
              text,
            }),
          ),
        );
      });
      // On a terminal readline takes Ctrl-C itself; treat it as "stop", like the signal.
      rl.on('SIGINT', () => rl?.close());
      rl.on('close', () => {
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

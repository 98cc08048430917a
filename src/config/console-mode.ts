/**
 * What `npm start` was given as standard input: a `terminal`; a `stream` of lines (a pipe, a
 * socket, a file); or `none` (`/dev/null`, another device, a closed descriptor), as under a
 * service manager, `nohup`, or a script's `npm start &`.
 */
export type StdinKind = 'terminal' | 'stream' | 'none';

/** Whether the console chat runs, and the reason `npm start` prints when it does not. */
export interface ConsoleMode {
  on: boolean;
  /** On a terminal: show a prompt, keep the logs quiet. */
  interactive: boolean;
  /** Why the console is off (null when it is on). */
  why: string | null;
}

/**
 * The console chat rule of `npm start`. `GOALPOST_CONSOLE=on` or `off` decides outright. `auto`
 * runs the console when no Slack or Discord token is set and stdin can carry commands (a terminal
 * or piped input); with `/dev/null` or no stdin at all, nobody can type, so the bot runs without
 * it until a signal stops it, instead of reading an input that has already ended and stopping.
 */
export function consoleMode(setting: 'auto' | 'on' | 'off', tokens: boolean, stdin: StdinKind): ConsoleMode {
  const on = (): ConsoleMode => ({ on: true, interactive: stdin === 'terminal', why: null });
  const off = (why: string): ConsoleMode => ({ on: false, interactive: false, why });
  if (setting === 'on') return on();
  if (setting === 'off') return off('GOALPOST_CONSOLE=off');
  if (tokens) return off('Slack or Discord is configured (GOALPOST_CONSOLE=on adds it)');
  if (stdin === 'none') {
    return off('stdin is neither a terminal nor piped input (GOALPOST_CONSOLE=on forces it)');
  }
  return on();
}

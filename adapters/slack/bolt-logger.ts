import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

/** Bolt's logger interface over Goalpost's (pino) logger, so Slack's logs land in the same stream. */
export function boltLogger(logger: Logger): SlackLogger {
  const log = logger.child({ adapter: 'slack' });
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug({}, text(m)),
    info: (...m: unknown[]) => log.info({}, text(m)),
    warn: (...m: unknown[]) => log.warn({}, text(m)),
    error: (...m: unknown[]) => log.error({}, text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

import type { Logger } from '../../../../src/domain/logger.js';
import type { Timers } from '../../../../src/domain/timers.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** A Logger that keeps what it is told. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  const logger = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

interface Pending {
  id: number;
  due: number;
  run: () => void;
}

/** Timers that only fire when told to, recording every delay they were asked for. */
export function manualTimers(): Timers & {
  delays: number[];
  pending(): number;
  fireNext(): Promise<void>;
} {
  let now = 0;
  let nextId = 1;
  const queue: Pending[] = [];
  const delays: number[] = [];
  return {
    delays,
    setTimeout(run, ms) {
      delays.push(ms);
      const timer = { id: nextId++, due: now + ms, run };
      queue.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      const i = queue.findIndex((t) => t.id === handle);
      if (i >= 0) queue.splice(i, 1);
    },
    pending: () => queue.length,
    /** Fires the earliest timer and lets the run it starts finish. */
    async fireNext() {
      queue.sort((a, b) => a.due - b.due || a.id - b.id);
      const timer = queue.shift();
      if (timer === undefined) throw new Error('no timer is pending');
      now = timer.due;
      timer.run();
      await settle();
    },
  };
}

/** Lets every promise callback queued so far (and those they queue) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

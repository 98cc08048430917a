import { afterEach } from 'vitest';
import type { Scheduler } from '../../src/chat.js';
import { type Clock, fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';

/**
 * Opens Goalposts on real files at fixed times (or on a clock the test moves) and closes them (and
 * stops their schedulers) after each test, even a failing one.
 */
export function useGoalposts() {
  const opened: OpenedGoalpost[] = [];
  const schedulers: Scheduler[] = [];
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    for (const o of opened.splice(0)) o.close();
  });
  return {
    open(dbPath: string, now: string | Clock): OpenedGoalpost {
      const clock = typeof now === 'string' ? fixedClock(now) : now;
      const o = openGoalpost({ dbPath, clock, logger: silentLogger });
      opened.push(o);
      return o;
    },
    /** Closes `o` now (a simulated restart). */
    close(o: OpenedGoalpost): void {
      opened.splice(opened.indexOf(o), 1);
      o.close();
    },
    /** Stops `s` after the test. */
    track<S extends Scheduler>(s: S): S {
      schedulers.push(s);
      return s;
    },
  };
}

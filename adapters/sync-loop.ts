/** A connector's scheduled sync: run now, then every interval; one run at a time. */
export interface SyncLoop {
  /** Runs a sync now, or joins the one in flight; resolves when it is done. */
  runOnce(): Promise<void>;
  /** Syncs now, then every interval (the timer does not keep the process alive). */
  start(): void;
  /** Stops the timer and waits for a sync in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `sync` every `intervalMs`, never two at once: a tick while one runs joins it rather than
 * starting another. `sync` handles its own failures (it logs them and goes on).
 */
export function createSyncLoop(sync: () => Promise<void>, intervalMs: number): SyncLoop {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const runOnce = (): Promise<void> => {
    running ??= sync().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    runOnce,
    start() {
      timer ??= setInterval(() => void runOnce(), intervalMs);
      timer.unref();
      void runOnce();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

// A read on a thread of its own, over its own read-only connection to the same file, so that it runs
// on another core while this thread goes on with its own work, then is waited for (see readAside).
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import { lazyBuiltin } from '../domain/lazy-builtin.js';
import { nativeBinding } from './open-database.js';

// Loaded on the first read aside: every command opens the store, only `learn` over a long log reads aside.
const threads = lazyBuiltin<typeof WorkerThreads>('node:worker_threads');

/** How long `wait` blocks for the thread before giving up on it (the caller then reads itself). */
const WAIT_MS = 60_000;

/** What the thread is given: the file, how to load better-sqlite3, and the read. */
interface ThreadData {
  path: string;
  module: string;
  binding: string;
  statements: readonly string[];
  params: Record<string, unknown>;
  port: unknown;
  done: SharedArrayBuffer;
}

type Answer = { rows: unknown[][][] } | { error: string };

// The thread's whole program, CommonJS given as source: no file of ours to find from the bundle,
// and nothing of Goalpost's to load but better-sqlite3. It always answers, and always raises the
// flag `wait` blocks on, whatever failed.
const THREAD = `
const { workerData } = require('node:worker_threads');
const { path, module, binding, statements, params, port, done } = workerData;
let answer;
try {
  const Database = require(module);
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: binding });
  try {
    db.pragma('busy_timeout = 5000');
    const read = db.transaction(() => statements.map((sql) => db.prepare(sql).raw().all(params)));
    answer = { rows: read() };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { error: String((error && error.message) || error) };
}
port.postMessage(answer);
const flag = new Int32Array(done);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** A read begun on another thread (see readAside). */
export interface ReadAside {
  /**
   * Blocks until the thread has answered: each statement's rows (arrays of columns), in order;
   * null when the thread failed, or had not answered within a minute.
   */
  wait(): unknown[][][] | null;
  /** Stops the thread, if it is still reading: what it reads is not wanted. */
  drop(): void;
}

/**
 * Runs `statements`, each with the named `params`, in one read transaction (one snapshot) on a
 * thread of its own with its own read-only connection to the SQLite file at `path`. Starting it
 * costs this thread a few milliseconds; the thread itself some 35 ms before it reads (an isolate,
 * better-sqlite3, a connection). The thread never keeps the process alive.
 */
export function readAside(
  path: string,
  statements: readonly string[],
  params: Record<string, unknown>,
): ReadAside {
  const done = new SharedArrayBuffer(4);
  const { MessageChannel, receiveMessageOnPort, Worker } = threads();
  const { port1, port2 } = new MessageChannel();
  const data: ThreadData = {
    path,
    module: createRequire(import.meta.url).resolve('better-sqlite3'),
    binding: nativeBinding(),
    statements,
    params,
    port: port2,
    done,
  };
  const thread = new Worker(THREAD, { eval: true, workerData: data, transferList: [port2] });
  thread.unref();
  let answer: Answer | undefined;
  return {
    wait() {
      if (answer === undefined) {
        if (Atomics.wait(new Int32Array(done), 0, 0, WAIT_MS) === 'timed-out') {
          void thread.terminate();
          answer = { error: 'no answer within a minute' };
        } else {
          answer = (receiveMessageOnPort(port1)?.message as Answer | undefined) ?? { error: 'no answer' };
        }
        port1.close();
      }
      return 'rows' in answer ? answer.rows : null;
    },
    drop() {
      if (answer !== undefined) return;
      answer = { error: 'dropped' };
      void thread.terminate();
      port1.close();
    },
  };
}

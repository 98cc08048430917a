// A read shared with a thread of its own, over its own read-only connection to the same file, so
// that it runs on another core while this thread goes on with its own work (see readAside).
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import { lazyBuiltin } from '../domain/lazy-builtin.js';
import { nativeBinding } from './open-database.js';

// Loaded on the first read aside: every command opens the store, only `learn` over a long log reads aside.
const threads = lazyBuiltin<typeof WorkerThreads>('node:worker_threads');

/** How long `finish` blocks for the thread before giving up on it (the caller then reads itself). */
const WAIT_MS = 60_000;

/** One read: which of the statements, with which named parameters. */
export type Read = readonly [statement: number, params: Record<string, unknown>];

/** What the thread is given: the file, how to load better-sqlite3, and the reads. */
interface ThreadData {
  path: string;
  module: string;
  binding: string;
  statements: readonly string[];
  reads: readonly Read[];
  port: unknown;
  /** Int32 [next read to take, done flag]. */
  shared: SharedArrayBuffer;
}

/** The rows of the reads the thread took, by their index in `reads`. */
type Answer = { rows: Array<[index: number, rows: unknown[][]]> } | { error: string };

const NEXT = 0;
const DONE = 1;

// The thread's whole program, CommonJS given as source: no file of ours to find from the bundle,
// and nothing of Goalpost's to load but better-sqlite3. It takes the reads in turn with this
// thread, each by adding one to the shared counter, until none is left. It always answers, and
// always raises the flag `finish` blocks on, whatever failed.
const THREAD = `
const { workerData } = require('node:worker_threads');
const { path, module, binding, statements, reads, port, shared } = workerData;
const cells = new Int32Array(shared);
let answer;
try {
  const Database = require(module);
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: binding });
  try {
    db.pragma('busy_timeout = 5000');
    // Prepared before any read is taken: a statement the thread cannot prepare leaves them all here.
    const prepared = statements.map((sql) => db.prepare(sql).raw());
    const rows = [];
    db.transaction(() => {
      for (let i = Atomics.add(cells, ${NEXT}, 1); i < reads.length; i = Atomics.add(cells, ${NEXT}, 1)) {
        rows.push([i, prepared[reads[i][0]].all(reads[i][1])]);
      }
    })();
    answer = { rows };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { error: String((error && error.message) || error) };
}
port.postMessage(answer);
Atomics.store(cells, ${DONE}, 1);
Atomics.notify(cells, ${DONE});
`;

/** A read shared with another thread (see readAside). */
export interface ReadAside {
  /**
   * Runs on this thread, by `readHere`, each read the other thread has not taken yet, then blocks
   * until the thread has answered (at once if it took none): each read's rows (arrays of columns),
   * in order; null when the thread failed, or had not answered within a minute. Asked again, the
   * same answer (null after `readHere` threw, which this throws).
   */
  finish(readHere: (read: Read) => unknown[][]): unknown[][][] | null;
  /** Stops the thread, if it is still reading: what it reads is not wanted (finish then gives null). */
  drop(): void;
}

/**
 * Begins `reads` (each one of `statements`, with its named parameters), on a thread of its own with
 * its own read-only connection to the SQLite file at `path`, in one read transaction (one snapshot). The
 * thread takes the reads in order, one at a time; `finish` lets this thread take the rest once it
 * has done its own work, so that neither waits long for the other. Starting it costs this thread a
 * few milliseconds; the thread itself some 35 ms before it reads (an isolate, better-sqlite3, a
 * connection). The thread never keeps the process alive.
 *
 * The two threads read on two connections: what they read is one database only if no other
 * connection committed in between (the caller checks, as with `PRAGMA data_version`).
 */
export function readAside(path: string, statements: readonly string[], reads: readonly Read[]): ReadAside {
  const shared = new SharedArrayBuffer(8);
  const cells = new Int32Array(shared);
  const { MessageChannel, receiveMessageOnPort, Worker } = threads();
  const { port1, port2 } = new MessageChannel();
  const data: ThreadData = {
    path,
    module: createRequire(import.meta.url).resolve('better-sqlite3'),
    binding: nativeBinding(),
    statements,
    reads,
    port: port2,
    shared,
  };
  const thread = new Worker(THREAD, { eval: true, workerData: data, transferList: [port2] });
  thread.unref();
  // A thread that cannot start (a container's limit on tasks, no memory for its heap) takes no
  // read, so this thread reads them all (see finish). Unheard, its error ended the process once the
  // command had printed its answer, with exit code 1 and a stack trace.
  thread.on('error', () => {});
  let over = false;
  let result: unknown[][][] | null = null;
  const stop = () => {
    over = true;
    void thread.terminate();
    port1.close();
  };
  return {
    finish(readHere) {
      if (over) return result;
      const rows: unknown[][][] = new Array(reads.length);
      let here = 0;
      try {
        for (let i = Atomics.add(cells, NEXT, 1); i < reads.length; i = Atomics.add(cells, NEXT, 1)) {
          rows[i] = readHere(reads[i] as Read);
          here++;
        }
      } catch (error) {
        // The reads this thread took are lost with it: asked again, the answer is null.
        stop();
        throw error;
      }
      if (here === reads.length) {
        // The thread took none: nothing of it to wait for.
        stop();
        result = rows;
        return result;
      }
      let answer: Answer;
      if (Atomics.wait(cells, DONE, 0, WAIT_MS) === 'timed-out') {
        answer = { error: 'no answer within a minute' };
      } else {
        answer = (receiveMessageOnPort(port1)?.message as Answer | undefined) ?? { error: 'no answer' };
      }
      stop();
      if ('error' in answer) return null;
      for (const [i, read] of answer.rows) rows[i] = read;
      result = rows;
      return result;
    },
    drop() {
      if (!over) stop();
    },
  };
}

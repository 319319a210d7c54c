/**
 * A worker started before the scenario is compiled: bin/simcc.js starts one as the process starts (a
 * `run` worker for `run` and `replay`, an `explore` worker for `explore`), so that its thread boots and
 * loads simcc's modules (about 75 ms) while the main thread loads the command line and compiles the
 * scenario (about 70 ms), not after. The supervisor (supervisor.ts, explore-supervisor.ts) adopts it as
 * the command's first worker and sends it its input (`workerInput`, in the worker, waits for it).
 *
 * Invariants:
 * - Until adopted it is unref'd: a command that ends without it (a usage error, a compile error, --help)
 *   exits as before, the worker dying with the process.
 * - Its failure before adoption (it crashed loading, it exited) is noted, never thrown: the command then
 *   starts a worker of its own, as it did before there were warm workers.
 * - It is adopted at most once; every later worker is started by its supervisor.
 *
 * This module imports nothing of simcc's, so that bin/simcc.js can load it before anything else.
 */
import { totalmem } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';

/** A bounded heap turns a runaway scenario into ERR_WORKER_OUT_OF_MEMORY (a clean error) instead of a V8 abort. */
export const WORKER_HEAP_LIMIT = { maxOldGenerationSizeMb: Math.max(256, Math.min(2048, Math.floor(totalmem() / 4 / 2 ** 20))) };

/** The `run` worker's entry point. */
export const RUN_WORKER_URL = new URL('./worker.js', import.meta.url);
/** The `explore` worker's entry point. */
export const EXPLORE_WORKER_URL = new URL('./explore-worker.js', import.meta.url);

/** What a warm worker's workerData says until its input comes (worker.ts). */
export interface WarmWorkerData {
  readonly warm: true;
}

/** The message that gives a warm worker its input. */
export interface WarmInputMessage<I> {
  readonly type: 'input';
  readonly input: I;
}

let warm: { readonly url: string; readonly worker: Worker; readonly gone: () => void } | null = null;
let lost = false;

/** Start the warm worker of entry point `url` (once). */
export function prewarm(url: URL): void {
  if (warm !== null) return;
  const data: WarmWorkerData = { warm: true };
  const w = new Worker(url, { workerData: data, stdout: true, stderr: true, resourceLimits: WORKER_HEAP_LIMIT });
  w.unref();
  const gone = (): void => {
    lost = true;
  };
  w.once('error', gone);
  w.once('exit', gone);
  warm = { url: url.href, worker: w, gone };
}

/**
 * The warm worker of entry point `url`, ref'd again and with no listener of this module's (the caller's
 * handle its end), or undefined: none was started for `url`, it was adopted already, or it failed.
 */
export function adoptWarmWorker(url: URL): Worker | undefined {
  if (warm === null || warm.url !== url.href) return undefined;
  const { worker: w, gone } = warm;
  warm = null;
  w.off('error', gone);
  w.off('exit', gone);
  if (lost) {
    void w.terminate();
    return undefined;
  }
  w.ref();
  return w;
}

/** In a worker: its input, from its workerData, or for a warm worker from its first message. */
export function workerInput<I>(): Promise<I> {
  const data = workerData as I | WarmWorkerData;
  if (typeof data !== 'object' || data === null || !('warm' in data)) return Promise.resolve(data as I);
  return new Promise((resolve) => parentPort!.once('message', (m: WarmInputMessage<I>) => resolve(m.input)));
}

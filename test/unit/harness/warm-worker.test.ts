/**
 * Warm workers (harness/warm-worker.ts): a worker started before its input exists gets it from its first
 * message, is adopted once, and only for its own entry point.
 */
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { adoptWarmWorker, EXPLORE_WORKER_URL, prewarm, type WarmInputMessage } from '../../../src/harness/warm-worker.js';

const ECHO = new URL('../../fixtures/warm/echo-worker.mjs', import.meta.url);

const reply = (w: Worker): Promise<unknown> => new Promise((resolve, reject) => w.once('message', resolve).once('error', reject));

describe('warm workers', () => {
  it('a warm worker is adopted once, by its own entry point, and takes its input from its first message', async () => {
    prewarm(ECHO);
    expect(adoptWarmWorker(EXPLORE_WORKER_URL)).toBeUndefined();
    const w = adoptWarmWorker(ECHO)!;
    expect(w).toBeDefined();
    expect(adoptWarmWorker(ECHO)).toBeUndefined();
    const input = { file: 'x.ts', runs: 3 };
    const answer = reply(w);
    w.postMessage({ type: 'input', input } satisfies WarmInputMessage<typeof input>);
    expect(await answer).toEqual({ echoed: input });
    await w.terminate();
  });
});

// bench helper (bench/explore.js): N worker threads each run the same promise-heavy loop (the shape of
// simcc's executions: many short awaits); prints nothing, exits 0. Timed as a whole process, it tells how
// much two threads can really do at once on this machine.
import { Worker } from 'node:worker_threads';

const threads = Number(process.argv[2] ?? 1);
const LOOP = `(async () => { let x = 0; for (let i = 0; i < 1e7; i++) { await Promise.resolve(i); x += i; } require('node:worker_threads').parentPort.postMessage(x); })()`;
await Promise.all(
  Array.from({ length: threads }, () => new Promise((resolve, reject) => {
    const w = new Worker(LOOP, { eval: true });
    w.on('message', resolve);
    w.on('error', reject);
  })),
);

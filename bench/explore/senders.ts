// bench family: n goroutines send on an unbuffered channel, one receives n values. The receiver
// takes them in n! orders; as simcc models channels (a blocked send or receive queues in a step of
// its own, as Go's runtime does), who waits for whom makes more traces than that: 2 for n = 1,
// 28 for n = 2, 1242 for n = 3 (brute force agrees: test/unit/scheduler/dpor.test.ts).
// n from SIMCC_BENCH_N (default 2).
import { scenario, spawn, Channel } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 2);

export default scenario(`${n} senders, one receiver`, async () => {
  const ch = new Channel<number>(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(() => ch.send(i)));
  for (let i = 0; i < n; i++) await ch.recv();
  for (const h of hs) await h.join();
});

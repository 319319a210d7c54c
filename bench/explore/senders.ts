// bench family: n goroutines send on an unbuffered channel, one receives n values: n! traces (the
// orders in which the receiver takes the values; a blocked send or receive takes no step, so waiting
// adds no interleavings). n from SIMCC_BENCH_N (default 2).
import { scenario, spawn, Channel } from 'simcc';

const n = Number(process.env.SIMCC_BENCH_N ?? 2);

export default scenario(`${n} senders, one receiver`, async () => {
  const ch = new Channel<number>(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(() => ch.send(i)));
  for (let i = 0; i < n; i++) await ch.recv();
  for (const h of hs) await h.join();
});

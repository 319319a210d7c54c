// bench family: n tokio tasks each send once on a bounded mpsc channel of capacity 1, one receiver
// takes the n values: n! traces (the orders of the values; a send that finds the channel full waits
// without a step, so only the transfers are ordered). n from SIMCC_BENCH_N (default 2).
import { scenario, spawn, mpsc, drop } from 'simcc/tokio';

const n = Number(process.env.SIMCC_BENCH_N ?? 2);

export default scenario(`tokio: ${n} senders on channel(1), one receiver`, async () => {
  const [tx, rx] = mpsc.channel<number>(1, 'c');
  for (let i = 0; i < n; i++) {
    const t = tx.clone();
    spawn(async () => void (await t.send(i)), { name: `s${i}`, move: [t] });
  }
  await drop(tx);
  for (let i = 0; i < n; i++) await rx.recv();
});

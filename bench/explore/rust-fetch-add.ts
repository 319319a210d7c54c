// bench family (Rust): n threads × one fetchAdd(SeqCst) on one AtomicUsize — n! traces. n from SIMCC_BENCH_N.
import { scenario, thread, AtomicUsize, Ordering, assert } from 'simcc/rust';

const n = Number(process.env.SIMCC_BENCH_N ?? 4);

export default scenario(`${n} threads × fetchAdd(SeqCst)`, async () => {
  const x = new AtomicUsize(0, 'x');
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(thread.spawn(async () => void (await x.fetchAdd(1, Ordering.SeqCst)), `t${i}`));
  for (const h of hs) (await h.join()).unwrap();
  assert((await x.load(Ordering.SeqCst)) === n, 'an increment was lost');
});

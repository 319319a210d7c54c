// bench family (Rust): store buffering. SIMCC_BENCH_N=0: Relaxed (4 outcomes, 8 read-from traces);
// SIMCC_BENCH_N=1: SeqCst (3 outcomes, 3 traces: r1 = r2 = 0 is forbidden).
import { scenario, thread, AtomicUsize, Ordering } from 'simcc/rust';

const o = Number(process.env.SIMCC_BENCH_N ?? 0) === 1 ? Ordering.SeqCst : Ordering.Relaxed;

export default scenario(`store buffering (${o})`, async () => {
  const x = new AtomicUsize(0, 'x');
  const y = new AtomicUsize(0, 'y');
  const a = thread.spawn(async () => {
    await x.store(1, o);
    return y.load(o);
  }, 'a');
  const b = thread.spawn(async () => {
    await y.store(1, o);
    return x.load(o);
  }, 'b');
  (await a.join()).unwrap();
  (await b.join()).unwrap();
});

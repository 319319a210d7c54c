// bench family (Rust): one thread loads an AtomicUsize k times (Relaxed) while another stores 1 —
// the loads may read 0 until one reads 1 (coherence): (k + 1)(k + 2) / 2 read-from traces. k from SIMCC_BENCH_N.
import { scenario, thread, AtomicUsize, Ordering } from 'simcc/rust';

const k = Number(process.env.SIMCC_BENCH_N ?? 3);

export default scenario(`${k} Relaxed loads against one store`, async () => {
  const x = new AtomicUsize(0, 'x');
  const loader = thread.spawn(async () => {
    for (let i = 0; i < k; i++) await x.load(Ordering.Relaxed);
  }, 'loader');
  const storer = thread.spawn(async () => x.store(1, Ordering.Relaxed), 'storer');
  (await loader.join()).unwrap();
  (await storer.join()).unwrap();
});

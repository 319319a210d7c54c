// Ported from tokio-rs/loom tests/mpsc.rs.
import { describe, it } from 'vitest';
import { thread, mpsc, assert } from '../../../src/rust.js';
import { model, modelFails } from './helpers.js';

describe('loom tests/mpsc.rs', () => {
  it('basic_sequential_usage', async () => {
    await model('basic_sequential_usage', async () => {
      const [s, r] = mpsc.channel<number>();
      (await s.send(5)).unwrap();
      const val = (await r.recv()).unwrap();
      assert(val === 5, 'assert_eq!(val, 5)');
    });
  });

  it('basic_parallel_usage', async () => {
    await model('basic_parallel_usage', async () => {
      const [s, r] = mpsc.channel<number>();
      thread.spawn(async () => void (await s.send(5)).unwrap(), { move: [s] });
      const val = (await r.recv()).unwrap();
      assert(val === 5, 'assert_eq!(val, 5)');
    });
  });

  it('commutative_senders', async () => {
    await model('commutative_senders', async () => {
      const [s, r] = mpsc.channel<number>();
      const s2 = s.clone();
      thread.spawn(async () => void (await s.send(5)).unwrap(), { move: [s] });
      thread.spawn(async () => void (await s2.send(6)).unwrap(), { move: [s2] });
      let val = (await r.recv()).unwrap();
      val += (await r.recv()).unwrap();
      assert(val === 11, 'assert_eq!(val, 11)');
    });
  });

  // fn ignore_result<A, B>(_: Result<A, B>) {}
  const nonCommutative = (expected: number) => async () => {
    const [s, r] = mpsc.channel<number>();
    const s2 = s.clone();
    thread.spawn(async () => void (await s.send(5)), { move: [s] });
    thread.spawn(async () => void (await s2.send(6)), { move: [s2] });
    const val = (await r.recv()).unwrap();
    assert(val === expected, `assert_eq!(val, ${expected})`);
    await r.recv();
  };

  // #[should_panic]
  it('non_commutative_senders1', async () => {
    await modelFails('non_commutative_senders1', nonCommutative(5), ['assertion'], /assert_eq!\(val, 5\)/);
  });

  // #[should_panic]
  it('non_commutative_senders2', async () => {
    await modelFails('non_commutative_senders2', nonCommutative(6), ['assertion'], /assert_eq!\(val, 6\)/);
  });

  it('drop_receiver', async () => {
    await model('drop_receiver', async () => {
      const [s, r] = mpsc.channel<number>();
      (await s.send(1)).unwrap();
      (await s.send(2)).unwrap();
      assert((await r.recv()).unwrap() === 1, 'assert_eq!(r.recv().unwrap(), 1)');
    });
  });
});

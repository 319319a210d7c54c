// Ported from tokio-rs/loom tests/deadlock.rs.
import { describe, it } from 'vitest';
import { thread, Arc, Mutex, assert } from '../../../src/rust.js';
import { modelFails } from './helpers.js';

describe('loom tests/deadlock.rs', () => {
  // #[should_panic]: loom reports the deadlock.
  it('two_mutexes_deadlock', async () => {
    await modelFails(
      'two_mutexes_deadlock',
      async () => {
        const a = Arc.new(new Mutex(1, { name: 'a' }));
        const b = Arc.new(new Mutex(2, { name: 'b' }));
        const th1 = (() => {
          const [a1, b1] = [Arc.clone(a), Arc.clone(b)];
          return thread.spawn(async () => {
            using aLock = (await a1.lock()).unwrap();
            using bLock = (await b1.lock()).unwrap();
            assert(aLock.value + bLock.value === 3, 'assert_eq!(*a_lock + *b_lock, 3)');
          });
        })();
        const th2 = (() => {
          const [a2, b2] = [Arc.clone(a), Arc.clone(b)];
          return thread.spawn(async () => {
            using bLock = (await b2.lock()).unwrap();
            using aLock = (await a2.lock()).unwrap();
            assert(aLock.value + bLock.value === 3, 'assert_eq!(*a_lock + *b_lock, 3)');
          });
        })();
        (await th1.join()).unwrap();
        (await th2.join()).unwrap();
      },
      ['deadlock'],
      undefined,
      { all: true },
    );
  });
});

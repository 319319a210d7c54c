// Ported from tokio-rs/loom tests/thread_api.rs.
import { describe, it } from 'vitest';
import { thread, Arc, Mutex, AtomicUsize, Ordering, assert, drop, type JoinHandle } from '../../../src/rust.js';
import { model } from './helpers.js';

describe('loom tests/thread_api.rs', () => {
  it('many_joins', async () => {
    await model('many_joins', async () => {
      const handles: JoinHandle<void>[] = [];
      const mutex = Arc.new(new Mutex(null, { name: 'mutex' }));
      const lock = (await mutex.lock()).unwrap();
      for (let i = 1; i < 3; i++) {
        const m = Arc.clone(mutex);
        handles.push(
          thread.spawn(async () => {
            await drop((await m.lock()).unwrap()); // mutex.lock().unwrap(); — a temporary
          }),
        );
      }
      await drop(lock); // std::mem::drop(lock)
      for (const h of handles) await h.join();
    });
  });

  it('alt_join', async () => {
    await model('alt_join', async () => {
      const arcmut = Arc.new(new Mutex<JoinHandle<void> | null>(null, { name: 'arcmut' }));
      const lock = (await arcmut.lock()).unwrap();
      const arcmut2 = Arc.clone(arcmut);
      const th1 = thread.spawn(async () => {});
      const th2 = thread.spawn(
        async () => {
          await drop((await arcmut2.lock()).unwrap());
          await th1.join();
        },
        { move: [th1] },
      );
      const th3 = thread.spawn(async () => {});
      await drop(lock);
      await th3.join();
      await th2.join();
    });
  });

  it('threads_have_unique_ids', async () => {
    await model('threads_have_unique_ids', async () => {
      const ids = Arc.new(new Mutex(new Set<number>(), { name: 'thread_ids' }));
      {
        using g = (await ids.lock()).unwrap();
        g.value.add(thread.current().id);
      }
      const hs = [0, 1].map(() => {
        const i = Arc.clone(ids);
        return thread.spawn(async () => {
          using g = (await i.lock()).unwrap();
          const id = thread.current().id;
          assert(!g.value.has(id), 'assert!(thread_ids.insert(id))');
          g.value.add(id);
        });
      });
      for (const h of hs) (await h.join()).unwrap();
      using g = (await ids.lock()).unwrap();
      assert(g.value.size === 3, 'assert_eq!(3, thread_ids.len())');
    });
  });

  it('thread_names', async () => {
    await model('thread_names', async () => {
      const h = thread.spawn(
        async () => {
          assert(thread.current().name === 'example', 'assert_eq!(thread::current().name(), Some("example"))');
        },
        { name: 'example' },
      );
      (await h.join()).unwrap();
    });
  });

  it('park_unpark_loom', async () => {
    await model('park_unpark_loom', async () => {
      await thread.current().unpark();
      await thread.park();
      // "it did not deadlock"
    });
  });

  it('scoped_thread', async () => {
    await model('scoped_thread', async () => {
      const SPAWN_COUNT = 3;
      const counter = new AtomicUsize(0, 'counter');
      await thread.scope(async (scope) => {
        for (let i = 0; i < SPAWN_COUNT; i++) {
          scope.spawn(async () => {
            await counter.fetchAdd(1, Ordering.Relaxed);
          });
        }
      });
      assert((await counter.load(Ordering.Relaxed)) === SPAWN_COUNT, 'assert_eq!(counter.load(Relaxed), SPAWN_COUNT)');
    });
  });
});

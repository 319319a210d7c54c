/**
 * Stage 1, "initial" (Russ Cox, 2008; course Ch02, seed lines ~330–400): a counter and a semaphore.
 *
 *   func (m *Mutex) Lock() {
 *       if xadd(&m.key, 1) == 1 { return }   // 0 → 1: nobody held it
 *       semacquire(&m.sema)                  // else sleep; the Unlock that wakes us hands the lock over
 *   }
 *   func (m *Mutex) Unlock() {
 *       switch v := xadd(&m.key, -1); {
 *       case v == 0:  return                 // nobody waits
 *       case v == -1: panic("sync: unlock of unlocked mutex")
 *       }
 *       semrelease(&m.sema)                  // wake one waiter: it owns the lock now
 *   }
 *
 * `key` counts the goroutines holding or waiting for the lock. `xadd` is the CAS retry loop of the
 * 2008 code (a load, then a CAS, each a scheduling point; a CAS that lost a race retries). The
 * `v == -1` check is one of the small changes the course mentions after the first version (Unlock
 * "does a check"); the 2008 code had none. Its panic is recoverable, as it was then.
 * Waiters are served strictly FIFO: a woken waiter owns the lock without competing. TryLock (which
 * Go only gained in 1.18) is the one CAS key 0 → 1.
 */
import { SimPanic } from '../../../runtime/errors.js';
import { cas, load, semacquire, semrelease, type Ctx, type Program, type Stage } from './machine.js';
import { COUNTER_LAYOUT } from './state-word.js';

/** The 2008 xadd: "for { v := *val; if cas(val, v, v+delta) { return v + delta } }". */
function* xadd(delta: number): Program<number> {
  for (;;) {
    const v = yield* load();
    const next = (v + delta) | 0;
    if (yield* cas(v, next)) return next;
  }
}

export const initialStage: Stage = {
  variant: 'initial',
  layout: COUNTER_LAYOUT,
  wakeOwns: true,

  *lock(m: Ctx): Program<void> {
    if ((yield* xadd(1)) === 1) {
      m.acquired('cas');
      return;
    }
    m.note('the lock is held: sleeps on the semaphore');
    yield* semacquire();
    m.acquired('sema');
  },

  *unlock(m: Ctx): Program<void> {
    const v = yield* xadd(-1);
    if (v === -1) throw new SimPanic('unlock-of-unlocked', 'sync: unlock of unlocked mutex');
    m.released();
    if (v === 0) return;
    m.note(`${v} waiting: wakes one`);
    yield* semrelease();
  },

  *tryLock(m: Ctx): Program<boolean> {
    if (yield* cas(0, 1)) {
      m.acquired('cas');
      return true;
    }
    return false;
  },
};

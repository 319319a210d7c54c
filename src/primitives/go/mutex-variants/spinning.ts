/**
 * Stage 3, "spinning" — more chances (February 2015; course Ch02, seed lines ~520–580).
 *
 *   func (m *Mutex) Lock() {
 *       if atomic.CompareAndSwapInt32(&m.state, 0, mutexLocked) { return }
 *       awoke := false
 *       iter := 0
 *       for {
 *           old := m.state
 *           new := old | mutexLocked
 *           if old&mutexLocked != 0 {
 *               if runtime_canSpin(iter) {
 *                   if !awoke && old&mutexWoken == 0 && old>>mutexWaiterShift != 0 &&
 *                       atomic.CompareAndSwapInt32(&m.state, old, old|mutexWoken) {
 *                       awoke = true
 *                   }
 *                   runtime_doSpin()
 *                   iter++
 *                   continue
 *               }
 *               new = old + 1<<mutexWaiterShift
 *           }
 *           if awoke {
 *               if new&mutexWoken == 0 { panic("sync: inconsistent mutex state") }
 *               new &^= mutexWoken
 *           }
 *           if atomic.CompareAndSwapInt32(&m.state, old, new) {
 *               if old&mutexLocked == 0 { break }
 *               runtime_Semacquire(&m.sema)
 *               awoke = true
 *               iter = 0
 *           }
 *       }
 *   }
 *
 * Unlock is stage 2's. While the lock is held and canSpin holds (machine.ts: at most 4 iterations,
 * another goroutine runnable, then a recorded choice), a newcomer or a woken waiter re-reads the
 * state instead of sleeping, and a spinner sets mutexWoken so that Unlock wakes nobody else: the
 * goroutine already on a CPU gets the lock. Waiters lose even more often than in stage 2.
 * The "inconsistent mutex state" check was a panic (recoverable) then.
 */
import { SimPanic } from '../../../runtime/errors.js';
import { cas, load, semacquire, type Ctx, type Program, type Stage } from './machine.js';
import { tryLockNormal, unlockNormal } from './newcomer.js';
import { LOCKED, NEWCOMER_LAYOUT, WOKEN, oneWaiter, waitersOf, type Layout } from './state-word.js';

const L: Layout = NEWCOMER_LAYOUT;

export const spinningStage: Stage = {
  variant: 'spinning',
  layout: L,
  wakeOwns: false,

  *lock(m: Ctx): Program<void> {
    if (yield* cas(0, LOCKED)) {
      m.acquired('cas');
      return;
    }
    let awoke = false;
    let iter = 0;
    for (;;) {
      const old = yield* load();
      let next = old | LOCKED;
      if (old & LOCKED) {
        if (m.spin(iter)) {
          if (!awoke && (old & WOKEN) === 0 && waitersOf(L, old) !== 0 && (yield* cas(old, old | WOKEN))) {
            awoke = true;
            m.note('set mutexWoken while spinning: Unlock will wake nobody');
          }
          iter++;
          continue;
        }
        next = old + oneWaiter(L);
      }
      if (awoke) {
        if ((next & WOKEN) === 0) throw new SimPanic('panic', 'sync: inconsistent mutex state');
        next &= ~WOKEN;
      }
      if (yield* cas(old, next)) {
        if ((old & LOCKED) === 0) {
          m.acquired('cas');
          return;
        }
        yield* semacquire();
        awoke = true;
        iter = 0;
      }
    }
  },

  unlock: (m: Ctx) => unlockNormal(m, L),
  tryLock: tryLockNormal,
};

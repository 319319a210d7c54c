/**
 * Stage 2, "newcomer" — give newcomers a chance (June 2011; course Ch02, seed lines ~420–520).
 *
 *   func (m *Mutex) Lock() {
 *       if atomic.CompareAndSwapInt32(&m.state, 0, mutexLocked) { return }   // fast path
 *       awoke := false
 *       for {
 *           old := m.state
 *           new := old | mutexLocked
 *           if old&mutexLocked != 0 { new = old + 1<<mutexWaiterShift }
 *           if awoke { new &^= mutexWoken }
 *           if atomic.CompareAndSwapInt32(&m.state, old, new) {
 *               if old&mutexLocked == 0 { break }
 *               runtime.Semacquire(&m.sema)
 *               awoke = true
 *           }
 *       }
 *   }
 *   func (m *Mutex) Unlock() {
 *       new := atomic.AddInt32(&m.state, -mutexLocked)
 *       if (new+mutexLocked)&mutexLocked == 0 { panic("sync: unlock of unlocked mutex") }
 *       old := new
 *       for {
 *           if old>>mutexWaiterShift == 0 || old&(mutexLocked|mutexWoken) != 0 { return }
 *           new = (old - 1<<mutexWaiterShift) | mutexWoken
 *           if atomic.CompareAndSwapInt32(&m.state, old, new) { runtime.Semrelease(&m.sema); return }
 *           old = m.state
 *       }
 *   }
 *
 * The woken waiter does not own the lock: it competes with goroutines arriving now, which are
 * already on a CPU and often win; it then queues again at the tail. So a goroutine that unlocks
 * and re-locks can win round after round while a waiter starves. TryLock (Go 1.18, on a later
 * Mutex) is given its Go 1.18 shape: fail if locked, else CAS old → old|mutexLocked.
 */
import { SimPanic } from '../../../runtime/errors.js';
import { add, cas, load, semacquire, semrelease, type Ctx, type Program, type Stage } from './machine.js';
import { LOCKED, NEWCOMER_LAYOUT, WOKEN, oneWaiter, waitersOf, type Layout } from './state-word.js';

const L: Layout = NEWCOMER_LAYOUT;

/** Unlock of stages 2 and 3 (identical in the 2011 and 2015 code). */
export function* unlockNormal(m: Ctx, layout: Layout): Program<void> {
  const released = yield* add(-LOCKED);
  if (((released + LOCKED) & LOCKED) === 0) throw new SimPanic('unlock-of-unlocked', 'sync: unlock of unlocked mutex');
  m.released();
  let old = released;
  for (;;) {
    if (waitersOf(layout, old) === 0 || (old & (LOCKED | WOKEN)) !== 0) return;
    const next = (old - oneWaiter(layout)) | WOKEN;
    if (yield* cas(old, next)) {
      yield* semrelease();
      return;
    }
    old = yield* load();
  }
}

/** TryLock in its Go 1.18 shape, without the starvation bit (stages 2 and 3). */
export function* tryLockNormal(m: Ctx): Program<boolean> {
  const old = yield* load();
  if (old & LOCKED) return false;
  if (!(yield* cas(old, old | LOCKED))) return false;
  m.acquired('cas');
  return true;
}

export const newcomerStage: Stage = {
  variant: 'newcomer',
  layout: L,
  wakeOwns: false,

  *lock(m: Ctx): Program<void> {
    if (yield* cas(0, LOCKED)) {
      m.acquired('cas');
      return;
    }
    let awoke = false;
    for (;;) {
      const old = yield* load();
      let next = old | LOCKED;
      if (old & LOCKED) next = old + oneWaiter(L);
      if (awoke) next &= ~WOKEN;
      if (yield* cas(old, next)) {
        if ((old & LOCKED) === 0) {
          m.acquired('cas');
          return;
        }
        yield* semacquire();
        awoke = true;
      }
    }
  },

  unlock: (m: Ctx) => unlockNormal(m, L),
  tryLock: tryLockNormal,
};

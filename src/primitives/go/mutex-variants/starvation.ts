/**
 * Stage 4, "starvation" — fix starvation (Go 1.9, 2016; course Ch02, seed lines ~580–715): today's
 * Mutex, with the 2018 fast-path/slow-path split and Go 1.18's TryLock.
 *
 * state: bit 0 mutexLocked, bit 1 mutexWoken, bit 2 mutexStarving, waiters from bit 3;
 * starvationThresholdNs = 1e6 (1 ms, measured here on the virtual clock).
 *
 * Normal mode: waiters queue FIFO, but a woken waiter competes with newcomers (as in stage 3, spins
 * included). A waiter that loses again goes back to the *head* of the queue (LIFO: it already
 * waited), and once it has waited more than 1 ms its next CAS while the lock is held sets
 * mutexStarving. Starvation mode: Unlock hands the lock straight to the waiter at the head
 * (semrelease with handoff); newcomers neither spin nor grab the lock, they queue at the tail. The
 * waiter that gets the lock switches back to normal mode when it is the last waiter or waited
 * less than 1 ms. So a waiter gets the lock within a round or two after waiting 1 ms.
 *
 * Go's throws here are fatal errors (not recoverable): "sync: unlock of unlocked mutex"
 * (unlock-of-unlocked) and "sync: inconsistent mutex state" (kind panic).
 */
import { add, cas, load, semacquire, semrelease, type Ctx, type Program, type Stage } from './machine.js';
import { LOCKED, STARVATION_LAYOUT, STARVING, WOKEN, oneWaiter, waitersOf, type Layout } from './state-word.js';

const L: Layout = STARVATION_LAYOUT;
const WAITER = oneWaiter(L);
/** starvationThresholdNs = 1e6, in virtual milliseconds. */
export const STARVATION_THRESHOLD_MS = 1;

function* lockSlow(m: Ctx): Program<void> {
  let waitStartTime: number | null = null; // Go: waitStartTime int64, 0 = "has not waited yet"
  let starving = false;
  let awoke = false;
  let iter = 0;
  let old = yield* load();
  for (;;) {
    // Spin only in normal mode while the lock is held.
    if ((old & (LOCKED | STARVING)) === LOCKED && m.spin(iter)) {
      if (!awoke && (old & WOKEN) === 0 && waitersOf(L, old) !== 0 && (yield* cas(old, old | WOKEN))) {
        awoke = true;
        m.note('set mutexWoken while spinning: Unlock will wake nobody');
      }
      iter++;
      old = yield* load();
      continue;
    }
    let next = old;
    if ((old & STARVING) === 0) next |= LOCKED; // don't try to acquire a starving mutex
    if ((old & (LOCKED | STARVING)) !== 0) next += WAITER;
    if (starving && (old & LOCKED) !== 0) next |= STARVING;
    if (awoke) {
      if ((next & WOKEN) === 0) return m.fatal('panic', 'sync: inconsistent mutex state');
      next &= ~WOKEN;
    }
    if (yield* cas(old, next)) {
      if ((old & (LOCKED | STARVING)) === 0) {
        m.acquired('cas'); // locked the mutex with CAS
        return;
      }
      const queueLifo = waitStartTime !== null;
      if (waitStartTime === null) waitStartTime = m.now();
      yield* semacquire(queueLifo);
      const waited = m.now() - waitStartTime;
      starving = starving || waited > STARVATION_THRESHOLD_MS;
      m.note(`waited ${waited} ms${starving ? ': starving' : ''}`);
      old = yield* load();
      if ((old & STARVING) !== 0) {
        // The lock was handed off to us: the state is inconsistent if it looks locked or woken,
        // or counts no waiter (us).
        if ((old & (LOCKED | WOKEN)) !== 0 || waitersOf(L, old) === 0) return m.fatal('panic', 'sync: inconsistent mutex state');
        let delta = LOCKED - WAITER;
        if (!starving || waitersOf(L, old) === 1) delta -= STARVING; // exit starvation mode
        yield* add(delta);
        m.acquired('handoff');
        return;
      }
      awoke = true;
      iter = 0;
    } else {
      old = yield* load();
    }
  }
}

function* unlockSlow(m: Ctx, released: number): Program<void> {
  if (((released + LOCKED) & LOCKED) === 0) return m.fatal('unlock-of-unlocked', 'sync: unlock of unlocked mutex');
  m.released();
  if ((released & STARVING) === 0) {
    let old = released;
    for (;;) {
      // No waiters, or a goroutine already woken or holding the lock: nobody to wake.
      if (waitersOf(L, old) === 0 || (old & (LOCKED | WOKEN | STARVING)) !== 0) return;
      const next = (old - WAITER) | WOKEN;
      if (yield* cas(old, next)) {
        yield* semrelease(false);
        return;
      }
      old = yield* load();
    }
  }
  // Starvation mode: hand the lock to the next waiter. mutexLocked stays clear; the waiter sets
  // it, and newcomers, seeing mutexStarving, queue instead of taking it.
  yield* semrelease(true);
}

export const starvationStage: Stage = {
  variant: 'starvation',
  layout: L,
  wakeOwns: false,

  *lock(m: Ctx): Program<void> {
    if (yield* cas(0, LOCKED)) {
      m.acquired('cas');
      return;
    }
    yield* lockSlow(m);
  },

  *unlock(m: Ctx): Program<void> {
    const released = yield* add(-LOCKED);
    if (released !== 0) {
      yield* unlockSlow(m, released);
      return;
    }
    m.released();
  },

  *tryLock(m: Ctx): Program<boolean> {
    const old = yield* load();
    if ((old & (LOCKED | STARVING)) !== 0) return false;
    // A waiter may have been woken, but we are running now and may grab the mutex first.
    if (!(yield* cas(old, old | LOCKED))) return false;
    m.acquired('cas');
    return true;
  },
};

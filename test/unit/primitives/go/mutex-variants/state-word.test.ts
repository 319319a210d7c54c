/** The simulated int32 state word and the runtime semaphore the staged Mutexes run on. */
import { describe, expect, it } from 'vitest';
import { RuntimeSema, type SemaWaiter } from '../../../../../src/primitives/go/mutex-variants/runtime-sema.js';
import {
  COUNTER_LAYOUT,
  NEWCOMER_LAYOUT,
  STARVATION_LAYOUT,
  StateWord,
  oneWaiter,
  showState,
  waitersOf,
} from '../../../../../src/primitives/go/mutex-variants/state-word.js';
import type { Thread } from '../../../../../src/runtime/thread.js';

describe('StateWord', () => {
  it('is an int32: adding past 2^31 − 1 wraps, as Go does', () => {
    const w = new StateWord(NEWCOMER_LAYOUT);
    w.value = 2 ** 31 - 1;
    expect(w.add(1)).toBe(-(2 ** 31));
    expect(w.cas(-(2 ** 31), 2 ** 32 + 5)).toBe(true);
    expect(w.load()).toBe(5);
  });

  it('fails a CAS whose old value is stale, without writing', () => {
    const w = new StateWord(STARVATION_LAYOUT);
    w.value = 9;
    expect(w.cas(1, 3)).toBe(false);
    expect(w.load()).toBe(9);
  });

  it('shows each layout the way the course describes it', () => {
    expect(showState(COUNTER_LAYOUT, 2)).toBe('key 2');
    expect(showState(NEWCOMER_LAYOUT, 0)).toBe('0 [unlocked]');
    expect(showState(NEWCOMER_LAYOUT, 1 | 2 | (3 << 2))).toBe('15 [locked, woken, 3 waiters]');
    expect(showState(STARVATION_LAYOUT, 4 | (1 << 3))).toBe('12 [starving, 1 waiter]');
    // Bit 2 is a waiter in stages 2–3, the starving flag in stage 4.
    expect(showState(NEWCOMER_LAYOUT, 4)).toBe('4 [1 waiter]');
    expect(waitersOf(STARVATION_LAYOUT, -1)).toBe(-1);
    expect(oneWaiter(NEWCOMER_LAYOUT)).toBe(4);
    expect(oneWaiter(STARVATION_LAYOUT)).toBe(8);
    // The chapter's open question, the largest waiter count of stage 4: 29 bits from bit 3, so
    // 2^29 − 1 read unsigned; Go's int32 shift reads bit 31 as the sign, so 2^28 − 1 before it wraps.
    expect(waitersOf(STARVATION_LAYOUT, 2 ** 31 - 1)).toBe(2 ** 28 - 1);
    expect(waitersOf(STARVATION_LAYOUT, (2 ** 31 - 1 + 8) | 0)).toBeLessThan(0);
  });
});

describe('RuntimeSema', () => {
  const waiter = (name: string): SemaWaiter => ({ thread: { name } as Thread, woken: false, handoff: false });

  it('queues FIFO, or at the head for LIFO, and wakes the head with the token', () => {
    const s = new RuntimeSema(1);
    const [a, b, c] = [waiter('a'), waiter('b'), waiter('c')];
    expect(s.enqueue(a, false)).toBe(1);
    expect(s.enqueue(b, false)).toBe(2);
    expect(s.enqueue(c, true)).toBe(1);
    expect(s.sleepers.map((w) => w.thread.name)).toEqual(['c', 'a', 'b']);
    expect(s.release(true)).toBe(c);
    expect(c).toMatchObject({ woken: true, handoff: true });
    expect(s.release(false)).toBe(a);
    expect(a).toMatchObject({ woken: true, handoff: false });
    expect(s.count).toBe(0);
  });

  it('keeps the token when nobody sleeps, for the next semacquire', () => {
    const s = new RuntimeSema(1);
    expect(s.tryAcquire()).toBe(false);
    expect(s.release(false)).toBeNull();
    expect(s.count).toBe(1);
    expect(s.tryAcquire()).toBe(true);
    expect(s.tryAcquire()).toBe(false);
  });
});

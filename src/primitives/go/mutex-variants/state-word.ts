/**
 * The simulated int32 state word of a staged Mutex, and how each stage lays it out.
 *
 * Invariants: `value` is always an int32 (every write goes through `| 0`, so adding past 2^31 − 1
 * wraps as Go's int32 does); the word is touched only by the atomic instructions the stage
 * programs yield (load, CAS, add), one per scheduling point (see machine.ts).
 *
 * Layouts (the course's Ch02):
 * - stage 1 ("initial"): `key`, the number of goroutines holding or waiting for the lock;
 * - stages 2–3: bit 0 mutexLocked, bit 1 mutexWoken, waiters from bit 2 (mutexWaiterShift = 2);
 * - stage 4: bit 0 locked, bit 1 woken, bit 2 mutexStarving, waiters from bit 3.
 */

export const LOCKED = 1;
export const WOKEN = 2;
export const STARVING = 4;

export interface Layout {
  /** 'counter' for stage 1's key, 'bits' for the flag-and-waiters word of stages 2–4. */
  readonly kind: 'counter' | 'bits';
  /** mutexWaiterShift (bits layouts). */
  readonly waiterShift: number;
  /** Whether bit 2 is mutexStarving (stage 4). */
  readonly starving: boolean;
}

export const COUNTER_LAYOUT: Layout = { kind: 'counter', waiterShift: 0, starving: false };
export const NEWCOMER_LAYOUT: Layout = { kind: 'bits', waiterShift: 2, starving: false };
export const STARVATION_LAYOUT: Layout = { kind: 'bits', waiterShift: 3, starving: true };

/** One waiter in the count bits: 1 << mutexWaiterShift. */
export function oneWaiter(layout: Layout): number {
  return 1 << layout.waiterShift;
}

/** The waiter count of a bits-layout word (Go's `old >> mutexWaiterShift`, an arithmetic shift). */
export function waitersOf(layout: Layout, v: number): number {
  return v >> layout.waiterShift;
}

/** How reports show a value: `key 2` for stage 1, `9 [locked, 1 waiter]` for the others. */
export function showState(layout: Layout, v: number): string {
  if (layout.kind === 'counter') return `key ${v}`;
  const parts: string[] = [];
  if (v & LOCKED) parts.push('locked');
  if (v & WOKEN) parts.push('woken');
  if (layout.starving && v & STARVING) parts.push('starving');
  const n = waitersOf(layout, v);
  if (n !== 0) parts.push(`${n} waiter${n === 1 ? '' : 's'}`);
  return `${v} [${parts.length ? parts.join(', ') : 'unlocked'}]`;
}

export class StateWord {
  value = 0;

  constructor(readonly layout: Layout) {}

  load(): number {
    return this.value;
  }

  /** Go's atomic.CompareAndSwapInt32. */
  cas(old: number, next: number): boolean {
    if (this.value !== old) return false;
    this.value = next | 0;
    return true;
  }

  /** Go's atomic.AddInt32: the new value. */
  add(delta: number): number {
    this.value = (this.value + delta) | 0;
    return this.value;
  }

  show(v: number = this.value): string {
    return showState(this.layout, v);
  }
}

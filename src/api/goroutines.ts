/**
 * Goroutines and the small statements around them: go, spawn/join, yieldNow (panic, assert: api/panic.ts).
 */
import { currentExecution } from '../runtime/current.js';
import type { Execution } from '../runtime/execution.js';
import { JoinOp } from '../runtime/join.js';
import type { Thread } from '../runtime/thread.js';
import { YieldOp } from '../runtime/yield.js';
import { checkName } from '../primitives/core/object.js';

function parentOf(exec: Execution, what: string): Thread {
  const t = exec.running;
  if (!t) throw new Error(`simcc: ${what} was called outside any goroutine`);
  return t;
}

/** Start a goroutine. Its end creates no happens-before edge (use a WaitGroup or a channel). */
export function go(fn: () => unknown, name?: string): { id: number; name: string } {
  const exec = currentExecution('go()');
  checkName('go()', name);
  const t = exec.spawn(fn, name, parentOf(exec, 'go()'));
  return { id: t.id, name: t.name };
}

/** A thread whose end happens-before `join` returns; join returns what its function returned. */
export class JoinHandle<T> {
  readonly id: number;
  readonly name: string;
  constructor(private readonly thread: Thread) {
    this.id = thread.id;
    this.name = thread.name;
  }
  join(): Promise<T> {
    return new JoinOp<T>(currentExecution('join()'), this.thread, `'${this.thread.name}'`, (t) => t.result as T);
  }
}

export function spawn<T>(fn: () => T | Promise<T>, name?: string): JoinHandle<T> {
  const exec = currentExecution('spawn()');
  checkName('spawn()', name);
  return new JoinHandle<T>(exec.spawn(fn, name, parentOf(exec, 'spawn()')));
}

/** An explicit scheduling point: Go's runtime.Gosched (every other goroutine that can run goes first). */
export function yieldNow(): Promise<void> {
  return new YieldOp(currentExecution('yieldNow()'));
}

// panic and assert are the same in every flavour (api/panic.ts); Go's entry exports them from here too.
export { panic, assert } from './panic.js';

/**
 * The statements that end a thread's normal flow, the same in every flavour: `panic` (Go's panic,
 * Rust's panic!) throws a SimPanic the scenario may catch (recover, catch_unwind); a failed `assert`
 * is an `assertion` finding that ends the execution at once (it cannot be caught).
 */
import { currentExecution } from '../runtime/current.js';
import { Halt, safeString, SimPanic } from '../runtime/errors.js';
import { callerLocation } from '../runtime/locations.js';

/** A panic: an exception the thread may recover from by catching it; uncaught, a `panic` finding. */
export function panic(message: unknown): never {
  const exec = currentExecution('panic()');
  const p = new SimPanic('panic', safeString(message));
  (p as SimPanic & { at?: string }).at = exec.captureLocations ? callerLocation() : undefined;
  throw p;
}

/** A failed assertion is a finding that ends the execution. */
export function assert(cond: unknown, message?: string): asserts cond {
  if (cond) return;
  const exec = currentExecution('assert()');
  const t = exec.running;
  // Any message is shown (an object, a symbol): a failed assert stays an `assertion`, never a crash of its own.
  const text = message === undefined || message === '' ? '' : `: ${safeString(message)}`;
  exec.fatal('assertion', `assertion failed${text}`, {
    threads: t ? [t] : [],
    locations: [exec.captureLocations ? callerLocation() : undefined],
  });
  throw new Halt('assertion failed');
}

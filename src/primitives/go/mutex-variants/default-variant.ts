/**
 * The variant `new Mutex()` takes in an execution when the scenario names none
 * (`simcc run FILE --mutex VARIANT`; harness/runs.ts sets it before the body runs).
 * Keyed by the Execution, so it never leaks into the next one; an explicit `variant` always wins.
 */
import type { Execution } from '../../../runtime/execution.js';
import type { MutexVariant } from './variants.js';

const defaults = new WeakMap<Execution, MutexVariant>();

export function setDefaultMutexVariant(exec: Execution, variant: MutexVariant): void {
  defaults.set(exec, variant);
}

export function defaultMutexVariant(exec: Execution): MutexVariant | undefined {
  return defaults.get(exec);
}

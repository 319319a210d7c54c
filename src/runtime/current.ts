/**
 * The execution that is running now. Exactly one execution runs at a time in a process (worker),
 * and goroutine code only runs inside it; primitives and `go` find their execution here.
 */
import type { Execution } from './execution.js';

let current: Execution | null = null;

export function setCurrentExecution(exec: Execution | null): void {
  current = exec;
}

export function peekCurrentExecution(): Execution | null {
  return current;
}

/** The running execution; `what` names the caller for the error raised outside one. */
export function currentExecution(what: string): Execution {
  if (current === null || current.ended) {
    throw new Error(
      `simcc: ${what} was called outside an execution: create simulated objects and goroutines inside the scenario body, which every execution runs afresh`,
    );
  }
  return current;
}

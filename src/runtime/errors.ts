/**
 * The three ways a scenario can go wrong, kept apart because each ends an execution differently:
 * - SimPanic: what the simulated language makes a panic (Go's panic, Rust's panic!, a failed unwrap);
 *   thrown into the thread, so the scenario may catch it (Go's recover, Rust's catch_unwind). Neutral:
 *   the flavour words its message, the runtime only reads its finding kind.
 * - ScenarioError: the scenario misuses simcc itself (exit status 2, not a finding).
 * - Halt: thrown into a goroutine after its execution has already ended with a fatal finding
 *   (an assertion, say), only to stop the goroutine's code; never reported.
 */
import type { FindingKind } from '../findings.js';

export class SimPanic extends Error {
  /** Other places the finding names besides where it was thrown (a poisoned lock's unwrap: the panic that poisoned it). */
  related?: string[];
  constructor(
    readonly kind: FindingKind,
    message: string,
  ) {
    super(message);
    this.name = 'SimPanic';
  }
}

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly location?: string,
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export class Halt extends Error {
  constructor(reason: string) {
    super(`simcc: execution halted (${reason})`);
    this.name = 'Halt';
  }
}

/**
 * A thrown or passed value as text, whatever it is: String() throws for an object without a prototype (and a
 * template literal for a symbol), and a finding must still be reported, so this never throws.
 */
export function safeString(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) return JSON.stringify(v);
  } catch {
    // a cycle, a throwing getter, a bigint inside: fall back to String()
  }
  try {
    return String(v);
  } catch {
    return typeof v === 'object' && v !== null ? 'an object with no string form' : `a ${typeof v} with no string form`;
  }
}

/**
 * A mistake in the scenario's own code that JavaScript, not the simulated program, raised: a misspelt
 * method (`mu.lokc is not a function`), an undefined name, a use before initialisation, an assignment
 * to a constant. It is a scenario error (exit status 2), not a `panic` finding. What Go would make a
 * panic stays one: reading through null/undefined (Go's nil dereference), and any error the scenario
 * throws itself (`throw new TypeError('…')` has a message V8 never writes, so it is not matched).
 */
const V8_MISTAKES = /(?: is not a function| is not a constructor| is not defined| is not iterable(?: \(cannot read property [^)]*\))?)$|^Cannot access '[^']*' before initialization$|^Assignment to constant variable\.$/;

export function isScenarioMistake(err: unknown): err is Error {
  return (err instanceof TypeError || err instanceof ReferenceError) && V8_MISTAKES.test(err.message);
}

/**
 * The three ways a scenario can go wrong, kept apart because each ends an execution differently:
 * - GoPanic: what Go makes a panic; thrown into the goroutine, so the scenario may catch it (recover).
 * - ScenarioError: the scenario misuses simcc itself (exit status 2, not a finding).
 * - Halt: thrown into a goroutine after its execution has already ended with a fatal finding
 *   (an assertion, say), only to stop the goroutine's code; never reported.
 */
import type { FindingKind } from '../findings.js';

export class GoPanic extends Error {
  constructor(
    readonly kind: FindingKind,
    message: string,
  ) {
    super(message);
    this.name = 'GoPanic';
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

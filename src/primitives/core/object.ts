/**
 * The base of every simulated object: it belongs to one execution, has a dense id and a name for
 * reports, and knows whether it was used (Go's "must not be copied after first use").
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import type { SimObjectRef } from '../../runtime/op.js';

/** Implemented by objects `copyValue` copies with their state (Go's copy of a struct value). */
export const COPY = Symbol('simcc.copy');

export interface Copyable {
  /** Go's type name, for copylocks messages. */
  readonly typeName: string;
  /** Whether a copy of it is a copied lock (sync types after first use). */
  readonly isLockLike: boolean;
  readonly used: boolean;
  [COPY](): unknown;
  /** Its state in a few words, for the copied-lock message ("locked", "counter 1"). */
  stateSummary(): string;
}

export abstract class SimObject implements SimObjectRef {
  readonly exec: Execution;
  readonly id: number;
  readonly name: string;
  abstract readonly typeName: string;
  used = false;
  private labelCache: string | undefined;

  /**
   * `ctor` names the constructor for the error raised outside an execution, e.g. "new Mutex()". An unnamed
   * object is named by its kind and its number among the objects of that kind: `wg#1`, `wg#2`, `mu#1`.
   */
  constructor(ctor: string, name: string | undefined, prefix: string) {
    this.exec = currentExecution(ctor);
    checkName(ctor, name);
    this.id = this.exec.newObjectId();
    this.name = name ?? `${prefix}#${nextOrdinal(this.exec, prefix)}`;
  }

  /** How reports name it: "Mutex 'mu'". */
  get label(): string {
    return (this.labelCache ??= `${this.typeName.replace(/^sync\./, '')} '${this.name}'`);
  }
}

/** Per execution, how many unnamed objects of each kind (prefix) were numbered. Only looked up, never iterated. */
const ordinals = new WeakMap<Execution, Map<string, number>>();

function nextOrdinal(exec: Execution, prefix: string): number {
  let byKind = ordinals.get(exec);
  if (!byKind) ordinals.set(exec, (byKind = new Map()));
  const n = (byKind.get(prefix) ?? 0) + 1;
  byKind.set(prefix, n);
  return n;
}

/** A name is a string (reports pad and quote it, JSON serialises it): anything else is a scenario error. */
export function checkName(what: string, name: unknown): asserts name is string | undefined {
  if (name === undefined || typeof name === 'string') return;
  throw new ScenarioError(`${what}: a name must be a string, not ${describeValue(name)}`);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `the bigint ${v}n`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  return Array.isArray(v) ? 'an array' : 'an object';
}

export function isCopyable(x: unknown): x is Copyable {
  return typeof x === 'object' && x !== null && COPY in x;
}

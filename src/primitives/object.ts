/**
 * The base of every simulated object: it belongs to one execution, has a dense id and a name for
 * reports, and knows whether it was used (Go's "must not be copied after first use").
 */
import { currentExecution } from '../runtime/current.js';
import type { Execution } from '../runtime/execution.js';
import type { SimObjectRef } from '../runtime/op.js';

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

  /** `ctor` names the constructor for the error raised outside an execution, e.g. "new Mutex()". */
  constructor(ctor: string, name: string | undefined, prefix: string) {
    this.exec = currentExecution(ctor);
    this.id = this.exec.newObjectId();
    this.name = name ?? `${prefix}#${this.id}`;
  }

  /** How reports name it: "Mutex 'mu'". */
  get label(): string {
    return (this.labelCache ??= `${this.typeName.replace(/^sync\./, '')} '${this.name}'`);
  }
}

export function isCopyable(x: unknown): x is Copyable {
  return typeof x === 'object' && x !== null && COPY in x;
}

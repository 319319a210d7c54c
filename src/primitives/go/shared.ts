/**
 * `shared(name, initial)`: a plain variable of the scenario, watched by the race detector.
 * `read` and `write` are one step each; `update(f)` is a read then a write, two steps, like `count++`.
 */
import { reportRace, VarState } from '../../detectors/race.js';
import { Op, type OpKind } from '../../runtime/op.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null || typeof v === 'bigint') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : typeof v === 'function' ? 'function' : '{…}';
}

export class Shared<T> extends SimObject implements Copyable {
  readonly typeName = 'variable';
  readonly isLockLike = false;
  /** The current value. Reading it directly bypasses the race detector: use read(). */
  value: T;
  readonly race = new VarState();

  constructor(name: string, initial: T) {
    super('shared()', name, 'var');
    this.value = initial;
  }

  read(): Promise<T> {
    return new ReadOp(this);
  }

  write(value: T): Promise<void> {
    return new WriteOp(this, value);
  }

  /** Read, then write f(value): two scheduling points, not atomic. Resolves to the new value. */
  update(f: (value: T) => T): Promise<T> {
    return new UpdateOp(this, f);
  }

  /** The read half of an access, by the running goroutine; false when it raced (execution ended). */
  checkedRead(op: Op): boolean {
    const c = this.race.read(op.thread, this.exec.steps, op.at);
    if (c) reportRace(this.exec, `'${this.name}'`, op.thread, 'read', op.at, c);
    return !c;
  }

  checkedWrite(op: Op): boolean {
    const c = this.race.write(op.thread, this.exec.steps, op.at);
    if (c) reportRace(this.exec, `'${this.name}'`, op.thread, 'write', op.at, c);
    return !c;
  }

  [COPY](): Shared<T> {
    const running = this.exec.running;
    if (running) {
      const c = this.race.read(running, this.exec.steps, undefined);
      if (c) reportRace(this.exec, `'${this.name}'`, running, 'read', undefined, c);
    }
    return new Shared(`${this.name} (copy)`, this.value);
  }

  stateSummary(): string {
    return `value ${show(this.value)}`;
  }
}

class ReadOp<T> extends Op<T> {
  readonly kind = 'read';
  constructor(readonly obj: Shared<T>) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.checkedRead(this);
    return this.complete(this.obj.value);
  }
  describe(): string {
    return `read of '${this.obj.name}'`;
  }
  override traced(): string {
    return `read ${this.obj.name} → ${show(this.obj.value)}`;
  }
}

class WriteOp<T> extends Op<void> {
  readonly kind = 'write';
  constructor(
    readonly obj: Shared<T>,
    private readonly v: T,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    if (this.obj.checkedWrite(this)) this.obj.value = this.v;
    return this.complete(undefined);
  }
  describe(): string {
    return `write of '${this.obj.name}'`;
  }
  override traced(): string {
    return `write ${this.obj.name} ← ${show(this.v)}`;
  }
}

/** Two steps: the read (phase 0), then the write of f(read value) (phase 1). */
class UpdateOp<T> extends Op<T> {
  private phase = 0;
  private wrote = false;
  private seen!: T;
  constructor(
    readonly obj: Shared<T>,
    private readonly f: (value: T) => T,
  ) {
    super(obj.exec);
  }
  get kind(): OpKind {
    return this.phase === 0 ? 'read' : 'write';
  }
  step(): boolean {
    if (this.phase === 0) {
      this.obj.checkedRead(this);
      this.seen = this.obj.value;
      this.phase = 1;
      return false;
    }
    let next: T;
    try {
      next = this.f(this.seen);
    } catch (e) {
      return this.failWith(e);
    }
    this.wrote = true;
    if (this.obj.checkedWrite(this)) this.obj.value = next;
    return this.complete(next);
  }
  describe(): string {
    return this.phase === 0 ? `update of '${this.obj.name}' (read)` : `update of '${this.obj.name}' (write)`;
  }
  override traced(): string {
    return this.wrote ? `write ${this.obj.name} ← ${show(this.obj.value)} (update)` : `read ${this.obj.name} → ${show(this.seen)} (update)`;
  }
}

export function shared<T>(name: string, initial: T): Shared<T> {
  return new Shared(name, initial);
}

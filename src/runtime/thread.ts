/**
 * A virtual goroutine (or Rust thread): its clock, its pending operation and what it holds.
 * Threads are numbered densely from 0 (main) in creation order, which is deterministic.
 */
import { VectorClock } from './clock.js';
import type { Op } from './op.js';
import type { Gate } from './gate.js';

/** A lock a goroutine holds, for reports (what it holds and where it took it). */
export interface Held {
  readonly what: string;
  readonly at: string | undefined;
  /** The lock object itself, to drop it from the list when it is released. */
  readonly lock: object;
}

/**
 * A group of threads that stop together: a node of the simulated etcd cluster (primitives/etcd/node.ts).
 * The runtime knows no more of it than this: a thread started by a member becomes a member (spawn), and
 * reports say which group a blocked or leaked thread belongs to.
 */
export interface ThreadGroup {
  /** For reports: "node 'n1'". */
  readonly label: string;
  /** `t`, started by a member of the group (or by the group itself), joins it before its first step. */
  adopt(t: Thread): void;
}

const noop = (): void => {};

export class Thread {
  /** Happens-before clock; its own entry starts at 1. */
  readonly clock: VectorClock;
  /** The operation it will do next (registered, maybe not yet awaited); null while its code runs. */
  pending: Op | null = null;
  finished = false;
  /**
   * Stopped for good by `Execution.kill` (its node crashed): it never steps again, is not live for the
   * deadlock and leak checks, and nothing that waits for its end completes. Never also `finished`.
   */
  killed = false;
  /** What else decides whether it may step (runtime/gate.ts); null: only its pending operation. */
  gate: Gate | null = null;
  /** What the goroutine's function returned (for join). */
  result: unknown;
  /** Its clock when it finished, for join's happens-before edge. */
  finalClock: VectorClock | null = null;
  readonly holds: Held[] = [];
  /** Where its code last resumed (the last operation it completed), for diagnostics. */
  lastAt: string | undefined;
  /**
   * A name that means the same goroutine in every interleaving of the same program: main is "0", the
   * n-th goroutine started by goroutine P is "P.n", the n-th started by a timer firing is "T.n"
   * (runtime ids follow creation order, which differs between interleavings). Orders choices among
   * goroutines that must not depend on the interleaving (see primitives/go/channel.ts).
   */
  key = '0';
  /** How many goroutines its code (or its steps) started. */
  children = 0;
  /** What a flavour keeps per thread (tokio: its TaskState, primitives/tokio/future.ts taskOf); the runtime never reads it. */
  flavourState: object | undefined = undefined;
  /** The group it belongs to (a node), inherited from the goroutine that started it; null for none (main). */
  group: ThreadGroup | null = null;

  // ---- the runnable set's bookkeeping (runtime/runnable.ts); nothing else reads or writes these ----
  /** The step at which it last stepped or changed enabled-status (fair yields, runnable.ts). */
  progress = 0;
  /** Neighbours in the progress list while listed (its pending op is parked and enabled, yields included). */
  lprev: Thread | null = null;
  lnext: Thread | null = null;
  listed = false;
  /** In the runnable array the strategies get. */
  ready = false;
  /** Its parked op can block: re-evaluated when what it watches changes. */
  conditional = false;
  /** Neighbours in the runnable set's list of conditional goroutines, while `conditional`. */
  cprev: Thread | null = null;
  cnext: Thread | null = null;
  /** Its parked op may defer timers (Op.defersTimers is overridden). */
  defers = false;
  /** The ids it is registered under in the watcher table, while its parked op is conditional. */
  watching: number[] | null = null;
  /** How many of `watching`'s entries are its keys now (0 when it watches nothing). */
  nwatch = 0;
  /** Queued for re-evaluation (runnable.ts dirty list). */
  dirty = false;

  // ---- the first awaiter of its pending op, kept here by Op (op.ts: no per-op fields for it) ----
  /** The unsettled op whose first awaiter these are, or null. */
  awaitOp: Op | null = null;
  awaitOk: ((value: any) => unknown) | null | undefined = undefined;
  awaitErr: ((reason: any) => unknown) | null | undefined = undefined;
  awaitResolve: (v: unknown) => void = noop;
  awaitReject: (e: unknown) => void = noop;

  /** Op.settle took the first awaiter: the slot is free again (its values as a new thread has them). */
  clearAwaiter(): void {
    this.awaitOp = null;
    this.awaitOk = this.awaitErr = undefined;
    this.awaitResolve = this.awaitReject = noop;
  }

  constructor(
    readonly id: number,
    readonly name: string,
    readonly body: () => unknown,
    parentClock: VectorClock | null,
    /** Where it was started (go()/spawn()), when locations are captured. */
    readonly startedAt: string | undefined,
  ) {
    this.clock = parentClock ? parentClock.copy() : new VectorClock();
    this.clock.set(id, 1);
  }

  /** Its gate (if any) lets it step now. */
  admitted(): boolean {
    return this.gate === null || this.gate.admits(this);
  }

  get isMain(): boolean {
    return this.id === 0;
  }

  hold(lock: object, what: string, at: string | undefined): void {
    this.holds.push({ lock, what, at });
  }

  release(lock: object): void {
    // The first hold of `lock` (as findIndex would), usually the only one and the last: no closure, no splice.
    const holds = this.holds;
    const n = holds.length;
    for (let i = 0; i < n; i++) {
      if (holds[i]!.lock !== lock) continue;
      if (i === n - 1) holds.pop();
      else holds.splice(i, 1);
      return;
    }
  }
}

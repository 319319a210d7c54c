/**
 * Faults as scheduling choices (`--faults KINDS --max-faults N`): a flavour registers a FaultSource (the
 * etcd nodes, primitives/etcd/faults.ts) and the runtime offers the strategy one more "thread", the fault
 * injector, whose every step injects one fault, chosen by a recorded choice among those the sources offer
 * now. So `run` draws when and which, `replay` replays both, and `explore` (DPOR) branches on them as on any
 * step and any choice.
 *
 * Invariants:
 * - The injector thread is never live (it is created killed: no deadlock or leak report names it, and it
 *   keeps no execution alive); it is offered only while the budget lasts, some source offers a fault, and
 *   some thread of a group (a node's goroutine) can run: a fault hits a node while it works, between the
 *   steps of a running program, never during a setup only main runs, and never instead of reporting that
 *   everything is blocked.
 * - Its step's footprint is everything a fault may touch (FaultSource.touches), so DPOR orders an injection
 *   against every step it could change, and commutes it with the rest.
 * - What it offers depends on the simulated state only (sources are asked in registration order), so the
 *   same schedule offers the same choices.
 */
import { Op, type Touch } from './op.js';
import type { Execution } from './execution.js';
import type { Thread } from './thread.js';
import type { ReadyThreads } from './ready-list.js';

/** --faults and --max-faults, as given: the kinds are the flavour's to interpret ("crash", "pause", "partition"). */
export interface FaultOptions {
  readonly kinds: readonly string[];
  /** At most this many faults per execution. */
  readonly max: number;
}

/** Something faults can be injected into (an etcd cluster's nodes). */
export interface FaultSource {
  /** The faults it could take now (possibly none), in an order that depends on the simulated state only. */
  offers(): readonly InjectableFault[];
  /** Whether `offers()` is not empty (asked before every step: cheap, allocates nothing). */
  offersAny(): boolean;
  /** What injecting any of its faults may touch (for DPOR). */
  touches(): readonly Touch[];
}

export interface InjectableFault {
  /** For the timeline: "pause node 'n1' for 101 ms (past its longest lease TTL, 100 ms)". */
  readonly what: string;
  /** Inject it, inside the injector's step. */
  inject(): void;
}

/** The injector's pending operation: never enabled in the runnable set's sense; the execution offers it. */
export class InjectOp extends Op<void> {
  readonly obj = null;
  readonly kind = 'fault';
  injected = 0;
  private last: string | undefined;

  constructor(
    exec: Execution,
    owner: Thread,
    readonly options: FaultOptions,
    private readonly sources: FaultSource[],
  ) {
    super(exec, owner);
  }

  override enabled(): boolean {
    return false;
  }

  /** Can it inject a fault now (budget left, a thread of a group among `ready`, something offered)? */
  canInject(ready: ReadyThreads): boolean {
    if (this.injected >= this.options.max) return false;
    if (!ready.some((t) => t.group !== null)) return false;
    for (const s of this.sources) if (s.offersAny()) return true;
    return false;
  }

  step(): boolean {
    const all = this.sources.flatMap((s) => s.offers());
    if (all.length === 0) return false;
    const f = all[this.exec.choose('fault', all.length)]!;
    this.injected++;
    this.last = f.what;
    f.inject();
    return false;
  }

  override footprint(): readonly Touch[] {
    return this.sources.flatMap((s) => s.touches());
  }

  describe(): string {
    return `inject a fault (${this.injected} of at most ${this.options.max} so far)`;
  }

  override traced(): string {
    return this.last ? `inject fault: ${this.last}` : this.describe();
  }
}

/**
 * Blocking calls: an operation that can hold its OS thread until it returns (a std lock, `recv`,
 * `thread.sleep`, a Condvar or Barrier wait, a join). A flavour's API wraps such an operation in
 * `blockingCall`; an observer registered for the calling thread (the tokio runtime's worker pool,
 * primitives/tokio/workers.ts, observes its tasks) is told when the thread enters the call and when
 * it returns. Without an observer the operation itself is returned: nothing changes and nothing is
 * allocated.
 *
 * Invariants:
 * - `entered` runs in the calling thread's code, once, when the call is made (before it is awaited);
 *   `returned` runs once, in the step that completes (or fails) the operation, before the thread's
 *   code resumes. Both belong to events the explorers record: an observer that changes simulated
 *   state there says so itself (e.g. Execution.gateChanged).
 * - `waits` says whether the call will hold its thread (it cannot complete at once), decided when it
 *   is made: the flavour knows (a sleep always waits; a lock waits while it is held).
 */
import type { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { PromiseTail } from '../../runtime/promise-tail.js';

export interface BlockingCallObserver {
  /** `op.thread` enters the blocking call `call` ("std Mutex::lock"); `waits`: it cannot return at once. */
  entered(op: Op, call: string, waits: boolean): void;
  /** The call `op` has returned (its completing step). */
  returned(op: Op): void;
}

const observers = new WeakMap<Thread, BlockingCallObserver>();

/** Watch `t`'s blocking calls (null: stop). */
export function observeBlockingCalls(t: Thread, o: BlockingCallObserver | null): void {
  if (o === null) observers.delete(t);
  else observers.set(t, o);
}

/** The awaitable of an observed call: it tells the observer once the operation settles. */
class ObservedCall<T> extends PromiseTail<T> {
  private told = false;
  constructor(
    private readonly op: Op<T>,
    private readonly obs: BlockingCallObserver,
  ) {
    super();
  }

  private tell(): void {
    if (this.told) return;
    this.told = true;
    this.obs.returned(this.op as Op);
  }

  // The op settles inside the step that completes it and runs these callbacks there, synchronously.
  then<R1 = T, R2 = never>(ok?: ((value: T) => R1 | PromiseLike<R1>) | null, err?: ((reason: any) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.op.then(
      (v) => {
        this.tell();
        return ok ? ok(v) : (v as unknown as R1);
      },
      (e) => {
        this.tell();
        if (err) return err(e);
        throw e;
      },
    );
  }
}

/**
 * `op` is a blocking call named `call`; `waits` (default: `op` cannot take its step now) says whether it
 * holds its thread. Returns what the API returns: `op` itself when nobody observes the thread.
 */
export function blockingCall<T>(op: Op<T>, call: string, waits?: boolean): Promise<T> {
  const obs = observers.get(op.thread);
  if (obs === undefined) return op;
  obs.entered(op as Op, call, waits ?? !op.enabled());
  return new ObservedCall(op, obs);
}

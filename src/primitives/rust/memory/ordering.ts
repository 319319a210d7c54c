/**
 * `std::sync::atomic::Ordering` and the checks Rust makes of it.
 *
 * Rust panics when an operation is given an ordering that has no meaning for it (a release load, an
 * acquire store, a release failure ordering of a compare-exchange, a relaxed fence). The check
 * functions here throw an {@link OrderingError} carrying Rust's own panic message; the caller (the
 * simulated atomic) turns it into a panic of the running thread.
 */

/** The five orderings, as `Ordering.Relaxed` … `Ordering.SeqCst`. */
export const Ordering = {
  Relaxed: 'Relaxed',
  Release: 'Release',
  Acquire: 'Acquire',
  AcqRel: 'AcqRel',
  SeqCst: 'SeqCst',
} as const;

/** One of the five orderings. */
export type Ordering = (typeof Ordering)[keyof typeof Ordering];

const ALL: readonly string[] = Object.values(Ordering);

/** An ordering an operation does not accept; `message` is the panic message Rust gives. */
export class OrderingError extends Error {
  override name = 'OrderingError';
}

/** Is `o` one of the five orderings? Anything else (a typo, undefined) is an OrderingError. */
export function checkOrdering(o: unknown): asserts o is Ordering {
  if (typeof o !== 'string' || !ALL.includes(o)) {
    throw new OrderingError(`unknown Ordering ${JSON.stringify(o) ?? String(o)}: use one of Ordering.${ALL.join(', Ordering.')}`);
  }
}

/** Does an operation with this ordering acquire (Acquire, AcqRel, SeqCst)? */
export function isAcquire(o: Ordering): boolean {
  return o === 'Acquire' || o === 'AcqRel' || o === 'SeqCst';
}

/** Does an operation with this ordering release (Release, AcqRel, SeqCst)? */
export function isRelease(o: Ordering): boolean {
  return o === 'Release' || o === 'AcqRel' || o === 'SeqCst';
}

/** `load(o)`: Relaxed, Acquire or SeqCst. */
export function checkLoadOrdering(o: unknown): asserts o is Ordering {
  checkOrdering(o);
  if (o === 'Release') throw new OrderingError('there is no such thing as a release load');
  if (o === 'AcqRel') throw new OrderingError('there is no such thing as an acquire-release load');
}

/** `store(v, o)`: Relaxed, Release or SeqCst. */
export function checkStoreOrdering(o: unknown): asserts o is Ordering {
  checkOrdering(o);
  if (o === 'Acquire') throw new OrderingError('there is no such thing as an acquire store');
  if (o === 'AcqRel') throw new OrderingError('there is no such thing as an acquire-release store');
}

/** `swap`, `fetch_*`: every ordering. */
export function checkRmwOrdering(o: unknown): asserts o is Ordering {
  checkOrdering(o);
}

/**
 * `compare_exchange(cur, new, success, failure)`: any success ordering; the failure ordering is a
 * load's (Relaxed, Acquire or SeqCst). Since Rust 1.64 the failure ordering may be stronger than the
 * success ordering, so that is not checked.
 */
export function checkCompareExchangeOrderings(success: unknown, failure: unknown): asserts success is Ordering {
  checkOrdering(success);
  checkOrdering(failure);
  if (failure === 'Release') throw new OrderingError('there is no such thing as a release failure ordering');
  if (failure === 'AcqRel') throw new OrderingError('there is no such thing as an acquire-release failure ordering');
}

/** `fence(o)`: anything but Relaxed. */
export function checkFenceOrdering(o: unknown): asserts o is Ordering {
  checkOrdering(o);
  if (o === 'Relaxed') throw new OrderingError('there is no such thing as a relaxed fence');
}

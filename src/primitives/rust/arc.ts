/**
 * `Arc<T>` for code that reads as Rust: `Arc.new(v)`, `Arc.clone(a)`, `Arc.strongCount(a)`,
 * `Arc.ptrEq(a, b)`, `Arc.deref(a)`. A JS reference is shared already, so an Arc only counts.
 *
 * - `Arc.new(obj)` for an object returns a *handle* that reads as the object (Rust's auto-deref:
 *   `counter.fetchAdd(1, Ordering.SeqCst)` on an `Arc<AtomicUsize>`): a Proxy whose methods run on
 *   the object itself. `Arc.new(v)` of a primitive returns `{ value: v }`. `Arc.deref(a)` gives the
 *   value either way. As in Rust, the Arc's own operations are static, so they never shadow the
 *   value's members.
 * - Each `Arc.clone(a)` is a new handle of the same allocation and adds one to the strong count.
 * - Dropping a handle (`await drop(a)`, ownership.ts) subtracts one through the handle's drop hook
 *   (ownership's `DROP`); the last handle's drop drops the value too, as Rust does (an `Arc<Sender>`'s
 *   last drop disconnects). Dropping a handle twice, or cloning or counting a dropped one, is a
 *   scenario error (use after drop).
 * - The count is shared state: cloning and dropping write it and `strongCount` reads it, for the
 *   explorers (Execution.noteTouch), so an assertion on `strongCount` is explored in every order of
 *   the clones and drops it depends on. None of them is a scheduling point of its own.
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { noteCodeTouch } from './atomic-runtime.js';
import { DROP, type DropContext } from './ownership.js';

type DropHook = (ctx: DropContext) => void | PromiseLike<void>;

/** An Arc handle: the value itself (objects) or `{ value }` (primitives), plus the drop hook. */
export type Arc<T> = (T extends object ? T : { readonly value: T }) & { readonly [DROP]: DropHook };

interface Inner<T> {
  readonly exec: Execution;
  /** The id the explorers know the count by. */
  readonly id: number;
  readonly value: T;
  strong: number;
}

interface Handle<T> {
  readonly inner: Inner<T>;
  dropped: boolean;
}

const handles = new WeakMap<object, Handle<unknown>>();

function handleOf<T>(a: Arc<T>, what: string): Handle<T> {
  const h = (typeof a === 'object' && a !== null ? handles.get(a) : undefined) as Handle<T> | undefined;
  if (!h) throw new ScenarioError(`${what}: not an Arc (make one with Arc.new(value))`);
  if (h.dropped) throw new ScenarioError(`${what}: use of an Arc after it was dropped`);
  return h;
}

function makeHandle<T>(inner: Inner<T>): Arc<T> {
  const h: Handle<T> = { inner, dropped: false };
  const hook: DropHook = (ctx) => {
    if (h.dropped) throw new ScenarioError('drop of an Arc that was already dropped');
    h.dropped = true;
    inner.strong--;
    noteCodeTouch(inner.exec, inner.id, false);
    if (inner.strong > 0) return undefined;
    // The last handle: the value goes with it.
    const v = inner.value as unknown;
    const own = typeof v === 'object' && v !== null ? (v as { [DROP]?: unknown })[DROP] : undefined;
    return typeof own === 'function' ? (own as DropHook).call(v, ctx) : undefined;
  };
  let handle: object;
  const v = inner.value as unknown;
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    const target = v as object;
    handle = new Proxy(target, {
      get(t, prop) {
        if (prop === DROP) return hook;
        const x = Reflect.get(t, prop, t) as unknown;
        return typeof x === 'function' ? (x as (...a: unknown[]) => unknown).bind(t) : x;
      },
      set(t, prop, value) {
        return Reflect.set(t, prop, value, t);
      },
    });
  } else {
    handle = Object.freeze({ value: v, [DROP]: hook });
  }
  handles.set(handle, h as Handle<unknown>);
  return handle as Arc<T>;
}

export const Arc = {
  /** `Arc::new(v)`: the first handle; strong count 1. */
  new<T>(value: T): Arc<T> {
    const exec = currentExecution('Arc.new()');
    const inner: Inner<T> = { exec, id: exec.newObjectId(), value, strong: 1 };
    return makeHandle(inner);
  },

  /** `Arc::clone(&a)`: another handle of the same value; strong count + 1. */
  clone<T>(a: Arc<T>): Arc<T> {
    const h = handleOf(a, 'Arc.clone');
    h.inner.strong++;
    noteCodeTouch(h.inner.exec, h.inner.id, false);
    return makeHandle(h.inner);
  },

  /** `Arc::strong_count(&a)`: how many handles are alive. */
  strongCount<T>(a: Arc<T>): number {
    const h = handleOf(a, 'Arc.strongCount');
    noteCodeTouch(h.inner.exec, h.inner.id, true);
    return h.inner.strong;
  },

  /** `Arc::ptr_eq(&a, &b)`: handles of the same allocation? */
  ptrEq<T>(a: Arc<T>, b: Arc<T>): boolean {
    return handleOf(a, 'Arc.ptrEq').inner === handleOf(b, 'Arc.ptrEq').inner;
  },

  /** `*a`: the value. */
  deref<T>(a: Arc<T>): T {
    return handleOf(a, 'Arc.deref').inner.value;
  },
};

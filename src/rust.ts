/**
 * simcc's public API, Rust flavour: what scenario files import as 'simcc/rust' (shared/scenario-api.md §2b).
 * Its scenarios run on the same runtime, scheduler and CLI as Go's; the reports word a "thread", not a
 * "goroutine" (runtime/flavour.ts RUST). std's primitives live in src/primitives/rust/, on the shared
 * cores of src/primitives/core/.
 */
export type { Scenario, ScenarioOptions } from './api/scenario.js';
export type { Finding, FindingKind, ThreadInfo, Access } from './findings.js';

export { scenario } from './primitives/rust/scenario.js';
export { panic, assert, catchUnwind, resumeUnwind, PanicInfo } from './primitives/rust/panic.js';
export { Ok, Err } from './primitives/rust/result.js';
export type { Result, OkResult, ErrResult, PoisonError } from './primitives/rust/result.js';
export { drop } from './primitives/rust/ownership.js';
export type { Droppable, DropContext } from './primitives/rust/ownership.js';
export { thread, JoinHandle, Scope } from './primitives/rust/thread.js';
export type { SpawnOptions, ThreadRef } from './primitives/rust/thread.js';

// std::sync::Mutex, RwLock, Condvar (poisoning, guards that `using` releases, spurious wake-ups).
export { Mutex, MutexGuard } from './primitives/rust/mutex.js';
export type { MutexOptions } from './primitives/rust/mutex.js';
export { RwLock, RwLockReadGuard, RwLockWriteGuard } from './primitives/rust/rwlock.js';
export type { RwLockOptions } from './primitives/rust/rwlock.js';
export { Condvar } from './primitives/rust/condvar.js';
export type { CondvarOptions, WaitTimeoutResult } from './primitives/rust/condvar.js';
export type { LockResult, TryLockError, TryLockResult } from './primitives/rust/guard.js';

// std::sync::mpsc, Barrier, Once, OnceLock.
export { mpsc, Sender, SyncSender, Receiver } from './primitives/rust/mpsc.js';
export type { SendError, RecvError, TryRecvError, RecvTimeoutError, TrySendError, ChannelOptions } from './primitives/rust/mpsc.js';
export { Barrier } from './primitives/rust/barrier.js';
export type { BarrierWaitResult } from './primitives/rust/barrier.js';
export { Once, OnceLock } from './primitives/rust/once.js';

// Atomics under the C++20 / Rust memory model (weak loads are scheduling choices), fences, plain memory, Arc.
export { AtomicUsize, AtomicIsize, AtomicU32, AtomicI32, AtomicU64, AtomicI64, AtomicBool, Ordering } from './primitives/rust/atomic.js';
export { fence } from './primitives/rust/fence.js';
export { UnsafeCell } from './primitives/rust/unsafe-cell.js';
export { Arc } from './primitives/rust/arc.js';

/**
 * simcc's public API, tokio flavour: what scenario files import as 'simcc/tokio' (shared/scenario-api.md
 * §2c). The scenario's body is `#[tokio::main]`'s body; tasks, tokio's time, `select`, `join`, `timeout`
 * and `CancellationToken` are lazy, cancellable operations on one protocol (primitives/tokio/future.ts).
 * `Result`, `drop`, `using` and panics are the Rust flavour's (§2b). tokio::sync's channels, locks and
 * signals are built on the same protocol. Tasks run on the runtime's worker threads (the scenario's
 * `runtime` option): a task blocked in a std call holds its worker (`blocking-in-async`, docs/tokio.md).
 */
export type { Scenario, ScenarioOptions } from './api/scenario.js';
export type { Finding, FindingKind, ThreadInfo, Access } from './findings.js';

export { scenario } from './primitives/tokio/scenario.js';
export { panic, assert, catchUnwind, resumeUnwind, PanicInfo } from './primitives/rust/panic.js';
export { Ok, Err } from './primitives/rust/result.js';
export type { Result, OkResult, ErrResult } from './primitives/rust/result.js';
export { drop } from './primitives/rust/ownership.js';
export type { Droppable, DropContext } from './primitives/rust/ownership.js';

// Tasks.
export { spawn, spawnBlocking, yieldNow, JoinHandle, AbortHandle, JoinSet } from './primitives/tokio/task.js';
export type { JoinError, SpawnOptions } from './primitives/tokio/task.js';

// Time on the virtual clock.
export { sleep, sleepUntil, sleepBranch, timeout, interval, Interval, Instant } from './primitives/tokio/time.js';
export type { Elapsed } from './primitives/tokio/time.js';

// select!, join!, the cancellation protocol, CancellationToken.
export { select, join } from './primitives/tokio/select.js';
export { TokioFuture, PENDING } from './primitives/tokio/future.js';
export type { Selectable, Branch, SelectOutput, Poll } from './primitives/tokio/future.js';
export { CancellationToken } from './primitives/tokio/token.js';

// tokio::sync's locks and signals (fair, cancellable waits on one batch semaphore; docs/tokio.md).
export { Mutex, MutexGuard } from './primitives/tokio/mutex.js';
export type { TryLockError } from './primitives/tokio/mutex.js';
export { RwLock, RwLockGuard } from './primitives/tokio/rwlock.js';
export { Semaphore, SemaphorePermit } from './primitives/tokio/semaphore.js';
export type { AcquireError, TryAcquireError } from './primitives/tokio/semaphore.js';
export { Notify } from './primitives/tokio/notify.js';
export { Barrier } from './primitives/tokio/barrier.js';
export type { BarrierWaitResult } from './primitives/tokio/barrier.js';
export { OnceCell } from './primitives/tokio/once-cell.js';
export type { SetError } from './primitives/tokio/once-cell.js';
// tokio::sync channels: mpsc (bounded with backpressure, unbounded), oneshot, broadcast, watch (primitives/tokio/{mpsc,oneshot,broadcast,watch}.ts).
export { mpsc } from './primitives/tokio/mpsc.js';
export type { Sender as MpscSender, UnboundedSender, Receiver as MpscReceiver, UnboundedReceiver, Permit, SendError, TrySendError, TryRecvError } from './primitives/tokio/mpsc.js';
export { oneshot } from './primitives/tokio/oneshot.js';
export type { RecvError as OneshotRecvError } from './primitives/tokio/oneshot.js';
export { broadcast } from './primitives/tokio/broadcast.js';
export type { RecvError as BroadcastRecvError } from './primitives/tokio/broadcast.js';
export { watch } from './primitives/tokio/watch.js';
export type { RecvError as WatchRecvError } from './primitives/tokio/watch.js';

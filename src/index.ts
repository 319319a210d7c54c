/**
 * simcc's public API, Go flavour: what scenario files import as 'simcc'.
 * The reference for every export below, the finding kinds, the CLI, the JSON and the exit statuses is
 * docs/scenario-api.md (the words it uses: docs/glossary.md).
 */
export { scenario, type Scenario, type ScenarioOptions } from './api/scenario.js';
export { go, spawn, yieldNow, JoinHandle } from './api/goroutines.js';
export { panic, assert } from './api/panic.js';
export { shared, Shared } from './primitives/shared.js';
export { Mutex, type Locker, type MutexOptions, type MutexVariant } from './primitives/mutex.js';
export { WaitGroup } from './primitives/waitgroup.js';
export { RWMutex, RLocker, type RWMutexOptions } from './primitives/rwmutex.js';
export { Cond } from './primitives/cond.js';
export { Once } from './primitives/once.js';
export { AtomicInt, AtomicValue } from './primitives/atomic.js';
export { GoMap } from './primitives/gomap.js';
export { SyncMap, type LoadResult, type LoadOrStoreResult, type LoadAndDeleteResult, type SwapResult } from './primitives/syncmap.js';
export { Pool } from './primitives/pool.js';
export { Semaphore } from './primitives/semaphore.js';
export { SingleFlight, type SingleFlightResult } from './primitives/singleflight.js';
export { CyclicBarrier, type CyclicBarrierOptions } from './primitives/cyclicbarrier.js';
export { ErrGroup } from './primitives/errgroup.js';
export { copyValue } from './primitives/copy.js';
export { Channel, type SelectCase } from './primitives/channel.js';
export { select, type SelectResult } from './primitives/select.js';
export { sleep, after, now, newTimer, afterFunc, type SimTimer, type FuncTimer } from './api/time.js';
export { context, type Context, type CancelFunc } from './primitives/context.js';
export type { Finding, FindingKind, ThreadInfo, Access } from './findings.js';

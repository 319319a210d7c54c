/**
 * simcc's public API, Go flavour: what scenario files import as 'simcc'.
 * The reference for every export below, the finding kinds, the CLI, the JSON and the exit statuses is
 * docs/scenario-api.md (the words it uses: docs/glossary.md).
 */
export { scenario, type Scenario, type ScenarioOptions } from './api/scenario.js';
export { go, spawn, yieldNow, JoinHandle } from './api/goroutines.js';
export { panic, assert } from './api/panic.js';
export { shared, Shared } from './primitives/go/shared.js';
export { Mutex, type Locker, type MutexOptions, type MutexVariant } from './primitives/go/mutex.js';
export { WaitGroup } from './primitives/go/waitgroup.js';
export { RWMutex, RLocker, type RWMutexOptions } from './primitives/go/rwmutex.js';
export { Cond } from './primitives/go/cond.js';
export { Once } from './primitives/go/once.js';
export { AtomicInt, AtomicValue } from './primitives/go/atomic.js';
export { GoMap } from './primitives/go/gomap.js';
export { SyncMap, type LoadResult, type LoadOrStoreResult, type LoadAndDeleteResult, type SwapResult } from './primitives/go/syncmap.js';
export { Pool } from './primitives/go/pool.js';
export { Semaphore } from './primitives/go/semaphore.js';
export { SingleFlight, type SingleFlightResult } from './primitives/go/singleflight.js';
export { CyclicBarrier, type CyclicBarrierOptions } from './primitives/go/cyclicbarrier.js';
export { ErrGroup } from './primitives/go/errgroup.js';
export { copyValue } from './primitives/go/copy.js';
export { Channel, type SelectCase } from './primitives/go/channel.js';
export { select, type SelectResult } from './primitives/go/select.js';
export { sleep, after, now, newTimer, afterFunc, type SimTimer, type FuncTimer } from './api/time.js';
export { context, type Context, type CancelFunc } from './primitives/go/context.js';
export type { Finding, FindingKind, ThreadInfo, Access } from './findings.js';

/**
 * The Rust flavour's threads, panics, results and ownership: what src/rust.ts ('simcc/rust') re-exports
 * from here (the Mutex/RwLock/Condvar/mpsc/atomics modules are others').
 */
export { Ok, Err, debugFormat, poisonError, poisonSource, isResult, DEBUG } from './result.js';
export type { Result, OkResult, ErrResult, PoisonError } from './result.js';
export { panic, assert, catchUnwind, resumeUnwind, PanicInfo, makePanic, panicFromInfo, panicInfoOf, isInternal } from './panic.js';
export { drop, own, moveTo, consume, assertUsable, isOwned, ownerOf, isDropped, isUnwinding, unwindingPanic, dropContext, disposeValue, installDispose, dropOwned, DROP } from './ownership.js';
export type { Droppable, DropContext } from './ownership.js';
export { thread, JoinHandle, Scope, runThread } from './thread.js';
export type { SpawnOptions, ThreadRef } from './thread.js';
export { scenario, rustMain } from './scenario.js';

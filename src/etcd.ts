/**
 * simcc's public API, etcd flavour: what scenario files import as 'simcc/etcd' (shared/scenario-api.md §2d).
 * A simulated etcd cluster (one linearisable MVCC store, no Raft), nodes running goroutines of the Go
 * flavour, sessions whose leases expire in virtual time, and faults. The Go flavour's primitives are
 * re-exported, so a scenario imports everything from here.
 */

// ---- the Go flavour, re-exported (a node's goroutines are Go goroutines) -------------------------------
export * from './index.js';

// ---- the cluster: store, client, txn, leases, sessions, nodes, faults (part A) --------------------------
export { Cluster, type ClusterOptions } from './primitives/etcd/cluster.js';
export { compare, op } from './primitives/etcd/client.js';
export { newSession } from './primitives/etcd/session.js';
export { EtcdErrors } from './primitives/etcd/types.js';
export type {
  Client,
  Session,
  SessionOptions,
  Node,
  NodeState,
  Txn,
  TxnOp,
  Cmp,
  CompareTarget,
  CompareResult,
  KeyValue,
  ResponseHeader,
  GetResponse,
  PutResponse,
  DeleteResponse,
  TxnResponse,
  TxnOpResponse,
  WatchEvent,
  EventType,
  GetOptions,
  PutOptions,
  DeleteOptions,
  WatchOptions,
  CallOptions,
  SortTarget,
  SortOrder,
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseTimeToLiveResponse,
} from './primitives/etcd/types.js';

// ---- the recipes, STM and the checks (part B): uncomment as each lands ---------------------------------
export { newElection, Election } from './primitives/etcd/concurrency/election.js';
export { newMutex, newLocker, EtcdMutex, EtcdLocker } from './primitives/etcd/concurrency/mutex.js';
export { ConcurrencyErrors } from './primitives/etcd/concurrency/errors.js';
export { recipes, type RWMutex as RecipeRWMutex, type Queue, type PriorityQueue, type Barrier, type DoubleBarrier } from './primitives/etcd/recipes/index.js';
export { newSTM, type STM, type STMOptions, type Isolation } from './primitives/etcd/stm.js';
export { critical } from './primitives/etcd/critical.js';

/**
 * The clusters of each execution, in creation order: what the fault injector (faults.ts) chooses among and
 * what the deadlock and leak reports describe (lease ends, faults). Looked up by execution, never iterated
 * across executions.
 */
import type { Execution } from '../../runtime/execution.js';
import type { Cluster } from './cluster.js';

const clusters = new WeakMap<Execution, Cluster[]>();
const listeners: ((exec: Execution, c: Cluster) => void)[] = [];

export function registerCluster(exec: Execution, c: Cluster): void {
  let list = clusters.get(exec);
  if (!list) clusters.set(exec, (list = []));
  list.push(c);
  for (const l of listeners) l(exec, c);
}

export function clustersOf(exec: Execution): readonly Cluster[] {
  return clusters.get(exec) ?? [];
}

/** Called for every new cluster (of any execution): the report notes and the fault injector attach here. */
export function onCluster(l: (exec: Execution, c: Cluster) => void): void {
  listeners.push(l);
}

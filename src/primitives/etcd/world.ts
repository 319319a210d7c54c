/**
 * Which node a goroutine runs on: the hooks the recipes, `critical` and the split-brain check use
 * (types.ts NodeOf). A node is a runtime thread group (runtime/thread.ts ThreadGroup): a goroutine
 * started by `node.go`, or by `go` from a goroutine of that node, belongs to it; main and the goroutines
 * it starts with plain `go` belong to none.
 */
import { peekCurrentExecution } from '../../runtime/current.js';
import type { Thread } from '../../runtime/thread.js';
import type { Node } from './types.js';

/** Set on every node object (node.ts), so a thread group can be told to be a node. */
export const NODE_BRAND: unique symbol = Symbol('simcc.etcd.node');

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && NODE_BRAND in x;
}

/** The node goroutine `t` runs on; undefined for main and goroutines on no node. */
export function nodeOf(t: Thread): Node | undefined {
  const g = t.group;
  return isNode(g) ? g : undefined;
}

/** The node of the goroutine whose code runs now (undefined outside any goroutine, or on none). */
export function currentNode(): Node | undefined {
  const t = peekCurrentExecution()?.running;
  return t ? nodeOf(t) : undefined;
}

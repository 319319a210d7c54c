/**
 * The etcd part of deadlock and leak reports (Execution.reportNotes): which leases ended and when (and
 * which keys that deleted), the faults so far, and the nodes not up now. A goroutine's own line already
 * says which node it runs on (the runtime's thread group) and why a paused node holds it back (the Gate).
 */
import { clustersOf, onCluster } from './registry.js';
import type { Cluster } from './cluster.js';
import type { Execution } from '../../runtime/execution.js';

const noted = new WeakSet<Execution>();

function notesFor(c: Cluster): string[] {
  const out: string[] = [];
  const name = `etcd cluster '${c.name}'`;
  for (const f of c.server.faults) out.push(`${name}: ${f}`);
  for (const e of c.server.leaseEnds()) {
    const on = e.node ? ` (session of node '${e.node.name}')` : '';
    const keys = e.keys.length ? `, deleting ${e.keys.map((k) => JSON.stringify(k)).join(', ')}` : '';
    out.push(`${name}: lease ${e.lease}${on} ${e.reason === 'expired' ? 'expired' : 'was revoked'} at ${e.at} ms${keys}`);
  }
  for (const n of c.nodes) if (n.state !== 'up') out.push(`${name}: node '${n.name}' is ${n.state}${n.state === 'paused' ? ` until ${n.pausedUntil} ms` : ''}`);
  return out;
}

onCluster((exec, _c) => {
  if (noted.has(exec)) return;
  noted.add(exec);
  exec.reportNotes.push(() => clustersOf(exec).flatMap(notesFor));
});

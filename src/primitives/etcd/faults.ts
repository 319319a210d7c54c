/**
 * `--faults crash,pause,partition --max-faults N`: each cluster offers the runtime's fault injector
 * (runtime/injector.ts) every fault it could take now, node by node in creation order, kind by kind in
 * the order given: a crash of a node not crashed; a pause of a node neither crashed nor paused; a
 * partition of a node neither crashed nor partitioned.
 *
 * Lengths are chosen so the fault matters: a pause, and a partition (healed by a timer), last one ms longer
 * than the longest TTL of the leases the node keeps alive (or of any lease in the cluster, or 1 s if there
 * is none), so a lease the node holds expires during it — "the lock holder pauses past its lease". An
 * injected crash is for good (no restart).
 */
import type { Execution } from '../../runtime/execution.js';
import type { FaultSource, InjectableFault } from '../../runtime/injector.js';
import type { Touch } from '../../runtime/op.js';
import type { Cluster } from './cluster.js';
import type { EtcdNode } from './node.js';
import { onCluster } from './registry.js';

export const FAULT_KINDS = ['crash', 'pause', 'partition'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const DEFAULT_LENGTH = 1000;

/** How long an injected pause or partition of `node` lasts: past the longest TTL that matters to it. */
export function faultLength(cluster: Cluster, node: EtcdNode): number {
  const own = cluster.server.longestTtl(node);
  const any = cluster.server.longestTtl(undefined);
  return (own ?? any ?? DEFAULT_LENGTH - 1) + 1;
}

class ClusterFaults implements FaultSource {
  constructor(
    private readonly cluster: Cluster,
    private readonly kinds: readonly string[],
  ) {}

  offers(): readonly InjectableFault[] {
    const out: InjectableFault[] = [];
    for (const node of this.cluster.nodes) {
      if (node.crashed) continue;
      for (const kind of this.kinds) {
        if (kind === 'crash') out.push({ what: `crash node '${node.name}'`, inject: () => void node.applyCrash(' (injected)') });
        else if (kind === 'pause' && node.pausedUntil === null) {
          const ms = faultLength(this.cluster, node);
          out.push({ what: `pause node '${node.name}' for ${ms} ms`, inject: () => node.applyPause(ms, ' (injected)') });
        } else if (kind === 'partition' && !node.partitioned) {
          const ms = faultLength(this.cluster, node);
          out.push({ what: `partition node '${node.name}' for ${ms} ms`, inject: () => node.applyPartitionFor(ms, ' (injected)') });
        }
      }
    }
    return out;
  }

  offersAny(): boolean {
    for (const node of this.cluster.nodes) {
      if (node.crashed) continue;
      for (const kind of this.kinds) {
        if (kind === 'crash' || (kind === 'pause' && node.pausedUntil === null) || (kind === 'partition' && !node.partitioned)) return true;
      }
    }
    return false;
  }

  touches(): readonly Touch[] {
    const out: Touch[] = [];
    for (const n of this.cluster.nodes) out.push({ id: n.id, read: false }, { id: n.gate.id, read: false }, ...this.cluster.server.nodeTouches(n));
    return out;
  }
}

/** Check --faults KINDS: a comma-separated subset of crash, pause, partition. Returns the error, if any. */
export function checkFaultKinds(kinds: readonly string[]): string | undefined {
  const bad = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (bad.length > 0) return `--faults: unknown fault ${bad.map((b) => `'${b}'`).join(', ')} (faults: ${FAULT_KINDS.join(', ')})`;
  if (kinds.length === 0) return `--faults needs at least one of ${FAULT_KINDS.join(', ')}`;
  return undefined;
}

onCluster((exec: Execution, c: Cluster) => {
  const f = exec.faults;
  if (!f) return;
  exec.addFaultSource(new ClusterFaults(c, f.kinds));
});

/**
 * `new Cluster({ name? })`: one simulated etcd cluster (one linearisable store, server.ts) and its nodes,
 * created on first use by `cluster.node(name)` (synchronous, as Go computes it locally). The hooks part B's
 * checks use (writes, crashes, lease ends) are the server's.
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { EtcdNode } from './node.js';
import { EtcdServer } from './server.js';
import type { Cluster as ClusterApi, LeaseEnd, Node, NodeCrash, StoreWrite } from './types.js';
import { registerCluster } from './registry.js';
import './report-notes.js';
import './faults.js';

export interface ClusterOptions {
  readonly name?: string;
}

export class Cluster implements ClusterApi {
  readonly name: string;
  readonly server: EtcdServer;
  private readonly byName = new Map<string, EtcdNode>();
  private readonly list: EtcdNode[] = [];

  constructor(options: ClusterOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new ScenarioError('new Cluster({ name? }): options must be an object');
    for (const k of Object.keys(options)) if (k !== 'name') throw new ScenarioError(`new Cluster: unknown option '${k}' (options: name)`);
    if (options.name !== undefined && typeof options.name !== 'string') throw new ScenarioError('new Cluster({ name }): the name must be a string');
    this.server = new EtcdServer(options.name ?? 'etcd');
    this.name = this.server.name;
    registerCluster(currentExecution('new Cluster()'), this);
  }

  node(name: string): Node {
    if (typeof name !== 'string' || name === '') throw new ScenarioError('cluster.node(name): the name must be a non-empty string');
    let n = this.byName.get(name);
    if (!n) {
      n = new EtcdNode(this, this.server, name);
      this.byName.set(name, n);
      this.list.push(n);
    }
    return n;
  }

  get nodes(): readonly EtcdNode[] {
    return this.list;
  }

  onWrite(listener: (w: StoreWrite) => void): void {
    this.server.onWrite(listener);
  }

  onCrash(listener: (c: NodeCrash) => void): void {
    this.server.onCrash(listener);
  }

  onLeaseEnd(listener: (e: LeaseEnd) => void): void {
    this.server.onLeaseEnd(listener);
  }

  leaseEnd(lease: number): LeaseEnd | undefined {
    return this.server.leaseEnd(lease);
  }
}

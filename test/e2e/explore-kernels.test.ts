/**
 * `simcc explore` on the kernels of real bugs from large Go projects (Docker, etcd, gRPC, Kubernetes)
 * that scenarios/ models: every bug is found, with a kind its scenario expects, and every fixed
 * version explores completely and clean. The scenario's own `expect` is the oracle.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, ROOT, simcc } from './cli.js';

const KERNELS = [
  'ch03-mutex-pitfalls/docker-34881-early-return.ts',
  'ch03-mutex-pitfalls/docker-34881-fixed.ts',
  'ch03-mutex-pitfalls/docker-36114-reentrant-lock.ts',
  'ch03-mutex-pitfalls/docker-36114-fixed.ts',
  'ch03-mutex-pitfalls/etcd-10419-reentrant-lock.ts',
  'ch03-mutex-pitfalls/etcd-10419-fixed.ts',
  'ch03-mutex-pitfalls/grpc-795-unlock-typed-as-lock.ts',
  'ch03-mutex-pitfalls/grpc-795-fixed.ts',
  'ch05-rwmutex/docker-36840-write-under-rlock.ts',
  'ch05-rwmutex/k8s-62464-double-rlock.ts',
  'ch05-rwmutex/k8s-62464-fixed.ts',
  'ch06-waitgroup/k8s-59574-forgot-add.ts',
  'ch06-waitgroup/k8s-59574-fixed.ts',
  'ch07-cond/k8s-priority-queue-close-without-broadcast.ts',
  'ch07-cond/k8s-priority-queue-if-not-for.ts',
  'ch07-cond/k8s-priority-queue.ts',
  'ch09-map/docker-40772-delete-without-lock.ts',
  'ch13-channel/etcd-6857-status-hang.ts',
  'ch13-channel/etcd-6857-status-hang-v2.ts',
  'ch13-channel/etcd-6857-status-hang-v3-fixed.ts',
  'ch13-channel/etcd-11256-test-leak.ts',
  'ch13-channel/etcd-11256-fixed.ts',
  'ch13-channel/grpc-close-send.ts',
  'ch13-channel/grpc-close-send-fixed.ts',
];

/** The kinds a scenario file declares in `expect: [...]` (none for a fixed version). */
function expected(file: string): string[] {
  const m = /expect:\s*\[([^\]]*)\]/.exec(readFileSync(`${ROOT}/${file}`, 'utf8'));
  return m ? [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!) : [];
}

describe('simcc explore on real-bug kernels', { timeout: E2E_TIMEOUT }, () => {
  it.each(KERNELS)('%s', async (name) => {
    const file = `scenarios/${name}`;
    const kinds = expected(file);
    const r = await simcc(['explore', file, '--json', '--max-time', '50']);
    const doc = json(r.stdout);
    if (kinds.length === 0) {
      expect({ code: r.code, verdict: doc.verdict, complete: doc.complete }).toEqual({ code: 0, verdict: 'pass', complete: true });
    } else {
      expect({ code: r.code, verdict: doc.verdict }).toEqual({ code: 1, verdict: 'fail' });
      expect(kinds).toContain(doc.findings[0].kind);
    }
  });
});

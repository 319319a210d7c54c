/**
 * Thread groups (runtime/thread.ts ThreadGroup): a goroutine started by a member joins the group (adopt is
 * called before its first step); deadlock and leak reports say which group a thread belongs to; flavour
 * notes (Execution.reportNotes) are appended to both.
 */
import { describe, expect, it } from 'vitest';
import { go } from '../../../src/api/goroutines.js';
import { currentExecution } from '../../../src/runtime/current.js';
import { Channel } from '../../../src/primitives/go/channel.js';
import type { Thread, ThreadGroup } from '../../../src/runtime/thread.js';
import { run } from '../../helpers.js';

describe('thread groups', () => {
  it('a goroutine started by a member joins the group; reports name the group and add the notes', async () => {
    const adopted: string[] = [];
    const r = await run(async () => {
      adopted.length = 0; // each execution (the shrinker replays some) starts afresh
      const exec = currentExecution('t');
      const g: ThreadGroup = { label: "node 'n1'", adopt: (t: Thread) => void adopted.push(t.name) };
      exec.reportNotes.push(() => ['a note for the report']);
      const ch = new Channel<number>();
      const parent = exec.threads[go(async () => {
        go(async () => {
          await ch.recv();
        }, 'child');
        await ch.recv();
      }, 'parent').id]!;
      parent.group = g;
      await ch.recv();
    }, { runs: 1 });
    expect(adopted).toEqual(['child']);
    expect(r.findings.map((f) => f.kind)).toEqual(['deadlock']);
    const d = r.findings[0]!.details!;
    expect(d).toContain("goroutine 'parent' on node 'n1' is blocked in receive from channel 'ch#1'");
    expect(d).toContain("goroutine 'child' on node 'n1' is blocked in receive from channel 'ch#1'");
    expect(d.some((l) => l.startsWith("goroutine 'main' is blocked"))).toBe(true);
    expect(d[d.length - 1]).toBe('a note for the report');
  });
});

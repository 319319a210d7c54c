// Course ch13, nil channels (seed line 3648; leak catalogue L10): "send and receive on a nil channel
// block forever". `var ch chan int; ch <- 1` is legal Go that never returns.
//
// The bug: main declares the channel but never makes it (its zero value is nil), then sends on it.
// What simcc reports: deadlock (`all goroutines are asleep - deadlock!`), as Go does: main is blocked
// in a send on a nil channel, which nothing can ever complete, and no other goroutine or timer is
// left. The report says that a nil channel is never ready.
// Fixed twin: none in the course (make the channel, and have someone receive).
import { scenario, Channel } from 'simcc';

export default scenario({ name: 'ch13: a send on a nil channel blocks forever', expect: ['deadlock'] }, async () => {
  const ch = Channel.nil<number>('ch'); // var ch chan int — BUG: never made
  await ch.send(1);
});

// Course ch11, WithDeadline (seed lines 3283–3317): "if the parent's deadline is earlier than d,
// WithDeadline(parent, d) is semantically equivalent to parent" — a child's deadline is capped by its
// parent's — and a deadline already in the past gives a context that is already done.
//
// No bug: a 100 ms request context; a child asks for 500 ms and inherits 100 ms; another asks for
// 40 ms and keeps it; a deadline in the past is done at once.
// What simcc reports: nothing, in every schedule. The 40 ms child expires on its own timer; the capped
// child has none and expires with its parent, both with DeadlineExceeded, never before 100 ms.
import { scenario, now, assert, context } from 'simcc';

export default scenario("ch11: a child's deadline is capped by its parent's", async () => {
  const [request, cancelRequest] = context.withTimeout(context.background(), 100);
  const [longer, cancelLonger] = context.withTimeout(request, 500);
  const [shorter, cancelShorter] = context.withDeadline(request, 40);
  assert(longer.deadline() === 100, `longer: ${longer.deadline()}`);
  assert(shorter.deadline() === 40);

  const [past, cancelPast] = context.withDeadline(request, -1);
  assert(past.err() === context.DeadlineExceeded, 'a past deadline is done at once');

  await shorter.done().recv();
  assert(now() >= 40 && shorter.err() === context.DeadlineExceeded);
  await longer.done().recv();
  assert(now() >= 100, `the capped child expired at ${now()} ms`);
  assert(longer.err() === context.DeadlineExceeded && request.err() === context.DeadlineExceeded);
  for (const cancel of [cancelPast, cancelShorter, cancelLonger, cancelRequest]) await cancel();
  assert(longer.err() === context.DeadlineExceeded, 'a cancel after the deadline changed err()');
});

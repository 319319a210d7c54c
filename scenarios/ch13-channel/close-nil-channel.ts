// Course ch13, the three channel panics (seed lines 3913–3921): `close of nil channel`.
// A Go struct's channel field is nil until someone makes it: `var s Server; close(s.quit)`.
//
// The bug: the server is built without its quit channel (the constructor that makes it was skipped),
// and Stop closes the field anyway. Closing a nil channel panics in Go.
// What simcc reports: close-of-nil-channel, with Go's text `close of nil channel`, in the goroutine
// that called Stop and did not recover.
// Fixed twin: close-made-channel.ts
import { scenario, Channel } from 'simcc';

interface Server {
  quit: Channel<void>;
}

export default scenario({ name: 'ch13: close of a nil channel', expect: ['close-of-nil-channel'] }, async () => {
  const s: Server = { quit: Channel.nil<void>('s.quit') }; // the zero value: nobody made the channel
  await s.quit.close();
});

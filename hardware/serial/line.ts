/**
 * Closing a line for good. A SerialPort's destroy() ends the stream but leaves the device open (and
 * a dead pty's poller spinning), so a port is closed with close() first; any other stream (a TCP
 * socket) is destroyed. Bounded, so a line that hangs on close cannot hang its owner.
 */
import type { Duplex } from 'node:stream';

type Closable = Duplex & { isOpen?: boolean; close?: (cb: (err?: Error | null) => void) => void };

export function closeLine(stream: Duplex, timeoutMs = 1000): Promise<void> {
  const s = stream as Closable;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    if (typeof s.close === 'function' && s.isOpen) {
      s.close(() => {
        if (!s.destroyed) s.destroy();
        done();
      });
      return;
    }
    if (s.destroyed) return done();
    s.once('close', done);
    s.destroy();
  });
}

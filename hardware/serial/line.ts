/**
 * Closing a line for good. A SerialPort's destroy() ends the stream but leaves the device open (and
 * a dead pty's poller spinning), so a port is closed with close() first; any other stream (a TCP
 * socket) is destroyed. Bounded, so a line that hangs on close cannot hang its owner.
 */
import { existsSync } from 'node:fs';
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

/**
 * Calls `gone` once when the device node at `path` disappears: a USB adapter pulled out, or socat's
 * pty link removed. Under load the serial poller does not always see a pty hang up; the file system
 * does. Watches only a path that exists now; returns the function that stops watching.
 */
export function watchPresence(path: string, gone: () => void, everyMs = 250): () => void {
  if (!existsSync(path)) return () => undefined;
  const timer = setInterval(() => {
    if (existsSync(path)) return;
    clearInterval(timer);
    gone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

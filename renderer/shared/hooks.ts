/** Small Preact hooks the pages share: commands that never act twice, the hub's clock, idle time. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Ack } from '../../sync/protocol/hub.js';
import { newCommandId } from './commandId.js';

/**
 * One user action that sends a command: a fresh commandId per action, the same one again when the
 * previous try got no answer (so the hub never acts twice), and no second send while one is in
 * flight — a double click calls once. `busy` is for disabling the button.
 */
export function useAction<T extends object, A extends unknown[] = []>(
  run: (commandId: string, ...args: A) => Promise<Ack<T>>,
  onAck?: (ack: Ack<T>, ...args: A) => void,
): { busy: boolean; trigger: (...args: A) => Promise<Ack<T> | null> } {
  const inFlight = useRef(false);
  const unanswered = useRef<{ id: string; key: string } | null>(null);
  const latest = useRef({ run, onAck });
  latest.current = { run, onAck };
  const [busy, setBusy] = useState(false);
  const trigger = useCallback(async (...args: A) => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    const key = JSON.stringify(args);
    const id = unanswered.current?.key === key ? unanswered.current.id : newCommandId();
    unanswered.current = { id, key };
    try {
      const ack = await latest.current.run(id, ...args);
      if (ack.ok || ack.error.code !== 'NO_ANSWER') unanswered.current = null;
      latest.current.onAck?.(ack, ...args);
      return ack;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, trigger };
}

/** The hub's time, ticking every `everyMs`: the screen's own clock may be wrong; the hub's is the floor's. */
export function useHubNow(offsetMs: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const timer = setInterval(() => setNow(Date.now() + offsetMs), everyMs);
    return () => clearInterval(timer);
  }, [offsetMs, everyMs]);
  return now;
}

/** Calls `onIdle` once after `ms` without a touch, click or key; any of them starts the wait again. */
export function useIdle(ms: number, onIdle: () => void, active: boolean): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    if (!active || ms <= 0) return;
    let timer = setTimeout(() => latest.current(), ms);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), ms);
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, reset, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset, { capture: true });
    };
  }, [ms, active]);
}

/** Keeps document.documentElement.lang and the title in step with the page's language. */
export function useDocumentLang(lang: string, title: string): void {
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = title;
  }, [lang, title]);
}

/**
 * The one logging interface every layer writes to: a structural subset of pino's `Logger`, so the
 * real logger (pino, built in main/ops) and the test recorder below both fit, and `core`, `store`,
 * `hardware` and `sync` can log without importing pino. Fields carry the facts (`{ desk, code }`),
 * the message says what happened; nothing personal (phone, РНОКПП, ЄДРПОУ, booking code) ever goes in.
 */
export interface LogFn {
  (fields: Record<string, unknown>, msg: string): void;
  (msg: string): void;
}

export interface Log {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  /** A logger whose every line carries these fields too (`{ component: 'sync' }`). */
  child(bindings: Record<string, unknown>): Log;
}

/**
 * What a log line says of a thrown value: an Error's stack (its message when it has none), a thrown
 * string as it is. Never throws itself, even for a value whose `toString` does (a hostile payload).
 */
export function stackOf(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : typeof err === 'string' ? err : 'a non-Error value was thrown';
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogEntry {
  level: LogLevel;
  msg: string;
  fields: Record<string, unknown>;
}

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function makeLog(sink: (entry: LogEntry) => void, bindings: Record<string, unknown>): Log {
  const fn =
    (level: LogLevel): LogFn =>
    (a: Record<string, unknown> | string, b?: string) => {
      if (typeof a === 'string') sink({ level, msg: a, fields: { ...bindings } });
      else sink({ level, msg: b ?? '', fields: { ...bindings, ...a } });
    };
  const log = Object.fromEntries(LEVELS.map((l) => [l, fn(l)])) as Omit<Log, 'child'>;
  return { ...log, child: (more) => makeLog(sink, { ...bindings, ...more }) };
}

/** A logger that keeps its entries in memory: for tests, and for code that reports them itself. */
export function memoryLog(): Log & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return Object.assign(makeLog((e) => entries.push(e), {}), { entries });
}

/** A logger that drops everything. */
export const silentLog: Log = makeLog(() => {}, {});

/** A logger over any sink of entries (the hub's tests print them; a bridge can forward them). */
export function logTo(sink: (entry: LogEntry) => void): Log {
  return makeLog(sink, {});
}

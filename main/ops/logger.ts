/**
 * The hub's logger: pino, one JSON object a line (time, level, component, centre and the event's
 * own fields), written to `data.dir/logs/` and rolled daily and by size with a bounded number of
 * files kept (pino-roll), and copied to the terminal (pretty on a TTY, JSON otherwise, so journald
 * keeps the fields). Every part logs through a `child({ component })` of it (main/core/log.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger, type StreamEntry } from 'pino';
import pretty from 'pino-pretty';
import roll from 'pino-roll';
import type { SonicBoom } from 'sonic-boom';
import { logTo, type Log, type LogLevel } from '../core/log.js';

export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export const LOG_DIR = 'logs';
/** Files are named talon.YYYY-MM-DD.N.log. */
export const LOG_FILE = 'talon';

/**
 * Field names that would carry something personal. Nothing logs them on purpose; this is the net
 * under that rule (a payload logged whole by mistake). `code` is not here: it is the refusal code.
 */
const REDACT = ['phone', 'rnokpp', 'taxId', 'edrpou', 'bookingCode', 'token', 'authorization', 'fullName', 'surname'].flatMap((k) => [k, `*.${k}`]);

export interface LoggerOptions {
  /** The data dir; the files go to `<dir>/logs`. Null: no files (a terminal copy only). */
  dataDir: string | null;
  level?: LogLevel;
  /** Bound on every line, so a fleet's lines say which centre they are from. */
  centre?: string;
  /** The terminal copy: pretty for people, json for journald, none for tests. Default: pretty on a TTY. */
  console?: 'pretty' | 'json' | 'none';
  /** A file is rolled when it reaches this size (pino-roll units: 10m, 500k). */
  maxFileSize?: string;
  /** Rolled files kept besides the current one. */
  keep?: number;
  /** How often a file is rolled besides by size: daily, or every N ms (tests). */
  frequency?: 'daily' | number;
}

export interface OpenLogger {
  log: Log;
  /** The file being written now (null without files). */
  file(): string | null;
  /** Writes out what is buffered. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The log files in a data dir, oldest first (pino-roll numbers them talon.DATE.N.log). */
export function logFiles(dataDir: string): string[] {
  const dir = join(dataDir, LOG_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const key = (n: string) => {
    const m = /^talon\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/.exec(n);
    return m ? `${m[1]}.${m[2]!.padStart(8, '0')}` : null;
  };
  return names
    .filter((n) => key(n) !== null)
    .sort((a, b) => key(a)!.localeCompare(key(b)!))
    .map((n) => join(dir, n));
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function baseOptions(o: Pick<LoggerOptions, 'level' | 'centre'>): pino.LoggerOptions {
  return {
    level: o.level ?? 'info',
    base: o.centre === undefined ? {} : { centre: o.centre },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}

function consoleStream(mode: 'pretty' | 'json', level: LogLevel): StreamEntry {
  const stream = mode === 'pretty' ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: 2, sync: true }) : pino.destination({ dest: 2, sync: true });
  return { stream, level };
}

/** Opens the logger a hub, a CLI command or the packaged app writes to. */
export async function openLogger(o: LoggerOptions): Promise<OpenLogger> {
  const level = o.level ?? 'info';
  const streams: StreamEntry[] = [];
  let file: SonicBoom | null = null;
  let closed = false;
  if (o.dataDir !== null) {
    file = await roll({
      file: join(o.dataDir, LOG_DIR, LOG_FILE),
      extension: '.log',
      frequency: o.frequency ?? 'daily',
      dateFormat: 'yyyy-MM-dd',
      size: o.maxFileSize ?? '20m',
      limit: { count: o.keep ?? 14, removeOtherLogFiles: true },
      mkdir: true,
      // Written as logged: the last lines before a crash are on disk, and a hub logs a few a second.
      sync: true,
    });
    streams.push({ stream: file, level });
  }
  // The terminal copy goes to stderr: stdout stays the command's own answer (READY <url>, the tokens).
  const mode = o.console ?? (process.stderr.isTTY ? 'pretty' : 'json');
  if (mode !== 'none') streams.push(consoleStream(mode, level));
  const logger: Logger = pino(baseOptions(o), pino.multistream(streams));
  const flush = () =>
    new Promise<void>((resolve) => {
      if (!file || closed) return resolve();
      // Writes are synchronous; a roll they triggered runs on the next tick: let it.
      setImmediate(() => file!.flush(() => resolve()));
    });
  return {
    log: logger,
    file: () => (o.dataDir === null ? null : logFiles(o.dataDir).at(-1) ?? null),
    flush,
    close: async () => {
      await flush();
      if (file && !closed) {
        closed = true;
        const f = file;
        await new Promise<void>((resolve) => {
          f.once('close', () => resolve());
          f.end();
        });
      }
    },
  };
}

/** A logger to the terminal only: the default of parts started without one (tests pass their own). */
export function consoleLog(level: LogLevel = 'info'): Log {
  return pino(baseOptions({ level }), consoleStream(process.stderr.isTTY ? 'pretty' : 'json', level).stream);
}

/**
 * A `Log` that also hands each entry, as one readable line, to an old-style line callback (the
 * packaged app's shell still logs lines).
 */
export function teeToLines(log: Log, line: (text: string) => void): Log {
  const lines = logTo(({ level, msg, fields }) => {
    const { component, ...rest } = fields;
    const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    line(`${typeof component === 'string' ? `${component}: ` : ''}${level === 'info' ? '' : `${level}: `}${msg}${extra.length ? ` (${extra.join(', ')})` : ''}`);
  });
  return both(log, lines);
}

function both(a: Log, b: Log): Log {
  const each = (level: LogLevel) => (x: Record<string, unknown> | string, y?: string) => {
    if (typeof x === 'string') {
      a[level](x);
      b[level](x);
    } else {
      a[level](x, y ?? '');
      b[level](x, y ?? '');
    }
  };
  return {
    trace: each('trace'),
    debug: each('debug'),
    info: each('info'),
    warn: each('warn'),
    error: each('error'),
    fatal: each('fatal'),
    child: (bindings) => both(a.child(bindings), b.child(bindings)),
  };
}

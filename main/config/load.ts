/**
 * Reads the centre's config file (talon.yaml) and reports every problem with the line it is on,
 * because the person fixing it is an installer with a text editor, not a developer.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { configSchema, type TalonConfig } from './schema.js';

export interface ConfigIssue {
  /** Where in the file, as `desks[1].services[0]`; empty for the file as a whole. */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(issues.map((issue) => formatIssue(file, issue)).join('\n'));
  }
}

export function loadConfig(path: string): TalonConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`;
    throw new ConfigError(path, [{ path: '', line: null, column: null, message }]);
  }
  return parseConfig(text, path);
}

/** `fileName` names the file in messages and anchors relative paths in the config. */
export function parseConfig(text: string, fileName: string): TalonConfig {
  const lines = new LineCounter();
  // prettyErrors off: we place errors ourselves and want the bare message without a code excerpt.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  // Only the first syntax error: the ones after it are mostly the parser losing its footing.
  const syntax = doc.errors[0];
  if (syntax) {
    throw new ConfigError(fileName, [{ path: '', ...position(lines, syntax.pos[0]), message: syntax.message }]);
  }
  if (doc.contents === null) {
    throw new ConfigError(fileName, [{ path: '', line: null, column: null, message: 'the file is empty' }]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // An alias bomb and the like: the parser refuses to expand it.
    throw new ConfigError(fileName, [{ path: '', line: null, column: null, message: (err as Error).message }]);
  }
  const base = dirname(resolve(fileName));
  const tokens = resolveTokenFiles(raw, base);
  if (tokens.issues.length) {
    throw new ConfigError(fileName, tokens.issues.map(({ path, message }) => ({ path: formatPath(path), ...position(lines, nearestOffset(doc, path)), message })));
  }
  let result: ReturnType<typeof configSchema.safeParse>;
  try {
    result = configSchema.safeParse(raw);
  } catch (err) {
    // A value the schema's own checks trip over (an object posing as a string): refused, never a crash.
    throw new ConfigError(fileName, [{ path: '', line: null, column: null, message: `not a config: ${(err as Error).message}` }]);
  }
  if (!result.success) {
    throw new ConfigError(fileName, result.error.issues.flatMap((issue) => locate(doc, lines, issue, tokens.sources)));
  }
  return resolvePaths(result.data, base);
}

/** The keys a token may come from a file at: a desk's or a window's `tokenFile`, an entry `{ tokenFile }` of a token list. */
const TOKEN_LISTS = ['kioskTokens', 'adminTokens', 'boardTokens', 'shelterBoardTokens', 'shelterKioskTokens', 'metricsTokens'] as const;
/** A token file is one short line; a bigger file (a wrong path, a device) is refused before it is read. */
const MAX_TOKEN_FILE_BYTES = 4096;

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Replaces each `tokenFile` with the token its file holds (trimmed), in place, before the schema
 * sees the config, so the rest of Talon sees plain strings and the schema's checks (length, one
 * owner per token) apply to file tokens too. `sources` maps a token's key to its file, for messages.
 */
function resolveTokenFiles(raw: unknown, base: string): { issues: { path: Path; message: string }[]; sources: Map<string, string> } {
  const issues: { path: Path; message: string }[] = [];
  const sources = new Map<string, string>();
  const read = (path: Path, file: unknown): string | null => {
    if (typeof file !== 'string' || file.trim() === '') {
      issues.push({ path, message: 'tokenFile is the path of a file holding the token' });
      return null;
    }
    const full = resolve(base, file);
    const text = readSmallFile(full);
    if (typeof text !== 'string') {
      issues.push({ path, message: `cannot read the token file ${full}: ${text.why}` });
      return null;
    }
    const token = text.trim();
    if (token === '') issues.push({ path, message: `the token file ${full} is empty` });
    else if (/[\r\n]/.test(token)) issues.push({ path, message: `the token file ${full} holds more than one line` });
    else return token;
    return null;
  };
  if (!isBag(raw)) return { issues, sources };
  const place = (path: Path, token: string | null, file: unknown, set: (t: string) => void) => {
    if (token === null) return;
    set(token);
    sources.set(formatPath(path), resolve(base, String(file)));
  };
  if (Array.isArray(raw.desks)) {
    raw.desks.forEach((desk: unknown, i) => {
      if (!isBag(desk) || !Object.hasOwn(desk, 'tokenFile')) return;
      if (Object.hasOwn(desk, 'token')) return void issues.push({ path: ['desks', i, 'tokenFile'], message: 'give token or tokenFile, not both' });
      const file = desk.tokenFile;
      delete desk.tokenFile;
      place(['desks', i, 'token'], read(['desks', i, 'tokenFile'], file), file, (t) => (desk.token = t));
    });
  }
  const app = raw.app;
  if (isBag(app) && Array.isArray(app.windows)) {
    app.windows.forEach((w: unknown, i) => {
      if (!isBag(w) || !Object.hasOwn(w, 'tokenFile')) return;
      if (Object.hasOwn(w, 'token')) return void issues.push({ path: ['app', 'windows', i, 'tokenFile'], message: 'give token or tokenFile, not both' });
      const file = w.tokenFile;
      delete w.tokenFile;
      place(['app', 'windows', i, 'token'], read(['app', 'windows', i, 'tokenFile'], file), file, (t) => (w.token = t));
    });
  }
  const hub = raw.hub;
  if (isBag(hub)) {
    for (const key of TOKEN_LISTS) {
      const list = hub[key];
      if (!Array.isArray(list)) continue;
      list.forEach((entry: unknown, i) => {
        if (!isBag(entry) || !Object.hasOwn(entry, 'tokenFile')) return;
        const extra = Object.keys(entry).filter((k) => k !== 'tokenFile');
        if (extra.length) return void issues.push({ path: ['hub', key, i], message: `a token from a file is { tokenFile: PATH }; unknown key "${extra[0]}"` });
        place(['hub', key, i], read(['hub', key, i], entry.tokenFile), entry.tokenFile, (t) => (list[i] = t));
      });
    }
  }
  return { issues, sources };
}

/** The file's text, or why it cannot be had: missing, not a plain file, too big. */
function readSmallFile(file: string): string | { why: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { why: code === 'ENOENT' ? 'no such file' : code ?? String(err) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { why: 'not a plain file' };
    if (stat.size > MAX_TOKEN_FILE_BYTES) return { why: `${stat.size} bytes, more than a token (at most ${MAX_TOKEN_FILE_BYTES})` };
    const buf = Buffer.alloc(MAX_TOKEN_FILE_BYTES + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n > MAX_TOKEN_FILE_BYTES) return { why: `more than ${MAX_TOKEN_FILE_BYTES} bytes` };
    return buf.subarray(0, n).toString('utf8');
  } catch (err) {
    return { why: (err as NodeJS.ErrnoException).code ?? String(err) };
  } finally {
    closeSync(fd);
  }
}

/** Paths in the file mean "next to the config", not "wherever talon was started from". */
function resolvePaths(config: TalonConfig, base: string): TalonConfig {
  return {
    ...config,
    data: { dir: resolve(base, config.data.dir) },
    hub: { ...config.hub, ...(config.hub.tls && { tls: { cert: resolve(base, config.hub.tls.cert), key: resolve(base, config.hub.tls.key) } }) },
    central: config.central && { ...config.central, tokenFile: resolve(base, config.central.tokenFile) },
    alerts: {
      ...config.alerts,
      alertsInUa: config.alerts.alertsInUa && {
        ...config.alerts.alertsInUa,
        tokenFile: resolve(base, config.alerts.alertsInUa.tokenFile),
      },
      ukraineAlarm: config.alerts.ukraineAlarm && {
        ...config.alerts.ukraineAlarm,
        tokenFile: resolve(base, config.alerts.ukraineAlarm.tokenFile),
        webhook: config.alerts.ukraineAlarm.webhook && {
          ...config.alerts.ukraineAlarm.webhook,
          secretFile: resolve(base, config.alerts.ukraineAlarm.webhook.secretFile),
        },
      },
    },
  };
}

type Path = (string | number)[];

function locate(doc: Document, lines: LineCounter, issue: z.core.$ZodIssue, tokenFiles: ReadonlyMap<string, string> = new Map()): ConfigIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const file = tokenFiles.get(formatPath(path));
  if (file !== undefined) {
    // A token read from a file: the message names the file, the position is its tokenFile key.
    const at = path[path.length - 1] === 'token' ? [...path.slice(0, -1), 'tokenFile'] : path;
    return [{ path: formatPath(path), ...position(lines, nearestOffset(doc, at)), message: `${issue.message} (the token in ${file})` }];
  }
  if (issue.code === 'unrecognized_keys') {
    // One issue per key, on the key's own line, so each can be found and deleted.
    return issue.keys.map((key) => ({
      path: formatPath([...path, key]),
      ...position(lines, keyOffset(doc, path, key) ?? nearestOffset(doc, path)),
      message: `unknown key "${key}"`,
    }));
  }
  // Custom (cross-field) issues explain themselves; any other issue on an absent key means "add it".
  const missing = issue.code !== 'custom' && path.length > 0 && !doc.hasIn(path);
  return [
    {
      path: formatPath(path),
      ...position(lines, nearestOffset(doc, path)),
      message: missing ? 'is required but missing' : issue.message,
    },
  ];
}

/** Start of the node at `path`, or of its nearest ancestor that exists (a missing key's map). */
function nearestOffset(doc: Document, path: Path): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return null;
}

function keyOffset(doc: Document, path: Path, key: string): number | null {
  const map: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return null;
  const pair = map.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
  return isNode(pair?.key) && pair.key.range ? pair.key.range[0] : null;
}

function position(lines: LineCounter, offset: number | null): { line: number | null; column: number | null } {
  if (offset === null) return { line: null, column: null };
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.line === null ? file : `${file}:${issue.line}:${issue.column}`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

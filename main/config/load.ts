/**
 * Reads the centre's config file (talon.yaml) and reports every problem with the line it is on,
 * because the person fixing it is an installer with a text editor, not a developer.
 */
import { readFileSync } from 'node:fs';
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
  const result = configSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new ConfigError(fileName, result.error.issues.flatMap((issue) => locate(doc, lines, issue)));
  }
  return resolvePaths(result.data, dirname(resolve(fileName)));
}

/** Paths in the file mean "next to the config", not "wherever talon was started from". */
function resolvePaths(config: TalonConfig, base: string): TalonConfig {
  return {
    ...config,
    data: { dir: resolve(base, config.data.dir) },
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

function locate(doc: Document, lines: LineCounter, issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
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

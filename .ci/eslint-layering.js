// The layering rule of DESIGN §3: which folder may import which. A relative import is resolved
// against the importing file; bare imports of Node built-ins are refused where the layer must stay
// pure (core) or run in a browser (renderer).
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.dirname(path.dirname(new URL(import.meta.url).pathname));

/** Layer of a file: the most specific prefix wins. */
const LAYERS = [
  ['main/core', 'core'],
  ['main/store', 'store'],
  ['main/config', 'config'],
  ['main/hub', 'hub'],
  ['main/electron', 'electron'],
  ['main/cli.ts', 'cli'],
  ['main/bin', 'cli'],
  ['main/commands', 'cli'],
  ['main/sim', 'sim'],
  ['main/ops', 'ops'],
  ['main', 'main'],
  ['hardware', 'hardware'],
  ['sync/protocol', 'protocol'],
  ['sync/client', 'syncClient'],
  ['sync/central', 'central'],
  ['renderer', 'renderer'],
];

/** What each layer may import besides itself. Layers not listed here (tests, bench) may import anything. */
const ALLOWED = {
  core: [],
  store: ['core'],
  hardware: ['core'],
  protocol: ['core'],
  config: ['core', 'protocol'],
  syncClient: ['core', 'protocol', 'store'],
  central: ['core', 'protocol'],
  // Logs, metrics and backups: the hub and the shell use them; they know the hub only by interfaces.
  ops: ['core', 'store', 'config', 'protocol'],
  hub: ['core', 'store', 'config', 'hardware', 'protocol', 'syncClient', 'ops'],
  electron: ['hub', 'core', 'store', 'config', 'protocol', 'ops'],
  cli: ['core', 'store', 'config', 'hub', 'hardware', 'protocol', 'syncClient', 'central', 'electron', 'sim', 'ops'],
  // The field-day simulator drives a hub and central from outside, as their clients do.
  sim: ['core', 'config', 'hub', 'protocol', 'central', 'ops'],
  renderer: ['protocol'],
};

const NO_NODE = new Set(['core', 'renderer']);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  for (const [prefix, layer] of LAYERS) if (rel === prefix || rel.startsWith(`${prefix}/`)) return layer;
  return null;
}

export const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layering of DESIGN §3' },
    messages: {
      layer: '{{from}} may not import {{to}} ({{spec}}): see DESIGN §3',
      node: '{{from}} must not use Node built-ins ({{spec}}): it is {{why}}',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from || !(from in ALLOWED)) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (BUILTINS.has(spec) && NO_NODE.has(from)) {
        context.report({ node, messageId: 'node', data: { from, spec, why: from === 'core' ? 'pure' : 'browser code' } });
        return;
      }
      if (!spec.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(file), spec));
      if (!to || to === from || ALLOWED[from].includes(to)) return;
      context.report({ node, messageId: 'layer', data: { from, to, spec } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

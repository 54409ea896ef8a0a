// The import rules between layers (docs/ARCHITECTURE.md) as one lint rule, in the spirit of
// vscode's code-layering rule: every file belongs to a layer by its path, every import is resolved
// to a layer (or a package), and the table below says what may import what. A breach fails CI.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules);

/** Layers, most specific path first. */
const LAYERS = [
  ['shared', 'shared/'],
  ['api', 'electron/core/api/'],
  ['core', 'electron/core/'],
  ['shell', 'electron/main/'],
  ['shell', 'electron/preload/'],
  ['webhost', 'electron/webhost/'],
  ['cli', 'electron/cli/'],
  ['renderer', 'renderer/'],
];

/**
 * For each layer: which project layers it may import, and which external modules.
 * `node` = Node built-ins; `packages` = npm packages (minus `deniedPackages`), or an allowlist.
 */
const RULES = {
  shared: { layers: ['shared'], node: false, packages: ['zod'] },
  core: {
    layers: ['shared', 'core'],
    node: true,
    deniedPackages: ['electron', 'react', 'react-dom'],
  },
  api: {
    layers: ['shared', 'core', 'api'],
    node: true,
    deniedPackages: ['electron', 'react', 'react-dom'],
  },
  shell: { layers: ['shared', 'api', 'shell'], node: true, packages: ['electron'] },
  webhost: {
    layers: ['shared', 'api', 'webhost'],
    node: true,
    deniedPackages: ['electron', 'react', 'react-dom'],
  },
  cli: {
    layers: ['shared', 'core', 'api', 'cli'],
    node: true,
    deniedPackages: ['electron', 'react', 'react-dom'],
  },
  renderer: { layers: ['shared', 'renderer'], node: false, deniedPackages: ['electron'] },
};

function layerOf(repoPath) {
  // A trailing slash lets a folder import ("../core/api") match its layer's prefix.
  const p = `${repoPath.split(path.sep).join('/')}/`;
  for (const [layer, prefix] of LAYERS) if (p.startsWith(prefix)) return layer;
  return null;
}

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

function check(context, node, spec) {
  if (typeof spec !== 'string') return;
  const root = context.cwd ?? process.cwd();
  const file = path.relative(root, context.filename);
  const from = layerOf(file);
  if (!from) return;
  const rule = RULES[from];
  const report = (what) =>
    context.report({ node, messageId: 'forbidden', data: { layer: from, what, spec } });

  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.relative(root, path.resolve(path.dirname(context.filename), spec));
    if (target.startsWith('..')) return report('a file outside the project');
    const to = layerOf(target);
    if (to === null) return report('a file outside the layered folders');
    if (!rule.layers.includes(to)) report(`the "${to}" layer`);
    return;
  }
  const isNode = spec.startsWith('node:') || NODE_BUILTINS.has(packageName(spec));
  if (isNode) {
    if (!rule.node) report('Node built-ins');
    return;
  }
  const pkg = packageName(spec);
  if (rule.packages && !rule.packages.includes(pkg)) return report(`the package "${pkg}"`);
  if (rule.deniedPackages?.includes(pkg)) report(`the package "${pkg}"`);
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import rules between layers (docs/ARCHITECTURE.md)' },
    messages: { forbidden: 'Layer "{{layer}}" may not import {{what}} ("{{spec}}").' },
    schema: [],
  },
  create(context) {
    const fromLiteral = (node) => {
      if (node.source && node.source.type === 'Literal')
        check(context, node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromLiteral,
      ExportNamedDeclaration: fromLiteral,
      ExportAllDeclaration: fromLiteral,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(context, node.source, node.source.value);
      },
      TSImportEqualsDeclaration(node) {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal')
          check(context, ref.expression, ref.expression.value);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const arg = node.arguments[0];
          if (arg && arg.type === 'Literal') check(context, arg, arg.value);
        }
      },
    };
  },
};

export default { meta: { name: 'eslint-plugin-local' }, rules: { layers: layersRule } };

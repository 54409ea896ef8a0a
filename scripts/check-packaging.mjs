#!/usr/bin/env node
// Checks, after `npm run build`, that the Windows installer electron-builder would make holds what
// the desk needs and nothing it must not ship, without running electron-builder (which needs
// Windows, or Wine, and downloads its tools). An installer with a missing path installs fine and
// fails at the counter, so CI stops it here:
//   - every `files`, `asarUnpack` and `extraResources` path of electron-builder.yml exists;
//   - every `require` of the bundled main process is a Node built-in, electron, a runtime
//     dependency (electron-builder packs `dependencies`, never `devDependencies`) that resolves, or
//     a relative file that is itself packed;
//   - the data the desk reads at run time is packed: OCR language data, fonts, holidays, the
//     procedure catalogue, the document types and the trust list;
//   - no test fixture, demo key or private key is packed.
// Usage: node scripts/check-packaging.mjs [--root DIR] [--config FILE]  (exit 1 on any problem)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';

const { values } = parseArgs({
  options: { root: { type: 'string' }, config: { type: 'string' } },
});
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..'));
const configFile = path.resolve(root, values.config ?? 'electron-builder.yml');

/** Shipped data read at run time: an extraResources source each. */
const REQUIRED_RESOURCES = [
  'resources/holidays',
  'resources/procedures',
  'resources/document-types',
  'resources/trust',
  'resources/schemas',
];
/** Runtime packages whose files (not code) the desk reads: language data and fonts. */
const REQUIRED_PACKAGES = [
  '@tesseract.js-data/vie',
  '@tesseract.js-data/osd',
  'dejavu-fonts-ttf',
  '@expo-google-fonts/tinos',
];
/** What must never be packed: tests and their fixtures, keys and certificates with keys. */
const FORBIDDEN_PATH = /(^|\/)(tests?|fixtures?|__tests__|demo-keys?)(\/|$)|\.(p12|pfx|key)$/i;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

const problems = [];
const problem = (text) => problems.push(text);

/** The part of a glob before its first wildcard: the folder or file that must exist. */
function globBase(pattern) {
  const parts = pattern.split('/');
  const fixed = [];
  for (const part of parts) {
    if (/[*?{}[\]!]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return [...out, dir];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function checkExists(kind, pattern) {
  const base = globBase(pattern);
  if (!base) return;
  if (!fs.existsSync(path.join(root, base)))
    problem(`${kind}: ${pattern} — ${base} does not exist (run npm run build first?)`);
}

function checkNothingSecret(where, files) {
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (FORBIDDEN_PATH.test(rel)) problem(`${where}: ${rel} is a test file or a key`);
    else if (/\.(pem|crt|cer|txt|json)$/i.test(file) && fs.statSync(file).size < 1_000_000) {
      if (PRIVATE_KEY.test(fs.readFileSync(file, 'utf8')))
        problem(`${where}: ${rel} holds a private key`);
    }
  }
}

const packageName = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

function checkRequires(bundle, dependencies, packedFiles) {
  const text = fs.readFileSync(bundle, 'utf8');
  const specs = new Set(
    [...text.matchAll(/\brequire(?:\.resolve)?\(\s*["']([^"'$`]+)["']\s*\)/g)].map((m) => m[1]),
  );
  const builtins = new Set(builtinModules);
  for (const spec of specs) {
    const bare = spec.replace(/^node:/, '');
    if (spec === 'electron' || builtins.has(bare) || builtins.has(bare.split('/')[0])) continue;
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(bundle), spec);
      if (!packedFiles.has(target) && !packedFiles.has(`${target}.js`))
        problem(`main.cjs requires ${spec}, which is not packed`);
      continue;
    }
    const name = packageName(spec);
    if (!dependencies.has(name))
      problem(`main.cjs requires ${spec}, but ${name} is not a runtime dependency`);
    else if (!fs.existsSync(path.join(root, 'node_modules', name)))
      problem(`main.cjs requires ${spec}, which does not resolve (npm ci?)`);
  }
}

function main() {
  if (!fs.existsSync(configFile)) {
    console.error(`check-packaging: ${configFile} not found`);
    process.exit(1);
  }
  const config = yaml.load(fs.readFileSync(configFile, 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));

  const files = (config.files ?? []).filter((p) => typeof p === 'string');
  const included = files.filter((p) => !p.startsWith('!'));
  for (const p of included) checkExists('files', p);
  for (const p of config.asarUnpack ?? []) checkExists('asarUnpack', p);

  const extra = (config.extraResources ?? []).map((e) => (typeof e === 'string' ? e : e.from));
  for (const from of extra) checkExists('extraResources', from);
  for (const need of REQUIRED_RESOURCES)
    if (!extra.some((from) => path.posix.normalize(from) === need))
      problem(`extraResources: ${need} is not shipped`);
  for (const need of REQUIRED_PACKAGES) {
    if (!dependencies.has(need)) problem(`dependencies: ${need} is not a runtime dependency`);
    else if (!fs.existsSync(path.join(root, 'node_modules', need)))
      problem(`dependencies: ${need} is not installed (npm ci?)`);
  }

  const packed = included.flatMap((p) => walk(path.join(root, globBase(p))));
  checkNothingSecret('files', packed);
  checkNothingSecret(
    'extraResources',
    extra.flatMap((from) => walk(path.join(root, from))),
  );

  const bundle = path.join(root, pkg.main ?? 'dist/electron/main.cjs');
  if (!fs.existsSync(bundle))
    problem(`main: ${pkg.main} does not exist (run npm run build first?)`);
  else checkRequires(bundle, dependencies, new Set(packed));

  if (problems.length > 0) {
    console.error(`check-packaging: ${problems.length} problem(s) in ${configFile}`);
    for (const p of problems) console.error(`  ✗ ${p}`);
    process.exit(1);
  }
  console.log(
    `check-packaging: ${included.length} files patterns, ${(config.asarUnpack ?? []).length} asarUnpack, ${extra.length} extraResources and ${packed.length} packed files checked`,
  );
}

main();

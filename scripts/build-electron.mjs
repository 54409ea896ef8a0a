// Bundles the Electron shell into CommonJS for Electron's main process and sandboxed preload.
//   electron/main/main.ts       -> dist/electron/main.cjs    (npm packages stay external)
//   electron/preload/preload.ts -> dist/electron/preload.cjs (self-contained: a sandboxed
//                                  preload can require only 'electron', not node_modules)
//   electron/preload/pinPreload.ts -> dist/electron/pin-preload.cjs (the PIN window's, same rule)
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Tests build into a temporary folder to run the bundle against a stand-in for Electron.
const outDir = process.env.SOHOA_ELECTRON_OUT
  ? path.resolve(process.env.SOHOA_ELECTRON_OUT)
  : path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: path.join(outDir, 'main.cjs'),
  packages: 'external',
  external: ['electron'],
  // The core resolves its npm data (fonts, language models) with createRequire(import.meta.url);
  // in a CommonJS bundle import.meta is empty, so give it this file's URL.
  define: { 'import.meta.url': '__sohoaImportMetaUrl' },
  banner: { js: "const __sohoaImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: path.join(outDir, 'preload.cjs'),
  external: ['electron'],
});

await build({
  ...common,
  entryPoints: ['electron/preload/pinPreload.ts'],
  outfile: path.join(outDir, 'pin-preload.cjs'),
  external: ['electron'],
});

// Worker threads load their script by path: the core finds it beside the module that starts it,
// which in the bundle is main.cjs.
await copyFile(
  path.join(root, 'electron/core/pdf/pdfiumWorker.cjs'),
  path.join(outDir, 'pdfiumWorker.cjs'),
);

// Guard the sandbox rule: a preload bundle may require nothing but 'electron'.
for (const name of ['preload.cjs', 'pin-preload.cjs']) {
  const preload = await readFile(path.join(outDir, name), 'utf8');
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  const foreign = required.filter((module) => module !== 'electron');
  if (foreign.length > 0) {
    console.error(`${name} requires ${foreign.join(', ')}; a sandboxed preload cannot.`);
    process.exit(1);
  }
}
console.log(
  `Built main.cjs, preload.cjs and pin-preload.cjs in ${path.relative(root, outDir) || outDir}`,
);

// Bundles the `sohoa` command, so it starts without compiling TypeScript:
//   electron/cli/main.ts -> dist/cli/main.mjs, plus one chunk per command (and per piece of the
//   core that commands share). ES modules with code splitting: a command's `import()` in the
//   registry becomes a chunk that Node loads only when that command runs.
// npm packages stay external (native addons, wasm and data files load from node_modules as they
// do from the sources). dist/cli/inputs.json lists the sources the bundle was built from, so
// bin/sohoa.mjs can tell when the bundle is older than the sources and run those instead;
// dist/cli/meta.json is esbuild's account of which source went into which module.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Tests build into a temporary folder to run the bundle without touching dist/.
const outDir = process.env.SOHOA_CLI_OUT
  ? path.resolve(process.env.SOHOA_CLI_OUT)
  : path.join(root, 'dist', 'cli');
const WORKER = 'electron/core/pdf/pdfiumWorker.cjs';

// Taken before esbuild reads anything: a source saved during the build counts as newer.
const builtAt = Date.now();
await rm(outDir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: 'electron/cli/main.ts' },
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  charset: 'utf8',
  logLevel: 'warning',
  absWorkingDir: root,
});

// Worker threads load their script by path, beside the module that starts them: every chunk is
// in outDir itself.
await mkdir(outDir, { recursive: true });
await copyFile(path.join(root, WORKER), path.join(outDir, path.basename(WORKER)));

const inputs = [...Object.keys(result.metafile.inputs), WORKER].sort();
await writeFile(
  path.join(outDir, 'inputs.json'),
  `${JSON.stringify({ builtAt, inputs }, null, 1)}\n`,
);
await writeFile(path.join(outDir, 'meta.json'), JSON.stringify(result.metafile));
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs')).length;
console.log(
  `Built the CLI (${chunks} modules from ${inputs.length} sources) in ${path.relative(root, outDir) || outDir}`,
);

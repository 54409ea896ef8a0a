#!/usr/bin/env node
// The `sohoa` command. Runs the bundle `npm run build` writes in dist/cli (no compiling at start);
// without one, or when a source it was built from has changed since, runs the TypeScript sources
// through tsx's loader instead, so a fresh checkout needs no build step.
// SOHOA_CLI_FROM_SOURCE=1 always takes the sources.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

/** dist/cli/main.mjs when it is at least as new as every source it was built from. */
function freshBundle() {
  if (process.env.SOHOA_CLI_FROM_SOURCE) return undefined;
  const dist = path.join(root, 'dist', 'cli');
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dist, 'inputs.json'), 'utf8'));
  } catch {
    return undefined;
  }
  for (const input of stamp.inputs) {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > stamp.builtAt) {
      if (process.env.SOHOA_DEBUG) console.error(`sohoa: ${input} changed since the build`);
      return undefined;
    }
  }
  return path.join(dist, 'main.mjs');
}

async function loadCli() {
  const bundle = freshBundle();
  if (bundle) {
    // The bundle's source maps turn a debug stack trace back into TypeScript lines.
    if (process.env.SOHOA_DEBUG) process.setSourceMapsEnabled(true);
    return import(pathToFileURL(bundle).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../electron/cli/main.ts');
}

const cli = await loadCli();

// On Linux, glibc keeps freed memory where the process cannot give it back: each thread gets its
// own malloc arena, and after the first large buffer is freed glibc raises its mmap threshold so
// later page-sized buffers (libvips' decoded scans, 10–30 MB each) land in the heap and
// fragment it. A 200-page batch grew past 2 GB that way. Two arenas and a fixed 128 KB mmap
// threshold keep it flat (50-page batch: ~1000 MB → ~600 MB peak RSS). glibc reads these only
// when the process starts, so a command that holds scanned pages starts a second process with
// them set; the others (help, verify, search…) hold no pages and skip that start-up cost. The
// child gets its own process group so a Ctrl+C reaches it exactly once, forwarded by this parent
// (the digitize command treats a second Ctrl+C as "stop now").
if (process.platform === 'linux' && !process.env.MALLOC_ARENA_MAX && cli.holdsPages(argv)) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...argv],
    {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  const [code, signal] = await new Promise((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  // A child ended by a signal exits as a shell reports it: 128 + the signal's number.
  process.exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 15) : 1);
} else {
  process.exitCode = await cli.main(argv);
}

#!/usr/bin/env node
// The `sohoa` command. Runs the TypeScript sources through tsx's loader so the CLI needs no build
// step; the Electron app bundles the same modules with esbuild instead.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// On Linux, glibc keeps freed memory where the process cannot give it back: each thread gets its
// own malloc arena, and after the first large buffer is freed glibc raises its mmap threshold so
// later page-sized buffers (libvips' decoded scans, 10–30 MB each) land in the heap and
// fragment it. A 200-page batch grew past 2 GB that way. Two arenas and a fixed 128 KB mmap
// threshold keep it flat (50-page batch: ~1000 MB → ~600 MB peak RSS). glibc reads these only at
// start-up, so the CLI starts itself once more with them set. The child gets its own process
// group so a Ctrl+C reaches it exactly once, forwarded by this parent (the digitize command
// treats a second Ctrl+C as "stop now").
if (process.platform === 'linux' && !process.env.MALLOC_ARENA_MAX) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
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
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../electron/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

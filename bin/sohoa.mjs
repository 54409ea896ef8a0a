#!/usr/bin/env node
// The `sohoa` command. Runs the TypeScript sources through tsx's loader so the CLI needs no build
// step; the Electron app bundles the same modules with esbuild instead.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// On Linux, glibc gives each thread its own malloc arena and keeps what is freed in it: libvips'
// threads then sit on hundreds of MB of free memory during a long batch (50-page batch: peak RSS
// ~1000 MB with the default arenas, ~750 MB with two). glibc reads MALLOC_ARENA_MAX only at
// start-up, so the CLI starts itself once more with it set. The child gets its own process
// group so a Ctrl+C reaches it exactly once, forwarded by this parent (the digitize command
// treats a second Ctrl+C as "stop now").
if (process.platform === 'linux' && !process.env.MALLOC_ARENA_MAX) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', detached: true, env: { ...process.env, MALLOC_ARENA_MAX: '2' } },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  const [code, signal] = await new Promise((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  process.exitCode = code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../electron/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

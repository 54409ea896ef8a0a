// bin/sohoa.mjs, the launcher, on a project of its own: the real launcher file beside a stand-in
// bundle (dist/cli) and stand-in sources (electron/cli/main.ts) that each say which one ran, with
// which malloc settings, in which process. It takes the bundle only while no source it was built
// from is newer, and restarts itself with glibc's malloc settings only for a command that holds
// scanned pages, passing the exit code through.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-launcher-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

// Both stand-ins: `pages` holds pages; `main` prints what ran and exits with argv[1].
const standIn = (from: string) => `
export function holdsPages(argv) { return argv[0] === 'pages'; }
export async function main(argv) {
  console.log(JSON.stringify({ from: '${from}', argv, pid: process.pid, malloc: process.env.MALLOC_ARENA_MAX ?? null }));
  return Number(argv[1] ?? 0);
}
`;
fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
fs.mkdirSync(path.join(root, 'bin'));
fs.copyFileSync(path.resolve('bin/sohoa.mjs'), path.join(root, 'bin', 'sohoa.mjs'));
fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');
fs.mkdirSync(path.join(root, 'electron', 'cli'), { recursive: true });
const source = path.join(root, 'electron', 'cli', 'main.ts');
fs.writeFileSync(source, standIn('sources'));
fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'cli', 'main.mjs'), standIn('bundle'));
const stamp = path.join(root, 'dist', 'cli', 'inputs.json');

/** The bundle as built at `builtAt` from the one stand-in source. */
function built(builtAt: number) {
  fs.writeFileSync(stamp, JSON.stringify({ builtAt, inputs: ['electron/cli/main.ts'] }));
}

function sohoa(args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  for (const name of ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_', 'SOHOA_CLI_FROM_SOURCE'])
    delete base[name];
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'sohoa.mjs'), ...args], {
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  const ran = JSON.parse(r.stdout) as { from: string; argv: string[]; pid: number; malloc: string };
  return { status: r.status, ran, launcherPid: r.pid };
}

test('the bundle runs while it is newer than its sources, the sources once one has changed', () => {
  const sourceTime = fs.statSync(source).mtimeMs;
  built(sourceTime + 1000);
  const fresh = sohoa(['--help']);
  assert.equal(fresh.status, 0);
  assert.equal(fresh.ran.from, 'bundle');
  assert.deepEqual(fresh.ran.argv, ['--help']);

  assert.equal(sohoa(['--help'], { SOHOA_CLI_FROM_SOURCE: '1' }).ran.from, 'sources');

  built(sourceTime - 1000);
  assert.equal(sohoa(['--help']).ran.from, 'sources', 'a source saved after the build');

  fs.writeFileSync(stamp, JSON.stringify({ builtAt: Date.now() + 60_000, inputs: ['gone.ts'] }));
  assert.equal(sohoa(['--help']).ran.from, 'sources', 'a source the bundle names is gone');

  fs.rmSync(stamp);
  assert.equal(sohoa(['--help']).ran.from, 'sources', 'never built');
});

test('only a command that holds pages runs in a second process with the malloc settings', () => {
  built(Date.now() + 60_000);
  const quick = sohoa(['verify', '0']);
  assert.equal(quick.ran.pid, quick.launcherPid, '--help, verify…: no second process');
  assert.equal(quick.ran.malloc, null);

  const pages = sohoa(['pages', '3']);
  if (process.platform === 'linux') {
    assert.notEqual(pages.ran.pid, pages.launcherPid, 'a page command runs in a child');
    assert.equal(pages.ran.malloc, '2');
  }
  assert.equal(pages.status, 3, "the child's exit code is the launcher's");
  assert.equal(pages.ran.from, 'bundle');

  const preset = sohoa(['pages'], { MALLOC_ARENA_MAX: '4' });
  assert.equal(preset.ran.pid, preset.launcherPid, 'settings already made: no restart');
  assert.equal(preset.ran.malloc, '4');
});

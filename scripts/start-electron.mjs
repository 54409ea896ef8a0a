// `npm start` (after `npm run build`): runs the desk in Electron. The electron package's binary
// download is skipped at install time (see package.json allowScripts), so fetch it here on first
// start; this needs a connected machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const electronDir = path.dirname(require.resolve('electron/package.json'));

/** The binary's path as the electron package records it (path.txt), if it is really there. */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let binary = electronBinary();
if (!binary) {
  console.log('Electron binary missing; downloading it (node node_modules/electron/install.js)…');
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  binary = install.status === 0 ? electronBinary() : null;
  if (!binary) {
    console.error('Could not install the Electron binary (is this machine offline?).');
    process.exit(1);
  }
}

const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));

// A scanner writing over a network share, for hot-folder tests: another process writes the bytes
// in chunks with pauses and keeps the file open until the end (the desk must wait for it).
import { spawn } from 'node:child_process';

const WRITER = `
const fs = require('node:fs');
const [target, chunks, pause] = process.argv.slice(1);
const chunksIn = [];
process.stdin.on('data', (c) => chunksIn.push(c));
process.stdin.on('end', () => {
  const data = Buffer.concat(chunksIn);
  const fd = fs.openSync(target, 'w');
  const step = Math.ceil(data.length / Number(chunks));
  let at = 0;
  const tick = () => {
    if (at >= data.length) return fs.closeSync(fd);
    fs.writeSync(fd, data, at, Math.min(step, data.length - at));
    at += step;
    setTimeout(tick, Number(pause));
  };
  tick();
});
`;

/** Resolves when the writer closed the file. */
export function writeSlowly(
  target: string,
  bytes: Buffer,
  chunks = 4,
  pauseMs = 150,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', WRITER, target, String(chunks), String(pauseMs)], {
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exit ${code}`))));
    child.stdin.end(bytes);
  });
}

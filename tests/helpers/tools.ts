// Independent tools (poppler, qpdf, openssl) that check our output; CI installs them.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

export function run(
  cmd: string,
  args: string[],
  opts: { input?: Buffer } = {},
): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    input: opts.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(`${cmd} is not installed (CI installs it: see .ci/run)`);
  return r;
}

export function pdftotext(file: string): string {
  const r = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.normalize('NFC');
}

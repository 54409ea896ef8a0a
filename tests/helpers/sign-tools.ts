// Shared by the signing tests: external tools (we check our output with software we did not
// write), a small sample PDF, and a reader for the signature's byte ranges.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool; a missing tool fails the test with a message that says what to install. */
export function runTool(command: string, args: string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `"${command}" is not installed; install poppler-utils, qpdf and openssl (CI does) to run this test`,
    );
  }
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]); // A4
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Sample dossier page for the signing test', { x: 72, y: 700, size: 14, font });
  return doc.save();
}

export interface SignedParts {
  byteRange: [number, number, number, number];
  /** The CMS, without the placeholder's zero padding. */
  cms: Buffer;
  /** The bytes the signature covers, concatenated. */
  signedBytes: Buffer;
}

export function readSignedParts(pdf: Uint8Array, which: 'first' | 'last' = 'first'): SignedParts {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const match = which === 'first' ? all[0] : all[all.length - 1];
  if (!match) throw new Error('No /ByteRange in the PDF');
  const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
  const [a, b, c, d] = byteRange;
  // The placeholder is zero-padded; the CMS's own outer DER length says where it ends.
  const contents = Buffer.from(buf.subarray(b + 1, c - 1).toString('latin1'), 'hex');
  const cms = contents.subarray(0, derLength(contents));
  return {
    byteRange,
    cms,
    signedBytes: Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]),
  };
}

/** Total length of the DER element starting at offset 0. */
function derLength(der: Buffer): number {
  const first = der[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (der[2 + i] ?? 0);
  return 2 + count + length;
}

/**
 * Runs `sohoa <argv>` in this process through the CLI's own entry (same parsing, same output),
 * capturing what it prints; a child process would cost seconds of TypeScript loading per call.
 */
export async function runSohoa(argv: string[]): Promise<ToolResult> {
  const { main } = await import('../../electron/cli/main');
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...args: unknown[]) => void out.push(args.map(String).join(' '));
  console.error = (...args: unknown[]) => void err.push(args.map(String).join(' '));
  try {
    const status = await main(argv);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/**
 * `openssl cms -verify` of a signature in `pdf` (the last one by default) over its byte ranges,
 * with `caFile` as the only trust anchor; returns openssl's exit status and messages.
 */
export function opensslVerifyCms(
  pdf: Uint8Array,
  caFile: string,
  dir: string,
  which: 'first' | 'last' = 'last',
): ToolResult {
  const { cms, signedBytes } = readSignedParts(pdf, which);
  const sig = path.join(dir, `cms-${process.hrtime.bigint()}.der`);
  const content = `${sig}.bin`;
  writeFileSync(sig, cms);
  writeFileSync(content, signedBytes);
  return runTool('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    sig,
    '-content',
    content,
    '-CAfile',
    caFile,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
}

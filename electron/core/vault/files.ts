// Reading and writing the data folder's files through the vault. Inside a vault every file the
// desk writes is sealed, except the few listed below that IT reads without the key and that hold
// no applicant's data. Outside any vault (tests, a folder the user chose for a copy) files stay
// plain. Reading accepts a plain file inside a vault only while its migration is under way.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SohoaError } from '../../../shared/errors';
import type { DataKey } from './dataKey';
import { migrationUnderWay } from './journal';
import { keyById, keyForRoot, vaultRootOf } from './registry';
import { HEADER_BYTES, looksSealed, openBufferInPlace, sealParts } from './sealedFormat';
import { OpeningStream, SealingStream } from './sealedStreams';

/**
 * Kept plain inside a vault: the vault's own files and the processes' lock entries (pid and
 * host), the settings IT edits (their secrets are
 * sealed field by field), public reference data (OCR language data, procedure catalogue,
 * holiday years) and scanner certificate pins. Relative to the vault root; a name ending in "/"
 * is a folder.
 */
export const PLAIN_BY_DESIGN = [
  'vault.json',
  'vault-migration.json',
  '.lock/',
  'settings.json',
  'outbox-destination.json',
  'escl-pins.json',
  'tessdata/',
  'procedures/',
  'holidays/',
] as const;

export function isPlainByDesign(root: string, file: string): boolean {
  const rel = path.relative(root, path.resolve(file)).split(path.sep).join('/');
  return PLAIN_BY_DESIGN.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p));
}

/** The key `target` must be sealed with, or null when it is written plain. */
export function sealingKeyFor(target: string): DataKey | null {
  const root = vaultRootOf(target);
  if (!root || isPlainByDesign(root, target)) return null;
  return keyForRoot(root);
}

/**
 * What goes on disk for `target`, as the parts to write in order: inside a vault the bytes
 * sealed (unless plain by design) and an owner-only file in an owner-only folder; elsewhere the
 * bytes as they are. The sealed records stay separate pieces for a vectored write
 * (writeParts), never joined into a second copy of the file.
 */
export function diskFormOf(
  target: string,
  bytes: Uint8Array,
): { parts: readonly Uint8Array[]; mode: number } {
  const root = vaultRootOf(target);
  if (!root) return { parts: [bytes], mode: 0o666 };
  ownerOnlyFolders(root, path.dirname(path.resolve(target)));
  return {
    parts: isPlainByDesign(root, target) ? [bytes] : sealParts(keyForRoot(root), bytes),
    mode: 0o600,
  };
}

const ownerOnly = new Set<string>();

/** Folders between the vault root and `dir` made 0700 (once per folder and process). */
function ownerOnlyFolders(root: string, dir: string): void {
  if (process.platform === 'win32') return;
  for (let at = dir; !ownerOnly.has(at); at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o777) !== 0o700) fs.chmodSync(at, 0o700);
    ownerOnly.add(at);
    if (at === root || path.dirname(at) === at) break;
  }
}

/** The plain bytes of a file the desk wrote (sealed or not). */
export async function readDataFile(file: string): Promise<Buffer> {
  return fromDisk(file, await fsp.readFile(file));
}

export function readDataFileSync(file: string): Buffer {
  return fromDisk(file, fs.readFileSync(file));
}

function fromDisk(file: string, raw: Buffer): Buffer {
  if (looksSealed(raw)) return openSealed(file, raw);
  const root = vaultRootOf(file);
  if (root && !isPlainByDesign(root, file) && !migrationUnderWay(root))
    throw new SohoaError('VAULT_FILE_NOT_SEALED', path.basename(file));
  return raw;
}

function openSealed(file: string, raw: Buffer): Buffer {
  const root = vaultRootOf(file);
  // The root's key is opened first so that a file read before anything else unlocks it.
  if (root) keyForRoot(root);
  try {
    return openBufferInPlace(raw, (id) => keyById(id, file));
  } catch (e) {
    if (e instanceof SohoaError) throw e;
    throw new SohoaError('VAULT_FILE_UNREADABLE', path.basename(file), { cause: e });
  }
}

/**
 * A stream that writes `file` (sealed inside a vault); `finished` settles once it is on disk.
 * The writer ends it like any write stream.
 */
export function createDataWriteStream(file: string): {
  stream: Writable;
  finished: Promise<void>;
} {
  const root = vaultRootOf(file);
  if (root) ownerOnlyFolders(root, path.dirname(path.resolve(file)));
  const key = sealingKeyFor(file);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  if (!key) return { stream: out, finished: closed(out) };
  const input = new PassThrough();
  return { stream: input, finished: pipeline(input, new SealingStream(key), out) };
}

/** The plain bytes of `file` as a stream (sealed or not), one record at a time. */
export async function createDataReadStream(file: string): Promise<Readable> {
  const head = Buffer.alloc(HEADER_BYTES);
  const handle = await fsp.open(file, 'r');
  try {
    await handle.read(head, 0, HEADER_BYTES, 0);
  } finally {
    await handle.close();
  }
  if (!looksSealed(head)) {
    fromDisk(file, head);
    return fs.createReadStream(file);
  }
  const root = vaultRootOf(file);
  if (root) keyForRoot(root);
  const opening = new OpeningStream((id) => keyById(id, file));
  // Reads of a few records at a time: fewer system calls than the default 64 KiB.
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  source.once('error', (e) => opening.destroy(e));
  return source.pipe(opening);
}

function closed(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('close', () => resolve());
    stream.once('error', reject);
  });
}

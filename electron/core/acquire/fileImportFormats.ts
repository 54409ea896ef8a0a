// Which files the desk takes in (scans as images or PDFs) and a cheap check that a file is whole:
// the hot folder runs it before handing a file on, so a scan cut off by a dropped connection goes
// to the error folder with a reason instead of failing later inside the pipeline.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ErrorCode } from '../../../shared/errors';
import { sniffFormat } from '../imaging/loadPage';

export const SCAN_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.pdf'] as const;

/** Hidden files, Office lock files and the system's own litter are never scans. */
const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

export function isHiddenOrSystem(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('.') || lower.startsWith('~$') || SYSTEM_NAMES.has(lower);
}

/** A name the desk takes in: a scan extension, not hidden, not a partial download. */
export function isScanFileName(name: string): boolean {
  if (isHiddenOrSystem(name)) return false;
  return (SCAN_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

/** How far from the end a format's closing marker may sit (scanners pad some files). */
const TAIL_BYTES = 1024;

/**
 * Null when the file looks whole; otherwise the error code to report. Reads the head and the tail
 * only, plus the image header through sharp: a few milliseconds even for a 50 MB TIFF.
 */
export async function checkScanFile(file: string): Promise<ErrorCode | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return 'FILE_EMPTY';
    const head = Buffer.alloc(Math.min(size, 1024));
    await handle.read(head, 0, head.length, 0);
    const format = sniffFormat(head);
    if (!format) return 'FILE_NOT_IMAGE';
    const tailLength = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    if (format === 'pdf') return tail.includes('%%EOF') ? null : 'HOTFOLDER_TRUNCATED';
    if (format === 'jpeg' && !tail.includes(Buffer.from([0xff, 0xd9])))
      return 'HOTFOLDER_TRUNCATED';
    if (format === 'png' && !tail.includes('IEND')) return 'HOTFOLDER_TRUNCATED';
  } finally {
    await handle.close();
  }
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return 'IMAGE_CORRUPT';
  } catch {
    return 'IMAGE_CORRUPT';
  }
  return null;
}

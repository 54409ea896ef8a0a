// Files picked or dropped by the clerk, as the contract carries them (base64), and the files of a
// picked folder: the ones the core reads (as electron/core/acquire/fileImportFormats.ts), in
// the order people expect (natural order of their paths in the folder).
export const ACCEPTED_PAGE_TYPES =
  'image/jpeg,image/png,image/tiff,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.pdf';

const SCAN_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'tif', 'tiff', 'pdf']);
const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole scan as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Hidden files and folders, Office lock files and the system's litter: never scans, never named. */
function isHiddenOrSystem(part: string): boolean {
  const lower = part.toLowerCase();
  return lower.startsWith('.') || lower.startsWith('~$') || SYSTEM_NAMES.has(lower);
}

/** The path of a file inside the picked folder (`webkitRelativePath`), or its name. */
export function relativeName(file: File): string {
  return file.webkitRelativePath || file.name;
}

const natural = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * The scans of a picked folder (all its subfolders) in natural order of their paths
 * ("trang-2" before "trang-10"), and the names of other files left out (hidden ones silently).
 */
export function folderScans(files: readonly File[]): { scans: File[]; skipped: string[] } {
  const scans: File[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const name = relativeName(file);
    if (name.split('/').some(isHiddenOrSystem)) continue;
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (SCAN_EXTENSIONS.has(ext)) scans.push(file);
    else skipped.push(name);
  }
  scans.sort((a, b) => natural.compare(relativeName(a), relativeName(b)));
  skipped.sort((a, b) => natural.compare(a, b));
  return { scans, skipped };
}

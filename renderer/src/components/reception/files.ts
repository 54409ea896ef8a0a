// Files picked or dropped by the clerk, as the contract carries them (base64), and the files of a
// picked or dropped folder: the ones the core reads (as electron/core/acquire/fileImportFormats.ts), in
// the order people expect (natural order of their paths in the folder).

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

/** A file of a picked or dropped folder, with its path inside that folder (`ho-so/trang-1.png`). */
export interface FolderFile {
  file: File;
  path: string;
}

/** The files of a folder picker (`webkitRelativePath` is their path inside the folder). */
export function fromFolderInput(files: readonly File[]): FolderFile[] {
  return files.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/**
 * The entries of a drop, read while the drop event lasts (the browser forgets them after), or
 * null when no folder was dropped (plain files take the usual way).
 */
export function droppedEntries(items: DataTransferItemList): FileSystemEntry[] | null {
  const entries = [...items]
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  return entries.some((e) => e.isDirectory) ? entries : null;
}

/** Every file below the dropped entries, with its path from the dropped folder. */
export async function walkEntries(entries: readonly FileSystemEntry[]): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      out.push({ file, path: prefix + entry.name });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches (100 in Chromium) until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (batch.length === 0) return;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}

const natural = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * The scans of a picked folder (all its subfolders) in natural order of their paths
 * ("trang-2" before "trang-10"), and the names of other files left out (hidden ones silently).
 */
export function folderScans(files: readonly FolderFile[]): { scans: File[]; skipped: string[] } {
  const scans: FolderFile[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    if (f.path.split('/').some(isHiddenOrSystem)) continue;
    const ext = f.path.includes('.') ? f.path.slice(f.path.lastIndexOf('.') + 1).toLowerCase() : '';
    if (SCAN_EXTENSIONS.has(ext)) scans.push(f);
    else skipped.push(f.path);
  }
  scans.sort((a, b) => natural.compare(a.path, b.path));
  skipped.sort((a, b) => natural.compare(a, b));
  return { scans: scans.map((f) => f.file), skipped };
}

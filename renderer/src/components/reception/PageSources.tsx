// Where the pages panel takes pages from: the scanner (its slot), a folder, and files, each a
// button (with its Alt shortcut) over a hidden file picker.
import type { ReactNode, RefObject } from 'react';
import type { Messages } from '../../i18n/vi';
import { FileInput, SCAN_FILE_TYPES } from '../FileInput';
import { fromFolderInput, type FolderFile } from './files';
import { titled } from './shortcuts';

export function PageSources({
  r,
  busy,
  scanSlot,
  onFiles,
  onFolder,
  inputRef,
  folderRef,
  addRef,
}: {
  r: Messages['reception'];
  busy: boolean;
  /** The scanner control (acquire channels), beside the file picker. */
  scanSlot: ReactNode;
  onFiles: (files: File[]) => void;
  /** Every file of a picked folder (the screen keeps the scans). */
  onFolder: (files: FolderFile[]) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  folderRef: RefObject<HTMLInputElement | null>;
  addRef?: RefObject<HTMLButtonElement | null> | undefined;
}) {
  return (
    <div className="panel-row">
      <h3 id="pages-title">{r.pagesTitle}</h3>
      {scanSlot}
      <div className="pages-add">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          title={titled(r.pagesFolder, 'folder')}
          aria-keyshortcuts="Alt+M"
          onClick={() => folderRef.current?.click()}
        >
          {r.pagesFolder}
        </button>
        <button
          ref={addRef}
          type="button"
          className="primary"
          disabled={busy}
          title={titled(r.pagesAdd, 'addPages')}
          aria-keyshortcuts="Alt+T"
          onClick={() => inputRef.current?.click()}
        >
          {r.pagesAdd}
        </button>
      </div>
      <FileInput
        inputRef={inputRef}
        label={r.pagesInputLabel}
        accept={SCAN_FILE_TYPES}
        onFiles={onFiles}
      />
      <FileInput
        inputRef={folderRef}
        label={r.pagesFolderInputLabel}
        folder
        onFiles={(files) => onFolder(fromFolderInput(files))}
      />
    </div>
  );
}

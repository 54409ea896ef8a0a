// A visually hidden file picker opened by a real button beside it (the input stays in the DOM,
// still labelled, so assistive tech and automation reach it too); only a non-empty pick is
// handed on.
import { useLayoutEffect, type RefObject } from 'react';

/** The scans the core reads (JPEG, PNG, TIFF, PDF), by type and by extension. */
export const SCAN_FILE_TYPES =
  'image/jpeg,image/png,image/tiff,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.pdf';

/**
 * A hidden file picker opened by its button. With `folder`, the browser reads a folder and its
 * subfolders and hands over the files (no path reaches the page); `webkitdirectory` is set
 * through the DOM, as React has no such prop.
 */
export function FileInput({
  inputRef,
  label,
  accept,
  folder = false,
  disabled,
  onFiles,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  accept?: string;
  folder?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}) {
  useLayoutEffect(() => {
    if (folder) inputRef.current?.setAttribute('webkitdirectory', '');
  }, [folder, inputRef]);
  return (
    <input
      ref={inputRef}
      type="file"
      multiple
      accept={accept}
      aria-label={label}
      className="visually-hidden"
      tabIndex={-1}
      disabled={disabled}
      onChange={(e) => {
        const files = Array.from(e.target.files ?? []);
        // Reset so picking the same file again still fires a change.
        e.target.value = '';
        if (files.length > 0) onFiles(files);
      }}
    />
  );
}

// "Số hóa tệp…": a real button that opens the file picker. The file input stays in the DOM
// (visually hidden, still labelled) so assistive tech and automation can reach it too.
import { useRef } from 'react';
import { useI18n } from '../i18n';
import { FileInput, SCAN_FILE_TYPES } from './FileInput';

export function DigitizeButton({
  busy,
  onFiles,
}: {
  busy: boolean;
  onFiles: (files: File[]) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);

  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={busy}
        aria-busy={busy}
        onClick={() => input.current?.click()}
      >
        {t.digitizeButton}
      </button>
      <FileInput
        inputRef={input}
        label={t.digitizeInputLabel}
        accept={SCAN_FILE_TYPES}
        disabled={busy}
        onFiles={onFiles}
      />
    </>
  );
}

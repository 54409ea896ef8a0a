// "Số hóa tệp…": a real button that opens the file picker. The file input stays in the DOM
// (visually hidden, still labelled) so assistive tech and automation can reach it too.
import { useRef, type ChangeEvent } from 'react';
import { useI18n } from '../i18n';

export const ACCEPTED_TYPES =
  'image/jpeg,image/png,image/tiff,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.pdf';

export function DigitizeButton({
  busy,
  onFiles,
}: {
  busy: boolean;
  onFiles: (files: File[]) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Reset so picking the same file again still fires a change.
    event.target.value = '';
    if (files.length > 0) onFiles(files);
  };

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
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPTED_TYPES}
        aria-label={t.digitizeInputLabel}
        className="visually-hidden"
        tabIndex={-1}
        disabled={busy}
        onChange={onChange}
      />
    </>
  );
}

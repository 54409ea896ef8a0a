// Separator sheets to print: how many, which patch code, a QR code optionally naming the type of
// the document that follows and the paper dossier's code. The core writes the PDF
// (separatorSheet); it reaches the archivist as a download (a blob: link), which the CSP allows
// and every host handles, and is printed from the PDF viewer at 100 %.
import { useEffect, useRef, useState } from 'react';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS } from '../../../../shared/classification';
import type { PatchCode, SeparatorSheetSpecInput } from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';

const PATCHES: PatchCode[] = ['T', '2', '3', '1', '4', '6'];

/** What each sheet carries, as the form holds it. */
interface SheetForm {
  count: string;
  patch: PatchCode | '';
  qr: boolean;
  type: string;
  dossier: string;
}

/** Asks the core for the sheets' PDF and offers it as a download (started at once). */
function useSheetPdf() {
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ url: string; name: string; sheets: number } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(
    () => () => {
      if (made) URL.revokeObjectURL(made.url);
    },
    [made],
  );
  useEffect(() => {
    if (made) link.current?.click();
  }, [made]);

  const make = async (form: SheetForm) => {
    const n = Math.min(100, Math.max(1, Math.round(Number(form.count) || 1)));
    const spec: SeparatorSheetSpecInput = {
      patch: form.patch || null,
      qr: form.qr,
      ...(form.type ? { type: form.type as SeparatorSheetSpecInput['type'] } : {}),
      ...(form.dossier.trim() ? { dossierCode: form.dossier.trim() } : {}),
    };
    setBusy(true);
    try {
      const r = await getApi().separatorSheet({
        sheets: Array.from({ length: n }, () => spec),
      });
      const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      setMade({ url, name: r.fileName, sheets: n });
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, made, error, link, make };
}

function SheetFields({ form, set }: { form: SheetForm; set: (patch: Partial<SheetForm>) => void }) {
  const { t, pick } = useI18n();
  return (
    <>
      <label className="batch-field">
        <span>{t.batch.printCount}</span>
        <input
          type="number"
          name="sheet-count"
          min={1}
          max={100}
          value={form.count}
          onChange={(e) => set({ count: e.target.value })}
        />
      </label>
      <label className="batch-field">
        <span>{t.batch.printPatch}</span>
        <select
          name="sheet-patch"
          value={form.patch}
          onChange={(e) => set({ patch: e.target.value as PatchCode | '' })}
        >
          <option value="">{t.batch.printPatchNone}</option>
          {PATCHES.map((p) => (
            <option key={p} value={p}>
              Patch {p}
            </option>
          ))}
        </select>
      </label>
      <label className="batch-check">
        <input
          type="checkbox"
          name="sheet-qr"
          checked={form.qr}
          onChange={(e) => set({ qr: e.target.checked })}
        />
        <span>{t.batch.printQr}</span>
      </label>
      <label className="batch-field">
        <span>{t.batch.printType}</span>
        <select
          name="sheet-type"
          value={form.type}
          disabled={!form.qr}
          onChange={(e) => set({ type: e.target.value })}
        >
          <option value="">{t.batch.printTypeNone}</option>
          {DOCUMENT_TYPES.map((d) => (
            <option key={d} value={d}>
              {pick(DOCUMENT_TYPE_LABELS[d])}
            </option>
          ))}
        </select>
      </label>
      <label className="batch-field">
        <span>{t.batch.printDossier}</span>
        <input
          type="text"
          name="sheet-dossier"
          value={form.dossier}
          maxLength={64}
          disabled={!form.qr}
          onChange={(e) => set({ dossier: e.target.value })}
        />
      </label>
    </>
  );
}

export function SeparatorSheetDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<SheetForm>({
    count: '5',
    patch: 'T',
    qr: true,
    type: '',
    dossier: '',
  });
  const { busy, made, error, link, make } = useSheetPdf();

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="batch-sheets"
      aria-labelledby="batch-sheets-title"
      onClose={onClose}
    >
      <h3 id="batch-sheets-title">{t.batch.printTitle}</h3>
      <SheetFields form={form} set={(patch) => setForm((f) => ({ ...f, ...patch }))} />
      <ErrorNotice error={error} />
      <p className="status" role="status" aria-live="polite">
        {busy ? t.batch.printMaking : made ? t.batch.printReady(made.sheets) : null}
      </p>
      <div className="batch-actions">
        <button type="button" disabled={busy} onClick={() => void make(form)}>
          {t.batch.printMake}
        </button>
        {made && (
          <a ref={link} className="button secondary" href={made.url} download={made.name}>
            {t.batch.printDownload}
          </a>
        )}
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          {t.batch.printClose}
        </button>
      </div>
    </dialog>
  );
}

// How new batches are split into documents (the queue's default separation options: files,
// folders, scans and hot-folder bursts all take them when they are made), and the button that
// prints separator sheets. Saved in the core (batchSeparationDefaults), not in this window.
import { useEffect, useRef, useState } from 'react';
import type { PatchCode, SeparationOptions } from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';
import { SeparatorSheetDialog } from './SeparatorSheetDialog';

const OFF: SeparationOptions = {
  blank: false,
  patchCodes: ['T', '2', '3'],
  codes: true,
  classifier: false,
  keepSeparators: false,
  duplex: false,
};

export function SeparationPanel() {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState(false);
  const [options, setOptions] = useState<SeparationOptions>(OFF);
  const [fixed, setFixed] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [printing, setPrinting] = useState(false);
  const printButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    getApi()
      .batchSeparationDefaults({})
      .then((r) => {
        setEnabled(r.options !== null);
        if (r.options) {
          setOptions(r.options);
          setFixed(r.options.fixedCount ? String(r.options.fixedCount) : '');
        }
      })
      .catch((e: unknown) => setError(toErrorInfo(e)));
  }, []);

  // Alt+T opens the separator-sheet dialog from anywhere on the batch screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyT') {
        e.preventDefault();
        printButton.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const patch = (code: PatchCode, on: boolean) =>
    setOptions((o) => ({
      ...o,
      patchCodes: on
        ? [...new Set([...o.patchCodes, code])]
        : o.patchCodes.filter((c) => c !== code),
    }));
  const flag = (
    key: 'blank' | 'codes' | 'classifier' | 'keepSeparators' | 'duplex' | 'autoAccept',
  ) =>
    ({
      checked: options[key] ?? false,
      disabled: !enabled,
      onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
        setOptions((o) => ({ ...o, [key]: e.target.checked })),
    }) as const;

  const save = async () => {
    const count = Number(fixed);
    const chosen: SeparationOptions = {
      ...options,
      ...(fixed.trim() && Number.isInteger(count) && count > 0 ? { fixedCount: count } : {}),
    };
    if (!fixed.trim()) delete chosen.fixedCount;
    try {
      const r = await getApi().batchSeparationDefaults({ options: enabled ? chosen : null });
      setEnabled(r.options !== null);
      setError(null);
      setStatus(r.options ? t.batch.sepSaved : t.batch.sepOff);
    } catch (e) {
      setError(toErrorInfo(e));
    }
  };

  return (
    <section className="panel batch-separation" aria-labelledby="batch-sep-title">
      <h3 id="batch-sep-title">{t.batch.sepTitle}</h3>
      <p className="muted small">{t.batch.sepIntro}</p>
      <label className="batch-check">
        <input
          type="checkbox"
          name="sep-enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <span>{t.batch.sepEnabled}</span>
      </label>
      <fieldset className="batch-sep-methods" disabled={!enabled}>
        <legend className="sr-only">{t.batch.sepTitle}</legend>
        <label className="batch-check">
          <input type="checkbox" name="sep-codes" {...flag('codes')} />
          <span>{t.batch.sepCodes}</span>
        </label>
        {(
          [
            ['T', t.batch.sepPatchT],
            ['2', t.batch.sepPatch2],
            ['3', t.batch.sepPatch3],
          ] as const
        ).map(([code, label]) => (
          <label key={code} className="batch-check">
            <input
              type="checkbox"
              name={`sep-patch-${code}`}
              checked={options.patchCodes.includes(code)}
              onChange={(e) => patch(code, e.target.checked)}
            />
            <span>{label}</span>
          </label>
        ))}
        <label className="batch-check">
          <input type="checkbox" name="sep-blank" {...flag('blank')} />
          <span>{t.batch.sepBlank}</span>
        </label>
        <label className="batch-check">
          <input type="checkbox" name="sep-classifier" {...flag('classifier')} />
          <span>{t.batch.sepClassifier}</span>
        </label>
        <label className="batch-field">
          <span>{t.batch.sepFixed}</span>
          <input
            type="number"
            name="sep-fixed"
            min={1}
            max={10000}
            value={fixed}
            onChange={(e) => setFixed(e.target.value)}
          />
        </label>
        <label className="batch-check">
          <input type="checkbox" name="sep-keep" {...flag('keepSeparators')} />
          <span>{t.batch.sepKeep}</span>
        </label>
        <label className="batch-check">
          <input type="checkbox" name="sep-duplex" {...flag('duplex')} />
          <span>{t.batch.sepDuplex}</span>
        </label>
        <label className="batch-check">
          <input type="checkbox" name="sep-auto-accept" {...flag('autoAccept')} />
          <span>{t.batch.sepAutoAccept}</span>
        </label>
      </fieldset>
      <div className="batch-actions">
        <button type="button" onClick={() => void save()}>
          {t.batch.sepSave}
        </button>
        <button
          ref={printButton}
          type="button"
          className="secondary"
          title={`${t.batch.printSheets} (Alt+T)`}
          aria-keyshortcuts="Alt+T"
          onClick={() => setPrinting(true)}
        >
          {t.batch.printSheets}
        </button>
      </div>
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
      <ErrorNotice error={error} />
      {printing && <SeparatorSheetDialog onClose={() => setPrinting(false)} />}
    </section>
  );
}

// How new batches are split into documents (the queue's default separation options: files,
// folders, scans and hot-folder bursts all take them when they are made), and the button that
// prints separator sheets. Saved in the core (batchSeparationDefaults), not in this window.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { PatchCode, SeparationOptions } from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useAltKey } from '../../hooks/useAltKey';
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

type Flag = 'blank' | 'codes' | 'classifier' | 'keepSeparators' | 'duplex' | 'autoAccept';

/** The queue's default separation options as the core keeps them, edited here and saved. */
function useSeparationDefaults() {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState(false);
  const [options, setOptions] = useState<SeparationOptions>(OFF);
  const [fixed, setFixed] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

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

  const patch = (code: PatchCode, on: boolean) =>
    setOptions((o) => ({
      ...o,
      patchCodes: on
        ? [...new Set([...o.patchCodes, code])]
        : o.patchCodes.filter((c) => c !== code),
    }));
  /** A checkbox's props for one on/off option. */
  const flag = (key: Flag) =>
    ({
      checked: options[key] ?? false,
      disabled: !enabled,
      onChange: (e: ChangeEvent<HTMLInputElement>) =>
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

  return { enabled, setEnabled, options, fixed, setFixed, status, error, patch, flag, save };
}

/** The ways to split, one checkbox each, and the fixed page count. */
function SeparationMethods({
  enabled,
  patchCodes,
  fixed,
  setFixed,
  patch,
  flag,
}: Pick<
  ReturnType<typeof useSeparationDefaults>,
  'enabled' | 'fixed' | 'setFixed' | 'patch' | 'flag'
> & { patchCodes: PatchCode[] }) {
  const { t } = useI18n();
  const check = (key: Flag, name: string, label: string) => (
    <label className="batch-check">
      <input type="checkbox" name={name} {...flag(key)} />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset className="batch-sep-methods" disabled={!enabled}>
      <legend className="sr-only">{t.batch.sepTitle}</legend>
      {check('codes', 'sep-codes', t.batch.sepCodes)}
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
            checked={patchCodes.includes(code)}
            onChange={(e) => patch(code, e.target.checked)}
          />
          <span>{label}</span>
        </label>
      ))}
      {check('blank', 'sep-blank', t.batch.sepBlank)}
      {check('classifier', 'sep-classifier', t.batch.sepClassifier)}
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
      {check('keepSeparators', 'sep-keep', t.batch.sepKeep)}
      {check('duplex', 'sep-duplex', t.batch.sepDuplex)}
      {check('autoAccept', 'sep-auto-accept', t.batch.sepAutoAccept)}
    </fieldset>
  );
}

export function SeparationPanel() {
  const { t } = useI18n();
  const sep = useSeparationDefaults();
  const [printing, setPrinting] = useState(false);
  const printButton = useRef<HTMLButtonElement>(null);
  // Alt+T opens the separator-sheet dialog from anywhere on the batch screen.
  useAltKey('KeyT', () => printButton.current?.click());

  return (
    <section className="panel batch-separation" aria-labelledby="batch-sep-title">
      <h3 id="batch-sep-title">{t.batch.sepTitle}</h3>
      <p className="muted small">{t.batch.sepIntro}</p>
      <label className="batch-check">
        <input
          type="checkbox"
          name="sep-enabled"
          checked={sep.enabled}
          onChange={(e) => sep.setEnabled(e.target.checked)}
        />
        <span>{t.batch.sepEnabled}</span>
      </label>
      <SeparationMethods {...sep} patchCodes={sep.options.patchCodes} />
      <div className="batch-actions">
        <button type="button" onClick={() => void sep.save()}>
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
        {sep.status}
      </p>
      <ErrorNotice error={sep.error} />
      {printing && <SeparatorSheetDialog onClose={() => setPrinting(false)} />}
    </section>
  );
}

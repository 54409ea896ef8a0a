// A file-system path the clerk chooses in the computer's own dialog: the path is shown read-only,
// and "Chọn…" asks the host (choosePath) for a grant that stands for it. The page never holds a
// path it could type (a page taken over by a script could otherwise point the desk at any file);
// what it sends back is the saved path or the grant.
import { useState, type ReactElement } from 'react';
import type { PathPurpose } from '../../../../shared/contracts/host';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import '../../styles/host.css';

export interface PathChoiceProps {
  purpose: PathPurpose;
  /** The field's visible label (the button's accessible name says what it chooses). */
  fieldLabel: string;
  /** What to show: the saved path, or the label of the path just chosen; '' for none. */
  shown: string;
  /** The value is a fresh grant, not saved yet. */
  unsaved?: boolean;
  onChosen: (grant: string, label: string) => void;
  /** Offered for optional fields: back to none. */
  onClear?: () => void;
  disabled?: boolean;
  /** Attributes of the read-only display (id, aria-invalid, aria-describedby from a form field). */
  display?: { id?: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
}

export function PathChoice(props: PathChoiceProps): ReactElement {
  const { t, pick, lang } = useI18n();
  const h = t.host;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const choose = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await getApi().choosePath({ purpose: props.purpose, language: lang });
      if (!r.cancelled) props.onChosen(r.grant, r.label);
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="path-choice">
      <div className="path-choice-row">
        <input
          type="text"
          readOnly
          {...props.display}
          className={props.shown ? 'path-choice-value' : 'path-choice-value empty'}
          value={busy ? h.choosing : props.shown || h.notChosen}
          data-purpose={props.purpose}
        />
        <button
          type="button"
          className="secondary small"
          // Not disabled while the dialog is open: a disabled button drops the keyboard focus.
          disabled={props.disabled}
          aria-busy={busy}
          aria-label={h.chooseFor(props.fieldLabel)}
          title={h.chooseTooltip}
          onClick={() => void choose()}
        >
          {h.choose}
        </button>
        {props.onClear && props.shown && (
          <button
            type="button"
            className="secondary small"
            disabled={busy || props.disabled}
            aria-label={h.clearFor(props.fieldLabel)}
            onClick={props.onClear}
          >
            {h.clear}
          </button>
        )}
      </div>
      {props.unsaved && <p className="rec-hint">{h.chosenUnsaved}</p>}
      {error && (
        <p className="error" role="alert" data-code={error.code}>
          {pick(error.message)}
        </p>
      )}
    </div>
  );
}

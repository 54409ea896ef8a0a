// The counter's scanners: each a card with its name, protocol (eSCL, SANE, TWAIN), address,
// resolution, colour and duplex; added and removed here.
import { useI18n } from '../../i18n';
import { SelectField, TextField } from './Field';
import { listEdit } from './listEdit';
import type { SectionProps } from './sectionProps';

type Scanner = SectionProps['form']['scanners'][number];

const NEW_SCANNER: Scanner = {
  name: '',
  kind: 'escl',
  address: '',
  dpi: 300,
  colour: 'grey',
  duplex: false,
};

function ScannerCard({
  scanner: sc,
  n,
  path,
  onChange,
  onRemove,
}: {
  scanner: Scanner;
  /** Its place in the list, from 1: named in every label, as several cards look alike. */
  n: number;
  path: string;
  onChange: (patch: Partial<Scanner>) => void;
  onRemove: () => void;
}) {
  const s = useI18n().t.settings;
  return (
    <div className="rec-card" role="group" aria-label={s.scannerN(n)}>
      <div className="rec-grid">
        <TextField
          path={`${path}.name`}
          label={`${s.scannerName} (${n})`}
          value={sc.name}
          onChange={(name) => onChange({ name })}
        />
        <SelectField
          path={`${path}.kind`}
          label={`${s.scannerKind} (${n})`}
          value={sc.kind}
          options={[
            { value: 'escl', text: 'eSCL (AirScan)' },
            { value: 'sane', text: 'SANE' },
            { value: 'twain', text: 'TWAIN' },
          ]}
          onChange={(kind) => onChange({ kind })}
        />
        <TextField
          path={`${path}.address`}
          label={`${s.scannerAddress} (${n})`}
          hint={s.scannerAddressHint}
          value={sc.address}
          onChange={(address) => onChange({ address })}
        />
        <TextField
          path={`${path}.dpi`}
          label={`${s.scannerDpi} (${n})`}
          value={Number.isFinite(sc.dpi) ? sc.dpi : ''}
          input={{ type: 'number', inputMode: 'numeric', min: 150, max: 600, step: 50 }}
          onChange={(v) => onChange({ dpi: v === '' ? 0 : Number(v) })}
        />
        <SelectField
          path={`${path}.colour`}
          label={`${s.scannerColour} (${n})`}
          value={sc.colour}
          options={[
            { value: 'bilevel', text: s.colourBilevel },
            { value: 'grey', text: s.colourGrey },
            { value: 'colour', text: s.colourColour },
          ]}
          onChange={(colour) => onChange({ colour })}
        />
      </div>
      <div className="rec-choices">
        <label>
          <input
            type="checkbox"
            checked={sc.duplex}
            onChange={(e) => onChange({ duplex: e.target.checked })}
          />
          {s.scannerDuplex}
        </label>
        <button type="button" className="secondary small" onClick={onRemove}>
          {s.removeScanner(n)}
        </button>
      </div>
    </div>
  );
}

export function ScannersSection({ form, update }: SectionProps) {
  const s = useI18n().t.settings;
  const edit = listEdit(form.scanners, (scanners) => update({ scanners }));
  return (
    <fieldset>
      <legend>{s.scanners}</legend>
      {form.scanners.map((sc, i) => (
        <ScannerCard
          key={i}
          scanner={sc}
          n={i + 1}
          path={`scanners.${i}`}
          onChange={(patch) => edit.set(i, patch)}
          onRemove={() => edit.remove(i)}
        />
      ))}
      <button
        type="button"
        className="secondary small"
        onClick={() => edit.add({ ...NEW_SCANNER })}
      >
        {s.addScanner}
      </button>
    </fieldset>
  );
}

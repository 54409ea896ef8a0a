// The unit that receives dossiers and returns results: its name on every slip, the places an
// applicant may choose to collect the result from, and whether the public post is offered.
import { useI18n } from '../../i18n';
import { TextField } from './Field';
import { listEdit } from './listEdit';
import type { SectionProps } from './sectionProps';

export function ReceptionUnitSection({ form, update }: SectionProps) {
  const s = useI18n().t.settings;
  const unit = form.reception;
  const set = (patch: Partial<typeof unit>) => update({ reception: { ...unit, ...patch } });
  const places = listEdit(unit.collectionPlaces, (collectionPlaces) => set({ collectionPlaces }));
  return (
    <fieldset>
      <legend>{s.receptionUnit}</legend>
      <p className="rec-hint">{s.receptionUnitHint}</p>
      <TextField
        path="reception.unitName"
        label={s.unitName}
        hint={s.unitNameHint}
        value={unit.unitName}
        onChange={(unitName) => set({ unitName })}
      />
      <p className="rec-hint">{s.placesHint}</p>
      {unit.collectionPlaces.map((p, i) => (
        <div key={i} className="rec-card" role="group" aria-label={s.placeN(i + 1)}>
          <div className="rec-grid">
            <TextField
              path={`reception.collectionPlaces.${i}.name`}
              label={`${s.placeName} (${i + 1})`}
              value={p.name}
              onChange={(name) => places.set(i, { name })}
            />
            <TextField
              path={`reception.collectionPlaces.${i}.address`}
              label={`${s.placeAddress} (${i + 1})`}
              value={p.address}
              onChange={(address) => places.set(i, { address })}
            />
          </div>
          <button type="button" className="secondary small" onClick={() => places.remove(i)}>
            {s.removePlace(i + 1)}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary small"
        onClick={() => places.add({ name: '', address: '' })}
      >
        {s.addPlace}
      </button>
      <div className="rec-choices">
        <label>
          <input
            type="checkbox"
            checked={unit.postal}
            onChange={(e) => set({ postal: e.target.checked })}
          />{' '}
          {s.postal}
        </label>
      </div>
    </fieldset>
  );
}

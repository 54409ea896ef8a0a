// A choice between the kinds of a setting (signing key source, records-store connector) as a
// labelled radio group: arrow keys move between the kinds, as in any radio group.
export function KindChoice<K extends string>({
  name,
  label,
  options,
  value,
  onChange,
}: {
  name: string;
  label: string;
  options: readonly (readonly [K, string])[];
  value: K;
  onChange: (kind: K) => void;
}) {
  return (
    <div className="rec-choices" role="radiogroup" aria-label={label}>
      {options.map(([kind, text]) => (
        <label key={kind}>
          <input
            type="radio"
            name={name}
            value={kind}
            checked={value === kind}
            onChange={() => onChange(kind)}
          />
          {text}
        </label>
      ))}
    </div>
  );
}

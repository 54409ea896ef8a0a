// One labelled settings field: its error (what is wrong, which field, what to do) and hint are
// tied to the control with aria-describedby, and aria-invalid marks it for assistive tech. The
// form's issues, the labels the error summary names and the paths chosen since the last save
// come from the form around it (SettingsFields); the field kinds below (text, choice, path) are
// this one Field around their control.
import {
  createContext,
  useContext,
  useEffect,
  type InputHTMLAttributes,
  type ReactElement,
} from 'react';
import type { PathPurpose } from '../../../../shared/contracts/host';
import type { SettingsIssueKey } from '../../../../shared/settings';
import { useI18n } from '../../i18n';
import { PathChoice } from '../host/PathChoice';

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

export interface InputA11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** What every field of the settings form shares (provided by the form, useSettingsForm). */
export interface SettingsFields {
  issues: ReadonlyMap<string, SettingsIssueKey>;
  /** A field says its label, so the error summary can name it. */
  register: (path: string, label: string) => void;
  /** Grants of paths chosen since the last save, with the path to show for each. */
  chosen: ReadonlyMap<string, string>;
  choose: (grant: string, shown: string) => void;
}

export const SettingsFieldsContext = createContext<SettingsFields | null>(null);

function useSettingsFields(): SettingsFields {
  const fields = useContext(SettingsFieldsContext);
  if (!fields) throw new Error('a settings Field outside its form');
  return fields;
}

export interface FieldProps {
  /** The setting's path in the shared schema (`agency.id`, `scanners.0.dpi`): the issues' key. */
  path: string;
  label: string;
  hint?: string | undefined;
}

export function Field({
  path,
  label,
  hint,
  children,
}: FieldProps & { children: (a11y: InputA11y) => ReactElement }) {
  const { t } = useI18n();
  const { issues, register } = useSettingsFields();
  useEffect(() => register(path, label), [register, path, label]);
  const id = fieldId(path);
  const issue = issues.get(path);
  const described = [issue ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return (
    <div className="rec-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': issue ? true : undefined,
        'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="rec-hint">
          {hint}
        </p>
      )}
      {issue && (
        <p id={`${id}-error`} className="field-error" data-field-error={path}>
          {t.settings.issue[issue](label)}
        </p>
      )}
    </div>
  );
}

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'
>;

/** A typed value (text, URL, password, number: `input` says which). */
export function TextField({
  value,
  onChange,
  input,
  ...field
}: FieldProps & {
  value: string | number;
  onChange: (value: string) => void;
  input?: InputAttributes;
}) {
  return (
    <Field {...field}>
      {(a) => <input {...a} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** One of a few values; an option may say its own language (the language names). */
export function SelectField<V extends string>({
  value,
  onChange,
  options,
  ...field
}: FieldProps & {
  value: V;
  onChange: (value: V) => void;
  options: readonly { value: V; text: string; lang?: string }[];
}) {
  return (
    <Field {...field}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A file-system path: shown read-only, changed only through the computer's own dialog, whose
 * grant stands for the path until the form is saved.
 */
export function PathField({
  purpose,
  value,
  onChange,
  optional = false,
  ...field
}: FieldProps & {
  purpose: PathPurpose;
  /** The saved path, or the grant of a path chosen since. */
  value: string;
  onChange: (value: string) => void;
  /** May be left empty (a "clear" button). */
  optional?: boolean;
}) {
  const { chosen, choose } = useSettingsFields();
  return (
    <Field {...field}>
      {(a) => (
        <PathChoice
          purpose={purpose}
          fieldLabel={field.label}
          shown={chosen.get(value) ?? value}
          unsaved={chosen.has(value)}
          display={a}
          onChosen={(grant, shown) => {
            choose(grant, shown);
            onChange(grant);
          }}
          {...(optional ? { onClear: () => onChange('') } : {})}
        />
      )}
    </Field>
  );
}

// Cài đặt: agency identity and codes, signing key or token, scanners and hot folders, the
// records-store connector, the export folder, the holiday calendar and the language. The shared
// schema checks the form before it is sent (errors at each field and in a summary); the core
// checks it again and keeps secrets encrypted, write-only.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../shared/contracts/records';
import type { ErrorInfo } from '../../../shared/errors';
import type { PathPurpose } from '../../../shared/contracts/host';
import {
  validateSettingsDraft,
  type SettingsIssue,
  type SettingsIssueKey,
} from '../../../shared/settings';
import { getApi, toErrorInfo } from '../api';
import { PathChoice } from '../components/host/PathChoice';
import { Field, fieldId } from '../components/settings/Field';
import { HolidaysEditor } from '../components/settings/HolidaysEditor';
import { KindChoice } from '../components/settings/KindChoice';
import { formOf, settingsOf, type SettingsForm } from '../components/settings/settingsForm';
import { useI18n } from '../i18n';
import '../styles/records.css';

const NEW_SCANNER = {
  name: '',
  kind: 'escl' as const,
  address: '',
  dpi: 300,
  colour: 'grey' as const,
  duplex: false,
};

export function SettingsScreen() {
  const api = useMemo(getApi, []);
  const { t, pick, setLang } = useI18n();
  const s = t.settings;
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [secrets, setSecrets] = useState({
    p12Password: '',
    s3AccessKeyId: '',
    s3SecretAccessKey: '',
  });
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const labels = useRef(new Map<string, string>()).current;
  /** Grants of paths chosen since the last save, with the path to show for each. */
  const [chosen, setChosen] = useState(new Map<string, string>());
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.settingsGet({}).then(
      (v) => {
        setView(v);
        setForm(formOf(v.settings));
      },
      (e: unknown) => setLoadError(toErrorInfo(e)),
    );
  }, [api]);

  useEffect(() => {
    if (issues.length > 0) summary.current?.focus();
  }, [issues]);

  const issueMap = useMemo(
    () => new Map<string, SettingsIssueKey>(issues.map((i) => [i.path, i.key])),
    [issues],
  );

  if (loadError)
    return (
      <div className="screen records-screen">
        <h2>{s.title}</h2>
        <p role="alert" className="error">
          {pick(loadError.message)}
        </p>
      </div>
    );
  if (!form || !view)
    return (
      <div className="screen records-screen">
        <h2>{s.title}</h2>
        <p className="muted">{s.loading}</p>
      </div>
    );

  const update = (patch: Partial<SettingsForm>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const f = (path: string, label: string, hint?: string) => ({
    path,
    label,
    hint,
    issues: issueMap,
    labels,
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const candidate = settingsOf(form);
    const local = validateSettingsDraft(candidate);
    if (!local.ok) {
      setIssues(local.issues);
      return;
    }
    setSaving(true);
    try {
      const sent = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
      const r = await api.settingsSave({ settings: candidate, secrets: sent });
      if (!r.ok) {
        setIssues(r.issues);
        return;
      }
      setIssues([]);
      setView(r.view);
      setForm(formOf(r.view.settings));
      setChosen(new Map());
      setSecrets({ p12Password: '', s3AccessKeyId: '', s3SecretAccessKey: '' });
      setSaved(true);
      setLang(r.view.settings.language);
    } catch (err) {
      setLoadError(toErrorInfo(err));
    } finally {
      setSaving(false);
    }
  };

  /** A file-system path: shown read-only, changed only through the computer's own dialog. */
  const pathField = (
    path: string,
    label: string,
    purpose: PathPurpose,
    value: string,
    set: (value: string) => void,
    options: { hint?: string; optional?: boolean } = {},
  ) => (
    <Field {...f(path, label, options.hint)}>
      {(a) => (
        <PathChoice
          purpose={purpose}
          fieldLabel={label}
          shown={chosen.get(value) ?? value}
          unsaved={chosen.has(value)}
          display={a}
          onChosen={(grant, shown) => {
            setChosen(new Map(chosen).set(grant, shown));
            set(grant);
          }}
          {...(options.optional ? { onClear: () => set('') } : {})}
        />
      )}
    </Field>
  );

  const focusField = (path: string) => document.getElementById(fieldId(path))?.focus();

  return (
    <div className="screen records-screen">
      <h2>{s.title}</h2>
      <p className="muted">{s.intro}</p>
      {view.unreadable && (
        <p role="alert" className="error">
          {s.unreadable}
        </p>
      )}
      {issues.length > 0 && (
        <div
          className="error-summary"
          role="alert"
          tabIndex={-1}
          ref={summary}
          data-testid="error-summary"
        >
          <h3>{s.errorsTitle(issues.length)}</h3>
          <ul>
            {issues.map((i) => {
              const label = labels.get(i.path) ?? i.path;
              return (
                <li key={i.path}>
                  <a
                    href={`#${fieldId(i.path)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(i.path);
                    }}
                  >
                    {s.issue[i.key](label)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset>
          <legend>{s.agency}</legend>
          <Field {...f('agency.id', s.agencyId, s.agencyIdHint)}>
            {(a) => (
              <input
                {...a}
                value={form.agency.id}
                autoComplete="off"
                onChange={(e) => update({ agency: { ...form.agency, id: e.target.value } })}
              />
            )}
          </Field>
          <Field {...f('agency.name', s.agencyName)}>
            {(a) => (
              <input
                {...a}
                value={form.agency.name}
                onChange={(e) => update({ agency: { ...form.agency, name: e.target.value } })}
              />
            )}
          </Field>
          <Field {...f('agency.codePattern', s.codePattern, s.codePatternHint)}>
            {(a) => (
              <input
                {...a}
                value={form.agency.codePattern}
                onChange={(e) =>
                  update({ agency: { ...form.agency, codePattern: e.target.value } })
                }
              />
            )}
          </Field>
          <Field {...f('agency.place', s.agencyPlace, s.agencyPlaceHint)}>
            {(a) => (
              <input
                {...a}
                value={form.agency.place}
                onChange={(e) => update({ agency: { ...form.agency, place: e.target.value } })}
              />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{s.signing}</legend>
          <KindChoice
            name="signing-kind"
            label={s.signingKind}
            options={
              [
                ['demo', s.signingDemo],
                ['pkcs12', s.signingPkcs12],
                ['pkcs11', s.signingPkcs11],
              ] as const
            }
            value={form.signingKind}
            onChange={(kind) => update({ signingKind: kind })}
          />
          {form.signingKind === 'pkcs12' && (
            <>
              {pathField('signing.path', s.p12Path, 'pkcs12File', form.p12Path, (v) =>
                update({ p12Path: v }),
              )}
              <Field
                {...f(
                  'secrets.p12Password',
                  s.p12Password,
                  view.secrets.p12Password ? s.p12PasswordSaved : s.p12PasswordNone,
                )}
              >
                {(a) => (
                  <input
                    {...a}
                    type="password"
                    autoComplete="new-password"
                    value={secrets.p12Password}
                    onChange={(e) => setSecrets({ ...secrets, p12Password: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
          {form.signingKind === 'pkcs11' && (
            <>
              {pathField(
                'signing.modulePath',
                s.pkcs11Module,
                'pkcs11Module',
                form.pkcs11Module,
                (v) => update({ pkcs11Module: v }),
                { hint: s.pkcs11ModuleHint },
              )}
              <Field {...f('signing.tokenLabel', s.tokenLabel)}>
                {(a) => (
                  <input
                    {...a}
                    value={form.tokenLabel}
                    onChange={(e) => update({ tokenLabel: e.target.value })}
                  />
                )}
              </Field>
              <Field {...f('signing.keyLabel', s.keyLabel)}>
                {(a) => (
                  <input
                    {...a}
                    value={form.keyLabel}
                    onChange={(e) => update({ keyLabel: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
          <Field {...f('tsaUrl', s.tsaUrl, s.tsaUrlHint)}>
            {(a) => (
              <input
                {...a}
                type="url"
                value={form.tsaUrl}
                onChange={(e) => update({ tsaUrl: e.target.value })}
              />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{s.scanners}</legend>
          {form.scanners.map((sc, i) => {
            const set = (patch: Partial<typeof sc>) =>
              update({ scanners: form.scanners.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            const p = `scanners.${i}`;
            return (
              <div key={i} className="rec-card" role="group" aria-label={s.scannerN(i + 1)}>
                <div className="rec-grid">
                  <Field {...f(`${p}.name`, `${s.scannerName} (${i + 1})`)}>
                    {(a) => (
                      <input
                        {...a}
                        value={sc.name}
                        onChange={(e) => set({ name: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field {...f(`${p}.kind`, `${s.scannerKind} (${i + 1})`)}>
                    {(a) => (
                      <select
                        {...a}
                        value={sc.kind}
                        onChange={(e) => set({ kind: e.target.value as typeof sc.kind })}
                      >
                        <option value="escl">eSCL (AirScan)</option>
                        <option value="sane">SANE</option>
                        <option value="twain">TWAIN</option>
                      </select>
                    )}
                  </Field>
                  <Field
                    {...f(`${p}.address`, `${s.scannerAddress} (${i + 1})`, s.scannerAddressHint)}
                  >
                    {(a) => (
                      <input
                        {...a}
                        value={sc.address}
                        onChange={(e) => set({ address: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field {...f(`${p}.dpi`, `${s.scannerDpi} (${i + 1})`)}>
                    {(a) => (
                      <input
                        {...a}
                        type="number"
                        inputMode="numeric"
                        min={150}
                        max={600}
                        step={50}
                        value={Number.isFinite(sc.dpi) ? sc.dpi : ''}
                        onChange={(e) =>
                          set({ dpi: e.target.value === '' ? 0 : Number(e.target.value) })
                        }
                      />
                    )}
                  </Field>
                  <Field {...f(`${p}.colour`, `${s.scannerColour} (${i + 1})`)}>
                    {(a) => (
                      <select
                        {...a}
                        value={sc.colour}
                        onChange={(e) => set({ colour: e.target.value as typeof sc.colour })}
                      >
                        <option value="bilevel">{s.colourBilevel}</option>
                        <option value="grey">{s.colourGrey}</option>
                        <option value="colour">{s.colourColour}</option>
                      </select>
                    )}
                  </Field>
                </div>
                <div className="rec-choices">
                  <label>
                    <input
                      type="checkbox"
                      checked={sc.duplex}
                      onChange={(e) => set({ duplex: e.target.checked })}
                    />
                    {s.scannerDuplex}
                  </label>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => update({ scanners: form.scanners.filter((_, j) => j !== i) })}
                  >
                    {s.removeScanner(i + 1)}
                  </button>
                </div>
              </div>
            );
          })}
          <button
            type="button"
            className="secondary small"
            onClick={() => update({ scanners: [...form.scanners, { ...NEW_SCANNER }] })}
          >
            {s.addScanner}
          </button>
        </fieldset>

        <fieldset>
          <legend>{s.hotFolders}</legend>
          <p className="rec-hint">{s.hotFoldersHint}</p>
          {form.hotFolders.map((h, i) => {
            const set = (patch: Partial<typeof h>) =>
              update({
                hotFolders: form.hotFolders.map((x, j) => (j === i ? { ...x, ...patch } : x)),
              });
            const p = `hotFolders.${i}`;
            return (
              <div key={i} className="rec-card" role="group" aria-label={s.hotFolderN(i + 1)}>
                <div className="rec-grid">
                  {pathField(
                    `${p}.path`,
                    `${s.hotFolderPath} (${i + 1})`,
                    'hotFolder',
                    h.path,
                    (v) => set({ path: v }),
                  )}
                  <Field {...f(`${p}.label`, `${s.hotFolderLabel} (${i + 1})`)}>
                    {(a) => (
                      <input
                        {...a}
                        value={h.label ?? ''}
                        onChange={(e) => set({ label: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field {...f(`${p}.target`, `${s.hotFolderTarget} (${i + 1})`)}>
                    {(a) => (
                      <select
                        {...a}
                        value={h.target}
                        onChange={(e) => set({ target: e.target.value as typeof h.target })}
                      >
                        <option value="reception">{s.targetReception}</option>
                        <option value="batch">{s.targetBatch}</option>
                      </select>
                    )}
                  </Field>
                </div>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => update({ hotFolders: form.hotFolders.filter((_, j) => j !== i) })}
                >
                  {s.removeHotFolder(i + 1)}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="secondary small"
            onClick={() =>
              update({
                hotFolders: [...form.hotFolders, { path: '', label: '', target: 'reception' }],
              })
            }
          >
            {s.addHotFolder}
          </button>
        </fieldset>

        <fieldset>
          <legend>{s.connector}</legend>
          <KindChoice
            name="connector-kind"
            label={s.connectorKind}
            options={
              [
                ['none', s.connectorNone],
                ['folder', s.connectorFolder],
                ['s3', s.connectorS3],
              ] as const
            }
            value={form.connectorKind}
            onChange={(kind) => update({ connectorKind: kind })}
          />
          {form.connectorKind === 'folder' &&
            pathField(
              'connector.path',
              s.connectorPath,
              'connectorFolder',
              form.connectorPath,
              (v) => update({ connectorPath: v }),
              { hint: s.connectorPathHint },
            )}
          {form.connectorKind === 's3' && (
            <>
              <Field {...f('connector.endpoint', s.s3Endpoint)}>
                {(a) => (
                  <input
                    {...a}
                    type="url"
                    value={form.s3Endpoint}
                    onChange={(e) => update({ s3Endpoint: e.target.value })}
                  />
                )}
              </Field>
              <Field {...f('connector.region', s.s3Region)}>
                {(a) => (
                  <input
                    {...a}
                    value={form.s3Region}
                    onChange={(e) => update({ s3Region: e.target.value })}
                  />
                )}
              </Field>
              <Field {...f('connector.bucket', s.s3Bucket)}>
                {(a) => (
                  <input
                    {...a}
                    value={form.s3Bucket}
                    onChange={(e) => update({ s3Bucket: e.target.value })}
                  />
                )}
              </Field>
              <Field
                {...f(
                  'secrets.s3AccessKeyId',
                  s.s3AccessKey,
                  view.secrets.s3Keys ? s.s3KeysSaved : undefined,
                )}
              >
                {(a) => (
                  <input
                    {...a}
                    type="password"
                    autoComplete="off"
                    value={secrets.s3AccessKeyId}
                    onChange={(e) => setSecrets({ ...secrets, s3AccessKeyId: e.target.value })}
                  />
                )}
              </Field>
              <Field
                {...f(
                  'secrets.s3SecretAccessKey',
                  s.s3Secret,
                  view.secrets.s3Keys ? s.s3KeysSaved : undefined,
                )}
              >
                {(a) => (
                  <input
                    {...a}
                    type="password"
                    autoComplete="off"
                    value={secrets.s3SecretAccessKey}
                    onChange={(e) => setSecrets({ ...secrets, s3SecretAccessKey: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
          {pathField(
            'exportDir',
            s.exportDir,
            'exportFolder',
            form.exportDir,
            (v) => update({ exportDir: v }),
            { hint: s.exportDirHint(view.defaultExportDir), optional: true },
          )}
        </fieldset>

        <fieldset>
          <legend>{s.language}</legend>
          <Field {...f('language', s.languageLabel)}>
            {(a) => (
              <select
                {...a}
                value={form.language}
                onChange={(e) => update({ language: e.target.value as SettingsForm['language'] })}
              >
                <option value="vi" lang="vi">
                  Tiếng Việt
                </option>
                <option value="en" lang="en">
                  English
                </option>
              </select>
            )}
          </Field>
        </fieldset>

        <div className="rec-actions">
          <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
            {saving ? s.saving : s.save}
          </button>
          <div role="status" aria-live="polite">
            {saved && <p className="ok">{s.saved}</p>}
          </div>
        </div>
      </form>
      <div className="holidays">
        <HolidaysEditor api={api} />
      </div>
    </div>
  );
}

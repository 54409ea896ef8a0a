// The settings form's life: loaded from the core, edited here (every field of every kind kept,
// settingsForm.ts), checked by the shared schema before it is sent and by the core again, then
// saved with the secrets typed since (write-only: the core keeps them encrypted and never sends
// them back). What the fields share (issues, labels, chosen paths) is `fields`, for the form's
// SettingsFieldsContext.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { SettingsView } from '../../../../shared/contracts/records';
import type { ErrorInfo } from '../../../../shared/errors';
import {
  validateSettingsDraft,
  type SettingsIssue,
  type SettingsIssueKey,
} from '../../../../shared/settings';
import { toErrorInfo } from '../../api';
import type { Lang } from '../../i18n';
import type { SettingsFields } from './Field';
import { formOf, settingsOf, type SettingsForm } from './settingsForm';

/** Secrets typed since the last save; an empty one is not sent (the stored one stays). */
export interface SecretsDraft {
  p12Password: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
}

const NO_SECRETS: SecretsDraft = { p12Password: '', s3AccessKeyId: '', s3SecretAccessKey: '' };

/** The fields' labels (for the error summary) and the paths chosen since the last save. */
function useFieldsShared(issues: SettingsIssue[]) {
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const register = useCallback(
    (path: string, label: string) =>
      setLabels((m) => (m.get(path) === label ? m : new Map(m).set(path, label))),
    [],
  );
  const choose = useCallback(
    (grant: string, shown: string) => setChosen((m) => new Map(m).set(grant, shown)),
    [],
  );
  const fields = useMemo<SettingsFields>(
    () => ({
      issues: new Map<string, SettingsIssueKey>(issues.map((i) => [i.path, i.key])),
      register,
      chosen,
      choose,
    }),
    [issues, register, chosen, choose],
  );
  const forgetChosen = useCallback(() => setChosen(new Map()), []);
  return { labels, fields, forgetChosen };
}

export function useSettingsForm(api: SohoaApi, setLang: (lang: Lang) => void) {
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [secrets, setSecrets] = useState<SecretsDraft>(NO_SECRETS);
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const { labels, fields, forgetChosen } = useFieldsShared(issues);

  useEffect(() => {
    api.settingsGet({}).then(
      (v) => {
        setView(v);
        setForm(formOf(v.settings));
      },
      (e: unknown) => setLoadError(toErrorInfo(e)),
    );
  }, [api]);

  const update = (patch: Partial<SettingsForm>) => {
    setSaved(false);
    setForm((f) => f && { ...f, ...patch });
  };
  const setSecret = (key: keyof SecretsDraft, value: string) =>
    setSecrets((s) => ({ ...s, [key]: value }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
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
      forgetChosen();
      setSecrets(NO_SECRETS);
      setSaved(true);
      setLang(r.view.settings.language);
    } catch (err) {
      setLoadError(toErrorInfo(err));
    } finally {
      setSaving(false);
    }
  };

  return {
    view,
    form,
    secrets,
    issues,
    loadError,
    saving,
    saved,
    labels,
    fields,
    update,
    setSecret,
    save,
  };
}

export type SettingsFormState = ReturnType<typeof useSettingsForm>;

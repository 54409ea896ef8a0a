// Which key signs: the demo key, a PKCS#12 file with its password (write-only), or a USB token
// (PKCS#11 library, token and key labels; its PIN is asked by the main process, never here), and
// the timestamp authority.
import { useI18n } from '../../i18n';
import { PathField, TextField } from './Field';
import { KindChoice } from './KindChoice';
import type { SecretSectionProps } from './sectionProps';

export function SigningSection({ form, update, secrets, setSecret, stored }: SecretSectionProps) {
  const s = useI18n().t.settings;
  return (
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
          <PathField
            path="signing.path"
            label={s.p12Path}
            purpose="pkcs12File"
            value={form.p12Path}
            onChange={(p12Path) => update({ p12Path })}
          />
          <TextField
            path="secrets.p12Password"
            label={s.p12Password}
            hint={stored.p12Password ? s.p12PasswordSaved : s.p12PasswordNone}
            value={secrets.p12Password}
            input={{ type: 'password', autoComplete: 'new-password' }}
            onChange={(v) => setSecret('p12Password', v)}
          />
        </>
      )}
      {form.signingKind === 'pkcs11' && (
        <>
          <PathField
            path="signing.modulePath"
            label={s.pkcs11Module}
            hint={s.pkcs11ModuleHint}
            purpose="pkcs11Module"
            value={form.pkcs11Module}
            onChange={(pkcs11Module) => update({ pkcs11Module })}
          />
          <TextField
            path="signing.tokenLabel"
            label={s.tokenLabel}
            value={form.tokenLabel}
            onChange={(tokenLabel) => update({ tokenLabel })}
          />
          <TextField
            path="signing.keyLabel"
            label={s.keyLabel}
            value={form.keyLabel}
            onChange={(keyLabel) => update({ keyLabel })}
          />
        </>
      )}
      <TextField
        path="tsaUrl"
        label={s.tsaUrl}
        hint={s.tsaUrlHint}
        value={form.tsaUrl}
        input={{ type: 'url' }}
        onChange={(tsaUrl) => update({ tsaUrl })}
      />
    </fieldset>
  );
}

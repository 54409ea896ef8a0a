// Where archived records are uploaded: nowhere, a folder, or an S3-compatible store (its keys are
// write-only), and the folder exports land in.
import type { SettingsView } from '../../../../shared/contracts/records';
import { useI18n } from '../../i18n';
import { PathField, TextField } from './Field';
import { KindChoice } from './KindChoice';
import type { SecretSectionProps } from './sectionProps';

function S3Fields({ form, update, secrets, setSecret, stored }: SecretSectionProps) {
  const s = useI18n().t.settings;
  const keysHint = stored.s3Keys ? s.s3KeysSaved : undefined;
  return (
    <>
      <TextField
        path="connector.endpoint"
        label={s.s3Endpoint}
        value={form.s3Endpoint}
        input={{ type: 'url' }}
        onChange={(s3Endpoint) => update({ s3Endpoint })}
      />
      <TextField
        path="connector.region"
        label={s.s3Region}
        value={form.s3Region}
        onChange={(s3Region) => update({ s3Region })}
      />
      <TextField
        path="connector.bucket"
        label={s.s3Bucket}
        value={form.s3Bucket}
        onChange={(s3Bucket) => update({ s3Bucket })}
      />
      <TextField
        path="secrets.s3AccessKeyId"
        label={s.s3AccessKey}
        hint={keysHint}
        value={secrets.s3AccessKeyId}
        input={{ type: 'password', autoComplete: 'off' }}
        onChange={(v) => setSecret('s3AccessKeyId', v)}
      />
      <TextField
        path="secrets.s3SecretAccessKey"
        label={s.s3Secret}
        hint={keysHint}
        value={secrets.s3SecretAccessKey}
        input={{ type: 'password', autoComplete: 'off' }}
        onChange={(v) => setSecret('s3SecretAccessKey', v)}
      />
    </>
  );
}

export function ConnectorSection(
  props: SecretSectionProps & { defaultExportDir: SettingsView['defaultExportDir'] },
) {
  const { form, update, defaultExportDir } = props;
  const s = useI18n().t.settings;
  return (
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
      {form.connectorKind === 'folder' && (
        <PathField
          path="connector.path"
          label={s.connectorPath}
          hint={s.connectorPathHint}
          purpose="connectorFolder"
          value={form.connectorPath}
          onChange={(connectorPath) => update({ connectorPath })}
        />
      )}
      {form.connectorKind === 's3' && <S3Fields {...props} />}
      <PathField
        path="exportDir"
        label={s.exportDir}
        hint={s.exportDirHint(defaultExportDir)}
        purpose="exportFolder"
        value={form.exportDir}
        optional
        onChange={(exportDir) => update({ exportDir })}
      />
    </fieldset>
  );
}

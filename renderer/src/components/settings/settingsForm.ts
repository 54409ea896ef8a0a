// The settings form's state: every field of every choice kept (switching the signing or
// connector kind does not lose what was typed), turned into the shared DeskSettings shape to
// validate and save.
import type { DeskSettings, HotFolderSettings, ScannerSettings } from '../../../../shared/settings';
import type { z } from 'zod';

export interface SettingsForm {
  agency: DeskSettings['agency'];
  signingKind: DeskSettings['signing']['kind'];
  p12Path: string;
  pkcs11Module: string;
  tokenLabel: string;
  keyLabel: string;
  tsaUrl: string;
  scanners: z.infer<typeof ScannerSettings>[];
  hotFolders: z.infer<typeof HotFolderSettings>[];
  connectorKind: DeskSettings['connector']['kind'];
  connectorPath: string;
  s3Endpoint: string;
  s3Region: string;
  s3Bucket: string;
  exportDir: string;
  language: DeskSettings['language'];
  retention: DeskSettings['retention'];
  transport: DeskSettings['transport'];
}

export function formOf(s: DeskSettings): SettingsForm {
  return {
    agency: { ...s.agency },
    signingKind: s.signing.kind,
    p12Path: s.signing.kind === 'pkcs12' ? s.signing.path : '',
    pkcs11Module: s.signing.kind === 'pkcs11' ? s.signing.modulePath : '',
    tokenLabel: s.signing.kind === 'pkcs11' ? (s.signing.tokenLabel ?? '') : '',
    keyLabel: s.signing.kind === 'pkcs11' ? (s.signing.keyLabel ?? '') : '',
    tsaUrl: s.tsaUrl,
    scanners: s.scanners.map((x) => ({ ...x })),
    hotFolders: s.hotFolders.map((x) => ({ ...x })),
    connectorKind: s.connector.kind,
    connectorPath: s.connector.kind === 'folder' ? s.connector.path : '',
    s3Endpoint: s.connector.kind === 's3' ? s.connector.endpoint : '',
    s3Region: s.connector.kind === 's3' ? s.connector.region : 'us-east-1',
    s3Bucket: s.connector.kind === 's3' ? s.connector.bucket : '',
    exportDir: s.exportDir,
    language: s.language,
    retention: { ...s.retention },
    transport: { httpEndpoints: [...s.transport.httpEndpoints] },
  };
}

/** The form as the shared schema expects it (validated by the caller). */
export function settingsOf(f: SettingsForm): unknown {
  const optional = (v: string) => (v.trim() ? v : undefined);
  const signing =
    f.signingKind === 'pkcs12'
      ? { kind: 'pkcs12', path: f.p12Path }
      : f.signingKind === 'pkcs11'
        ? {
            kind: 'pkcs11',
            modulePath: f.pkcs11Module,
            tokenLabel: optional(f.tokenLabel),
            keyLabel: optional(f.keyLabel),
          }
        : { kind: 'demo' };
  const connector =
    f.connectorKind === 'folder'
      ? { kind: 'folder', path: f.connectorPath }
      : f.connectorKind === 's3'
        ? { kind: 's3', endpoint: f.s3Endpoint, region: f.s3Region, bucket: f.s3Bucket }
        : { kind: 'none' };
  return {
    agency: f.agency,
    signing,
    tsaUrl: f.tsaUrl.trim(),
    scanners: f.scanners,
    hotFolders: f.hotFolders.map((h) => ({ ...h, label: optional(h.label ?? '') })),
    connector,
    exportDir: f.exportDir.trim(),
    language: f.language,
    retention: f.retention,
    transport: { httpEndpoints: f.transport.httpEndpoints.map((e) => e.trim()).filter(Boolean) },
  };
}

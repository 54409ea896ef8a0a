// The desk's settings in the data folder: `settings.json` (readable by IT, deployable as one file,
// read by the scanner and hot-folder engines without opening the archive database) plus the
// records-store destination, which stays in the outbox's own file (outbox-destination.json, the
// one `sohoa outbox configure` and the uploader use) so there is one source for it.
// Secrets never sit in plain text: the PKCS#12 password is sealed with AES-256-GCM under the
// machine key (keys/outbox.key, the outbox's KeyProvider); S3 keys are sealed by the outbox's
// own saveDestination. No read here returns a secret to a caller that shows things.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  DeskSettings,
  type ConnectorSettings,
  type SettingsIssue,
  type SettingsSecrets,
  validateSettings,
} from '../../../shared/settings';
import { writeFileDurablySync } from '../archive/audit';
import { openSecret, sealSecret } from '../archive/secretBox';
import {
  DESTINATION_FILE,
  fileKeyProvider,
  loadDestination,
  saveDestination,
  type Destination,
  type KeyProvider,
} from '../outbox/destination';

export const SETTINGS_FILE = 'settings.json';
const AAD = 'sohoa-settings-secret/1';

const Sealed = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
type Sealed = z.infer<typeof Sealed>;

/** The file as stored: everything but the connector (outbox's file) and secrets in clear. */
const StoredSettings = z.object({
  version: z.literal(1),
  settings: z.unknown(),
  p12Password: Sealed.optional(),
});

export interface LoadedSettings {
  settings: DeskSettings;
  secrets: { p12Password: boolean; s3Keys: boolean };
  /** The stored file exists but is not valid: defaults are returned. */
  unreadable: boolean;
}

export interface SettingsPaths {
  dataDir: string;
  keysDir: string;
}

const keysOf = (p: SettingsPaths): KeyProvider => fileKeyProvider(p.keysDir);

const seal = (key: Buffer, plain: string): Sealed => sealSecret(key, AAD, plain);
const unseal = (key: Buffer, s: Sealed): string => openSecret(key, AAD, s);

function readStored(dataDir: string): {
  stored: z.infer<typeof StoredSettings> | null;
  bad: boolean;
} {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8');
  } catch {
    return { stored: null, bad: false };
  }
  try {
    const r = StoredSettings.safeParse(JSON.parse(text));
    return r.success ? { stored: r.data, bad: false } : { stored: null, bad: true };
  } catch {
    return { stored: null, bad: true };
  }
}

function connectorOf(dest: Destination | null): ConnectorSettings {
  if (!dest) return { kind: 'none' };
  if (dest.kind === 'folder') return { kind: 'folder', path: dest.path };
  return { kind: 's3', endpoint: dest.endpoint, region: dest.region, bucket: dest.bucket };
}

/** The settings in force (defaults where nothing valid is stored). */
export function loadSettings(p: SettingsPaths): LoadedSettings {
  const { stored, bad } = readStored(p.dataDir);
  let unreadable = bad;
  let dest: Destination | null = null;
  try {
    dest = loadDestination(p.dataDir, keysOf(p));
  } catch {
    unreadable = true;
  }
  const candidate = stored
    ? { ...(stored.settings as object), connector: connectorOf(dest) }
    : { ...DEFAULT_SETTINGS, connector: connectorOf(dest) };
  const parsed = DeskSettings.safeParse(candidate);
  if (stored && !parsed.success) unreadable = true;
  return {
    settings: parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, connector: connectorOf(dest) },
    secrets: { p12Password: Boolean(stored?.p12Password), s3Keys: dest?.kind === 's3' },
    unreadable,
  };
}

/**
 * Validates and stores the settings; returns the field issues instead when any field is wrong
 * (nothing is written then). An absent secret keeps the stored one.
 */
export function saveSettings(
  p: SettingsPaths,
  input: unknown,
  secrets: SettingsSecrets = {},
): { ok: true } | { ok: false; issues: SettingsIssue[] } {
  const v = validateSettings(input);
  if (!v.ok) return v;
  const settings = v.settings;
  const keys = keysOf(p);
  const { stored } = readStored(p.dataDir);

  let p12Password = stored?.p12Password;
  if (settings.signing.kind !== 'pkcs12') p12Password = undefined;
  else if (secrets.p12Password) p12Password = seal(keys.key(), secrets.p12Password);

  const c = settings.connector;
  let dest: Destination | null = null;
  if (c.kind === 'folder') dest = { kind: 'folder', path: c.path };
  else if (c.kind === 's3') {
    let previous: Destination | null;
    try {
      previous = loadDestination(p.dataDir, keys);
    } catch {
      previous = null;
    }
    const accessKeyId =
      secrets.s3AccessKeyId || (previous?.kind === 's3' ? previous.accessKeyId : '');
    const secretAccessKey =
      secrets.s3SecretAccessKey || (previous?.kind === 's3' ? previous.secretAccessKey : '');
    const missing: SettingsIssue[] = [];
    if (!accessKeyId) missing.push({ path: 'secrets.s3AccessKeyId', key: 'required' });
    if (!secretAccessKey) missing.push({ path: 'secrets.s3SecretAccessKey', key: 'required' });
    if (missing.length > 0) return { ok: false, issues: missing };
    dest = {
      kind: 's3',
      endpoint: c.endpoint,
      region: c.region,
      bucket: c.bucket,
      forcePathStyle: true,
      accessKeyId,
      secretAccessKey,
      // The schema let an http:// endpoint through only when IT listed it (settings.transport).
      ...(c.endpoint.startsWith('http:') ? { allowHttp: true } : {}),
      ...(previous?.kind === 's3' && previous.serverSideEncryption
        ? { serverSideEncryption: previous.serverSideEncryption }
        : {}),
    };
  }

  fs.mkdirSync(p.dataDir, { recursive: true });
  const { connector: _connector, ...rest } = settings;
  void _connector;
  const file = path.join(p.dataDir, SETTINGS_FILE);
  writeFileDurablySync(
    file,
    JSON.stringify(
      { version: 1, settings: rest, ...(p12Password ? { p12Password } : {}) },
      null,
      2,
    ),
  );
  if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
  if (dest) saveDestination(p.dataDir, dest, keys);
  else fs.rmSync(path.join(p.dataDir, DESTINATION_FILE), { force: true });
  return { ok: true };
}

/** The stored PKCS#12 password, for the core's key source only (never for a screen). */
export function readP12Password(p: SettingsPaths): string | null {
  const { stored } = readStored(p.dataDir);
  if (!stored?.p12Password) return null;
  return unseal(keysOf(p).key(), stored.p12Password);
}

// The desk's settings in the data folder: `settings.json` (readable by IT, deployable as one file,
// read by the scanner and hot-folder engines without opening the archive database) plus the
// records-store destination, which stays in the outbox's own file (outbox-destination.json, the
// one `sohoa outbox configure` and the uploader use) so there is one source for it.
// Secrets never sit in plain text: the PKCS#12 password is sealed with AES-256-GCM under the
// machine key (keys/outbox.key, the outbox's KeyProvider); S3 keys are sealed by the outbox's
// own saveDestination. No read here returns a secret to a caller that shows things.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { SohoaError } from '../../../shared/errors';
import type { SettingsKey } from '../../../shared/policy';
import type { DeskSettings } from '../../../shared/settings';
import {
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
import {
  changedKeys,
  changedLockedKey,
  layerSettings,
  NO_POLICY,
  underSaved,
  type PolicyLayers,
  type SettingsSource,
} from './layers';
import { settingLabel } from './labels';

export const SETTINGS_FILE = 'settings.json';
const AAD = 'sohoa-settings-secret/1';

const Sealed = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
type Sealed = z.infer<typeof Sealed>;

/** The file as stored: the keys the clerk changed (all of them in files older than the policy). */
const StoredSettings = z.object({
  version: z.literal(1),
  settings: z.unknown(),
  p12Password: Sealed.optional(),
  /** The clerk chose the records store (not left at IT's default): the outbox's file is theirs. */
  connectorChosen: z.boolean().optional(),
});

export interface LoadedSettings {
  settings: DeskSettings;
  secrets: { p12Password: boolean; s3Keys: boolean };
  /** The stored file exists but is not valid: defaults are returned. */
  unreadable: boolean;
  /** Where each key's value comes from (built-in, IT's default, Cài đặt, IT's lock). */
  sources: Record<SettingsKey, SettingsSource>;
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

/** The clerk's own keys in the file (a full record in files older than the policy layers). */
function storedKeys(stored: z.infer<typeof StoredSettings> | null): Partial<DeskSettings> {
  const value = stored?.settings;
  return value && typeof value === 'object' ? value : {};
}

/** Whose the records store is: the clerk's (the outbox's file) unless IT's default applies. */
function connectorIsSaved(
  stored: z.infer<typeof StoredSettings> | null,
  layers: PolicyLayers,
): boolean {
  return !layers.defaults.connector || Boolean(stored?.connectorChosen);
}

/** The settings in force: built-in < IT's defaults < the saved file < IT's locks. */
export function loadSettings(p: SettingsPaths, layers: PolicyLayers = NO_POLICY): LoadedSettings {
  const { stored, bad } = readStored(p.dataDir);
  let unreadable = bad;
  let dest: Destination | null = null;
  try {
    dest = loadDestination(p.dataDir, keysOf(p));
  } catch {
    unreadable = true;
  }
  const saved = {
    ...storedKeys(stored),
    ...(connectorIsSaved(stored, layers) ? { connector: connectorOf(dest) } : {}),
  };
  const layered = layerSettings(saved, layers);
  if (stored && layered.savedRejected) unreadable = true;
  return {
    settings: layered.settings,
    secrets: { p12Password: Boolean(stored?.p12Password), s3Keys: dest?.kind === 's3' },
    unreadable,
    sources: layered.sources,
  };
}

/**
 * Validates and stores the settings; returns the field issues instead when any field is wrong
 * (nothing is written then). An absent secret keeps the stored one. A change to a key IT locked
 * is refused (SETTING_LOCKED), whatever the page sent.
 */
export function saveSettings(
  p: SettingsPaths,
  input: unknown,
  secrets: SettingsSecrets = {},
  layers: PolicyLayers = NO_POLICY,
): { ok: true } | { ok: false; issues: SettingsIssue[] } {
  const v = validateSettings(input);
  if (!v.ok) return v;
  const settings = v.settings;
  const lockedKey = changedLockedKey(settings, layers);
  if (lockedKey) throw new SohoaError('SETTING_LOCKED', settingLabel(lockedKey));
  const keys = keysOf(p);
  const { stored } = readStored(p.dataDir);

  let p12Password = stored?.p12Password;
  if (settings.signing.kind !== 'pkcs12') p12Password = undefined;
  else if (secrets.p12Password) p12Password = seal(keys.key(), secrets.p12Password);

  // The records store is the clerk's when it differs from IT's default (or IT set none).
  const ownConnector =
    !('connector' in layers.locked) &&
    (!layers.defaults.connector ||
      !isDeepStrictEqual(settings.connector, underSaved(layers).connector));
  const dest = ownConnector ? destinationOf(p, settings.connector, secrets) : null;
  if (dest && 'issues' in dest) return { ok: false, issues: dest.issues };

  fs.mkdirSync(p.dataDir, { recursive: true });
  const { connector: _connector, ...rest } = changedKeys(settings, layers, storedKeys(stored));
  void _connector;
  const file = path.join(p.dataDir, SETTINGS_FILE);
  writeFileDurablySync(
    file,
    JSON.stringify(
      {
        version: 1,
        settings: rest,
        ...(p12Password ? { p12Password } : {}),
        ...(layers.defaults.connector && ownConnector ? { connectorChosen: true } : {}),
      },
      null,
      2,
    ),
  );
  if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
  if (ownConnector) {
    if (dest) saveDestination(p.dataDir, dest.destination, keys);
    else fs.rmSync(path.join(p.dataDir, DESTINATION_FILE), { force: true });
  }
  return { ok: true };
}

/** The outbox's destination for the clerk's connector; S3 needs its keys once, then keeps them. */
function destinationOf(
  p: SettingsPaths,
  c: ConnectorSettings,
  secrets: SettingsSecrets,
): { destination: Destination } | { issues: SettingsIssue[] } | null {
  if (c.kind === 'none') return null;
  if (c.kind === 'folder') return { destination: { kind: 'folder', path: c.path } };
  let previous: Destination | null;
  try {
    previous = loadDestination(p.dataDir, keysOf(p));
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
  if (missing.length > 0) return { issues: missing };
  return {
    destination: {
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
    },
  };
}

/** The stored PKCS#12 password, for the core's key source only (never for a screen). */
export function readP12Password(p: SettingsPaths): string | null {
  const { stored } = readStored(p.dataDir);
  if (!stored?.p12Password) return null;
  return unseal(keysOf(p).key(), stored.p12Password);
}

/** Whether the clerk chose their own records store over IT's default one. */
export function connectorChosen(p: SettingsPaths): boolean {
  return Boolean(readStored(p.dataDir).stored?.connectorChosen);
}

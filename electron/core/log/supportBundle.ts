// One zip IT asks a desk for when something is wrong: the log files, the health report, the
// versions of everything, and the configuration in force (IT's policy, the clerk's settings,
// the records store, the SOHOA_* environment) with every secret redacted. Redaction is done
// twice: by key (anything named like a password, key, PIN, token or credential) and by value
// (every secret the desk holds is looked for in every file of the bundle, logs included), so a
// secret copied somewhere unexpected is still caught.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { HealthReport } from '../../../shared/contracts/machine';
import { describeDestination, fileKeyProvider, loadDestination } from '../outbox/destination';
import type { Environment } from '../policy/environment';
import type { PolicyState } from '../policy/file';
import { loadSettings, readP12Password, SETTINGS_FILE } from '../settings/store';
import { policyLayers } from '../settings/layers';

export const REDACTED = '[đã ẩn / redacted]';
const SECRET_KEY = /password|passwd|secret|pin$|^pin|accesskey|credential|token|sealed|apikey/i;

/** A copy with every value under a secret-looking key replaced. */
export function redactKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactKeys(v)]),
    );
  return value;
}

export interface BundleInput {
  dataDir: string;
  keysDir: string;
  logDir: string;
  policy: PolicyState;
  env: Environment;
  health: HealthReport;
  appVersion: string;
}

/** Every secret this desk holds, to be looked for by value. */
function knownSecrets(input: BundleInput): string[] {
  const out: string[] = [];
  const paths = { dataDir: input.dataDir, keysDir: input.keysDir };
  if (input.policy.state === 'valid' && input.policy.policy.connectorCredentials) {
    const c = input.policy.policy.connectorCredentials;
    out.push(c.accessKeyId, c.secretAccessKey);
  }
  try {
    const p12 = readP12Password(paths);
    if (p12) out.push(p12);
  } catch {
    // unreadable: nothing of it can leak either
  }
  try {
    const dest = loadDestination(input.dataDir, fileKeyProvider(input.keysDir));
    if (dest?.kind === 's3') out.push(dest.accessKeyId, dest.secretAccessKey);
  } catch {
    // idem
  }
  for (const [k, v] of Object.entries(input.env)) if (v && SECRET_KEY.test(k)) out.push(v);
  // Short strings would blank out ordinary words; real secrets are longer.
  return [...new Set(out)].filter((s) => s.length >= 4);
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}

function configuration(input: BundleInput): unknown {
  const paths = { dataDir: input.dataDir, keysDir: input.keysDir };
  const policy = input.policy.state === 'valid' ? input.policy.policy : null;
  let destination: string | null;
  try {
    const d = loadDestination(input.dataDir, fileKeyProvider(input.keysDir));
    destination = d ? describeDestination(d) : null;
  } catch {
    destination = 'unreadable';
  }
  let savedFile: unknown;
  try {
    savedFile = JSON.parse(fs.readFileSync(path.join(input.dataDir, SETTINGS_FILE), 'utf8'));
  } catch {
    savedFile = null;
  }
  const loaded = loadSettings(paths, policyLayers(policy));
  return redactKeys({
    policy: input.policy,
    settingsInForce: loaded.settings,
    sources: loaded.sources,
    settingsFile: savedFile,
    recordsStore: destination,
    environment: Object.fromEntries(
      Object.entries(input.env).filter(([k]) => k.startsWith('SOHOA_')),
    ),
  });
}

function versions(input: BundleInput): unknown {
  return {
    app: input.appVersion,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    v8: process.versions.v8,
    platform: process.platform,
    release: os.release(),
    arch: process.arch,
    cpus: os.cpus().length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    host: os.hostname(),
  };
}

/** The log files, newest last, up to a total size (a bundle must stay small enough to e-mail). */
function logFiles(dir: string, maxBytes = 20 * 1024 * 1024): { name: string; text: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.log'));
  } catch {
    return [];
  }
  const files = names
    .map((n) => ({ n, st: fs.statSync(path.join(dir, n)) }))
    .sort((a, b) => b.st.mtimeMs - a.st.mtimeMs);
  const out: { name: string; text: string }[] = [];
  let total = 0;
  for (const f of files) {
    if (total + f.st.size > maxBytes) break;
    total += f.st.size;
    out.push({ name: f.n, text: fs.readFileSync(path.join(dir, f.n), 'utf8') });
  }
  return out.reverse();
}

/** Writes the bundle; returns the names of the files inside. */
export function writeSupportBundle(input: BundleInput, target: string): string[] {
  const secrets = knownSecrets(input);
  const entries: Record<string, Uint8Array> = {};
  const add = (name: string, text: string) => (entries[name] = strToU8(scrub(text, secrets)));
  add('doctor.json', JSON.stringify(input.health, null, 2));
  add('versions.json', JSON.stringify(versions(input), null, 2));
  add('configuration.json', JSON.stringify(configuration(input), null, 2));
  for (const f of logFiles(input.logDir)) add(`logs/${f.name}`, f.text);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, zipSync(entries, { level: 6 }));
  return Object.keys(entries);
}

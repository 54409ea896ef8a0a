// The roots every verification trusts. Three layers, each able to override the one before:
// the list shipped in resources/trust/ (the Vietnamese national root of the public signature
// services and the Government's special-use root, each pinned by its SHA-256 fingerprint), a
// machine-configuration file IT may put in place (it replaces the shipped list), and the
// clerk's own additions and removals kept in the data folder. A shipped certificate whose
// fingerprint does not match its pin is not loaded: a swapped file must not become a root.
import type { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isSohoaError } from '../../../../shared/errors';
import { writeFileDurablySync } from '../../archive/durableFile';
import { readDataFileSync } from '../../vault/files';
import { parseCertificates } from '../chain';

export type TrustOrigin = 'shipped' | 'machine' | 'user';

export interface TrustEntry {
  /** SHA-256 of the DER certificate, lowercase hex without separators. */
  sha256: string;
  subject: string;
  /** What the list says the root is (Vietnamese name and English). */
  name: string;
  origin: TrustOrigin;
  /** Where the certificate came from (publication, repository), for the record. */
  source?: string;
  validFrom: string;
  validTo: string;
  certificate: X509Certificate;
}

export interface TrustList {
  entries: TrustEntry[];
  anchors: X509Certificate[];
  /** Fingerprints the user removed from the shipped or machine list. */
  removed: string[];
  /** Those removed roots themselves, so the clerk can see and restore them. */
  hidden: TrustEntry[];
  /** Files that could not be used, with why (for Cài đặt and the log; no personal data). */
  problems: string[];
}

export interface TrustPaths {
  /** resources/trust of the installation. */
  shippedDir: string;
  /** IT's file (JSON list or PEM bundle) that replaces the shipped list, when it exists. */
  machineFile?: string;
  /** The data folder; the user's edits go to <dataDir>/trust/user-trust.json. */
  dataDir?: string;
}

interface ListedRoot {
  file?: string;
  pem?: string;
  name?: string;
  sha256?: string;
  source?: string;
}

interface UserEdits {
  added: { pem: string; name: string; addedAt: string }[];
  removed: string[];
}

export const fingerprintOf = (cert: X509Certificate): string =>
  cert.fingerprint256.replace(/:/g, '').toLowerCase();

const userFile = (dataDir: string) => path.join(dataDir, 'trust', 'user-trust.json');

function entry(
  cert: X509Certificate,
  origin: TrustOrigin,
  name?: string,
  source?: string,
): TrustEntry {
  return {
    sha256: fingerprintOf(cert),
    subject: cert.subject.replace(/\n/g, ', '),
    name: name ?? /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject,
    origin,
    ...(source ? { source } : {}),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    certificate: cert,
  };
}

/** Entries of a JSON list ({ roots: [...] }) whose files sit beside it, checked against pins. */
function readList(file: string, origin: TrustOrigin, problems: string[]): TrustEntry[] {
  const dir = path.dirname(file);
  const out: TrustEntry[] = [];
  let roots: ListedRoot[];
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { roots?: ListedRoot[] };
    roots = Array.isArray(parsed.roots) ? parsed.roots : [];
  } catch (e) {
    problems.push(`${path.basename(file)}: ${(e as Error).message}`);
    return out;
  }
  for (const root of roots) {
    try {
      const bytes = root.pem
        ? Buffer.from(root.pem)
        : fs.readFileSync(path.join(dir, root.file ?? ''));
      const [cert] = parseCertificates(bytes);
      if (!cert) throw new Error('no certificate');
      const sha = fingerprintOf(cert);
      if (root.sha256 && root.sha256.replace(/[:\s]/g, '').toLowerCase() !== sha) {
        throw new Error(`fingerprint ${sha} is not the pinned ${root.sha256}`);
      }
      out.push(entry(cert, origin, root.name, root.source));
    } catch (e) {
      problems.push(`${root.file ?? root.name ?? '?'}: ${(e as Error).message}`);
    }
  }
  return out;
}

function readMachine(file: string, problems: string[]): TrustEntry[] {
  if (/\.json$/i.test(file)) return readList(file, 'machine', problems);
  try {
    return parseCertificates(fs.readFileSync(file)).map((c) => entry(c, 'machine'));
  } catch (e) {
    problems.push(`${path.basename(file)}: ${(e as Error).message}`);
    return [];
  }
}

export function readUserEdits(dataDir: string): UserEdits {
  try {
    // Through the vault: inside an encrypted data folder the edits are sealed like every file.
    const text = readDataFileSync(userFile(dataDir)).toString('utf8');
    const parsed = JSON.parse(text) as Partial<UserEdits>;
    return {
      added: Array.isArray(parsed.added) ? parsed.added : [],
      removed: Array.isArray(parsed.removed) ? parsed.removed : [],
    };
  } catch (e) {
    // A locked or damaged vault must not quietly bring removed roots back as trusted.
    if (isSohoaError(e)) throw e;
    return { added: [], removed: [] };
  }
}

function writeUserEdits(dataDir: string, edits: UserEdits): void {
  const file = userFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileDurablySync(file, `${JSON.stringify(edits, null, 2)}\n`);
}

export function loadTrustList(paths: TrustPaths): TrustList {
  const problems: string[] = [];
  const base =
    paths.machineFile && fs.existsSync(paths.machineFile)
      ? readMachine(paths.machineFile, problems)
      : readList(path.join(paths.shippedDir, 'trust-list.json'), 'shipped', problems);
  const edits = paths.dataDir ? readUserEdits(paths.dataDir) : { added: [], removed: [] };
  const user: TrustEntry[] = [];
  for (const added of edits.added) {
    try {
      user.push(
        ...parseCertificates(Buffer.from(added.pem)).map((c) => entry(c, 'user', added.name)),
      );
    } catch (e) {
      problems.push(`user-trust.json: ${(e as Error).message}`);
    }
  }
  const removed = new Set(edits.removed);
  const seen = new Set<string>();
  const entries = [...base, ...user].filter((e) => {
    if (removed.has(e.sha256) || seen.has(e.sha256)) return false;
    seen.add(e.sha256);
    return true;
  });
  const hidden = base.filter((e) => removed.has(e.sha256));
  return {
    entries,
    anchors: entries.map((e) => e.certificate),
    removed: [...removed],
    hidden,
    problems,
  };
}

/** Adds a root (PEM or DER bytes) to the user's list; returns its entry. */
export function addUserRoot(dataDir: string, bytes: Buffer, name?: string): TrustEntry {
  const [cert] = parseCertificates(bytes);
  if (!cert) throw new Error('no certificate in the file');
  const edits = readUserEdits(dataDir);
  const sha = fingerprintOf(cert);
  edits.removed = edits.removed.filter((s) => s !== sha);
  if (
    !edits.added.some((a) =>
      parseCertificates(Buffer.from(a.pem)).some((c) => fingerprintOf(c) === sha),
    )
  ) {
    edits.added.push({
      pem: cert.toString(),
      name: name ?? entry(cert, 'user').name,
      addedAt: new Date().toISOString(),
    });
  }
  writeUserEdits(dataDir, edits);
  return entry(cert, 'user', name);
}

/** Removes a root by fingerprint: the user's own is deleted, a shipped or IT one is hidden. */
export function removeRoot(dataDir: string, sha256: string): void {
  const sha = sha256.replace(/[:\s]/g, '').toLowerCase();
  const edits = readUserEdits(dataDir);
  edits.added = edits.added.filter(
    (a) => !parseCertificates(Buffer.from(a.pem)).some((c) => fingerprintOf(c) === sha),
  );
  if (!edits.removed.includes(sha)) edits.removed.push(sha);
  writeUserEdits(dataDir, edits);
}

/** Undoes the removal of a shipped or IT root. */
export function restoreRoot(dataDir: string, sha256: string): void {
  const sha = sha256.replace(/[:\s]/g, '').toLowerCase();
  const edits = readUserEdits(dataDir);
  edits.removed = edits.removed.filter((s) => s !== sha);
  writeUserEdits(dataDir, edits);
}

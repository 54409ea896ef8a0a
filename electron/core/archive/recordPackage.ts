// A record as a self-describing package for transfer to an archive: a BagIt bag (RFC 8493) whose
// payload holds the signed PDF/A file(s), the TT 05/2025 metadata as XML and as JSON, and the
// record's audit entries; SHA-256 manifests for the payload and the tag files. The same files
// are what the outbox uploads, so an uploaded record is a valid bag in the store too.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DOCUMENT_FIELD_ORDER, RECORD_FIELD_ORDER } from '../../../shared/archiveMetadata';
import { SohoaError } from '../../../shared/errors';
import type { Archive } from './archive';
import { sha256Hex, type BlobStore } from './blobStore';
import { noteExport } from '../retention/exportsOutside';
import { writeFileDurably } from './durableFile';

export interface PackageFile {
  /** Path inside the bag, with forward slashes. */
  path: string;
  bytes: Buffer;
  sha256: string;
}

export const SOFTWARE_AGENT = 'Sohoa Desk';

export const file = (p: string, bytes: Buffer): PackageFile => ({
  path: p,
  bytes,
  sha256: sha256Hex(bytes),
});

/** Every file of the record's bag, payload first, tag files last (the tag manifest is last). */
export async function buildRecordPackage(
  archive: Archive,
  blobs: BlobStore,
  code: string,
  now: Date = new Date(),
): Promise<PackageFile[]> {
  const id = archive.idOf(code);
  const record = archive.recordMetadata(id);
  const documents = archive.documentsOf(id);
  const stored = archive.storedFiles().filter((f) => f.dossierCode === code);
  const payload = await storedPayload(blobs, code, stored, 'data/');
  const audit = archive.audit.entriesFor('dossier', code);
  const json = {
    format: 'sohoa-dossier/1',
    // The package's JSON keeps its key "dossier": stores already hold packages in this format.
    dossier: record,
    documents: documents.map((d) => ({ ...d.metadata, pages: d.pages })),
    files: stored.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })),
    recordHash: archive.recordHash(id),
    audit,
  };
  payload.push(
    file(`data/metadata/${code}.xml`, Buffer.from(metadataXml(record, documents), 'utf8')),
    file(`data/metadata/${code}.json`, Buffer.from(JSON.stringify(json, null, 2), 'utf8')),
  );

  const manifest = manifestText(payload);
  const octets = payload.reduce((n, f) => n + f.bytes.length, 0);
  const tags = [
    file('bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')),
    file(
      'bag-info.txt',
      Buffer.from(
        [
          `Source-Organization: ${code.split('-').slice(0, -2).join('-')}`,
          `External-Identifier: ${code}`,
          `External-Description: ${oneLine(record.title)}`,
          `Bagging-Date: ${vietnamIsoDate(now)}`,
          `Payload-Oxum: ${octets}.${payload.length}`,
          `Bag-Software-Agent: ${SOFTWARE_AGENT}`,
          '',
        ].join('\n'),
      ),
    ),
    file('manifest-sha256.txt', Buffer.from(manifest)),
  ];
  return [...payload, ...tags, file('tagmanifest-sha256.txt', Buffer.from(manifestText(tags)))];
}

/** The record's stored files read back from the blob store, each checked against its SHA-256. */
export async function storedPayload(
  blobs: BlobStore,
  code: string,
  stored: readonly { name: string; sha256: string }[],
  prefix: string,
): Promise<PackageFile[]> {
  const payload: PackageFile[] = [];
  for (const f of stored) {
    const bytes = await blobs.read(f.sha256).catch((e: unknown) => {
      throw new SohoaError('BLOB_MISSING', code, { cause: e });
    });
    if (sha256Hex(bytes) !== f.sha256) throw new SohoaError('BLOB_MISSING', code);
    payload.push(file(`${prefix}${f.name}`, bytes));
  }
  return payload;
}

/** `<sha256>  <path>` lines (two spaces: the BagIt form that sha256sum -c also reads). */
function manifestText(files: readonly PackageFile[]): string {
  return files.map((f) => `${f.sha256}  ${encodeManifestPath(f.path)}\n`).join('');
}

/** RFC 8493 §2.1.3: CR, LF and % in a path are percent-encoded. */
function encodeManifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function vietnamIsoDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fieldsXml(
  record: Record<string, unknown>,
  order: readonly string[],
  indent: string,
): string {
  return order
    .filter((k) => record[k] !== undefined && record[k] !== '')
    .map((k) => `${indent}<${k}>${xmlEscape(String(record[k] as string | number))}</${k}>\n`)
    .join('');
}

export const METADATA_NAMESPACE = 'urn:sohoa-desk:tt05-2025:1';

/** The TT 05/2025 record and document fields as XML, in the circular's field order. */
export function metadataXml(
  record: Record<string, unknown>,
  documents: readonly { metadata: Record<string, unknown>; pages: number[] }[],
): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Dossier xmlns="${METADATA_NAMESPACE}">\n` +
    fieldsXml(record, RECORD_FIELD_ORDER, '  ') +
    '  <Documents>\n' +
    documents
      .map(
        (d) =>
          '    <Document>\n' +
          fieldsXml(d.metadata, DOCUMENT_FIELD_ORDER, '      ') +
          `      <pages>${d.pages.join(' ')}</pages>\n` +
          '    </Document>\n',
      )
      .join('') +
    '  </Documents>\n' +
    '</Dossier>\n'
  );
}

/**
 * Writes the bag as `<targetDir>/<code>/`: into a temporary sibling first, fsynced, renamed at the
 * end, so a reader never sees half a package. Refuses to overwrite an existing one.
 */
export async function exportRecord(
  archive: Archive,
  blobs: BlobStore,
  code: string,
  targetDir: string,
  actor = 'system',
): Promise<{ dir: string; files: PackageFile[] }> {
  const files = await buildRecordPackage(archive, blobs, code);
  const dir = path.join(targetDir, safeDirName(code));
  const tmp = `${dir}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await fsp.mkdir(targetDir, { recursive: true });
    const exists = await fsp.stat(dir).then(
      () => true,
      () => false,
    );
    if (exists) throw new Error(`${dir} exists`);
    for (const f of files) {
      const target = path.join(tmp, ...f.path.split('/'));
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await writeFileDurably(target, f.bytes);
    }
    await fsp.rename(tmp, dir);
  } catch (e) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw new SohoaError('EXPORT_FAILED', code, { cause: e });
  }
  const manifest = files.find((f) => f.path === 'manifest-sha256.txt')!;
  archive.logEvent({
    actor,
    action: 'dossier.exported',
    recordType: 'dossier',
    recordRef: code,
    details: { format: 'BagIt 1.0', manifestSha256: manifest.sha256, files: files.length },
  });
  noteExport(archive.file, code, dir, 'BagIt 1.0');
  return { dir, files };
}

export function safeDirName(code: string): string {
  return code.replace(/[^\p{L}\p{N}._-]/gu, '_');
}

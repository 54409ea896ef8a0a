// Online revocation data: OCSP from the certificate's AIA and CRLs from its distribution
// points, with short timeouts and a cache on disk (and in memory for one process), so a clerk
// re-opening a file does not wait on the network again and an offline desk answers quickly.
// A failure is never an answer: the caller turns "nothing" into INDETERMINATE / TRY_LATER.
import type { X509Certificate } from 'node:crypto';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { writeFileDurablySync } from '../../archive/durableFile';
import { readDataFileSync } from '../../vault/files';
import { buildOcspRequest } from '../ltv';
import { pkiCert } from './pathValidation';

export interface RevocationOptions {
  /** Ask responders and CRL servers on the network (default false: file evidence only). */
  online?: boolean;
  /** Folder for cached answers; none: memory only. */
  cacheDir?: string;
  /** Per request (default 3 s). */
  timeoutMs?: number;
  /** How long a cached OCSP answer is reused (default 1 h); CRLs until their nextUpdate. */
  ocspMaxAgeMs?: number;
  /** Ask the servers again even when the cache holds an answer (a clerk's "check again"). */
  fresh?: boolean;
  /** All requests of one verification together (default 8 s): an offline desk answers soon. */
  budgetMs?: number;
}

const memory = new Map<string, { at: number; body: Buffer }>();
const MAX_BODY = 32 * 1024 * 1024;

export function ocspUrls(cert: X509Certificate): string[] {
  return [...(cert.infoAccess ?? '').matchAll(/OCSP - URI:(\S+)/g)].map((m) => m[1]!);
}

export function crlUrls(cert: X509Certificate): string[] {
  const ext = pkiCert(cert).extensions?.find((e) => e.extnID === '2.5.29.31');
  const points = (ext?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints;
  const out: string[] = [];
  for (const point of points ?? []) {
    const names = point.distributionPoint;
    for (const name of Array.isArray(names) ? names : []) {
      if (name.type === 6 && typeof name.value === 'string') out.push(name.value);
    }
  }
  return out;
}

export const hasRevocationSource = (cert: X509Certificate): boolean =>
  ocspUrls(cert).length > 0 || crlUrls(cert).length > 0;

const usable = (url: string) => /^https?:\/\//i.test(url);

export class RevocationFetcher {
  /** What went wrong, for the report (no personal data: URLs and errors only). */
  readonly problems: string[] = [];

  /** Hosts that did not answer: not asked again in this verification. */
  private readonly failedHosts = new Set<string>();
  private readonly deadline: number;

  constructor(private readonly options: RevocationOptions) {
    this.deadline =
      Date.now() + (options.budgetMs ?? Math.max(8000, 2 * (options.timeoutMs ?? 3000)));
  }

  get online(): boolean {
    return this.options.online === true;
  }

  private cacheFile(key: string): string | undefined {
    return this.options.cacheDir ? path.join(this.options.cacheDir, `${key}.der`) : undefined;
  }

  private cached(key: string, maxAgeMs: number): Buffer | undefined {
    const hit = memory.get(key);
    if (hit && Date.now() - hit.at < maxAgeMs) return hit.body;
    const file = this.cacheFile(key);
    if (!file) return undefined;
    try {
      const stat = fs.statSync(file);
      if (Date.now() - stat.mtimeMs >= maxAgeMs) return undefined;
      const body = readDataFileSync(file);
      memory.set(key, { at: stat.mtimeMs, body });
      return body;
    } catch {
      return undefined;
    }
  }

  private store(key: string, body: Buffer): void {
    memory.set(key, { at: Date.now(), body });
    const file = this.cacheFile(key);
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Sealed inside an encrypted data folder, like every other file the desk writes.
      writeFileDurablySync(file, body);
    } catch {
      // a cache that cannot be written only costs a later request
    }
  }

  private async request(url: string, init: RequestInit): Promise<Buffer | undefined> {
    const host = new URL(url).host;
    const left = this.deadline - Date.now();
    if (this.failedHosts.has(host) || left <= 0) return undefined;
    try {
      const res = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(Math.min(this.options.timeoutMs ?? 3000, left)),
      });
      if (!res.ok) {
        this.problems.push(`${url} answered HTTP ${res.status}`);
        return undefined;
      }
      const body = Buffer.from(await res.arrayBuffer());
      return body.length > MAX_BODY ? undefined : body;
    } catch (e) {
      this.failedHosts.add(host);
      this.problems.push(`${url} could not be reached (${(e as Error).name})`);
      return undefined;
    }
  }

  /** Fresh OCSP answers (bytes) for `cert`, newest source first. */
  async ocsp(
    cert: X509Certificate,
    issuer: X509Certificate,
    fresh = false,
  ): Promise<{ body: Buffer; cached: boolean }[]> {
    if (!this.online) return [];
    const request = buildOcspRequest(cert, issuer);
    const out: { body: Buffer; cached: boolean }[] = [];
    for (const url of ocspUrls(cert).filter(usable).slice(0, 2)) {
      const key = `ocsp-${createHash('sha256').update(url).update(request).digest('hex')}`;
      const hit =
        fresh || this.options.fresh
          ? undefined
          : this.cached(key, this.options.ocspMaxAgeMs ?? 3_600_000);
      if (hit) {
        out.push({ body: hit, cached: true });
        continue;
      }
      const body = await this.request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/ocsp-request' },
        body: new Uint8Array(request),
      });
      if (body) {
        this.store(key, body);
        out.push({ body, cached: false });
      }
    }
    return out;
  }

  /** CRLs (bytes) from the certificate's distribution points. */
  async crls(cert: X509Certificate, fresh = false): Promise<{ body: Buffer; cached: boolean }[]> {
    if (!this.online) return [];
    const out: { body: Buffer; cached: boolean }[] = [];
    for (const url of crlUrls(cert).filter(usable).slice(0, 2)) {
      const key = `crl-${createHash('sha256').update(url).digest('hex')}`;
      // The caller checks nextUpdate; a day bounds how long a CRL without one is reused.
      const hit = fresh || this.options.fresh ? undefined : this.cached(key, 86_400_000);
      if (hit) {
        out.push({ body: hit, cached: true });
        continue;
      }
      const body = await this.request(url, { method: 'GET' });
      if (body) {
        this.store(key, body);
        out.push({ body, cached: false });
      }
    }
    return out;
  }
}

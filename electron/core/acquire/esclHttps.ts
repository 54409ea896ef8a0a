// eSCL over HTTPS (`_uscans._tcp`, printers that only answer HTTPS): every such device signs its
// own certificate, which Node's fetch rightly refuses. Instead of turning verification off, the
// desk trusts a scanner's certificate the first time it sees it and pins its SHA-256
// fingerprint (per host:port, kept in the data folder): a different certificate later is refused
// with SCANNER_CERT_CHANGED, so a machine impersonating the scanner on the LAN gets no pages.
// Every answer is read up to a cap (RESPONSE_TOO_LARGE beyond it), over HTTP and HTTPS alike: a
// device on the LAN that answers without end must not fill the desk's memory.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { SohoaError } from '../../../shared/errors';

export interface PinStore {
  get(hostPort: string): string | undefined;
  set(hostPort: string, fingerprint256: string): void;
}

export function memoryPinStore(): PinStore {
  const pins = new Map<string, string>();
  return { get: (k) => pins.get(k), set: (k, v) => void pins.set(k, v) };
}

/** Pins kept in a small JSON file (`<data folder>/escl-pins.json`); IT deletes a line to re-pin. */
export function filePinStore(file: string): PinStore {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    get: (k) => read()[k],
    set: (k, v) => {
      const pins = { ...read(), [k]: v };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(pins, null, 2));
      fs.renameSync(tmp, file);
    },
  };
}

const NO_BODY = new Set([101, 204, 205, 304]);

/** The answer of a fetch, read whole up to `maxBytes`; RESPONSE_TOO_LARGE (named by host) beyond. */
export async function cappedResponse(res: Response, maxBytes: number): Promise<Response> {
  const host = new URL(res.url || 'http://scanner').host;
  const tooLarge = () => new SohoaError('RESPONSE_TOO_LARGE', host);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = NO_BODY.has(res.status) ? null : Buffer.concat(chunks);
  return new Response(body, { status: res.status, headers: res.headers });
}

/** An HTTPS request with trust-on-first-use pinning, answered as a standard Response. */
export function pinnedFetch(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
  pins: PinStore,
  maxBytes = Number.MAX_SAFE_INTEGER,
): Promise<Response> {
  const u = new URL(url);
  const key = u.host;
  return new Promise<Response>((resolve, reject) => {
    const req = https.request(
      u,
      {
        method: init.method,
        headers: init.headers,
        // Verified below against the pin instead of a CA the printer never had.
        rejectUnauthorized: false,
        agent: false,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= maxBytes) return void chunks.push(c);
          // Settled here: the partial body that follows must not be answered as complete.
          reject(new SohoaError('RESPONSE_TOO_LARGE', key));
          req.destroy();
        });
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 500;
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (typeof v === 'string') headers.set(k, v);
            else if (Array.isArray(v)) headers.set(k, v.join(', '));
          }
          resolve(
            new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), { status, headers }),
          );
        });
      },
    );
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const cert = (socket as TLSSocket).getPeerCertificate();
        const fingerprint = cert?.fingerprint256;
        if (!fingerprint) {
          req.destroy(new SohoaError('SCANNER_CERT_CHANGED', key));
          return;
        }
        const pinned = pins.get(key);
        if (pinned === undefined) pins.set(key, fingerprint);
        else if (pinned !== fingerprint) req.destroy(new SohoaError('SCANNER_CERT_CHANGED', key));
      });
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

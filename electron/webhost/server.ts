// The loopback HTTP transport of the contract, for development (`npm run dev:web`) and for the UI
// tests in a real Chromium. It is not a network service: it binds 127.0.0.1, answers only
// requests that name 127.0.0.1:<port> as Host (DNS rebinding), and the API needs the per-run
// token that only the served index.html carries.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isChannel, type Envelope } from '../../shared/contract';
import { errorInfo, type ErrorCode } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { createApi, environmentPinPrompt, type ApiOptions, type HostServices } from '../core/api';
import { contentTypeOf } from '../core/api/mime';

export { CONTENT_SECURITY_POLICY };

/** A batch of scans in base64 can be large; past this we stop reading and answer 413. */
export const MAX_BODY_BYTES = 300 * 1024 * 1024;

export const TOKEN_HEADER = 'x-sohoa-token';

/**
 * `GET /api/alive`: answers 204 whoever asks (it tells nothing but that a desk listens here). A page
 * that lost the host polls it, then reads the new run's token from index.html and carries on.
 */
export const ALIVE_PATH = '/api/alive';

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export interface WebHostOptions {
  /** Data folder for the archive; undefined = the core's default (honours SOHOA_DATA_DIR). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (vite build output), relative to the working directory or absolute. */
  staticDir?: string;
  /** Request body limit; tests lower it to exercise the streamed check. */
  maxBodyBytes?: number;
  /**
   * Stands in for the Electron main process's native file dialog (tests return a folder they
   * prepared). Without it, the choosePath channel answers PATH_CHOOSER_UNAVAILABLE.
   */
  choosePath?: HostServices['choosePath'];
  /**
   * Stands in for the main process's PIN window. Without it a token's PIN comes from SOHOA_PIN
   * (development, as the CLI), sent once and never on the token's final try.
   */
  askPin?: HostServices['askPin'];
  /** IT's policy file, the log folder and the account at the desk, as a test gives them. */
  machine?: Pick<ApiOptions, 'policyFile' | 'logDir' | 'operatorSources'>;
}

export interface WebHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
  ) {
    super(`HTTP ${status}`);
  }
}

export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const { dataDir, port = 0, staticDir = 'dist/renderer', maxBodyBytes = MAX_BODY_BYTES } = options;
  const root = await fs.realpath(path.resolve(staticDir)).catch(() => {
    throw new Error(
      `Renderer build not found at ${staticDir}; run "npm run build:renderer" first.`,
    );
  });
  const host: HostServices = {
    ...(options.choosePath ? { choosePath: options.choosePath } : {}),
    askPin: options.askPin ?? environmentPinPrompt(),
  };
  const api = await createApi({
    ...(dataDir === undefined ? {} : { dataDir }),
    host,
    ...options.machine,
  });
  const token = crypto.randomBytes(32).toString('hex');
  const tokenDigest = sha256(token);
  let expectedHost = '';

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[webhost]', e);
      if (!res.headersSent) sendEnvelopeError(res, 500, 'INTERNAL', 'webhost');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another name that resolves to 127.0.0.1 must not read index.html (and its token).
    if (req.headers.host !== expectedHost) return sendPlain(res, 403, 'Forbidden host');
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);

    if (url.pathname === ALIVE_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(204, { ...SECURITY_HEADERS, 'cache-control': 'no-store' });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendPlain(res, 405, 'Method not allowed');
    }
    return serveStatic(req, res, root, url.pathname, token);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    channel: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendEnvelopeError(res, 405, 'BAD_REQUEST', 'method');
    }
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !crypto.timingSafeEqual(sha256(given), tokenDigest)) {
      return sendEnvelopeError(res, 401, 'UNAUTHORIZED');
    }
    // Browsers send Origin on cross-origin POSTs; ours is the only origin that may call.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${expectedHost}`) {
      return sendEnvelopeError(res, 403, 'UNAUTHORIZED');
    }
    if (!isChannel(channel)) return sendEnvelopeError(res, 404, 'BAD_REQUEST', 'unknown channel');

    let payload: unknown;
    try {
      const body = await readBody(req, maxBodyBytes);
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (e) {
      if (e instanceof HttpError) {
        res.setHeader('connection', 'close');
        return sendEnvelopeError(res, e.status, e.code, 'body too large');
      }
      return sendEnvelopeError(res, 400, 'BAD_REQUEST', 'body is not JSON');
    }
    const envelope = await api.invoke(channel, payload);
    sendJson(res, 200, envelope);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (e: unknown) => {
    // The port is taken: the core opened for this host closes, so the caller can try another.
    await api.close();
    throw e;
  });
  const bound = (server.address() as AddressInfo).port;
  expectedHost = `127.0.0.1:${bound}`;

  return {
    url: `http://${expectedHost}/`,
    token,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await api.close();
    },
  };
}

/** A file of the renderer build; index.html carries this run's token. */
async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  root: string,
  pathname: string,
  token: string,
): Promise<void> {
  const file = await resolveStatic(root, pathname);
  if (!file) return sendPlain(res, 404, 'Not found');
  const type = contentTypeOf(file);
  let body = await fs.readFile(file);
  const isIndex = path.basename(file) === 'index.html';
  if (isIndex) body = Buffer.from(injectToken(body.toString('utf8'), token), 'utf8');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': body.length,
    // The index carries this run's token; never let it outlive the run in a cache.
    'cache-control': isIndex ? 'no-store' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Map a URL path to a file inside root, or null. Refuses anything that leaves root after
 * decoding, normalising and following symlinks. "/" is the index.
 */
export async function resolveStatic(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse rather than clamp: a request that climbs with ".." is not one our UI makes.
  if (decoded.split('/').includes('..')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  try {
    const real = await fs.realpath(candidate);
    if (!isInside(root, real)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? real : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root + path.sep);
}

export function injectToken(html: string, token: string): string {
  const meta = `<meta name="sohoa-token" content="${token}">`;
  return html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : meta + html;
}

function sha256(text: string): Buffer {
  // Hashing first gives equal-length inputs, so timingSafeEqual never throws or leaks the length.
  return crypto.createHash('sha256').update(text, 'utf8').digest();
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, 'BAD_REQUEST'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Content-Length can lie or be absent (chunked): count what actually arrives.
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'BAD_REQUEST'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendEnvelopeError(
  res: http.ServerResponse,
  status: number,
  code: ErrorCode,
  subject = '',
): void {
  const envelope: Envelope<never> = { ok: false, error: errorInfo(code, subject) };
  sendJson(res, status, envelope);
}

function sendPlain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

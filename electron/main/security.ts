// Pure policy helpers for the Electron shell (no `electron` import, so they are unit-tested in
// plain Node): which URLs belong to the app, which may open in the system browser, how app://
// paths map to files, and the content security policy.
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sohoa';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/** Hosts the clerk may be sent to in the system browser (https only). Extend deliberately. */
export const EXTERNAL_ALLOWLIST: readonly string[] = [
  'dichvucong.gov.vn',
  'www.dichvucong.gov.vn',
  'vbpl.vn',
];

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The parts of an IPC event (Electron's IpcMainInvokeEvent) that say who sent it. */
export interface IpcSenderView {
  readonly sender: unknown;
  readonly senderFrame?: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * A contract call is answered only for the desk's own page: sent by the desk window's web
 * contents (not the PIN window, which has its own three channels, nor any later window), from
 * its top frame (no iframe), while that frame is on app://sohoa. A frame that is gone (null) or
 * navigated elsewhere is refused too.
 */
export function isDeskPageCall(event: IpcSenderView, deskContents: unknown): boolean {
  const frame = event.senderFrame;
  return (
    deskContents !== undefined &&
    deskContents !== null &&
    event.sender === deskContents &&
    !!frame &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      u.port === '' &&
      EXTERNAL_ALLOWLIST.includes(u.hostname)
    );
  } catch {
    return false;
  }
}

// The renderer's files are typed by the table the web host uses too.
export { contentTypeOf } from '../core/api/mime';

/**
 * Map an app:// URL to a file under root, or null when it is another origin or would leave root
 * after decoding and normalising. (The caller still follows symlinks with realpath.)
 */
export function appUrlToPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse rather than clamp: a request that climbs with ".." is not one our UI makes.
  if (decoded.split('/').includes('..')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = path.resolve(root, relative);
  return isInside(root, candidate) ? candidate : null;
}

export function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(path.resolve(root) + path.sep);
}

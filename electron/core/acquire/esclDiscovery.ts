// eSCL scanners announced by mDNS/DNS-SD (`_uscan._tcp`, `_uscans._tcp` for HTTPS), as AirScan
// clients find them. bonjour-service (well kept, pure TypeScript) does the multicast DNS; this
// file only turns an announcement into an eSCL base URL: the TXT record's `rs` is the resource
// path (usually `eSCL`), `ty` the model, `UUID` the device (one device announced on several
// interfaces or both protocols is listed once).
import { Bonjour, type Service } from 'bonjour-service';

export interface DiscoveredScanner {
  baseUrl: string;
  name: string;
  uuid?: string;
}

/** One announcement as an eSCL base URL; IPv4 preferred (link-local IPv6 needs a zone id). */
export function fromAnnouncement(
  service: Pick<Service, 'name' | 'port' | 'addresses' | 'txt' | 'referer' | 'type'>,
  secure: boolean,
): DiscoveredScanner | null {
  // DNS-SD TXT keys are case-insensitive; devices write `UUID`, `Ty`, `rs` as they please.
  const txt = Object.fromEntries(
    Object.entries((service.txt ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k.toLowerCase(),
      Buffer.isBuffer(v) ? v.toString('utf8') : v,
    ]),
  );
  const addresses = service.addresses ?? [];
  const host =
    addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ??
    addresses.find((a) => !a.toLowerCase().startsWith('fe80:')) ??
    service.referer?.address;
  if (!host || !service.port) return null;
  const rs = typeof txt.rs === 'string' ? txt.rs.replace(/^\/+|\/+$/g, '') : 'eSCL';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const uuid = typeof txt.uuid === 'string' ? txt.uuid : undefined;
  return {
    baseUrl: `${secure ? 'https' : 'http'}://${hostPart}:${service.port}${rs ? `/${rs}` : ''}`,
    name: typeof txt.ty === 'string' && txt.ty ? txt.ty : service.name,
    ...(uuid ? { uuid } : {}),
  };
}

/**
 * Adds an announcement to what was found, one entry per device (its UUID, else its URL). A device
 * announced over both protocols is kept over HTTPS, whichever came first: the pages are citizens'
 * papers, and the printer's self-signed certificate is pinned on first use (esclHttps.ts).
 */
export function keepAnnouncement(
  found: Map<string, DiscoveredScanner>,
  d: DiscoveredScanner,
): void {
  const key = d.uuid ?? d.baseUrl;
  if (d.baseUrl.startsWith('http:') && found.get(key)?.baseUrl.startsWith('https:')) return;
  found.set(key, d);
}

/** Listens for `timeoutMs` and returns what answered; an unusable network gives an empty list. */
export async function discoverEscl(
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<DiscoveredScanner[]> {
  let bonjour: Bonjour;
  try {
    bonjour = new Bonjour({}, () => {});
  } catch {
    return [];
  }
  const found = new Map<string, DiscoveredScanner>();
  const add = (secure: boolean) => (service: Service) => {
    const d = fromAnnouncement(service, secure);
    if (d) keepAnnouncement(found, d);
  };
  const browsers = [
    bonjour.find({ type: 'uscan' }, add(false)),
    bonjour.find({ type: 'uscans' }, add(true)),
  ];
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 2500);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    for (const b of browsers) b.stop();
    bonjour.destroy();
  }
  return [...found.values()];
}

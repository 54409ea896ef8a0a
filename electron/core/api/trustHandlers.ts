// Handlers for shared/contracts/trust.ts: the trust list in Cài đặt, one core call per channel.
import type { TRUST_CHANNELS, TrustListView, TrustRootView } from '../../../shared/contracts/trust';
import { SohoaError } from '../../../shared/errors';
import { resourcesDir } from '../dossier/resources';
import { parseCertificates } from '../sign/chain';
import {
  addUserRoot,
  loadTrustList,
  removeRoot,
  restoreRoot,
  type TrustEntry,
  type TrustPaths,
} from '../sign/trust/trustList';
import { deskTrustPaths } from '../sign/trust/verifySetup';
import type { DomainHandlers, HandlerContext } from './context';

const view = (e: TrustEntry): TrustRootView => ({
  sha256: e.sha256,
  subject: e.subject,
  name: e.name,
  origin: e.origin,
  source: e.source ?? null,
  validFrom: e.validFrom,
  validTo: e.validTo,
});

/** A root the clerk may add: readable, self-signed with a valid signature, and a CA. */
function acceptableRoot(text: string): Buffer {
  const bytes = /-----BEGIN/.test(text) ? Buffer.from(text) : Buffer.from(text, 'base64');
  try {
    const [cert] = parseCertificates(bytes);
    if (cert && cert.ca && cert.checkIssued(cert) && cert.verify(cert.publicKey)) return bytes;
  } catch {
    // falls through to the typed error
  }
  throw new SohoaError('TRUST_ROOT_INVALID', 'chứng thư / certificate');
}

export function createTrustHandlers({
  core,
  env,
}: HandlerContext): DomainHandlers<typeof TRUST_CHANNELS> {
  const paths = (): TrustPaths => deskTrustPaths(resourcesDir(env), core.paths.root, env);
  const list = (): TrustListView => {
    const p = paths();
    const loaded = loadTrustList(p);
    return {
      roots: loaded.entries.map(view),
      removed: loaded.hidden.map(view),
      machineFile: p.machineFile ?? null,
      problems: loaded.problems,
    };
  };
  return {
    trustList() {
      return Promise.resolve(list());
    },
    trustAdd(r) {
      const entry = addUserRoot(core.paths.root, acceptableRoot(r.certificate), r.name);
      return Promise.resolve({ root: view(entry), list: list() });
    },
    trustRemove(r) {
      const known = loadTrustList(paths()).entries.some((e) => e.sha256 === r.sha256);
      if (!known) throw new SohoaError('TRUST_ROOT_NOT_FOUND', r.sha256);
      removeRoot(core.paths.root, r.sha256);
      return Promise.resolve(list());
    },
    trustRestore(r) {
      restoreRoot(core.paths.root, r.sha256);
      return Promise.resolve(list());
    },
  };
}

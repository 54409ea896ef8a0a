// The options every desk verification uses: the trust list (shipped roots, IT's machine file,
// the clerk's edits) and revocation checking with its cache in the data folder. The CLI and the
// archive viewer build theirs here so both trust the same roots.
import path from 'node:path';
import type { VerifyOptions } from '../verify/report';
import { loadTrustList, type TrustPaths } from './trustList';

export interface DeskVerifyConfig extends TrustPaths {
  /** Ask OCSP responders and CRL servers (default true); the cache answers repeats. */
  online?: boolean;
}

/**
 * Where the desk's trust list comes from: the roots shipped in the resources folder, the file IT
 * names (SOHOA_TRUST_LIST until the machine configuration names it) and the clerk's edits kept
 * in the data folder.
 */
export function deskTrustPaths(
  resourcesDir: string,
  dataDir: string,
  env: Readonly<Record<string, string | undefined>>,
): TrustPaths {
  return {
    shippedDir: path.join(resourcesDir, 'trust'),
    dataDir,
    ...(env.SOHOA_TRUST_LIST ? { machineFile: env.SOHOA_TRUST_LIST } : {}),
  };
}

export function deskVerifyOptions(config: DeskVerifyConfig): VerifyOptions {
  return {
    trustList: loadTrustList(config),
    revocation: {
      online: config.online ?? true,
      ...(config.dataDir ? { cacheDir: path.join(config.dataDir, 'cache', 'revocation') } : {}),
    },
  };
}

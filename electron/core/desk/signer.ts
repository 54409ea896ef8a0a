// What the counter screen shows about the signing key, from the same settings the core signs
// with (coreOptionsFromEnv): never the key, the password or the PIN themselves.
import path from 'node:path';
import type { SignerInfo } from '../../../shared/contracts/desk';
import type { CoreOptions } from '../pipeline/core';

export function describeSigner(options: CoreOptions): SignerInfo {
  if (options.keySource?.kind === 'pkcs11') {
    return {
      kind: 'pkcs11',
      label: options.keySource.tokenLabel ?? path.basename(options.keySource.modulePath),
      pinAskedByMainProcess: true,
    };
  }
  if (options.keySource?.kind === 'pkcs12') {
    return {
      kind: 'pkcs12',
      label: path.basename(options.keySource.path),
      pinAskedByMainProcess: false,
    };
  }
  if (options.keySource?.kind === 'windows-store') {
    return { kind: 'pkcs11', label: options.keySource.thumbprint, pinAskedByMainProcess: true };
  }
  if (options.signingKey) {
    return {
      kind: 'pkcs12',
      label: path.basename(options.signingKey.p12Path),
      pinAskedByMainProcess: false,
    };
  }
  return { kind: 'demo', label: '', pinAskedByMainProcess: false };
}

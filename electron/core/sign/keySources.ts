// Where a signing key can come from, as configuration: one place that turns a description into
// a KeySource. The Windows certificate store is the interface point for a later issue (see the
// README's Decisions): it will be a KeySource like the others, so nothing else changes.
import { SohoaError } from '../../../shared/errors';
import { openPkcs11, type Pkcs11Options } from './pkcs11KeySource';
import { openPkcs12 } from './pkcs12KeySource';
import type { KeySource } from './types';

export type KeySourceSpec =
  | { kind: 'pkcs12'; path: string; password: string }
  | ({ kind: 'pkcs11' } & Pkcs11Options)
  /** A certificate in the Windows "MY" store, by SHA-1 thumbprint (as certmgr shows it). */
  | { kind: 'windows-store'; thumbprint: string };

export function openKeySource(spec: KeySourceSpec): Promise<KeySource> {
  switch (spec.kind) {
    case 'pkcs12':
      return openPkcs12(spec.path, spec.password);
    case 'pkcs11':
      return openPkcs11(spec);
    case 'windows-store':
      // Not built yet: needs a native CNG (NCryptSignHash) bridge; see README Decisions.
      return Promise.reject(new SohoaError('TOKEN_NOT_FOUND', `Windows: ${spec.thumbprint}`));
  }
}

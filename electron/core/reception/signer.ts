// What the counter screen shows about the signing key, from what the core was actually opened
// with (Core.signer(): Settings, then the environment, then the caller), so the screen names the
// key that signs: a PKCS#12 file by its certificate's holder (subject CN), a token by its label.
// Never the key, the password, the PIN, or a path.
import path from 'node:path';
import type { SignerInfo } from '../../../shared/contracts/reception';
import type { SignerIdentity } from '../pipeline/core';
import { readCertificate } from '../sign/certificate';

export function describeSigner(signer: SignerIdentity): SignerInfo {
  switch (signer.kind) {
    case 'pkcs11':
      return {
        kind: 'pkcs11',
        label: signer.tokenLabel ?? path.basename(signer.modulePath),
        pinAskedByMainProcess: true,
      };
    case 'windows-store':
      return { kind: 'pkcs11', label: signer.thumbprint, pinAskedByMainProcess: true };
    case 'pkcs12':
      return {
        kind: 'pkcs12',
        label: holderOf(signer.certificate) || path.basename(signer.file),
        pinAskedByMainProcess: false,
      };
    case 'demo':
      return { kind: 'demo', label: '', pinAskedByMainProcess: false };
  }
}

/** The certificate's subject CN; empty when there is none to read (the file's name is shown). */
function holderOf(certificate: Buffer | null): string {
  if (!certificate) return '';
  try {
    return readCertificate(certificate).subjectCommonName;
  } catch {
    return '';
  }
}

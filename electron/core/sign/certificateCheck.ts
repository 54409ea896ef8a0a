// The checks TT 15/2025 expects before a signature is made: the signer's certificate is within
// its validity period, is meant for signing, and (when anchors are configured) chains to one.
// Refusing here gives the clerk a clear reason instead of a file that later fails validation.
import { X509Certificate } from 'node:crypto';
import { SohoaError } from '../../../shared/errors';
import { buildChain } from './chain';
import { readKeyUsage } from './certificate';
import type { CertificatePolicy } from './types';

export function checkSigningCertificate(
  chain: Buffer[],
  at: Date,
  policy: CertificatePolicy = {},
): void {
  const [leafDer, ...rest] = chain;
  if (!leafDer) throw new Error('The key source returned no certificate');
  const leaf = new X509Certificate(leafDer);
  const name = /CN=([^\n]+)/.exec(leaf.subject)?.[1] ?? leaf.subject;
  if (at < new Date(leaf.validFrom)) throw new SohoaError('CERT_NOT_YET_VALID', name);
  if (at > new Date(leaf.validTo)) throw new SohoaError('CERT_EXPIRED', name);
  const usage = readKeyUsage(leafDer);
  if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
    throw new SohoaError('CERT_WRONG_USAGE', name);
  }
  if (policy.trustAnchors && policy.trustAnchors.length > 0) {
    const anchors = policy.trustAnchors.map((der) => new X509Certificate(der));
    const result = buildChain(
      leaf,
      rest.map((der) => new X509Certificate(der)),
      anchors,
    );
    if (!result.trusted) throw new SohoaError('CERT_UNTRUSTED', name);
    for (const cert of result.path.slice(1)) {
      if (at > new Date(cert.validTo) || at < new Date(cert.validFrom)) {
        throw new SohoaError('CERT_EXPIRED', /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject);
      }
    }
  }
}

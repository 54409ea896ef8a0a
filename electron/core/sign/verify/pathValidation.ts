// Certification path validation (RFC 5280 section 6) at a given time: the time a timestamp
// proves the signature existed, else now. The path is built by chain.ts (Node's crypto checks
// each link's signature, so every algorithm OpenSSL knows works, Ed448 included); PKI.js's
// CertificateChainValidationEngine then runs RFC 5280's processing over it: name chaining,
// basicConstraints on every CA, keyCertSign, certificate policies and policy constraints, name
// constraints, critical extensions it cannot parse. What PKI.js does not check is added here:
// pathLenConstraint, unknown critical extensions on the end entity, and the key usage and
// extended key usage the purpose needs (signing, time-stamping, OCSP responses).
import type { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { buildChain } from '../chain';

export type Purpose = 'signing' | 'timestamping' | 'ocsp';

export interface PathResult {
  /** Leaf first; ends at an anchor when one is reached. */
  path: X509Certificate[];
  /** The path reaches a trust anchor (each link's signature checked). */
  trusted: boolean;
  anchor?: X509Certificate;
  /** Reason codes (indication.ts). */
  errors: string[];
  /** What exactly failed, in English, for the report's details. */
  details: string[];
}

const OID = {
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  anyEku: '2.5.29.37.0',
} as const;

/** Extensions a relying party here understands; any other one marked critical fails the path. */
const UNDERSTOOD = new Set([
  '2.5.29.9', // subjectDirectoryAttributes
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.16', // privateKeyUsagePeriod
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.30', // nameConstraints
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.33', // policyMappings
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.36', // policyConstraints
  '2.5.29.37', // extKeyUsage
  '2.5.29.46', // freshestCRL
  '2.5.29.54', // inhibitAnyPolicy
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  '1.3.6.1.5.5.7.1.3', // qcStatements
  '1.3.6.1.5.5.7.48.1.5', // id-pkix-ocsp-nocheck
]);

/**
 * Parsed certificates and RFC 5280 verdicts by fingerprint: a desk meets the same few CA chains
 * all day, and the structural checks do not depend on the time (validity is judged apart).
 */
const parsed = new Map<string, pkijs.Certificate>();
const verdicts = new Map<string, { result: boolean; resultMessage?: string }>();
const MAX_CACHED = 500;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

export function pkiCert(cert: X509Certificate): pkijs.Certificate {
  return (
    parsed.get(cert.fingerprint256) ??
    remember(parsed, cert.fingerprint256, pkijs.Certificate.fromBER(new Uint8Array(cert.raw)))
  );
}

function extension(cert: X509Certificate, oid: string): pkijs.Extension | undefined {
  return pkiCert(cert).extensions?.find((e) => e.extnID === oid);
}

/** keyUsage bits by name (RFC 5280 4.2.1.3), undefined when the extension is absent. */
export function keyUsageBits(cert: X509Certificate): Set<string> | undefined {
  const ext = extension(cert, OID.keyUsage);
  const bits = (ext?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined)
    ?.valueBlock?.valueHexView;
  if (!ext || !bits) return undefined;
  const names = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment'];
  names.push('keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly');
  const out = new Set<string>();
  names.forEach((name, i) => {
    if ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) out.add(name);
  });
  return out;
}

export function extendedKeyUsage(cert: X509Certificate): string[] | undefined {
  const ext = extension(cert, OID.extKeyUsage);
  return (ext?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes;
}

function pathLenOf(cert: X509Certificate): number | undefined {
  const bc = extension(cert, OID.basicConstraints)?.parsedValue as
    pkijs.BasicConstraints | undefined;
  const v = bc?.pathLenConstraint;
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : v.valueBlock.valueDec;
}

const selfIssued = (c: X509Certificate) => c.subject === c.issuer;
const cn = (c: X509Certificate) => /CN=([^\n]+)/.exec(c.subject)?.[1] ?? c.subject;

/** Purpose checks on the end entity: what its key may be used for. */
function purposeProblems(leaf: X509Certificate, purpose: Purpose): string[] {
  const usage = keyUsageBits(leaf);
  const eku = extendedKeyUsage(leaf);
  const out: string[] = [];
  if (purpose === 'signing') {
    if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
      out.push('key usage allows neither digitalSignature nor nonRepudiation');
    }
    const serviceOnly = [OID.timeStamping, OID.ocspSigning, OID.serverAuth];
    if (eku && eku.length > 0 && eku.every((p) => serviceOnly.includes(p as never))) {
      out.push(`extended key usage ${eku.join(', ')} is for a service, not for signing documents`);
    }
  } else {
    const wanted = purpose === 'timestamping' ? OID.timeStamping : OID.ocspSigning;
    if (!eku?.includes(wanted)) out.push(`extended key usage lacks ${wanted}`);
    if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
      out.push('key usage lacks digitalSignature');
    }
  }
  return out;
}

/** pathLenConstraint (RFC 5280 6.1.4 (l), (m)) and critical extensions nobody here understands. */
function structureProblems(path: X509Certificate[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < path.length; i++) {
    const limit = pathLenOf(path[i]!);
    const below = path.slice(1, i).filter((c) => !selfIssued(c)).length;
    if (limit !== undefined && below > limit) {
      out.push(
        `${cn(path[i]!)} allows ${limit} intermediate CA(s) below it, the path has ${below}`,
      );
    }
  }
  for (const cert of path) {
    for (const ext of pkiCert(cert).extensions ?? []) {
      if (ext.critical && !UNDERSTOOD.has(ext.extnID)) {
        out.push(`${cn(cert)} has an unknown critical extension ${ext.extnID}`);
      }
    }
  }
  return out;
}

/**
 * PKI.js's RFC 5280 processing over an already built path. Validity periods are judged here at
 * the proven time (below), so the copies PKI.js sees are made valid at any time: its own time
 * check would otherwise stop before the constraint checks for an expired certificate.
 */
async function rfc5280(path: X509Certificate[], at: Date) {
  const key = path.map((c) => c.fingerprint256).join('|');
  const known = verdicts.get(key);
  if (known) return known;
  const copies = path.map((c) => {
    const p = pkijs.Certificate.fromBER(new Uint8Array(c.raw));
    p.notBefore.value = new Date(0);
    p.notAfter.value = new Date(8.6e15);
    return p;
  });
  const root = copies[copies.length - 1]!;
  const issuers = new Map<pkijs.Certificate, pkijs.Certificate>();
  for (let i = 0; i + 1 < copies.length; i++) issuers.set(copies[i]!, copies[i + 1]!);
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [root],
    certs: copies.slice(0, -1).reverse(), // PKI.js wants the leaf last
    checkDate: at,
    // The links were checked with Node's crypto when the path was built.
    findIssuer: (cert: pkijs.Certificate) =>
      Promise.resolve(cert === root ? [root] : issuers.has(cert) ? [issuers.get(cert)!] : []),
  });
  const verdict = await engine.verify();
  return remember(verdicts, key, {
    result: verdict.result,
    ...(verdict.resultMessage ? { resultMessage: verdict.resultMessage } : {}),
  });
}

export async function validatePath(
  leaf: X509Certificate,
  pool: X509Certificate[],
  anchors: X509Certificate[],
  at: Date,
  purpose: Purpose,
): Promise<PathResult> {
  const chain = buildChain(leaf, pool, anchors);
  const result: PathResult = { path: chain.path, trusted: chain.trusted, errors: [], details: [] };
  const problems = purposeProblems(leaf, purpose);
  if (problems.length) {
    result.errors.push('certificate-wrong-usage');
    result.details.push(...problems);
  }
  if (!chain.trusted) {
    result.errors.push('chain-untrusted');
    return result;
  }
  const anchor = chain.path[chain.path.length - 1]!;
  result.anchor = anchor;
  const constraints = structureProblems(chain.path);
  if (chain.path.length > 1) {
    try {
      const verdict = await rfc5280(chain.path, at);
      if (!verdict.result) constraints.push(verdict.resultMessage || 'RFC 5280 processing failed');
    } catch (e) {
      constraints.push(`RFC 5280 processing failed: ${String(e)}`);
    }
  }
  if (constraints.length) {
    result.errors.push('chain-constraints');
    result.details.push(...constraints);
  }
  for (const cert of chain.path) {
    if (at < new Date(cert.validFrom)) {
      result.errors.push('certificate-not-yet-valid');
      result.details.push(`${cn(cert)} is valid only from ${cert.validFrom}`);
    } else if (at > new Date(cert.validTo)) {
      result.errors.push('certificate-expired');
      result.details.push(`${cn(cert)} expired on ${cert.validTo}`);
    }
  }
  result.errors = [...new Set(result.errors)];
  return result;
}

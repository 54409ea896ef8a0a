// Who signed and whether that holds, at the right time. Timestamps come first: an RFC 3161
// token counts as proof of existence only when its imprint is right, its signature verifies
// and the TSA's certificate chains to a trusted root with id-kp-timeStamping (checked at the
// token's own time, revoked-before-then from the file's own data). The signer's path is then
// validated (pathValidation.ts) at the earliest proven time, else now, and each certificate's
// revocation status settled for that time (revocation.ts).
import type { X509Certificate } from 'node:crypto';
import { fingerprintOf } from '../trust/trustList';
import type { Evidence } from './dss';
import { validatePath } from './pathValidation';
import { checkRevocation } from './revocation';
import { RevocationFetcher } from './revocationFetch';
import { subjectName, type Working } from './signatureCore';

export interface TrustContext {
  anchors: X509Certificate[];
  evidence: Evidence;
  fetcher: RevocationFetcher;
  now: Date;
}

const offline = new RevocationFetcher({ online: false });

/** Whether a timestamp token may serve as proof of existence; records why not. */
export async function judgeTimestamp(
  w: Working,
  ctx: TrustContext,
): Promise<{ usable: boolean; errors: string[]; details: string[] }> {
  const tsa = w.timestampSigner;
  if (!w.timestamp?.valid || !tsa) return { usable: false, errors: [], details: [] };
  const at = new Date(w.timestamp.time);
  const pool = [...(w.timestampCertificates ?? []), ...ctx.evidence.certificates];
  const path = await validatePath(tsa, pool, ctx.anchors, at, 'timestamping');
  const errors = [...path.errors];
  const details = path.details.map((d) => `TSA: ${d}`);
  if (path.trusted && errors.length === 0 && path.path.length > 1) {
    // The TSA's revocation only from the file: a token is not worth a network round trip.
    const r = await checkRevocation(
      path.path[0]!,
      path.path[1]!,
      {
        evidence: ctx.evidence,
        pool,
        fetcher: offline,
        at,
        proven: true,
      },
      false,
    );
    if (r.finding.status === 'revoked') errors.push('ca-revoked');
  }
  w.timestamp.trusted = errors.length === 0;
  return { usable: errors.length === 0, errors, details };
}

function weakKey(cert: X509Certificate): boolean {
  const details = cert.publicKey.asymmetricKeyDetails;
  return cert.publicKey.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 4096) < 1900;
}

/** Path and revocation of one signature (or document timestamp) at `at`. */
export async function judgeSigner(
  w: Working,
  ctx: TrustContext,
  poe: Date | undefined,
  details: string[],
): Promise<void> {
  const signer = w.signerCert;
  if (!signer) return;
  const isTimestamp = w.kind === 'document-timestamp';
  const at = isTimestamp ? new Date(w.timestamp?.time ?? ctx.now) : (poe ?? ctx.now);
  w.validationTime = at.toISOString();
  const pool = [...w.certificates, ...ctx.evidence.certificates];
  const path = await validatePath(
    signer,
    pool,
    ctx.anchors,
    at,
    isTimestamp ? 'timestamping' : 'signing',
  );
  w.chain = path.path.map(subjectName);
  w.trusted = path.trusted;
  if (path.anchor)
    w.trustAnchor = { subject: subjectName(path.anchor), sha256: fingerprintOf(path.anchor) };
  w.errors.push(...path.errors);
  details.push(...path.details);
  if (weakKey(signer)) w.errors.push('weak-key');
  if (!path.trusted || path.errors.includes('chain-constraints')) return;
  const claimedAt = w.claimedSigningTime ? new Date(w.claimedSigningTime) : undefined;
  for (let i = 0; i + 1 < path.path.length; i++) {
    const r = await checkRevocation(
      path.path[i]!,
      path.path[i + 1]!,
      {
        evidence: ctx.evidence,
        pool,
        fetcher: isTimestamp ? offline : ctx.fetcher,
        at,
        proven: isTimestamp || poe !== undefined,
        ...(claimedAt ? { claimed: claimedAt } : {}),
      },
      i === 0 && !isTimestamp,
    );
    if (i === 0) {
      const { status, ...evidence } = r.finding;
      w.revocation = status;
      if (status !== 'none') w.revocationEvidence = evidence;
    }
    // A TSA's revocation is taken from the file only; its absence is not held against it.
    w.errors.push(
      ...(isTimestamp ? r.errors.filter((e) => e !== 'revocation-unavailable') : r.errors),
    );
    w.warnings.push(...r.warnings);
    details.push(...r.details.map((d) => `${subjectName(path.path[i]!)}: ${d}`));
  }
  if (w.revocation === 'good' && w.errors.includes('certificate-expired')) {
    // Known not revoked, only out of its validity period without proof of when it signed.
    w.errors.splice(w.errors.indexOf('certificate-expired'), 1, 'certificate-expired-not-revoked');
  }
}

/** Timestamps first, then every signature at its proven time. */
export async function judgeTrust(
  checked: Working[],
  ctx: TrustContext,
): Promise<Map<Working, string[]>> {
  const details = new Map<Working, string[]>(checked.map((w) => [w, []]));
  const usableDocTs: Working[] = [];
  for (const w of checked.filter((c) => c.kind === 'document-timestamp')) {
    await judgeSigner(w, ctx, undefined, details.get(w)!);
    if (w.timestamp) w.timestamp.trusted = w.trusted && w.errors.length === 0;
    if (w.cryptoValid && w.timestamp?.trusted) usableDocTs.push(w);
  }
  for (const w of checked.filter((c) => c.kind === 'signature')) {
    let poe: Date | undefined;
    if (w.timestampToken) {
      const ts = await judgeTimestamp(w, ctx);
      details.get(w)!.push(...ts.details);
      if (ts.usable) poe = new Date(w.timestamp!.time);
      else if (w.timestamp?.valid) w.warnings.push('timestamp-untrusted');
    }
    for (const d of usableDocTs) {
      const t = new Date(d.timestamp!.time);
      if (d.signedEnd > w.signedEnd && (!poe || t < poe)) poe = t;
    }
    await judgeSigner(w, ctx, poe, details.get(w)!);
  }
  return details;
}

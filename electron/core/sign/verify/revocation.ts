// Revocation status of each certificate of a validated path, at the time the path is checked
// at. Evidence in the file comes first (the DSS and its VRI entries, the CMS's revocation
// archive), then, when allowed, the certificate's OCSP responder and CRL distribution points.
// An answer counts only when it is authentic (ocspCheck.ts, crlCheck.ts) and fresh for that
// time: issued after it (proof the certificate was still good then), or current at it. With no
// such answer the outcome is INDETERMINATE / TRY_LATER, never passed. A CA certificate that
// names no revocation service is accepted as its issuer published it; an end entity must have
// an answer.
import type { X509Certificate } from 'node:crypto';
import { checkCrl } from './crlCheck';
import type { Evidence } from './dss';
import { checkOcsp } from './ocspCheck';
import type { RevocationFinding } from './report';
import { hasRevocationSource, type RevocationFetcher } from './revocationFetch';

export interface RevocationContext {
  evidence: Evidence;
  pool: X509Certificate[];
  fetcher: RevocationFetcher;
  /** The time the path is checked at. */
  at: Date;
  /** True when `at` is proven by a timestamp, false when it is simply now. */
  proven: boolean;
  /** The signing time the signer claims (signed attribute or /M). */
  claimed?: Date;
}

export interface RevocationCheck {
  finding: RevocationFinding;
  errors: string[];
  warnings: string[];
  details: string[];
}

const SKEW_MS = 10 * 60_000;
/** How long an answer without nextUpdate stays current. */
const CURRENT_MS = 24 * 3_600_000;

interface Answer {
  revoked: boolean;
  unknown?: boolean;
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  kind: 'ocsp' | 'crl';
  source: 'file' | 'online' | 'cache';
}

function freshFor(a: Answer, at: Date, proven: boolean): boolean {
  const t = at.getTime();
  const issued = a.thisUpdate.getTime();
  if (proven && issued >= t - SKEW_MS) return true;
  const until = a.nextUpdate?.getTime() ?? issued + CURRENT_MS;
  return issued <= t + SKEW_MS && t <= until + SKEW_MS;
}

function evaluate(
  ocsps: { body: Buffer; source: Answer['source'] }[],
  crls: { body: Buffer; source: Answer['source'] }[],
  cert: X509Certificate,
  issuer: X509Certificate,
  pool: X509Certificate[],
  details: string[],
): Answer[] {
  const out: Answer[] = [];
  for (const { body, source } of ocsps) {
    const r = checkOcsp(body, cert, issuer, pool);
    if ('problem' in r) {
      if (!/another certificate/.test(r.problem)) details.push(r.problem);
      continue;
    }
    const a = r.answer;
    out.push({
      revoked: a.status === 'revoked',
      unknown: a.status === 'unknown',
      ...(a.revokedAt ? { revokedAt: a.revokedAt } : {}),
      thisUpdate: a.thisUpdate,
      ...(a.nextUpdate ? { nextUpdate: a.nextUpdate } : {}),
      kind: 'ocsp',
      source,
    });
  }
  for (const { body, source } of crls) {
    const r = checkCrl(body, cert, issuer);
    if ('problem' in r) {
      if (!/another issuer/.test(r.problem)) details.push(r.problem);
      continue;
    }
    out.push({ ...r.answer, kind: 'crl', source });
  }
  return out;
}

function finding(a: Answer, status: RevocationFinding['status']): RevocationFinding {
  return {
    status,
    source: a.source,
    kind: a.kind,
    issuedAt: a.thisUpdate.toISOString(),
    ...(a.revokedAt ? { revokedAt: a.revokedAt.toISOString() } : {}),
  };
}

/** Decides from authentic answers; undefined when none settles the question. */
function decide(
  answers: Answer[],
  ctx: RevocationContext,
  isLeaf: boolean,
): RevocationCheck | undefined {
  const out = (f: RevocationFinding, errors: string[] = [], warnings: string[] = []) =>
    ({ finding: f, errors, warnings, details: [] }) as RevocationCheck;
  const revoked = answers.find((a) => a.revoked);
  if (revoked) {
    const when = revoked.revokedAt ?? revoked.thisUpdate;
    if (ctx.proven && when > ctx.at) {
      return out(finding(revoked, 'good'), [], ['revoked-after-signing']);
    }
    if (!isLeaf) return out(finding(revoked, 'revoked'), ['ca-revoked']);
    // The signer's own claimed time after the revocation admits it; otherwise the signature may
    // predate the revocation, but nothing proves it.
    const admitted = ctx.claimed !== undefined && ctx.claimed >= when;
    return out(finding(revoked, 'revoked'), [
      admitted ? 'certificate-revoked' : 'certificate-revoked-no-poe',
    ]);
  }
  const good = answers.find((a) => !a.unknown && freshFor(a, ctx.at, ctx.proven));
  if (good) return out(finding(good, 'good'));
  const unknown = answers.find((a) => a.unknown && freshFor(a, ctx.at, ctx.proven));
  if (unknown) return out(finding(unknown, 'unknown'), ['revocation-unknown']);
  return undefined;
}

export async function checkRevocation(
  cert: X509Certificate,
  issuer: X509Certificate,
  ctx: RevocationContext,
  isLeaf: boolean,
): Promise<RevocationCheck> {
  const details: string[] = [];
  const inFile = (items: Buffer[]) => items.map((body) => ({ body, source: 'file' as const }));
  let answers = evaluate(
    inFile(ctx.evidence.ocsps),
    inFile(ctx.evidence.crls),
    cert,
    issuer,
    ctx.pool,
    details,
  );
  let decided = decide(answers, ctx, isLeaf);
  if (!decided && ctx.fetcher.online && hasRevocationSource(cert)) {
    for (const fresh of [false, true]) {
      let usedCache = false;
      const tag = (list: { body: Buffer; cached: boolean }[]) =>
        list.map(({ body, cached }) => {
          usedCache ||= cached;
          return { body, source: cached ? ('cache' as const) : ('online' as const) };
        });
      answers = evaluate(
        tag(await ctx.fetcher.ocsp(cert, issuer, fresh)),
        [],
        cert,
        issuer,
        ctx.pool,
        details,
      );
      decided = decide(answers, ctx, isLeaf);
      if (!decided) {
        answers = evaluate(
          [],
          tag(await ctx.fetcher.crls(cert, fresh)),
          cert,
          issuer,
          ctx.pool,
          details,
        );
        decided = decide(answers, ctx, isLeaf);
      }
      // Only an answer from the cache that settled nothing deserves a second, uncached try.
      if (decided || !usedCache) break;
    }
  }
  if (decided) return { ...decided, details: [...details, ...decided.details] };
  if (!hasRevocationSource(cert)) {
    return isLeaf
      ? { finding: { status: 'none' }, errors: ['revocation-no-source'], warnings: [], details }
      : { finding: { status: 'none' }, errors: [], warnings: [], details };
  }
  return {
    finding: { status: 'none' },
    errors: ['revocation-unavailable'],
    warnings: [],
    details: [...details, ...ctx.fetcher.problems],
  };
}

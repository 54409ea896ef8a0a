// Outcomes as ETSI EN 319 102-1 states them. Every finding of the validator is a reason code;
// each code carries the indication it forces (or none: a note the clerk should read) and the
// standard sub-indication. A signature's indication is its most severe reason; the file's is
// the most severe of its signatures. Nothing but the absence of every error gives TOTAL_PASSED.

export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';
/** The file-level outcome also says when there is nothing to validate. */
export type FileIndication = Indication | 'NO_SIGNATURE';

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'NOT_YET_VALID'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'TRY_LATER'
  | 'NO_POE';

type Effect = { indication: Exclude<Indication, 'TOTAL_PASSED'>; sub: SubIndication };

const failed = (sub: SubIndication): Effect => ({ indication: 'TOTAL_FAILED', sub });
const unsure = (sub: SubIndication): Effect => ({ indication: 'INDETERMINATE', sub });

/**
 * What each error code means in ETSI terms. Codes not listed here are notes (warnings): they are
 * reported but never change the outcome.
 */
export const EFFECTS: Record<string, Effect> = {
  // The signature's own structure (byte range, CMS) and the document around it.
  'byte-range-malformed': failed('FORMAT_FAILURE'),
  'byte-range-outside-file': failed('FORMAT_FAILURE'),
  'byte-range-gap-not-signature': failed('FORMAT_FAILURE'),
  'contents-missing': failed('FORMAT_FAILURE'),
  'revision-not-covered': failed('FORMAT_FAILURE'),
  'cms-undecodable': failed('FORMAT_FAILURE'),
  'signer-info-count': failed('FORMAT_FAILURE'),
  'message-digest-missing': failed('FORMAT_FAILURE'),
  'content-type-missing': failed('FORMAT_FAILURE'),
  'encapsulated-content': failed('FORMAT_FAILURE'),
  'not-a-timestamp': failed('FORMAT_FAILURE'),
  'no-content': failed('FORMAT_FAILURE'),
  'structure-unreadable': failed('FORMAT_FAILURE'),
  'signature-dictionary-changed': failed('FORMAT_FAILURE'),
  'modified-after-signing': failed('FORMAT_FAILURE'),
  'certification-violated': failed('FORMAT_FAILURE'),
  'field-lock-violated': failed('FORMAT_FAILURE'),
  'annotation-overlay': failed('FORMAT_FAILURE'),
  'signature-removed': failed('FORMAT_FAILURE'),
  'digest-mismatch': failed('HASH_FAILURE'),
  'signature-mismatch': failed('SIG_CRYPTO_FAILURE'),
  // Who signed, and whether that can be trusted.
  'signer-certificate-missing': unsure('NO_SIGNING_CERTIFICATE_FOUND'),
  'signing-certificate-mismatch': unsure('NO_SIGNING_CERTIFICATE_FOUND'),
  'unsupported-digest': unsure('CRYPTO_CONSTRAINTS_FAILURE'),
  'unsupported-signature-algorithm': unsure('CRYPTO_CONSTRAINTS_FAILURE'),
  'weak-digest': unsure('CRYPTO_CONSTRAINTS_FAILURE_NO_POE'),
  'weak-key': unsure('CRYPTO_CONSTRAINTS_FAILURE_NO_POE'),
  'chain-untrusted': unsure('NO_CERTIFICATE_CHAIN_FOUND'),
  'chain-constraints': unsure('CHAIN_CONSTRAINTS_FAILURE'),
  'certificate-wrong-usage': unsure('CHAIN_CONSTRAINTS_FAILURE'),
  'certificate-not-yet-valid': failed('NOT_YET_VALID'),
  'certificate-expired': unsure('OUT_OF_BOUNDS_NO_POE'),
  'certificate-expired-not-revoked': unsure('OUT_OF_BOUNDS_NOT_REVOKED'),
  // Revocation.
  'certificate-revoked': failed('REVOKED'),
  'certificate-revoked-no-poe': unsure('REVOKED_NO_POE'),
  'ca-revoked': unsure('REVOKED_CA_NO_POE'),
  'revocation-unavailable': unsure('TRY_LATER'),
  'revocation-no-source': unsure('TRY_LATER'),
  'revocation-unknown': unsure('TRY_LATER'),
};

/** Within one indication, which sub-indication is reported first (most telling first). */
const ORDER: SubIndication[] = [
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'FORMAT_FAILURE',
  'REVOKED',
  'NOT_YET_VALID',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'CRYPTO_CONSTRAINTS_FAILURE',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'CHAIN_CONSTRAINTS_FAILURE',
  'REVOKED_NO_POE',
  'REVOKED_CA_NO_POE',
  'OUT_OF_BOUNDS_NO_POE',
  'OUT_OF_BOUNDS_NOT_REVOKED',
  'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  'SIG_CONSTRAINTS_FAILURE',
  'TRY_LATER',
  'NO_POE',
];

export interface Outcome {
  indication: Indication;
  subIndication?: SubIndication;
}

export const isError = (code: string): boolean => code in EFFECTS;

/** The outcome of one signature from its reason codes. */
export function decide(codes: readonly string[]): Outcome {
  const effects = codes.map((c) => EFFECTS[c]).filter((e): e is Effect => e !== undefined);
  for (const indication of ['TOTAL_FAILED', 'INDETERMINATE'] as const) {
    const subs = effects.filter((e) => e.indication === indication).map((e) => e.sub);
    if (subs.length) {
      const sub = ORDER.find((s) => subs.includes(s)) ?? subs[0]!;
      return { indication, subIndication: sub };
    }
  }
  return { indication: 'TOTAL_PASSED' };
}

const RANK: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

/** The most severe of several outcomes (the first one wins a tie). */
export function worstOutcome(outcomes: Outcome[]): Outcome | undefined {
  let worst: Outcome | undefined;
  for (const o of outcomes) if (!worst || RANK[o.indication] > RANK[worst.indication]) worst = o;
  return worst;
}

/** The word the earlier callers (archive viewer badge, scripts) know. */
export type Verdict = 'valid' | 'valid-with-warnings' | 'indeterminate' | 'invalid';

export function verdictOf(outcome: Outcome, warnings: readonly string[]): Verdict {
  if (outcome.indication === 'TOTAL_FAILED') return 'invalid';
  if (outcome.indication === 'INDETERMINATE') return 'indeterminate';
  return warnings.length ? 'valid-with-warnings' : 'valid';
}

/** `sohoa verify`'s exit code: 0 passed, 1 indeterminate, 3 failed or not signed. */
export function exitCodeOf(indication: FileIndication): number {
  return indication === 'TOTAL_PASSED' ? 0 : indication === 'INDETERMINATE' ? 1 : 3;
}

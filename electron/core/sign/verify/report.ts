// The shape of a validation report: what `sohoa verify --json` prints and what the archive
// viewer localizes. Every signature carries its ETSI EN 319 102-1 indication and the reason
// codes behind it (reportText.ts has the sentences).
import type { X509Certificate } from 'node:crypto';
import type { TrustList } from '../trust/trustList';
import type { ChangeClass } from './changes';
import type { FileIndication, Indication, SubIndication, Verdict } from './indication';
import type { RevocationOptions } from './revocationFetch';

export interface RevocationFinding {
  status: 'good' | 'revoked' | 'unknown' | 'none';
  /** Where the deciding answer came from. */
  source?: 'file' | 'online' | 'cache';
  kind?: 'ocsp' | 'crl';
  /** ISO 8601. */
  revokedAt?: string;
  /** ISO 8601: when the deciding answer was issued. */
  issuedAt?: string;
}

export interface SignatureReport {
  field: string;
  kind: 'signature' | 'document-timestamp';
  subFilter: string;
  byteRange?: number[];
  /** Byte range well formed, its gap is the signature, and the digest matches. */
  intact: boolean;
  coversWholeRevision: boolean;
  coversWholeFile: boolean;
  /** The signature value verifies with the signer's key. */
  cryptoValid: boolean;
  digestAlgorithm?: string;
  signatureAlgorithm?: string;
  signer?: string;
  signerSubject?: string;
  /** Subjects from the signer up, as far as known. */
  chain: string[];
  /** The chain reaches a trust anchor (whatever else is wrong with it). */
  trusted: boolean;
  /** The anchor's subject and SHA-256 fingerprint when the chain reaches one. */
  trustAnchor?: { subject: string; sha256: string };
  /** ISO 8601; from /M or the signing-time attribute (claimed, not proven). */
  claimedSigningTime?: string;
  timestamp?: { time: string; valid: boolean; tsa?: string; trusted?: boolean };
  /** ISO 8601: the time the certificates were checked at (a proven signing time, else now). */
  validationTime?: string;
  level: string;
  changesAfter: ChangeClass;
  changeDetails: string[];
  /** The signer's certificate's revocation status at the validation time. */
  revocation?: RevocationFinding['status'];
  /** Where that status came from. */
  revocationEvidence?: Omit<RevocationFinding, 'status'>;
  /** A certification signature's DocMDP permission (1 no changes, 2 forms, 3 + annotations). */
  certification?: number;
  /** Codes of what keeps it from TOTAL_PASSED (see indication.ts). */
  errors: string[];
  /** Codes of what deserves attention without changing the outcome. */
  warnings: string[];
  /** What exactly the certificate and revocation checks found, in English (for IT). */
  details: string[];
  indication: Indication;
  subIndication?: SubIndication;
  /** The earlier callers' word for the outcome. */
  verdict: Verdict;
}

export interface VerifyReport {
  indication: FileIndication;
  subIndication?: SubIndication;
  verdict: Verdict | 'unsigned';
  signatures: SignatureReport[];
  /** File-level problems (unreadable structure, encryption). */
  errors: string[];
  elapsedMs: number;
}

export interface VerifyOptions {
  /** Extra anchors on top of the trust list (a `--trust` folder, a test PKI). */
  trustAnchors?: X509Certificate[];
  /** The loaded trust list (shipped roots, machine configuration, the user's edits). */
  trustList?: TrustList;
  /** Online OCSP/CRL and their cache; off unless asked for. */
  revocation?: RevocationOptions;
  /** Work and time limits for hostile files (default 2.5 s of reading). */
  timeLimitMs?: number;
  /** "Now" for the checks (tests); default the clock. */
  now?: Date;
}

// The signing stage's interface. Key sources (PKCS#12 file, PKCS#11 token, later the Windows
// certificate store) all look the same to the signer: a chain and a sign() that never exposes
// the private key.
import type { SignatureSummary } from '../../../shared/contract';

export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512';

export interface KeySource {
  /** Human-readable label for logs and errors (never secret). */
  readonly label: string;
  /** DER certificates, signer's certificate first, then its issuers as far as known. */
  certificateChain(): Promise<Buffer[]>;
  /** Signs `data` (the DER of the signed attributes) with RSA PKCS#1 v1.5 over `digest`. */
  sign(data: Buffer, digest: DigestAlgorithm): Promise<Buffer>;
}

export interface AgencyMarkAppearance {
  kind: 'agency';
  /** Agency name as it is printed in the mark. */
  agencyName: string;
  /** "SAO Y", "SAO LỤC", "TRÍCH SAO" where the file is a copy. */
  copyType?: string;
  /** True for the generated demo certificate: the mark says it has no legal value. */
  demo: boolean;
}

export interface SignOptions {
  keySource: KeySource;
  signingTime: Date;
  appearance: AgencyMarkAppearance;
  reason?: string;
  location?: string;
  /** The file's name as the clerk knows it, for error messages (never a full path). */
  fileName?: string;
}

export interface SignResult {
  bytes: Uint8Array;
  summary: SignatureSummary;
}

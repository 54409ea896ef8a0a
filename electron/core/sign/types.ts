// The signing stage's interface. Key sources (PKCS#12 file, PKCS#11 token, later the Windows
// certificate store) all look the same to the signer: a chain and a sign() that never exposes
// the private key.
import type { SignatureSummary } from '../../../shared/contract';

export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512';

/**
 * How the key signs. RSA keys sign with PKCS#1 v1.5 unless RSASSA-PSS is asked for; EC keys
 * (P-256 on today's tokens) always use ECDSA.
 */
export type SignatureScheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa';

export interface KeySource {
  /** Human-readable label for logs and errors (never secret). */
  readonly label: string;
  /** DER certificates, signer's certificate first, then its issuers as far as known. */
  certificateChain(): Promise<Buffer[]>;
  /**
   * Signs `data` (the DER of the signed attributes): hashes it with `digest` and signs with
   * `scheme` (default: rsa-pkcs1 for RSA keys, ecdsa for EC keys). ECDSA signatures come back
   * DER-encoded (SEQUENCE { r, s }), as CMS carries them. RSASSA-PSS uses MGF1 with the same
   * hash and a salt as long as the hash.
   */
  sign(data: Buffer, digest: DigestAlgorithm, scheme?: SignatureScheme): Promise<Buffer>;
  /** Releases a token session; a no-op for files. */
  close?(): Promise<void>;
}

export interface AgencyMarkAppearance {
  kind: 'agency';
  /** Agency name as it is printed in the mark. */
  agencyName: string;
  /** "SAO Y", "SAO LỤC", "TRÍCH SAO" where the file is a copy. */
  copyType?: string;
  /** True for the generated demo certificate: the mark says it has no legal value. */
  demo: boolean;
  /**
   * Where the mark goes: page (0-based, default the first) and its top-left corner in points
   * from the page's bottom-left; default top right of page 1, about 1 cm from the edges.
   */
  position?: { page?: number; x: number; y: number };
}

/** ND 30/2020 Phụ lục I: the signer's handwritten-signature image with the seal over its left third. */
export interface SignerAppearance {
  kind: 'signer';
  /** PNG of the signature (blue ink). */
  signatureImage: Uint8Array;
  /** PNG of the seal (red); overlaps the left third of the signature image. */
  sealImage?: Uint8Array;
  /** Signer's name and title as printed under the images. */
  signerName: string;
  signerTitle?: string;
  /** Page (0-based, default the last) and box [x, y, width, height] in points; default bottom right. */
  page?: number;
  rect?: [number, number, number, number];
  demo: boolean;
}

export type Appearance = AgencyMarkAppearance | SignerAppearance;

/** Which trust anchors and checks apply before signing. */
export interface CertificatePolicy {
  /** DER trust anchors; when given, the signer's chain must reach one of them. */
  trustAnchors?: Buffer[];
}

export interface SignOptions {
  keySource: KeySource;
  signingTime: Date;
  appearance: AgencyMarkAppearance | SignerAppearance;
  reason?: string;
  location?: string;
  /** The file's name as the clerk knows it, for error messages (never a full path). */
  fileName?: string;
  /** Default sha256. */
  digest?: DigestAlgorithm;
  /** RSA keys only: PKCS#1 v1.5 (default) or RSASSA-PSS. */
  rsaPadding?: 'pkcs1' | 'pss';
  /** Default ETSI.CAdES.detached (PAdES); adbe.pkcs7.detached for old readers. */
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** Trust anchors for the pre-sign chain check. */
  policy?: CertificatePolicy;
  /** RFC 3161 time-stamping authority: makes the signature PAdES B-T. */
  tsaUrl?: string;
  /** B-LT: fetch OCSP responses for the chain and add a DSS in a second incremental update. */
  addValidationData?: boolean;
  /**
   * Make this a certification signature (the file's first) with this DocMDP level: 1 no
   * change, 2 form filling and signing, 3 also annotations.
   */
  certification?: 1 | 2 | 3;
  /** Form fields this signature locks (FieldMDP Include). */
  lockFields?: string[];
}

export interface SignResult {
  bytes: Uint8Array;
  summary: SignatureSummary;
}

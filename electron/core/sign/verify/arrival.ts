// What a signature found in a received file proves on its own, before the desk's trust list and
// revocation are consulted: the bytes are exactly what the signer's key signed, covering the
// revision it claims, with nothing but later signatures added since. A signature that fails any of
// these is never shown as signed, whoever it names: a forged or modified file is never called valid.
import type { SignatureReport } from './report';

type ArrivalFinding = Partial<
  Pick<
    SignatureReport,
    | 'kind'
    | 'intact'
    | 'cryptoValid'
    | 'coversWholeRevision'
    | 'changesAfter'
    | 'indication'
    | 'subIndication'
  >
>;

/** True only for a signature whose file evidence holds (trust is the viewer's later check). */
export function signatureHoldsOnArrival(s: ArrivalFinding): boolean {
  return (
    s.kind === 'signature' &&
    s.intact === true &&
    s.cryptoValid === true &&
    s.coversWholeRevision === true &&
    (s.changesAfter === 'none' || s.changesAfter === 'signatures') &&
    // Indeterminate is what an untrusted or unchecked chain gives offline; a certificate not
    // bound to the signature is not, as the name shown would then be anyone's.
    (s.indication === 'TOTAL_PASSED' ||
      (s.indication === 'INDETERMINATE' && s.subIndication !== 'NO_SIGNING_CERTIFICATE_FOUND'))
  );
}

// A detached CMS SignedData signed with Ed448 (RFC 8419: message digest by SHAKE256 with 512
// bits of output, id-shake256-len), written by hand because the OpenSSL on the test machines
// does not sign CMS with EdDSA. The validator must verify it, or at worst call it
// INDETERMINATE: never invalid.
import { X509Certificate, createHash, createPrivateKey, sign } from 'node:crypto';
import fs from 'node:fs';
import forge from 'node-forge';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
type Node = forge.asn1.Asn1;

const seq = (v: Node[]) => asn1.create(U, T.SEQUENCE, true, v);
const set = (v: Node[]) => asn1.create(U, T.SET, true, v);
const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(U, T.OCTETSTRING, false, b.toString('binary'));
const int = (n: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const ctx = (tag: number, v: Node[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, v);
const fromDer = (b: Buffer) => asn1.fromDer(b.toString('binary'));
const toDer = (n: Node) => Buffer.from(asn1.toDer(n).getBytes(), 'binary');

export function ed448Cms(
  content: Buffer,
  certPath: string,
  keyPath: string,
  extra: string[],
): Buffer {
  const cert = new X509Certificate(fs.readFileSync(certPath));
  const tbs = (fromDer(cert.raw).value as Node[])[0]!.value as Node[];
  const issuer = tbs[3]!;
  const serial = tbs[1]!;
  const shake = seq([oid('2.16.840.1.101.3.4.2.18'), int(512)]);
  const digest = createHash('shake256', { outputLength: 64 }).update(content).digest();
  const attrs = [
    seq([oid('1.2.840.113549.1.9.3'), set([oid('1.2.840.113549.1.7.1')])]),
    seq([oid('1.2.840.113549.1.9.4'), set([octets(digest)])]),
  ];
  const signature = sign(null, toDer(set(attrs)), createPrivateKey(fs.readFileSync(keyPath)));
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    shake,
    ctx(0, attrs),
    seq([oid('1.3.101.113')]),
    octets(signature),
  ]);
  const certs = [cert.raw, ...extra.map((p) => new X509Certificate(fs.readFileSync(p)).raw)];
  const signedData = seq([
    int(1),
    set([shake]),
    seq([oid('1.2.840.113549.1.7.1')]),
    ctx(0, certs.map(fromDer)),
    set([signerInfo]),
  ]);
  return toDer(seq([oid('1.2.840.113549.1.7.2'), ctx(0, [signedData])]));
}

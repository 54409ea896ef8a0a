// A real PKCS#11 token for the tests: SoftHSM2 (Debian `softhsm2`) with a fresh token in a temp
// folder. Keys are generated ON the token (sensitive, not extractable) and only their public
// halves come out, to be certified by the test PKI and stored back as certificate objects.
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
// Default import: the constants are attached at run time, so ESM named imports miss them.
import pkcs11js from 'pkcs11js';
import forge from 'node-forge';
import { run } from './tools';

export const SOFTHSM_MODULE = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
].find((p) => fs.existsSync(p));
export const TOKEN_LABEL = 'Sohoa test token';
export const USER_PIN = '246810';

/** Points SoftHSM at a private token folder; must run before the module is first initialized. */
export function initToken(dir: string): void {
  if (!SOFTHSM_MODULE)
    throw new Error('SoftHSM2 is not installed (CI installs softhsm2: see .ci/run)');
  fs.mkdirSync(path.join(dir, 'tokens'), { recursive: true });
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(
    conf,
    `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  process.env.SOFTHSM2_CONF = conf;
  const r = run('softhsm2-util', [
    '--init-token',
    '--free',
    '--label',
    TOKEN_LABEL,
    '--so-pin',
    '13579',
    '--pin',
    USER_PIN,
  ]);
  if (r.status !== 0) throw new Error(`softhsm2-util failed: ${r.stderr}`);
}

export interface TokenSession {
  lib: pkcs11js.PKCS11;
  session: Buffer;
  close(): void;
}

export function openTokenSession(): TokenSession {
  const lib = new pkcs11js.PKCS11();
  lib.load(SOFTHSM_MODULE!);
  try {
    lib.C_Initialize();
  } catch (e) {
    if (!/ALREADY_INITIALIZED/.test(String(e))) throw e;
  }
  const slot = lib
    .C_GetSlotList(true)
    .find((s) => lib.C_GetTokenInfo(s).label.trim() === TOKEN_LABEL);
  if (!slot) throw new Error('test token not found');
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  try {
    lib.C_Login(session, pkcs11js.CKU_USER, USER_PIN);
  } catch (e) {
    if (!/ALREADY_LOGGED_IN/.test(String(e))) throw e;
  }
  return { lib, session, close: () => lib.C_CloseSession(session) };
}

const P256_OID_DER = Buffer.from('06082a8648ce3d030107', 'hex');

/** Generates a key pair on the token; returns the public key as PEM. */
export function generateKeyOnToken(
  t: TokenSession,
  label: string,
  id: Buffer,
  type: 'rsa' | 'ec',
): string {
  const { lib, session } = t;
  const common = [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: id },
  ];
  const privateTemplate = [
    ...common,
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_SIGN, value: true },
  ];
  if (type === 'rsa') {
    const keys = lib.C_GenerateKeyPair(
      session,
      { mechanism: pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
      [
        ...common,
        { type: pkcs11js.CKA_VERIFY, value: true },
        { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
        { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
      ],
      privateTemplate,
    );
    const [n, e] = lib.C_GetAttributeValue(session, keys.publicKey, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ]);
    const key = createPublicKey({
      key: {
        kty: 'RSA',
        n: n!.value.toString('base64url'),
        e: e!.value.toString('base64url'),
      },
      format: 'jwk',
    });
    return key.export({ type: 'spki', format: 'pem' }).toString();
  }
  const keys = lib.C_GenerateKeyPair(
    session,
    { mechanism: pkcs11js.CKM_EC_KEY_PAIR_GEN },
    [
      ...common,
      { type: pkcs11js.CKA_VERIFY, value: true },
      { type: pkcs11js.CKA_EC_PARAMS, value: P256_OID_DER },
    ],
    privateTemplate,
  );
  const [point] = lib.C_GetAttributeValue(session, keys.publicKey, [
    { type: pkcs11js.CKA_EC_POINT },
  ]);
  // CKA_EC_POINT is a DER OCTET STRING around the uncompressed point 04 || x || y.
  const raw = point!.value;
  const q = raw[0] === 0x04 && raw.length === 67 ? raw.subarray(2) : raw;
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: q.subarray(1, 33).toString('base64url'),
      y: q.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** Stores a certificate on the token next to the key with the same CKA_ID. */
export function storeCertificate(t: TokenSession, label: string, id: Buffer, der: Buffer): void {
  // SoftHSM insists on CKA_SUBJECT: the DER of the certificate's subject Name.
  const tbs = forge.asn1.fromDer(der.toString('binary')).value[0] as forge.asn1.Asn1;
  const fields = tbs.value as forge.asn1.Asn1[];
  const offset = fields[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const subject = Buffer.from(forge.asn1.toDer(fields[offset + 4]!).getBytes(), 'binary');
  t.lib.C_CreateObject(t.session, [
    { type: pkcs11js.CKA_SUBJECT, value: subject },
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_VALUE, value: der },
  ]);
}

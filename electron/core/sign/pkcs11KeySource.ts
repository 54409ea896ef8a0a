// A key source on a PKCS#11 token (the USB tokens Vietnamese CAs issue, SoftHSM2 in tests).
// The private key never leaves the token: we find it by label (or take the only one), read the
// certificate stored next to it (same CKA_ID), and ask the token to sign. The PIN is used for
// C_Login and not kept.
import { X509Certificate, createHash } from 'node:crypto';
import path from 'node:path';
// Default import: the constants are attached at run time, so ESM named imports miss them.
import pkcs11js, { type RsaPSS } from 'pkcs11js';
import { SohoaError } from '../../../shared/errors';
import { ecdsaRawToDer } from './algorithms';
import { buildChain } from './chain';
import type { PinPrompt } from '../host/types';
import type { DigestAlgorithm, KeySource, SignatureScheme } from './types';

export interface Pkcs11Options {
  /** Path of the vendor's PKCS#11 library (.so / .dll / .dylib). */
  modulePath: string;
  /** Token label; default the first slot with a token. */
  tokenLabel?: string;
  /** Private key label; default the first key that has a certificate. */
  keyLabel?: string;
  /** A fixed PIN (the CLI's SOHOA_PIN): checked when the source opens, never retried. */
  pin?: string;
  /** Asks the clerk (the app's main process) when the token must log in; wins over `pin`. */
  askPin?: PinPrompt;
}

// One loaded, initialized module per path for the whole process: C_Initialize may only run once
// per library, and several signatures in a session reuse it.
const modules = new Map<string, pkcs11js.PKCS11>();

function loadModule(modulePath: string): pkcs11js.PKCS11 {
  const existing = modules.get(modulePath);
  if (existing) return existing;
  const lib = new pkcs11js.PKCS11();
  lib.load(modulePath);
  try {
    lib.C_Initialize();
  } catch (e) {
    if (!/CKR_CRYPTOKI_ALREADY_INITIALIZED/.test(String(e))) throw e;
  }
  modules.set(modulePath, lib);
  return lib;
}

const PKCS1_MECHANISMS: Record<DigestAlgorithm, number> = {
  sha256: pkcs11js.CKM_SHA256_RSA_PKCS,
  sha384: pkcs11js.CKM_SHA384_RSA_PKCS,
  sha512: pkcs11js.CKM_SHA512_RSA_PKCS,
};
const PSS_MECHANISMS: Record<DigestAlgorithm, [number, number, number, number]> = {
  sha256: [pkcs11js.CKM_SHA256_RSA_PKCS_PSS, pkcs11js.CKM_SHA256, pkcs11js.CKG_MGF1_SHA256, 32],
  sha384: [pkcs11js.CKM_SHA384_RSA_PKCS_PSS, pkcs11js.CKM_SHA384, pkcs11js.CKG_MGF1_SHA384, 48],
  sha512: [pkcs11js.CKM_SHA512_RSA_PKCS_PSS, pkcs11js.CKM_SHA512, pkcs11js.CKG_MGF1_SHA512, 64],
};

function findAll(lib: pkcs11js.PKCS11, session: Buffer, template: pkcs11js.Template): Buffer[] {
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, 64);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function attribute(lib: pkcs11js.PKCS11, session: Buffer, handle: Buffer, type: number): Buffer {
  const [attr] = lib.C_GetAttributeValue(session, handle, [{ type }]);
  return Buffer.from(attr?.value ?? Buffer.alloc(0));
}

function pickSlot(lib: pkcs11js.PKCS11, tokenLabel: string | undefined): Buffer {
  for (const slot of lib.C_GetSlotList(true)) {
    const label = lib.C_GetTokenInfo(slot).label.trim();
    if (tokenLabel === undefined || label === tokenLabel) return slot;
  }
  throw new SohoaError('TOKEN_NOT_FOUND', tokenLabel ?? path.basename(''));
}

export function openPkcs11(options: Pkcs11Options): Promise<KeySource> {
  const tokenName = options.tokenLabel ?? path.basename(options.modulePath);
  let lib: pkcs11js.PKCS11;
  try {
    lib = loadModule(options.modulePath);
  } catch (cause) {
    return Promise.reject(new SohoaError('TOKEN_NOT_FOUND', tokenName, { cause }));
  }
  let session: Buffer | undefined;
  try {
    const slot = pickSlot(lib, options.tokenLabel);
    session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      lib.C_Login(session, pkcs11js.CKU_USER, options.pin ?? '');
    } catch (e) {
      if (/CKR_PIN_INCORRECT|CKR_PIN_LEN_RANGE|CKR_PIN_LOCKED/.test(String(e))) {
        throw new SohoaError('TOKEN_PIN_INCORRECT', tokenName, { cause: e });
      }
      if (!/CKR_USER_ALREADY_LOGGED_IN/.test(String(e))) throw e;
    }
    const keyTemplate: pkcs11js.Template = [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    ];
    if (options.keyLabel) keyTemplate.push({ type: pkcs11js.CKA_LABEL, value: options.keyLabel });
    const certificates = findAll(lib, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    ]).map((handle) => ({
      id: attribute(lib, session!, handle, pkcs11js.CKA_ID),
      cert: new X509Certificate(attribute(lib, session!, handle, pkcs11js.CKA_VALUE)),
    }));
    let key: Buffer | undefined;
    let leaf: X509Certificate | undefined;
    for (const handle of findAll(lib, session, keyTemplate)) {
      const id = attribute(lib, session, handle, pkcs11js.CKA_ID);
      const match = certificates.find((c) => c.id.length > 0 && c.id.equals(id));
      if (match) {
        key = handle;
        leaf = match.cert;
        break;
      }
    }
    if (!key || !leaf) throw new SohoaError('TOKEN_KEY_NOT_FOUND', tokenName);
    const chain = buildChain(
      leaf,
      certificates.map((c) => c.cert).filter((c) => c !== leaf),
      [],
    ).path.map((c) => c.raw);
    const keyType = leaf.publicKey.asymmetricKeyType;
    const openSession = session;
    const signKey = key;
    return Promise.resolve<KeySource>({
      label: tokenName,
      certificateChain: () => Promise.resolve(chain.map((der) => Buffer.from(der))),
      sign(data: Buffer, digest: DigestAlgorithm, scheme?: SignatureScheme) {
        try {
          const out = Buffer.alloc(1024);
          if (keyType === 'ec') {
            // Tokens differ in which ECDSA-with-hash mechanisms they offer; plain CKM_ECDSA over
            // a hash we compute is universal, and the hash of public data reveals nothing.
            const hash = createHash(digest).update(data).digest();
            lib.C_SignInit(openSession, { mechanism: pkcs11js.CKM_ECDSA }, signKey);
            return Promise.resolve(ecdsaRawToDer(Buffer.from(lib.C_Sign(openSession, hash, out))));
          }
          if (scheme === 'rsa-pss') {
            const [mechanism, hashAlg, mgf, saltLen] = PSS_MECHANISMS[digest];
            const parameter: RsaPSS = { type: pkcs11js.CK_PARAMS_RSA_PSS, hashAlg, mgf, saltLen };
            lib.C_SignInit(openSession, { mechanism, parameter }, signKey);
          } else {
            lib.C_SignInit(openSession, { mechanism: PKCS1_MECHANISMS[digest] }, signKey);
          }
          return Promise.resolve(Buffer.from(lib.C_Sign(openSession, data, out)));
        } catch (cause) {
          return Promise.reject(new SohoaError('KEY_UNAVAILABLE', tokenName, { cause }));
        }
      },
      close() {
        try {
          lib.C_Logout(openSession);
        } catch {
          // already logged out or the token was pulled: nothing left to release
        }
        try {
          lib.C_CloseSession(openSession);
        } catch {
          // same
        }
        return Promise.resolve();
      },
    });
  } catch (cause) {
    if (session) {
      try {
        lib.C_CloseSession(session);
      } catch {
        // the session is useless either way
      }
    }
    if (cause instanceof SohoaError) return Promise.reject(cause);
    return Promise.reject(new SohoaError('TOKEN_NOT_FOUND', tokenName, { cause }));
  }
}

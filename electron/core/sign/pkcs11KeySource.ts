// A key source on a PKCS#11 token (the USB tokens Vietnamese CAs issue, SoftHSM2 in tests).
// The private key never leaves the token: we find it by label (or take the only one), read the
// certificate stored next to it (same CKA_ID), and ask the token to sign.
//
// The token logs in when a signature needs it, not when the source opens: the PIN is asked then
// (`askPin`, the app's main process window; host/pinLogin.ts has the retry policy), or a fixed
// PIN is used (`pin`, the CLI's SOHOA_PIN, checked at open so a wrong one fails before any work).
// What is kept is the logged-in session, in memory: the next signature asks nothing while it
// lasts. When the token logs out, is pulled out or the session breaks, the session is dropped and
// the next signature asks again. The PIN itself is kept (with the session) only for a key that
// demands it at every signature (CKA_ALWAYS_AUTHENTICATE).
import { X509Certificate, createHash } from 'node:crypto';
import path from 'node:path';
// Default import: the constants are attached at run time, so ESM named imports miss them.
import pkcs11js, { type RsaPSS } from 'pkcs11js';
import { SohoaError } from '../../../shared/errors';
import { loginWithPin, type LoginResult, type PinState } from '../host/pinLogin';
import type { PinPrompt } from '../host/types';
import { ecdsaRawToDer } from './algorithms';
import { buildChain } from './chain';
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
  /** Wrong PINs asked for in one signing before giving up (default 3). */
  maxPinAttempts?: number;
}

// PKCS#11 session states (pkcs11js does not export them).
const CKS_RO_USER_FUNCTIONS = 1;
const CKS_RW_USER_FUNCTIONS = 3;

/** Errors that mean the session is gone (token pulled out, logged out, library reset). */
const SESSION_LOST =
  /CKR_SESSION_HANDLE_INVALID|CKR_SESSION_CLOSED|CKR_DEVICE_REMOVED|CKR_TOKEN_NOT_PRESENT|CKR_USER_NOT_LOGGED_IN|CKR_DEVICE_ERROR|CKR_TOKEN_NOT_RECOGNIZED/;

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

function pickSlot(lib: pkcs11js.PKCS11, tokenLabel: string | undefined, name: string): Buffer {
  for (const slot of lib.C_GetSlotList(true)) {
    const label = lib.C_GetTokenInfo(slot).label.trim();
    if (tokenLabel === undefined || label === tokenLabel) return slot;
  }
  throw new SohoaError('TOKEN_NOT_FOUND', name);
}

function pinState(lib: pkcs11js.PKCS11, slot: Buffer): PinState {
  const flags = lib.C_GetTokenInfo(slot).flags;
  return {
    finalTry: (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
    locked: (flags & pkcs11js.CKF_USER_PIN_LOCKED) !== 0,
  };
}

function isLoggedIn(lib: pkcs11js.PKCS11, session: Buffer): boolean {
  const { state } = lib.C_GetSessionInfo(session);
  return state === CKS_RO_USER_FUNCTIONS || state === CKS_RW_USER_FUNCTIONS;
}

function closeQuietly(lib: pkcs11js.PKCS11, session: Buffer): void {
  try {
    lib.C_CloseSession(session);
  } catch {
    // already closed, or the token was pulled out: nothing left to release
  }
}

/** A logged-in session with the key found on it. */
interface Ready {
  session: Buffer;
  key: Buffer;
  leaf: X509Certificate;
  chain: Buffer[];
  /** Kept only while logged in, and only for keys that want it at every signature. */
  contextPin: string | null;
}

/** The private key (by label, if given) whose certificate is on the token, with its chain. */
function findKey(l: pkcs11js.PKCS11, s: Buffer, keyLabel: string | undefined, tokenName: string) {
  const keyTemplate: pkcs11js.Template = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
  ];
  if (keyLabel) keyTemplate.push({ type: pkcs11js.CKA_LABEL, value: keyLabel });
  const certificates = findAll(l, s, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
  ]).map((handle) => ({
    id: attribute(l, s, handle, pkcs11js.CKA_ID),
    cert: new X509Certificate(attribute(l, s, handle, pkcs11js.CKA_VALUE)),
  }));
  for (const handle of findAll(l, s, keyTemplate)) {
    const id = attribute(l, s, handle, pkcs11js.CKA_ID);
    const match = certificates.find((c) => c.id.length > 0 && c.id.equals(id));
    if (match) {
      const chain = buildChain(
        match.cert,
        certificates.map((c) => c.cert).filter((c) => c !== match.cert),
        [],
      ).path.map((c) => Buffer.from(c.raw));
      return { key: handle, leaf: match.cert, chain };
    }
  }
  throw new SohoaError('TOKEN_KEY_NOT_FOUND', tokenName);
}

function signOnce(
  l: pkcs11js.PKCS11,
  r: Ready,
  data: Buffer,
  digest: DigestAlgorithm,
  scheme?: SignatureScheme,
): Buffer {
  const out = Buffer.alloc(1024);
  const start = (mechanism: pkcs11js.Mechanism) => {
    l.C_SignInit(r.session, mechanism, r.key);
    // A key that wants its PIN at every signature (CKA_ALWAYS_AUTHENTICATE) gets it here.
    if (r.contextPin !== null) l.C_Login(r.session, pkcs11js.CKU_CONTEXT_SPECIFIC, r.contextPin);
  };
  if (r.leaf.publicKey.asymmetricKeyType === 'ec') {
    // Tokens differ in which ECDSA-with-hash mechanisms they offer; plain CKM_ECDSA over a
    // hash we compute is universal, and the hash of public data reveals nothing.
    const hash = createHash(digest).update(data).digest();
    start({ mechanism: pkcs11js.CKM_ECDSA });
    return ecdsaRawToDer(Buffer.from(l.C_Sign(r.session, hash, out)));
  }
  if (scheme === 'rsa-pss') {
    const [mechanism, hashAlg, mgf, saltLen] = PSS_MECHANISMS[digest];
    const parameter: RsaPSS = { type: pkcs11js.CK_PARAMS_RSA_PSS, hashAlg, mgf, saltLen };
    start({ mechanism, parameter });
  } else {
    start({ mechanism: PKCS1_MECHANISMS[digest] });
  }
  return Buffer.from(l.C_Sign(r.session, data, out));
}

/** Logs `session` in with the PIN (given, or asked of the clerk); returns the PIN that worked. */
async function loginSession(
  l: pkcs11js.PKCS11,
  slot: Buffer,
  session: Buffer,
  tokenName: string,
  options: Pkcs11Options,
): Promise<string | null> {
  let pin: string | null = null;
  await loginWithPin(
    {
      tokenLabel: tokenName,
      pinState: () => pinState(l, slot),
      login(candidate): LoginResult {
        try {
          l.C_Login(session, pkcs11js.CKU_USER, candidate);
          pin = candidate;
          return 'ok';
        } catch (e) {
          const text = String(e);
          if (/CKR_USER_ALREADY_LOGGED_IN/.test(text)) return 'ok';
          if (/CKR_PIN_LOCKED/.test(text)) return 'locked';
          if (/CKR_PIN_INCORRECT|CKR_PIN_LEN_RANGE|CKR_PIN_INVALID/.test(text)) return 'incorrect';
          throw e;
        }
      },
    },
    {
      ...(options.askPin ? { askPin: options.askPin } : {}),
      // An empty PIN is no PIN (SOHOA_PIN unset): never spend a try on it.
      ...(options.pin ? { pin: options.pin } : {}),
      ...(options.maxPinAttempts ? { maxAttempts: options.maxPinAttempts } : {}),
    },
  );
  return pin;
}

export async function openPkcs11(options: Pkcs11Options): Promise<KeySource> {
  const tokenName = options.tokenLabel ?? path.basename(options.modulePath);
  let lib: pkcs11js.PKCS11 | undefined;
  let ready: Ready | null = null;
  let pending: Promise<Ready> | null = null;
  /** The certificate the first signature used: a different token later is refused, not used. */
  let knownLeaf: string | null = null;

  const library = (): pkcs11js.PKCS11 => {
    try {
      return (lib ??= loadModule(options.modulePath));
    } catch (cause) {
      throw new SohoaError('TOKEN_NOT_FOUND', tokenName, { cause });
    }
  };

  const forget = () => {
    if (ready && lib) closeQuietly(lib, ready.session);
    ready = null;
  };

  /** The session if it is still logged in; otherwise it is dropped (logout, unplug). */
  const stillReady = (): Ready | null => {
    if (!ready || !lib) return null;
    try {
      if (isLoggedIn(lib, ready.session)) return ready;
    } catch {
      // the session or the token is gone
    }
    forget();
    return null;
  };

  const login = async (): Promise<Ready> => {
    const l = library();
    let session: Buffer | undefined;
    try {
      const slot = pickSlot(l, options.tokenLabel, tokenName);
      session = l.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      const open = session;
      // Another session of this process may have logged the token in already.
      const pin = isLoggedIn(l, open)
        ? null
        : await loginSession(l, slot, open, tokenName, options);
      const found = findKey(l, open, options.keyLabel, tokenName);
      const fingerprint = found.leaf.fingerprint256;
      if (knownLeaf !== null && knownLeaf !== fingerprint)
        throw new SohoaError('KEY_UNAVAILABLE', tokenName);
      knownLeaf = fingerprint;
      const alwaysAuthenticate = readAlwaysAuthenticate(l, open, found.key);
      return { session: open, ...found, contextPin: alwaysAuthenticate ? pin : null };
    } catch (cause) {
      if (session) closeQuietly(l, session);
      if (cause instanceof SohoaError) throw cause;
      throw new SohoaError('TOKEN_NOT_FOUND', tokenName, { cause });
    }
  };

  /** A logged-in session, logging in (and asking the PIN) once for concurrent callers. */
  const session = async (): Promise<Ready> => {
    const current = stillReady();
    if (current) return current;
    pending ??= login().finally(() => (pending = null));
    ready = await pending;
    return ready;
  };

  const source: KeySource = {
    label: tokenName,
    async certificateChain() {
      return (await session()).chain.map((der) => Buffer.from(der));
    },
    async sign(data: Buffer, digest: DigestAlgorithm, scheme?: SignatureScheme) {
      // A session lost between the chain and the signature (logout, token pulled and put back)
      // logs in again once; the same certificate must come back (checked in login()).
      for (let round = 0; ; round++) {
        const r = await session();
        try {
          return signOnce(lib!, r, data, digest, scheme);
        } catch (cause) {
          if (round === 0 && SESSION_LOST.test(String(cause))) {
            forget();
            continue;
          }
          throw new SohoaError('KEY_UNAVAILABLE', tokenName, { cause });
        }
      }
    },
    close() {
      if (ready && lib) {
        try {
          lib.C_Logout(ready.session);
        } catch {
          // already logged out or the token was pulled: nothing left to release
        }
      }
      forget();
      return Promise.resolve();
    },
  };

  // A fixed PIN is checked now, so a wrong one (or none) fails before any page is read; a clerk
  // is asked only when a signature needs the token.
  if (!options.askPin) await session();
  return source;
}

function readAlwaysAuthenticate(lib: pkcs11js.PKCS11, session: Buffer, key: Buffer): boolean {
  try {
    const [attr] = lib.C_GetAttributeValue(session, key, [
      { type: pkcs11js.CKA_ALWAYS_AUTHENTICATE },
    ]);
    const value = attr?.value;
    return Buffer.isBuffer(value) ? value[0] === 1 : value === true;
  } catch {
    return false; // a token that does not know the attribute does not want it
  }
}

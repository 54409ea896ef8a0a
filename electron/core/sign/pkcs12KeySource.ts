// A key source backed by a PKCS#12 (.p12/.pfx) file. forge reads the container because Node's
// crypto cannot open PKCS#12; the key is then handed to Node's crypto so signing uses OpenSSL
// and the forge copy can be dropped.
import {
  X509Certificate,
  constants,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { SohoaError } from '../../../shared/errors';
import { DIGEST_LENGTH } from './algorithms';
import type { DigestAlgorithm, KeySource, SignatureScheme } from './types';

function certificateBags(p12: forge.pkcs12.Pkcs12Pfx): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [];
}

function keyBags(p12: forge.pkcs12.Pkcs12Pfx): forge.pkcs12.Bag[] {
  const shrouded = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const plain = forge.pki.oids.keyBag!;
  return [
    ...(p12.getBags({ bagType: shrouded })[shrouded] ?? []),
    ...(p12.getBags({ bagType: plain })[plain] ?? []),
  ];
}

/**
 * forge verifies the MAC with the password as BMPString (right for any text) but feeds PBES2
 * (AES, what OpenSSL 3 writes) the JavaScript string as if it were bytes, so a Vietnamese
 * password decrypts nothing. Retry with the UTF-8 bytes PBES2 wants; the MAC then has to be
 * checked separately, which forge does when given the original string, so it is checked first.
 */
function readPfx(bytes: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  const parse = () => forge.asn1.fromDer(bytes.toString('binary'));
  try {
    return forge.pkcs12.pkcs12FromAsn1(parse(), true, password);
  } catch (first) {
    if (/^[\x20-\x7e]*$/.test(password)) throw first;
    // The MAC is verified (BMPString password) before any decryption is attempted.
    if (!/SafeContents|decrypt/i.test(String(first))) throw first;
    const pfx = parse();
    const parts = pfx.value as forge.asn1.Asn1[];
    const withoutMac = forge.asn1.create(pfx.tagClass, pfx.type, true, parts.slice(0, 2));
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, true, forge.util.encodeUtf8(password));
  }
}

const spki = (key: KeyObject) =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });

export async function openPkcs12(p12Path: string, password: string): Promise<KeySource> {
  const label = path.basename(p12Path);
  let privateKey: KeyObject;
  let chain: Buffer[];
  try {
    const bytes = await readFile(p12Path);
    const p12 = readPfx(bytes, password);
    // forge decodes RSA keys only; an EC key bag comes back as its PKCS#8 ASN.1, which Node reads.
    const keyBag = keyBags(p12).find((bag) => bag.key ?? bag.asn1);
    if (keyBag?.key) privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
    else if (keyBag?.asn1) {
      const pkcs8 = Buffer.from(forge.asn1.toDer(keyBag.asn1).getBytes(), 'binary');
      privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    } else throw new Error('The PKCS#12 file holds no private key');

    const certificates = certificateBags(p12).flatMap((bag) => {
      // forge only models RSA certificates; others (an ECDSA issuer, say) come back as raw ASN.1.
      const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
      return node ? [Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary')] : [];
    });
    // The leaf is the certificate whose public key is ours; files do not promise any order.
    const ownPublicKey = spki(privateKey);
    const leafIndex = certificates.findIndex((der) =>
      spki(new X509Certificate(der).publicKey).equals(ownPublicKey),
    );
    if (leafIndex < 0) throw new Error('No certificate in the PKCS#12 file matches its key');
    chain = [certificates[leafIndex]!, ...certificates.filter((_, i) => i !== leafIndex)];
  } catch (cause) {
    throw new SohoaError('KEY_UNAVAILABLE', label, { cause });
  }

  return {
    label,
    certificateChain: () => Promise.resolve(chain.map((der) => Buffer.from(der))),
    sign: (data: Buffer, digest: DigestAlgorithm, scheme?: SignatureScheme) => {
      try {
        // An RSA KeyObject signs with PKCS#1 v1.5 unless told otherwise; an EC key signs ECDSA
        // and Node returns the DER form CMS wants.
        if (scheme === 'rsa-pss') {
          return Promise.resolve(
            cryptoSign(digest, data, {
              key: privateKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: DIGEST_LENGTH[digest],
            }),
          );
        }
        return Promise.resolve(cryptoSign(digest, data, privateKey));
      } catch (cause) {
        return Promise.reject(new SohoaError('KEY_UNAVAILABLE', label, { cause }));
      }
    },
  };
}

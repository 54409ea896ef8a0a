// The demo agency certificate: lets a fresh install sign end to end with no token and no CA,
// while its name and the mark both say it has no legal value.
//
// Storage: demo-agency.json holds the password AND the PKCS#12 itself, and is published with
// link(), which fails if the file exists, so the first writer wins and every process reads the
// same pair. demo-agency.p12 is then derived from it (temp file, fsync, rename), so a race can
// only ever rewrite it with identical bytes; a .p12 with a password that does not match it
// cannot happen.
import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { SohoaError } from '../../../shared/errors';

export const DEMO_P12_NAME = 'demo-agency.p12';
export const DEMO_JSON_NAME = 'demo-agency.json';
export const DEMO_COMMON_NAME = 'Cơ quan thử nghiệm Sohoa (BẢN THỬ NGHIỆM)';

interface DemoKeyFile {
  version: 1;
  password: string;
  /** Base64 PKCS#12: kept here so the password and the container can never disagree. */
  p12: string;
  sha256: string;
}

const generateKeyPairAsync = promisify(generateKeyPair);

async function createDemoKey(now: Date): Promise<DemoKeyFile> {
  // Node's OpenSSL makes the RSA key in milliseconds; forge's pure-JS generator takes seconds.
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  const serial = randomBytes(16);
  // Positive and minimal: DER INTEGERs are signed, and a leading zero byte would be non-minimal.
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  cert.serialNumber = serial.toString('hex');
  // Back-dated a day so a workstation whose clock runs slow still sees a valid certificate.
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + 10);
  const name = [
    { shortName: 'CN', value: DEMO_COMMON_NAME, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: 'Sohoa Desk demo', valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'VN' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());

  const password = randomBytes(24).toString('base64url');
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, [cert], password, {
    algorithm: 'aes256',
    friendlyName: 'Sohoa demo agency',
  });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');
  return {
    version: 1,
    password,
    p12: p12.toString('base64'),
    sha256: createHash('sha256').update(p12).digest('hex'),
  };
}

async function writeDurable(file: string, data: Buffer | string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const tempName = (target: string) =>
  `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

async function readDemoKeyFile(jsonPath: string): Promise<DemoKeyFile | null> {
  let text: string;
  try {
    text = await fs.readFile(jsonPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const parsed = JSON.parse(text) as Partial<DemoKeyFile>;
  if (
    parsed.version !== 1 ||
    typeof parsed.password !== 'string' ||
    typeof parsed.p12 !== 'string'
  ) {
    throw new Error(`${DEMO_JSON_NAME} is not a demo key file`);
  }
  return parsed as DemoKeyFile;
}

/** Publishes `data` at `target` only if nothing is there yet; returns false if someone was first. */
async function publishOnce(target: string, data: string): Promise<boolean> {
  const temp = tempName(target);
  await writeDurable(temp, data);
  try {
    await fs.link(temp, target);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function ensureP12File(p12Path: string, p12: Buffer): Promise<void> {
  const existing = await fs.readFile(p12Path).catch(() => null);
  if (existing?.equals(p12)) return;
  const temp = tempName(p12Path);
  await writeDurable(temp, p12);
  try {
    await fs.rename(temp, p12Path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

/**
 * Creates the demo agency certificate the first time, then returns the same one on every call,
 * from any number of processes.
 */
export async function ensureDemoKey(
  keysDir: string,
): Promise<{ p12Path: string; password: string }> {
  const p12Path = path.join(keysDir, DEMO_P12_NAME);
  const jsonPath = path.join(keysDir, DEMO_JSON_NAME);
  try {
    await fs.mkdir(keysDir, { recursive: true, mode: 0o700 });
    let stored = await readDemoKeyFile(jsonPath);
    if (!stored) {
      const created = await createDemoKey(new Date());
      stored = (await publishOnce(jsonPath, JSON.stringify(created))) ? created : null;
      stored ??= await readDemoKeyFile(jsonPath);
      if (!stored) throw new Error(`${DEMO_JSON_NAME} vanished while it was being created`);
    }
    await ensureP12File(p12Path, Buffer.from(stored.p12, 'base64'));
    return { p12Path, password: stored.password };
  } catch (cause) {
    throw new SohoaError('KEY_UNAVAILABLE', DEMO_P12_NAME, { cause });
  }
}

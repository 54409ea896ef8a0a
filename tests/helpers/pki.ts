// A small but real PKI for the signing tests, made with the openssl command line (a tool we did
// not write): a root CA, an intermediate CA (with an `openssl ca` database, so the same CA can
// answer OCSP), and leaf certificates with any key type, validity window and key usage.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './tools';

export const P12_PASSWORD = 'mat-khau-thu';

export interface Issued {
  certPem: string;
  certPath: string;
  certDer: Buffer;
  keyPath?: string;
  p12Path?: string;
}

export interface LeafOptions {
  cn: string;
  key?: 'rsa' | 'ec' | 'ed448';
  /** openssl ca dates, YYYYMMDDHHMMSSZ. */
  start?: string;
  end?: string;
  keyUsage?: string;
  extendedKeyUsage?: string;
  /** The OCSP responder named in the certificate (AIA). */
  ocspUrl?: string;
  /** A CRL distribution point to name in the certificate. */
  crlUrl?: string;
  /** Name no OCSP responder at all (a certificate checked by CRL only, or not at all). */
  noOcsp?: boolean;
  /** Certify this public key (PEM) instead of making a key: for keys born on a token. */
  publicKeyPem?: string;
}

export interface Pki {
  dir: string;
  root: Issued;
  intermediate: Issued;
  issue(options: LeafOptions): Issued;
  /** Marks a certificate issued by the intermediate as revoked in its database. */
  revoke(certPath: string): void;
  /** The `openssl ca` config of the intermediate (for `openssl ocsp -index`). */
  indexPath: string;
  /** Writes the intermediate's current CRL (DER) to `file`. */
  crl(file: string): void;
}

export function openssl(args: string[]): string {
  const r = run('openssl', args);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

const toDer = (pem: string) =>
  Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

function newKey(file: string, type: 'rsa' | 'ec' | 'ed448'): void {
  if (type === 'ed448') {
    openssl(['genpkey', '-algorithm', 'ED448', '-out', file]);
    return;
  }
  const algo =
    type === 'ec'
      ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
      : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  openssl(['genpkey', ...algo, '-out', file]);
}

function yesterday(): string {
  return `${new Date(Date.now() - 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

export function createPki(dir: string, name = 'Sohoa Test'): Pki {
  fs.mkdirSync(dir, { recursive: true });
  const p = (f: string) => path.join(dir, f);
  newKey(p('root.key'), 'rsa');
  fs.writeFileSync(
    p('ext.cnf'),
    [
      '[root]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      '[inter]',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    p('root.key'),
    '-out',
    p('root.pem'),
    '-days',
    '3650',
    '-subj',
    `/C=VN/O=${name}/CN=${name} Root CA`,
    '-utf8',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  newKey(p('inter.key'), 'rsa');
  openssl([
    'req',
    '-new',
    '-key',
    p('inter.key'),
    '-out',
    p('inter.csr'),
    '-subj',
    `/C=VN/O=${name}/CN=${name} Issuing CA`,
    '-utf8',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    p('inter.csr'),
    '-CA',
    p('root.pem'),
    '-CAkey',
    p('root.key'),
    '-set_serial',
    '2',
    '-days',
    '3650',
    '-out',
    p('inter.pem'),
    '-extfile',
    p('ext.cnf'),
    '-extensions',
    'inter',
  ]);
  fs.writeFileSync(p('index.txt'), '');
  fs.writeFileSync(p('serial'), '1000\n');
  fs.writeFileSync(p('crlnumber'), '01\n');
  fs.mkdirSync(p('issued'), { recursive: true });
  fs.writeFileSync(
    p('ca.cnf'),
    [
      '[ca]',
      'default_ca=inter',
      '[inter]',
      `dir=${dir}`,
      'database=$dir/index.txt',
      'new_certs_dir=$dir/issued',
      'serial=$dir/serial',
      'crlnumber=$dir/crlnumber',
      'default_crl_days=7',
      'certificate=$dir/inter.pem',
      'private_key=$dir/inter.key',
      'default_md=sha256',
      'default_days=365',
      'policy=any',
      'unique_subject=no',
      'email_in_dn=no',
      'utf8=yes',
      'preserve=yes',
      'string_mask=utf8only',
      '[any]',
      'commonName=supplied',
      'organizationName=optional',
      'countryName=optional',
      '',
    ].join('\n'),
  );
  const issued = (certPath: string): Issued => {
    const certPem = fs.readFileSync(certPath, 'utf8');
    const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(
      certPem,
    )![0];
    return { certPem: block, certPath, certDer: toDer(block) };
  };
  let counter = 0;
  return {
    dir,
    root: issued(p('root.pem')),
    intermediate: issued(p('inter.pem')),
    indexPath: p('index.txt'),
    revoke(certPath) {
      openssl(['ca', '-config', p('ca.cnf'), '-revoke', certPath]);
    },
    crl(file) {
      openssl(['ca', '-config', p('ca.cnf'), '-gencrl', '-out', `${file}.pem`]);
      openssl(['crl', '-in', `${file}.pem`, '-outform', 'DER', '-out', file]);
    },
    issue(o) {
      const id = `leaf${++counter}`;
      const ext = [
        `[${id}]`,
        'basicConstraints=critical,CA:FALSE',
        `keyUsage=critical,${o.keyUsage ?? 'digitalSignature,nonRepudiation'}`,
        ...(o.extendedKeyUsage ? [`extendedKeyUsage=critical,${o.extendedKeyUsage}`] : []),
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid',
        ...(o.noOcsp
          ? []
          : [`authorityInfoAccess=OCSP;URI:${o.ocspUrl ?? 'http://127.0.0.1:1/ocsp'}`]),
        ...(o.crlUrl ? [`crlDistributionPoints=URI:${o.crlUrl}`] : []),
        '',
      ].join('\n');
      fs.writeFileSync(p(`${id}.cnf`), ext);
      const subj = `/C=VN/O=${name}/CN=${o.cn}`;
      const keyPath = p(`${id}.key`);
      const certPath = p(`${id}.pem`);
      if (o.publicKeyPem) {
        // The key lives on a token: certify its public key with a throwaway request.
        newKey(p(`${id}.tmp.key`), 'ec');
        openssl([
          'req',
          '-new',
          '-key',
          p(`${id}.tmp.key`),
          '-out',
          p(`${id}.csr`),
          '-subj',
          subj,
          '-utf8',
        ]);
        fs.writeFileSync(p(`${id}.pub.pem`), o.publicKeyPem);
        openssl([
          'x509',
          '-req',
          '-in',
          p(`${id}.csr`),
          '-CA',
          p('inter.pem'),
          '-CAkey',
          p('inter.key'),
          '-set_serial',
          String(5000 + counter),
          '-days',
          '365',
          '-force_pubkey',
          p(`${id}.pub.pem`),
          '-extfile',
          p(`${id}.cnf`),
          '-extensions',
          id,
          '-out',
          certPath,
        ]);
        return issued(certPath);
      }
      newKey(keyPath, o.key ?? 'rsa');
      openssl(['req', '-new', '-key', keyPath, '-out', p(`${id}.csr`), '-subj', subj, '-utf8']);
      openssl([
        'ca',
        '-batch',
        '-config',
        p('ca.cnf'),
        '-in',
        p(`${id}.csr`),
        '-out',
        certPath,
        '-extfile',
        p(`${id}.cnf`),
        '-extensions',
        id,
        '-notext',
        // Back-dated a day so a signing time taken just before issuance is inside validity.
        '-startdate',
        o.start ?? yesterday(),
        ...(o.end ? ['-enddate', o.end] : []),
      ]);
      const p12Path = p(`${id}.p12`);
      openssl([
        'pkcs12',
        '-export',
        '-inkey',
        keyPath,
        '-in',
        certPath,
        '-certfile',
        p('inter.pem'),
        '-out',
        p12Path,
        '-passout',
        `pass:${P12_PASSWORD}`,
      ]);
      return { ...issued(certPath), keyPath, p12Path };
    },
  };
}

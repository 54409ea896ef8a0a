// The signing key as the desk would use it: a PKCS#12 file that opens with its stored password,
// or a token whose vendor module loads, which is plugged in and holds a certificate; for either,
// the certificate's validity and the days left before it expires. The token is never logged in
// here: certificates are public objects, and a PIN spent by a health check is a PIN try lost.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pkcs11js from 'pkcs11js';
import { loadModule } from '../../sign/pkcs11KeySource';
import { openPkcs12 } from '../../sign/pkcs12KeySource';
import type { HealthInput } from '../input';
import { error, ok, reasonOf, viDate, warning, type Finding } from '../result';

/** The certificates a token shows without a PIN, leaf (non-CA) ones first. */
function tokenCertificates(modulePath: string, tokenLabel?: string): X509Certificate[] | 'noToken' {
  const lib = loadModule(modulePath);
  const slot = lib
    .C_GetSlotList(true)
    .find((s) => tokenLabel === undefined || lib.C_GetTokenInfo(s).label.trim() === tokenLabel);
  if (!slot) return 'noToken';
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    lib.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
    let handles: Buffer[];
    try {
      handles = lib.C_FindObjects(session, 64);
    } finally {
      lib.C_FindObjectsFinal(session);
    }
    const certs = handles.map((h) => {
      const [attr] = lib.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_VALUE }]);
      return new X509Certificate(Buffer.from(attr?.value ?? Buffer.alloc(0)));
    });
    return certs.sort((a, b) => Number(a.ca) - Number(b.ca));
  } finally {
    lib.C_CloseSession(session);
  }
}

function validity(cert: X509Certificate, input: HealthInput, where: string): Finding {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const now = input.now();
  const days = Math.floor((to.getTime() - now.getTime()) / 86_400_000);
  const subject = /CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? cert.subject;
  const facts = {
    key: where,
    subject,
    validFrom: from.toISOString(),
    validTo: to.toISOString(),
    daysLeft: days,
  };
  const renew = {
    vi: 'Liên hệ tổ chức cung cấp dịch vụ chứng thực chữ ký số để gia hạn, rồi cập nhật khóa trong Cài đặt.',
    en: 'Ask the certification service provider to renew it, then update the key in Settings.',
  };
  if (now < from)
    return error(
      {
        vi: `Chứng thư "${subject}" chưa có hiệu lực (từ ${viDate(from)}).`,
        en: `Certificate "${subject}" is not valid yet (from ${viDate(from)}).`,
      },
      {
        vi: 'Kiểm tra đồng hồ máy tính, hoặc chờ đến ngày chứng thư có hiệu lực.',
        en: "Check the computer's clock, or wait until the certificate is valid.",
      },
      facts,
    );
  if (days < 0)
    return error(
      {
        vi: `Chứng thư "${subject}" đã hết hạn ngày ${viDate(to)}: không ký được.`,
        en: `Certificate "${subject}" expired on ${viDate(to)}: nothing can be signed.`,
      },
      renew,
      facts,
    );
  const detail = {
    vi: `Chứng thư "${subject}" (${where}) còn hiệu lực đến ${viDate(to)}, còn ${days} ngày.`,
    en: `Certificate "${subject}" (${where}) is valid until ${viDate(to)}, ${days} day(s) left.`,
  };
  return days < input.thresholds.certificateWarnDays
    ? warning(detail, renew, facts)
    : ok(detail, facts);
}

async function checkPkcs12(file: string, password: string, input: HealthInput): Promise<Finding> {
  const name = path.basename(file);
  if (!fs.existsSync(file))
    return error(
      { vi: `Không thấy tệp khóa ký số ${file}.`, en: `The signing key file ${file} is missing.` },
      {
        vi: 'Chọn lại tệp PKCS#12 trong Cài đặt hoặc báo bộ phận CNTT.',
        en: 'Choose the PKCS#12 file again in Settings, or call IT.',
      },
      { key: 'pkcs12', file },
    );
  try {
    const source = await openPkcs12(file, password);
    const [leaf] = await source.certificateChain();
    return validity(new X509Certificate(leaf!), input, name);
  } catch (e) {
    return error(
      {
        vi: `Không mở được tệp khóa ${name} (${reasonOf(e)}): sai mật khẩu hoặc tệp hỏng.`,
        en: `Cannot open key file ${name} (${reasonOf(e)}): wrong password or a damaged file.`,
      },
      {
        vi: 'Nhập lại mật khẩu tệp PKCS#12 trong Cài đặt.',
        en: 'Enter the PKCS#12 password again in Settings.',
      },
      { key: 'pkcs12', file },
    );
  }
}

function checkToken(
  modulePath: string,
  tokenLabel: string | undefined,
  input: HealthInput,
): Finding {
  const facts = { key: 'pkcs11', module: modulePath, token: tokenLabel ?? null };
  let found: X509Certificate[] | 'noToken';
  try {
    found = tokenCertificates(modulePath, tokenLabel);
  } catch (e) {
    return error(
      {
        vi: `Không nạp được thư viện token ${modulePath} (${reasonOf(e)}).`,
        en: `The token library ${modulePath} does not load (${reasonOf(e)}).`,
      },
      {
        vi: 'Cài lại phần mềm của token (trình điều khiển của nhà cung cấp) hoặc chọn đúng tệp thư viện PKCS#11.',
        en: "Reinstall the token's software (the vendor's driver) or choose the right PKCS#11 library.",
      },
      facts,
    );
  }
  if (found === 'noToken')
    return error(
      {
        vi: `Chưa cắm token${tokenLabel ? ` "${tokenLabel}"` : ''}.`,
        en: `The token${tokenLabel ? ` "${tokenLabel}"` : ''} is not plugged in.`,
      },
      {
        vi: 'Cắm token ký số vào máy rồi kiểm tra lại.',
        en: 'Plug the signing token in and check again.',
      },
      facts,
    );
  const leaf = found[0];
  if (!leaf)
    return error(
      { vi: 'Token không có chứng thư nào.', en: 'The token holds no certificate.' },
      {
        vi: 'Liên hệ tổ chức cấp token để nạp chứng thư.',
        en: 'Ask the token issuer to load the certificate.',
      },
      facts,
    );
  const v = validity(leaf, input, tokenLabel ?? path.basename(modulePath));
  return { ...v, facts: { ...facts, ...v.facts } };
}

export async function checkSigningKey(input: HealthInput): Promise<Finding> {
  const { keySource, signingKey } = input.signing;
  if (keySource?.kind === 'pkcs11')
    return checkToken(keySource.modulePath, keySource.tokenLabel, input);
  if (keySource?.kind === 'pkcs12') return checkPkcs12(keySource.path, keySource.password, input);
  if (keySource)
    return warning(
      {
        vi: `Khóa loại ${keySource.kind} chưa được kiểm tra ở đây.`,
        en: `A ${keySource.kind} key is not checked here.`,
      },
      { vi: 'Ký thử một hồ sơ để kiểm tra.', en: 'Sign a test record to check it.' },
      { key: keySource.kind },
    );
  if (signingKey) return checkPkcs12(signingKey.p12Path, signingKey.password, input);
  return warning(
    {
      vi: 'Máy đang ký bằng chứng thư thử nghiệm: văn bản ký không có giá trị pháp lý.',
      en: 'The desk signs with the demo certificate: its signatures have no legal value.',
    },
    {
      vi: 'Chọn khóa ký số của cơ quan (tệp PKCS#12 hoặc token) trong Cài đặt, hoặc bộ phận CNTT đặt trong policy.json.',
      en: "Choose the agency's signing key (PKCS#12 file or token) in Settings, or IT sets it in policy.json.",
    },
    { key: 'demo' },
  );
}

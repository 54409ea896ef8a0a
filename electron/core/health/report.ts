// "Tình trạng máy" and `sohoa doctor`: every check of the desk's health, run together, each
// bounded in time so one silent server does not hold the report, and each failing on its own
// (a check that throws is reported as an error of that check, never as a failed report).
import {
  HEALTH_CHECK_IDS,
  type HealthCheckId,
  type HealthReport,
} from '../../../shared/contracts/machine';
import { checkFonts, checkHolidays, checkLanguageData, checkTrustList } from './checks/files';
import { checkBackups, checkDataFolder, checkOutbox, checkPolicy } from './checks/local';
import {
  checkClock,
  checkRecordsStore,
  checkScanners,
  checkTsa,
  probeTsa,
  type TsaProbe,
} from './checks/network';
import { checkSigningKey } from './checks/signing';
import { checkVault } from './checks/vault';
import type { HealthInput } from './input';
import { asCheck, error, reasonOf, worst, type Finding } from './result';

const CHECK_TIMEOUT_MS = 20_000;

type Check = (input: HealthInput, tsa: () => Promise<TsaProbe>) => Finding | Promise<Finding>;

const CHECKS: Record<HealthCheckId, Check> = {
  policy: checkPolicy,
  dataFolder: checkDataFolder,
  vault: checkVault,
  backups: checkBackups,
  signingKey: checkSigningKey,
  tsa: async (_, tsa) => checkTsa(await tsa()),
  clock: async (input, tsa) => checkClock(await tsa(), input),
  recordsStore: checkRecordsStore,
  outbox: checkOutbox,
  scanners: checkScanners,
  languageData: checkLanguageData,
  fonts: checkFonts,
  holidays: checkHolidays,
  trustList: checkTrustList,
};

async function bounded(check: () => Finding | Promise<Finding>): Promise<Finding> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Finding>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          error(
            {
              vi: 'Kiểm tra không xong trong 20 giây.',
              en: 'The check did not finish within 20 seconds.',
            },
            {
              vi: 'Kiểm tra mạng và thiết bị liên quan rồi chạy lại.',
              en: 'Check the network and the device involved, then run it again.',
            },
          ),
        ),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (e) {
    return error(
      {
        vi: `Không kiểm tra được (${reasonOf(e)}).`,
        en: `The check could not run (${reasonOf(e)}).`,
      },
      {
        vi: 'Chạy lại; nếu vẫn lỗi, gửi gói hỗ trợ (sohoa support-bundle) cho bộ phận CNTT.',
        en: 'Run it again; if it persists, send a support bundle (sohoa support-bundle) to IT.',
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

export async function runHealth(
  input: HealthInput,
  only: readonly HealthCheckId[] = HEALTH_CHECK_IDS,
): Promise<HealthReport> {
  let tsa: Promise<TsaProbe> | undefined;
  const probe = () => (tsa ??= probeTsa(input));
  const checks = await Promise.all(
    HEALTH_CHECK_IDS.filter((id) => only.includes(id)).map(async (id) =>
      asCheck(id, await bounded(() => CHECKS[id](input, probe))),
    ),
  );
  return {
    at: input.now().toISOString(),
    status: worst(checks.map((c) => c.status)),
    checks,
  };
}

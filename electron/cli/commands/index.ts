// Every `sohoa` sub-command, in the order `sohoa --help` lists them. Add a command by adding
// its module here.
import { demoCommand } from './demo';
import { digitizeCommand } from './digitize';
import { proceduresCommand } from './procedures';
import { cccdCommand } from './cccd';
import { evalCommand } from './eval';
import { evalClassifyCommand, evalExtractCommand } from './evalClassify';
import { auditCommand } from './audit';
import { backupCommand, restoreCommand } from './backup';
import { exportCommand } from './export';
import { outboxCommand } from './outbox';
import { searchCommand } from './search';
import { signCommand } from './sign';
import { verifyCommand } from './verify';
import { receiptCommand } from './receipt';
import { receptionCommand } from './reception';
import { hotfolderCommand } from './hotfolder';
import { separateCommand, separatorSheetCommand } from './separate';
import { scanCommand } from './scan';
import { doctorCommand } from './doctor';
import { supportBundleCommand } from './support-bundle';
import type { Command } from './types';

export const COMMANDS: readonly Command[] = [
  digitizeCommand,
  demoCommand,
  evalCommand,
  proceduresCommand,
  cccdCommand,
  evalClassifyCommand,
  searchCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
  exportCommand,
  outboxCommand,
  evalExtractCommand,
  signCommand,
  verifyCommand,
  receiptCommand,
  receptionCommand,
  hotfolderCommand,
  separateCommand,
  separatorSheetCommand,
  scanCommand,
  doctorCommand,
  supportBundleCommand,
];

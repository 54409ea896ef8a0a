// The process the migration crash test kills: it opens a plain data folder with an IT key file,
// which makes its vault and encrypts every store in place (or resumes a migration a killed run
// left), printing each durable step so the test can kill it between steps or in the middle.
// argv: <data dir> <key file>
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { useKeyProvider } from '../../electron/core/vault/registry';
import { prepareVault } from '../../electron/core/vault/setup';

const [dataDir, keyFile] = process.argv.slice(2) as [string, string];
useKeyProvider(fileKeyProvider(keyFile));
process.stdout.write('ready\n');
await prepareVault(dataDir, { afterStep: (what) => process.stdout.write(`step ${what}\n`) });
process.stdout.write('done\n');

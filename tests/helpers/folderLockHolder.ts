// A process that holds a data folder alone (as the first encryption does) until it is killed,
// for the folder lock test. argv: <data dir>
import { withFolderAlone } from '../../electron/core/vault/folderLock';

const [dataDir] = process.argv.slice(2) as [string];
setInterval(() => undefined, 60_000);
await withFolderAlone(dataDir, () => {
  process.stdout.write('held\n');
  return new Promise<void>(() => undefined);
});

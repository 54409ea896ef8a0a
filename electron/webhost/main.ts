// `npm run dev:web`: the UI in any local browser, over the loopback host, on the default data
// folder (or SOHOA_DATA_DIR). For development only; the desk itself runs in Electron.
import path from 'node:path';
import { startWebHost } from './server';

const port = Number(process.env.SOHOA_WEB_PORT ?? '0');
// A browser has no native dialog of ours: SOHOA_DEV_CHOOSE_PATH stands for whatever the developer
// would choose ("Chọn…" gives that path for every purpose); unset, "Chọn…" says it needs the app.
const devPath = process.env.SOHOA_DEV_CHOOSE_PATH;
const host = await startWebHost({
  dataDir: process.env.SOHOA_DATA_DIR,
  port,
  ...(devPath ? { choosePath: () => Promise.resolve(path.resolve(devPath)) } : {}),
});
console.log(`Sohoa Desk (web, dev): ${host.url}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  host.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

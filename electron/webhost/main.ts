// `npm run dev:web`: the UI in any local browser, over the loopback host, on the default data
// folder (or SOHOA_DATA_DIR). For development only; the desk itself runs in Electron.
import { startWebHost } from './server';

const port = Number(process.env.SOHOA_WEB_PORT ?? '0');
const host = await startWebHost({ dataDir: process.env.SOHOA_DATA_DIR, port });
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

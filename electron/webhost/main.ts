// `npm run dev:web`: the UI in any local browser, over the loopback host, on the default data
// folder (or SOHOA_DATA_DIR). For development only; the desk itself runs in Electron.
import path from 'node:path';
import { startWebHost } from './server';

/**
 * The same address run after run, so a tab left open finds the desk again by itself after a
 * restart (it reads the new run's token); another free port only when this one is taken.
 */
const DEFAULT_PORT = 47_816;
const port = Number(process.env.SOHOA_WEB_PORT ?? DEFAULT_PORT);
// A browser has no native dialog of ours: SOHOA_DEV_CHOOSE_PATH stands for whatever the developer
// would choose ("Chọn…" gives that path for every purpose); unset, "Chọn…" says it needs the app.
const devPath = process.env.SOHOA_DEV_CHOOSE_PATH;
const start = (on: number) =>
  startWebHost({
    dataDir: process.env.SOHOA_DATA_DIR,
    port: on,
    ...(devPath ? { choosePath: () => Promise.resolve(path.resolve(devPath)) } : {}),
  });
const host = await start(port).catch((e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || process.env.SOHOA_WEB_PORT) throw e;
  console.log(
    `Port ${port} is taken; using a free one (an open tab will not reconnect by itself).`,
  );
  return start(0);
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

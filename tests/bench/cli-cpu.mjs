// Preloaded (`node --import`) into every process `npm run bench:cli` starts, and so, through
// process.execArgv, into a process the launcher restarts: adds a line with this process's CPU
// time in milliseconds (user + system, start-up included) to SOHOA_BENCH_CPU_LOG at exit.
import fs from 'node:fs';

const log = process.env.SOHOA_BENCH_CPU_LOG;
if (log)
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    fs.appendFileSync(log, `${(user + system) / 1000}\n`);
  });

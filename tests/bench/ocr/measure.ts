// Runs one command and measures it the same way for every tool: wall time, and the peak of the
// summed resident memory of the whole process tree (OCRmyPDF and xargs start many tesseract
// processes; Sohoa runs its OCR in worker threads of one process), sampled from /proc; and the
// CPU seconds of the whole tree from GNU time, which stay comparable when the shared machine is
// busy with other work and wall times are not.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Measured {
  ms: number;
  /** User + system CPU of the command and every child it waited for; null without GNU time. */
  cpuSeconds: number | null;
  peakRssBytes: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const PAGE_SIZE = 4096;

function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(entry));
      map.set(ppid, list);
    } catch {
      // The process ended between readdir and read.
    }
  }
  return map;
}

/** Resident bytes of `root` and all its descendants right now. */
export function treeRssBytes(root: number): number {
  const children = childrenByParent();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const resident = Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      total += resident * PAGE_SIZE;
    } catch {
      // Gone already.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function measure(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; sampleMs?: number } = {},
): Promise<Measured> {
  const timeFile = path.join(
    os.tmpdir(),
    `sohoa-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const gnuTime = fs.existsSync('/usr/bin/time');
  const [cmd, argv] = gnuTime
    ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let peak = 0;
    const sample = () => {
      if (child.pid) peak = Math.max(peak, treeRssBytes(child.pid));
    };
    const timer = setInterval(sample, opts.sampleMs ?? 100);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      let cpuSeconds: number | null = null;
      try {
        // GNU time may prefix a "Command exited with non-zero status" line.
        const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
        const [user, sys] = last.split(' ').map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user! + sys!;
        fs.rmSync(timeFile, { force: true });
      } catch {
        // No GNU time: wall time only.
      }
      resolve({
        ms: performance.now() - started,
        cpuSeconds,
        peakRssBytes: peak,
        status,
        stdout,
        stderr,
      });
    });
  });
}

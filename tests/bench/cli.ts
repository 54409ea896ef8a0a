// npm run bench:cli — how long `sohoa` takes to start, as a user runs it (`node bin/sohoa.mjs …`,
// a fresh process each time). The bundle `npm run build` writes (built first here) is measured
// against its peer in the same run, the sources run through tsx (the path `sohoa` takes without a
// build, and the one every start took before the bundle), with Node starting alone as the floor.
// BENCH_CLI_BEFORE=<git revision> adds that revision's launcher and sources as a third path.
//   sohoa --help                 goal ≤ 0.3 s wall
//   sohoa verify <signed PDF>    goal ≤ 0.6 s wall; a one-page PDF made and signed here (demo key)
//   sohoa digitize (no file)     a page command: the bundle restarts once with glibc's malloc
//                                settings; with them already set, it does not (the cost of that)
// The runs interleave (every path once, then again) so a change in the machine's load falls on
// all paths alike. Each row: median wall time and median CPU time (user + system, summed over
// the launcher and any process it restarts, read by a preload in each; on a busy machine the
// wall time waits for a core, and the CPU time is about what the wall time is on a quiet one).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 10));
const BEFORE = process.env.BENCH_CLI_BEFORE;
const CPU_PRELOAD = path.join(import.meta.dirname, 'cli-cpu.mjs');
const GOALS: Record<string, number> = { help: 0.3, verify: 0.6 };

interface Case {
  command: string;
  how: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Exit codes that mean the command ran as it should. */
  ok: number[];
  goal?: number;
  wall: number[];
  cpu: number[];
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-cli-'));
const dataDir = path.join(work, 'data');
const cpuLog = path.join(work, 'cpu.txt');
// As a user starts it: no malloc settings inherited from this shell, no debug output.
const baseEnv: NodeJS.ProcessEnv = { ...process.env, SOHOA_DATA_DIR: dataDir };
for (const name of ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_', 'SOHOA_DEBUG', 'NODE_OPTIONS'])
  delete baseEnv[name];

function sohoa(bin: string, args: string[]): void {
  const r = spawnSync(process.execPath, [bin, ...args], { env: baseEnv, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sohoa ${args.join(' ')}: ${r.status}\n${r.stderr}`);
}

/** That revision's launcher and sources in a folder of their own, on this checkout's packages. */
function checkOut(rev: string): string {
  const dir = path.join(work, 'before');
  fs.mkdirSync(dir);
  const tar = execFileSync('git', ['-C', REPO, 'archive', rev, 'bin', 'electron', 'shared'], {
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  for (const name of ['node_modules', 'resources', 'package.json', 'tsconfig.json'])
    fs.symlinkSync(path.join(REPO, name), path.join(dir, name));
  return path.join(dir, 'bin', 'sohoa.mjs');
}

function runOnce(c: Case): void {
  fs.writeFileSync(cpuLog, '');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', CPU_PRELOAD, ...c.args], {
    env: { ...baseEnv, ...c.env, SOHOA_BENCH_CPU_LOG: cpuLog },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status === null || !c.ok.includes(r.status))
    throw new Error(`${c.command} (${c.how}) exited ${r.status ?? r.signal}\n${r.stderr}`);
  const cpuMs = fs
    .readFileSync(cpuLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line), 0);
  c.wall.push(wall);
  c.cpu.push(cpuMs / 1000);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const load = () => os.loadavg()[0]!.toFixed(1);

// The bundle as `npm run build` makes it, so the launcher finds it newer than the sources.
const build = spawnSync(process.execPath, [path.join(REPO, 'scripts/build-cli.mjs')], {
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(`build-cli failed\n${build.stderr}`);

const BIN = path.join(REPO, 'bin', 'sohoa.mjs');
const pdf = path.join(work, 'one-page.pdf');
const signed = path.join(work, 'one-page.signed.pdf');
sohoa(BIN, ['separator-sheet', '--out', pdf]);
sohoa(BIN, ['sign', pdf, '--out', signed]);
const before = BEFORE ? checkOut(BEFORE) : undefined;

const cases: Case[] = [];
const add = (c: Omit<Case, 'wall' | 'cpu'>) => cases.push({ ...c, wall: [], cpu: [] });
add({ command: 'node -e 0', how: 'Node alone (the floor)', args: ['-e', '0'], ok: [0] });
const commands = [
  { key: 'help', command: 'sohoa --help', argv: ['--help'], ok: [0] },
  // A demo signature has no trusted root: valid with warnings or indeterminate, never a crash.
  { key: 'verify', command: 'sohoa verify one-page.pdf', argv: ['verify', signed], ok: [0, 1, 3] },
];
for (const { key, command, argv, ok } of commands) {
  add({ command, how: 'bundle (dist/cli)', args: [BIN, ...argv], ok, goal: GOALS[key] });
  add({
    command,
    how: 'sources through tsx (no build)',
    args: [BIN, ...argv],
    env: { SOHOA_CLI_FROM_SOURCE: '1' },
    ok,
  });
  if (before) add({ command, how: `before (${BEFORE})`, args: [before, ...argv], ok });
}
const digitize = 'sohoa digitize (no file)';
add({
  command: digitize,
  how: 'bundle, restarts with malloc settings',
  args: [BIN, 'digitize'],
  ok: [2],
});
add({
  command: digitize,
  how: 'bundle, malloc settings already set',
  args: [BIN, 'digitize'],
  env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' },
  ok: [2],
});

const loadBefore = load();
console.log(`sohoa start-up: ${RUNS} runs of each path, interleaved, after one warm-up run…`);
for (const c of cases) runOnce(c);
for (const c of cases) c.wall.length = c.cpu.length = 0;
for (let i = 0; i < RUNS; i++) for (const c of cases) runOnce(c);
const loadAfter = load();

console.log(
  `\nsohoa start-up, median of ${RUNS} runs, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, ` +
    `Node ${process.version}, load average (1 min) ${loadBefore} → ${loadAfter}\n`,
);
console.log('| command | how it starts | wall s | CPU s | goal (wall) | met |');
console.log('| --- | --- | ---: | ---: | ---: | --- |');
for (const c of cases) {
  const wall = median(c.wall);
  const goal = c.goal === undefined ? '' : `≤ ${c.goal.toFixed(2)}`;
  const met = c.goal === undefined ? '' : wall <= c.goal ? 'yes' : 'no';
  console.log(
    `| ${c.command} | ${c.how} | ${wall.toFixed(3)} | ${median(c.cpu).toFixed(3)} | ${goal} | ${met} |`,
  );
}
console.log('');
for (const { command } of commands) {
  const [bundle, source] = cases.filter((c) => c.command === command);
  if (bundle && source)
    console.log(
      `${command}: the bundle starts ${(median(source.wall) / median(bundle.wall)).toFixed(1)}× ` +
        `faster than the sources through tsx (CPU ${(median(source.cpu) / median(bundle.cpu)).toFixed(1)}×)`,
    );
}
const [restart, set] = cases.filter((c) => c.command === digitize);
if (restart && set)
  console.log(
    `The malloc restart of a page command costs ${(median(restart.wall) - median(set.wall)).toFixed(3)} s wall, ` +
      `${(median(restart.cpu) - median(set.cpu)).toFixed(3)} s CPU.`,
  );
if (Number(loadAfter) > os.cpus().length)
  console.log(
    'The machine was busy (load above its cores): wall times include waiting for a core; ' +
      'the CPU column is close to the wall time of a quiet machine.',
  );
fs.rmSync(work, { recursive: true, force: true });

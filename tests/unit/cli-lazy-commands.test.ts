// `sohoa --help` and the dispatcher load no command module and nothing of the core: the registry
// holds every command's name and usage, and a command's module (with the core it needs) loads
// when that command runs. Watched with module hooks that write down every module Node loads,
// from the TypeScript sources and from the esbuild bundle `npm run build` makes; then every
// registry entry is checked against the module it loads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

// Inside the project (git-ignored .cache/) so the bundle resolves node_modules as in dist/.
fs.mkdirSync('.cache', { recursive: true });
const work = path.resolve(fs.mkdtempSync(path.join('.cache', 'cli-lazy-')));
const log = path.join(work, 'loaded.txt');
fs.writeFileSync(log, '');
register('../helpers/module-log-hooks.mjs', import.meta.url, { data: { log } });

after(() => fs.rmSync(work, { recursive: true, force: true }));

type Main = (argv: string[]) => Promise<number>;

/** Runs `fn` with the console captured; answers what it printed and the modules it loaded. */
async function watch(fn: () => Promise<number>) {
  const seen = fs.readFileSync(log, 'utf8').length;
  const out: string[] = [];
  const { log: consoleLog, error } = console;
  console.log = (...args: unknown[]) => void out.push(args.join(' '));
  console.error = (...args: unknown[]) => void out.push(args.join(' '));
  try {
    const code = await fn();
    const loaded = fs.readFileSync(log, 'utf8').slice(seen).split('\n').filter(Boolean);
    return { code, out: out.join('\n'), loaded: loaded.map((url) => decodeURIComponent(url)) };
  } finally {
    Object.assign(console, { log: consoleLog, error });
  }
}

const COMMAND_MODULE = /\/electron\/cli\/commands\/(?!index\.ts$|types\.ts$)[^/]+$/;

test('from the sources, --help loads the registry and the messages: no command, no core, no npm package', async () => {
  const { code, out, loaded } = await watch(async () => {
    const { main } = (await import('../../electron/cli/main')) as { main: Main };
    return main(['--help', '--lang', 'en']);
  });
  assert.equal(code, 0);
  assert.match(out, /^Usage:\n {2}sohoa digitize /);
  assert.match(out, /\n {2}sohoa verify /);
  // The hooks saw the modules that did load, so an empty list below is a real observation.
  for (const seen of ['/electron/cli/commands/index.ts', '/electron/cli/messages.ts'])
    assert.ok(
      loaded.some((url) => url.endsWith(seen)),
      `${seen} seen loading`,
    );
  const notLoaded: Record<string, (url: string) => boolean> = {
    'command modules': (url) => COMMAND_MODULE.test(url),
    'core modules': (url) => url.includes('/electron/core/'),
    'npm packages': (url) => url.includes('/node_modules/'),
  };
  for (const [what, is] of Object.entries(notLoaded)) assert.deepEqual(loaded.filter(is), [], what);
});

test('from the sources, running a command loads its module and the core it uses, not the others', async () => {
  const { code, out, loaded } = await watch(async () => {
    const { main } = (await import('../../electron/cli/main')) as { main: Main };
    return main(['verify', '--lang', 'en']);
  });
  assert.equal(code, 2, 'no file given is a usage error');
  assert.match(out, /No PDF file given/);
  assert.deepEqual(
    loaded.filter((url) => COMMAND_MODULE.test(url)).map((url) => path.basename(url)),
    ['verify.ts'],
  );
  assert.ok(
    loaded.some((url) => url.includes('/electron/core/sign/')),
    'the validator loaded',
  );
  // The durable writer the trust list and the revocation cache save through (sealed inside a
  // vault) lives in archive/ but is a leaf of its own: the archive's stores stay unloaded.
  const durableWriter = (url: string) => url.endsWith('/electron/core/archive/durableFile.ts');
  for (const stage of ['ocr', 'imaging', 'pipeline', 'archive'])
    assert.ok(
      !loaded.some((url) => url.includes(`/electron/core/${stage}/`) && !durableWriter(url)),
      `${stage} not loaded`,
    );
});

test('the bundle: --help loads only the entry module, a command only its own modules', async () => {
  const out = path.join(work, 'cli');
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], {
    env: { ...process.env, SOHOA_CLI_OUT: out },
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  // esbuild's account of which sources went into which output module.
  const meta = JSON.parse(fs.readFileSync(path.join(out, 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const sourcesOf = (url: string) => {
    const output = Object.entries(meta.outputs).find(([o]) => url.endsWith(`/${path.basename(o)}`));
    assert.ok(output, `${url} is one of the bundle's modules`);
    return Object.keys(output[1].inputs);
  };
  const inputs = JSON.parse(fs.readFileSync(path.join(out, 'inputs.json'), 'utf8')) as {
    inputs: string[];
  };
  assert.ok(inputs.inputs.includes('electron/cli/commands/verify.ts'), 'inputs.json lists sources');

  const help = await watch(async () => {
    const { main } = (await import(pathToFileURL(path.join(out, 'main.mjs')).href)) as {
      main: Main;
    };
    return main(['--help']);
  });
  assert.equal(help.code, 0);
  assert.match(help.out, /^Cách dùng:\n/);
  const helpSources = help.loaded.filter((url) => url.includes('/cli/')).flatMap(sourcesOf);
  assert.ok(helpSources.includes('electron/cli/commands/index.ts'), 'the registry is in the entry');
  assert.deepEqual(
    helpSources.filter((s) => COMMAND_MODULE.test(`/${s}`) || s.startsWith('electron/core/')),
    [],
  );
  assert.deepEqual(
    help.loaded.filter((url) => url.includes('/node_modules/')),
    [],
    'npm packages',
  );

  const verify = await watch(async () => {
    const { main } = (await import(pathToFileURL(path.join(out, 'main.mjs')).href)) as {
      main: Main;
    };
    return main(['verify']);
  });
  assert.equal(verify.code, 2);
  const verifySources = verify.loaded.filter((url) => url.includes('/cli/')).flatMap(sourcesOf);
  assert.deepEqual(
    verifySources.filter((s) => COMMAND_MODULE.test(`/${s}`)),
    ['electron/cli/commands/verify.ts'],
  );
  assert.ok(!verifySources.some((s) => s.startsWith('electron/core/ocr/')), 'OCR not loaded');
});

test('each registry entry loads the command of its name, whose own usage is the one --help prints', async () => {
  const { COMMANDS } = await import('../../electron/cli/commands');
  for (const entry of COMMANDS) {
    const command = await entry.load();
    assert.equal(command.name, entry.name, `${entry.name} loads its own command`);
    assert.deepEqual(
      command.usage,
      entry.usage,
      `the usage of \`sohoa ${entry.name}\` in commands/index.ts matches its module's`,
    );
  }
});

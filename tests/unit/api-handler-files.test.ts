// One rule with no exceptions keeps the handler table findable: each contract file in
// shared/contracts/ is served by exactly one handler file in electron/core/api/, named after it
// (records.ts -> recordsHandlers.ts), that handler file serves no other contract file's channels,
// handlers.ts only composes them, and no channel is defined outside shared/contracts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { contract } from '../../shared/contract';

const root = path.resolve(import.meta.dirname, '../..');
const contractsDir = path.join(root, 'shared', 'contracts');
const apiDir = path.join(root, 'electron', 'core', 'api');
const HANDLER_FILE = /^([a-z][A-Za-z0-9]*)Handlers\.ts$/;

const contractNames = fs
  .readdirSync(contractsDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();
const handlerNames = fs
  .readdirSync(apiDir)
  .flatMap((f) => HANDLER_FILE.exec(f)?.slice(1, 2) ?? [])
  .sort();

/** The `*_CHANNELS` tables a contract file exports, by name. */
async function channelTables(name: string): Promise<Record<string, Record<string, unknown>>> {
  const mod = (await import(path.join(contractsDir, `${name}.ts`))) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(mod).filter(([key]) => key.endsWith('_CHANNELS')) as [
      string,
      Record<string, unknown>,
    ][],
  );
}

/** The contract files a source file imports `*_CHANNELS` tables from. */
function channelImports(source: string): { module: string; table: string }[] {
  const found: { module: string; table: string }[] = [];
  const imports = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'[./]*shared\/contracts\/([\w-]+)'/g;
  for (const m of source.matchAll(imports)) {
    for (const raw of m[1]!.split(',')) {
      const table = raw
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!;
      if (table.endsWith('_CHANNELS')) found.push({ module: m[2]!, table });
    }
  }
  return found;
}

test('every contract file has a handler file of its name, and every handler file a contract file', () => {
  assert.ok(contractNames.length >= 7, `contract files found: ${contractNames.join(', ')}`);
  assert.deepEqual(handlerNames, contractNames);
});

test('each contract file exports one channel table, and no channel is in two of them', async () => {
  const owner = new Map<string, string>();
  for (const name of contractNames) {
    const tables = await channelTables(name);
    assert.equal(Object.keys(tables).length, 1, `${name}.ts exports one *_CHANNELS table`);
    for (const channel of Object.keys(Object.values(tables)[0]!)) {
      assert.equal(
        owner.get(channel),
        undefined,
        `${channel} is in ${owner.get(channel)} and ${name}`,
      );
      owner.set(channel, name);
    }
  }
  // shared/contract.ts only spreads the tables: it has no channel of its own.
  assert.deepEqual(Object.keys(contract).sort(), [...owner.keys()].sort());
});

test('a handler file serves the channels of its own contract file only', async () => {
  for (const name of handlerNames) {
    const source = fs.readFileSync(path.join(apiDir, `${name}Handlers.ts`), 'utf8');
    const [table] = Object.keys(await channelTables(name));
    assert.deepEqual(
      channelImports(source),
      [{ module: name, table }],
      `${name}Handlers.ts imports the channel table of ${name}.ts and no other`,
    );
    assert.match(source, new RegExp(`DomainHandlers<typeof ${table}>`), `${name}Handlers.ts`);
  }
});

test('handlers.ts only composes: one spread per handler file, no channel of its own', () => {
  const source = fs.readFileSync(path.join(apiDir, 'handlers.ts'), 'utf8');
  assert.deepEqual(channelImports(source), [], 'handlers.ts names no channel table');
  const body = /export function createHandlers\([^)]*\): Handlers \{\s*return \{([^}]*)\};/.exec(
    source,
  );
  assert.ok(body, 'createHandlers returns one object literal');
  const entries = body[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const spread = /^\.\.\.create([A-Z])(\w*)Handlers\(context\),$/;
  const spreads = entries.flatMap((e) => {
    const m = spread.exec(e);
    return m ? [m[1]!.toLowerCase() + m[2]!] : [];
  });
  assert.equal(spreads.length, entries.length, `only spreads: ${entries.join(' ')}`);
  assert.deepEqual(spreads.sort(), handlerNames);
  for (const channel of Object.keys(contract))
    assert.doesNotMatch(
      source,
      new RegExp(`\\b${channel}\\b`),
      `${channel} defined in handlers.ts`,
    );
});

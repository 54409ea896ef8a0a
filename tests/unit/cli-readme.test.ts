// The CLI README lists every `sohoa` command with what it is for. Its table is compared with the
// registry `sohoa` itself dispatches from, so a command added, renamed or removed without its
// line (or a line left for a command that is gone) fails here instead of misleading a reader.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../electron/cli/commands';

const README = path.resolve(import.meta.dirname, '../../electron/cli/README.md');

/** The command names of the README's table rows: "| `sohoa <name>` | <purpose> |". */
function readmeCommands(text: string): { name: string; purpose: string }[] {
  const rows: { name: string; purpose: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^\|\s*`sohoa ([a-z][a-z0-9-]*)`\s*\|(.*)\|\s*$/.exec(line);
    if (m) rows.push({ name: m[1]!, purpose: m[2]!.trim() });
  }
  return rows;
}

test('the CLI README lists exactly the registered commands, each once, each with a purpose', () => {
  const rows = readmeCommands(readFileSync(README, 'utf8'));
  const listed = rows.map((r) => r.name);
  const registered = COMMANDS.map((c) => c.name);

  const twice = listed.filter((name, i) => listed.indexOf(name) !== i);
  assert.deepEqual(twice, [], 'commands listed more than once in electron/cli/README.md');
  const missing = registered.filter((name) => !listed.includes(name));
  assert.deepEqual(missing, [], 'registered commands missing from electron/cli/README.md');
  const stale = listed.filter((name) => !registered.includes(name));
  assert.deepEqual(stale, [], 'electron/cli/README.md lists commands that are not registered');
  for (const row of rows) assert.ok(row.purpose.length > 10, `\`sohoa ${row.name}\` says what for`);
});

test('the registry names each command once, as --help would show it', () => {
  const names = COMMANDS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, 'a command name registered twice');
  for (const c of COMMANDS) {
    assert.match(c.name, /^[a-z][a-z0-9-]*$/);
    assert.ok(c.usage.vi.includes(`sohoa ${c.name}`), `${c.name}: Vietnamese usage names it`);
    assert.ok(c.usage.en.includes(`sohoa ${c.name}`), `${c.name}: English usage names it`);
  }
});

// The page never names a file-system path it could choose freely, checked on the contract itself:
// no request schema of any channel has a free string field named like a file-system path (path,
// folder, dir, …). Such a field must be a grant of the host's dialog (PathGrant,
// shared/contracts/host.ts); a new channel that takes a typed path fails here. settingsSave's
// `settings` is checked by the core field by field (host-api test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { CHANNELS, contract } from '../../shared/contract';
import { PathGrant } from '../../shared/contracts/host';

const PATH_LIKE = /(path|folder|dir|directory|file_?name|location)$/i;

interface Found {
  where: string;
  schema: z.ZodType;
}

/** Every string-ish field under `schema`, with its dotted place, through wrappers and unions. */
function stringFields(schema: z.ZodType, where: string, out: Found[], seen = new Set<unknown>()) {
  // `seen` holds the schemas on the way down only (a lazy schema may be recursive); a schema
  // shared by two fields is visited under each.
  if (seen.has(schema)) return;
  seen.add(schema);
  try {
    visit(schema, where, out, seen);
  } finally {
    seen.delete(schema);
  }
}

/** The parts of zod 4's schema definitions the walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

function visit(schema: z.ZodType, where: string, out: Found[], seen: Set<unknown>) {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'string':
      out.push({ where, schema });
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape!))
        stringFields(value, where ? `${where}.${key}` : key, out, seen);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      stringFields(def.innerType!, where, out, seen);
      return;
    case 'array':
      stringFields(def.element!, `${where}[]`, out, seen);
      return;
    case 'union':
      for (const option of def.options!) stringFields(option, where, out, seen);
      return;
    case 'intersection':
      stringFields(def.left!, where, out, seen);
      stringFields(def.right!, where, out, seen);
      return;
    case 'pipe':
      stringFields(def.in!, where, out, seen);
      return;
    case 'record':
      stringFields(def.valueType!, `${where}{}`, out, seen);
      return;
    case 'tuple':
      def.items!.forEach((item, i) => stringFields(item, `${where}[${i}]`, out, seen));
      return;
    case 'lazy':
      stringFields(def.getter!(), where, out, seen);
      return;
    default:
      return;
  }
}

test('no channel takes a free file-system path: path-like fields are grants', () => {
  const offenders: string[] = [];
  const grants: string[] = [];
  for (const channel of CHANNELS) {
    const found: Found[] = [];
    stringFields(contract[channel].request as z.ZodType, '', found);
    for (const f of found) {
      const key = f.where.split('.').at(-1)!.replace(/\[.*$/, '');
      if (f.schema === PathGrant) grants.push(`${channel}.${f.where}`);
      else if (PATH_LIKE.test(key)) offenders.push(`${channel}.${f.where}`);
    }
  }
  assert.deepEqual(offenders, [], 'free path-like string fields in requests');
  // The walker does see fields: the two channels that take a folder take it as a grant.
  assert.ok(grants.includes('batchQueueFolder.grant'), grants.join(', '));
  assert.ok(grants.includes('importFolder.grant'), grants.join(', '));
});

test('the walker finds a free path field where there is one', () => {
  const found: Found[] = [];
  const probe = (contract.batchQueueFolder.request as z.ZodObject).extend({
    folder: contract.batchQueueFolder.request.shape.title,
  });
  stringFields(probe, '', found);
  assert.ok(found.some((f) => f.where === 'folder'));
});

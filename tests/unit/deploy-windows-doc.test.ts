// The deployment guide's policy example is what IT copies first: it must pass the desk's own
// check, and the guide's rule that updates come from the intranet unless IT says otherwise holds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parsePolicyText } from '../../electron/core/policy/file';
import { isIntranetUrl, validatePolicy } from '../../shared/policy';

const GUIDE = path.resolve(import.meta.dirname, '../../docs/deploy-windows.md');

function exampleText(): string {
  const guide = fs.readFileSync(GUIDE, 'utf8');
  const block = /## The machine policy[\s\S]*?```json\n([\s\S]*?)```/.exec(guide);
  assert.ok(block, 'the guide has a JSON example under "The machine policy"');
  return block[1]!;
}

test("the guide's full policy example is valid, locks what it says and sets every section", () => {
  const read = parsePolicyText(exampleText());
  assert.ok(read.ok, JSON.stringify(read));
  const p = read.policy;
  assert.deepEqual(Object.keys(p.locked).sort(), [
    'agency',
    'connector',
    'retention',
    'signing',
    'tsaUrl',
  ]);
  assert.ok(p.roles && p.updates && p.trustListFile && p.dataFolder && p.connectorCredentials);
});

test('the update source must be on the intranet unless IT allows the public internet', () => {
  for (const url of [
    'http://updates.hoatien.local/sohoa/',
    'http://10.1.2.3/sohoa/',
    'https://192.168.1.5:8443/x/',
    'http://fileserver/sohoa/',
  ])
    assert.ok(isIntranetUrl(url), url);
  for (const url of ['https://example.com/sohoa/', 'http://8.8.8.8/', 'http://172.32.0.1/'])
    assert.ok(!isIntranetUrl(url), url);

  const policy = (updates: object) => ({ version: 1, updates });
  const refused = validatePolicy(policy({ url: 'https://downloads.example.com/sohoa/' }));
  assert.ok(!refused.ok);
  assert.equal(refused.problems[0]!.path, 'updates.url');
  assert.match(refused.problems[0]!.message.vi, /mạng nội bộ/);
  assert.match(refused.problems[0]!.message.en, /intranet/);
  const allowed = validatePolicy(
    policy({ url: 'https://downloads.example.com/sohoa/', allowPublicInternet: true }),
  );
  assert.ok(allowed.ok);
});

test('an S3 store over plain http:// must be listed in the same policy; retention is only what IT wrote', () => {
  const store = { kind: 's3', endpoint: 'http://10.0.0.5:9000', region: 'vn', bucket: 'kho' };
  const refused = validatePolicy({ version: 1, locked: { connector: store } });
  assert.ok(!refused.ok);
  assert.equal(refused.problems[0]!.path, 'locked.connector.endpoint');
  assert.match(refused.problems[0]!.message.en, /transport\.httpEndpoints/);
  const listed = validatePolicy({
    version: 1,
    locked: { connector: store },
    defaults: { transport: { httpEndpoints: ['http://10.0.0.5:9000'] } },
  });
  assert.ok(listed.ok, JSON.stringify(listed));
  // Keys the file leaves out are not filled in with the settings' own defaults.
  assert.deepEqual(Object.keys(listed.policy.locked), ['connector']);
  assert.deepEqual(Object.keys(listed.policy.defaults), ['transport']);
});

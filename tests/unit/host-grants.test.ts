// The grant registry behind choosePath (paths as grants, never typed): a grant stands for one
// chosen path, for one purpose, for a limited time; anything else is refused with a typed error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPathGrant } from '../../shared/contracts/host';
import { SohoaError } from '../../shared/errors';
import { GRANT_TTL_MS, GrantRegistry } from '../../electron/core/host/grants';

const refusedWith = (code: string) => (e: unknown) => {
  assert.ok(e instanceof SohoaError, String(e));
  assert.equal(e.code, code);
  return true;
};

test('a grant is an unguessable id that gives back its path, more than once, for its purpose', () => {
  const grants = new GrantRegistry();
  const a = grants.issue('batchFolder', '/srv/scan/hop-12');
  const b = grants.issue('batchFolder', '/srv/scan/hop-12');
  assert.ok(isPathGrant(a), a);
  assert.notEqual(a, b, 'two choices of the same folder are two grants');
  assert.ok(!a.includes('hop-12'), 'the id says nothing of the path');
  assert.equal(grants.redeem(a, 'batchFolder'), '/srv/scan/hop-12');
  assert.equal(grants.redeem(a, 'batchFolder'), '/srv/scan/hop-12');
});

test('a grant cannot be used for another purpose', () => {
  const grants = new GrantRegistry();
  const g = grants.issue('importFolder', '/home/clerk/scans');
  assert.throws(() => grants.redeem(g, 'connectorFolder'), refusedWith('PATH_GRANT_WRONG_PURPOSE'));
  assert.throws(() => grants.redeem(g, 'pkcs11Module'), refusedWith('PATH_GRANT_WRONG_PURPOSE'));
  assert.equal(grants.redeem(g, 'importFolder'), '/home/clerk/scans');
});

test('unknown, malformed and other registries’ grants are refused', () => {
  const grants = new GrantRegistry();
  const other = new GrantRegistry().issue('exportFolder', '/tmp/x');
  for (const bad of [other, 'grant:' + 'A'.repeat(32), '/etc/passwd', '', 'grant:short']) {
    assert.throws(() => grants.redeem(bad, 'exportFolder'), refusedWith('PATH_GRANT_INVALID'), bad);
  }
});

test('a grant expires after its time (30 minutes by default) and is forgotten', () => {
  let now = 1_000_000;
  const grants = new GrantRegistry({ now: () => now });
  const g = grants.issue('hotFolder', '/mnt/scan-inbox');
  now += GRANT_TTL_MS - 1;
  assert.equal(grants.redeem(g, 'hotFolder'), '/mnt/scan-inbox');
  now += 1;
  assert.throws(() => grants.redeem(g, 'hotFolder'), refusedWith('PATH_GRANT_INVALID'));
  assert.equal(grants.size, 0);
  assert.equal(GRANT_TTL_MS, 30 * 60 * 1000);
});

// The scanner registry: configured names win over what devices call themselves, a silent
// network scanner is still listed (offline), and a missing scanning program is reported beside
// the list instead of hiding the other sources.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import {
  DeviceRegistry,
  esclAddressesFromEnv,
  mdnsFromEnv,
  scanDefaults,
} from '../../electron/core/acquire/devices';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

test('configured scanners are listed by the name IT gave them, even when silent', async () => {
  const port = await closedPort();
  const registry = new DeviceRegistry({
    configured: [{ name: 'Máy quét quầy 2', kind: 'escl', address: `127.0.0.1:${port}` }],
    escl: { requestTimeoutMs: 500 },
    sane: { scanimage: '/nonexistent/scanimage' },
    naps2: false,
  });
  const { devices, problems } = await registry.listDevices();
  assert.deepEqual(devices, [
    {
      id: `http://127.0.0.1:${port}/eSCL`,
      kind: 'escl',
      name: 'Máy quét quầy 2',
      online: false,
    },
  ]);
  // On Linux a missing scanimage is worth saying; on Windows it is expected and stays quiet.
  if (process.platform !== 'win32')
    assert.deepEqual(
      problems.map((p) => p.code),
      ['SCANNER_TOOL_MISSING'],
    );
  assert.equal(registry.driver('naps2'), undefined);
});

test('environment: SOHOA_ESCL lists addresses, SOHOA_MDNS=0 turns discovery off', () => {
  assert.deepEqual(
    esclAddressesFromEnv({ SOHOA_ESCL: '10.0.0.5, http://mfp:8080/eSCL;10.0.0.6' }),
    ['10.0.0.5', 'http://mfp:8080/eSCL', '10.0.0.6'],
  );
  assert.deepEqual(esclAddressesFromEnv({}), []);
  assert.equal(mdnsFromEnv({ SOHOA_MDNS: '0' }), false);
  assert.deepEqual(mdnsFromEnv({ SOHOA_MDNS_MS: '800' }), { timeoutMs: 800 });
});

test("a configured scanner's settings become the scan form's defaults", () => {
  const c = {
    name: 'Quầy 1',
    kind: 'escl' as const,
    address: '10.0.0.5',
    dpi: 300,
    colour: 'bilevel' as const,
    duplex: true,
  };
  assert.deepEqual(scanDefaults(c), { dpi: 300, colorMode: 'bw', duplex: true });
  assert.deepEqual(scanDefaults({ name: 'x', kind: 'sane', address: 'test:0' }), {});
  const registry = new DeviceRegistry({ configured: [c], sane: false, naps2: false });
  assert.equal(registry.configuredFor({ kind: 'escl', id: 'http://10.0.0.5/eSCL' }), c);
  assert.equal(registry.configuredFor({ kind: 'escl', id: 'http://10.0.0.6/eSCL' }), undefined);
});

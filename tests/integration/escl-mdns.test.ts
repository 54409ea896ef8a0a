// mDNS discovery of eSCL scanners: the emulator is announced as `_uscan._tcp` (TXT rs, ty, UUID)
// by bonjour-service, as a multifunction printer announces itself, and our discovery (a separate
// mDNS instance, over real multicast) finds it and turns it into an eSCL base URL.
import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, test } from 'node:test';
import { Bonjour } from 'bonjour-service';
import { discoverEscl } from '../../electron/core/acquire/esclDiscovery';
import { EsclDriver } from '../../electron/core/acquire/esclDriver';
import { startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';

// Multicast needs an interface other than loopback; a machine without one cannot do mDNS at all.
const hasNetwork = Object.values(os.networkInterfaces()).some((list) =>
  (list ?? []).some((i) => !i.internal && i.family === 'IPv4'),
);

let emu: EsclEmulator;
let announcer: Bonjour;
const uuid = '4509a320-00a0-008f-00b6-002507510eca';
before(async () => {
  emu = await startEsclEmulator();
  announcer = new Bonjour();
  announcer.publish({
    name: 'Sohoa Emulated ScanJet 4000 [4A2B]',
    type: 'uscan',
    port: emu.port,
    txt: {
      rs: 'eSCL',
      ty: 'Sohoa Emulated ScanJet 4000',
      UUID: uuid,
      vers: '2.63',
      pdl: 'image/jpeg',
    },
  });
});
after(async () => {
  await new Promise<void>((resolve) => announcer.unpublishAll(() => resolve()));
  announcer.destroy();
  await emu.close();
});

test(
  'an announced eSCL scanner is found with its port, resource path, model and UUID',
  { skip: !hasNetwork && 'no network interface for multicast' },
  async () => {
    const found = await discoverEscl({ timeoutMs: 2000 });
    const ours = found.find((d) => d.uuid === uuid);
    assert.ok(ours, JSON.stringify(found));
    assert.match(ours.baseUrl, new RegExp(`^http://[^/]+:${emu.port}/eSCL$`));
    assert.equal(ours.name, 'Sohoa Emulated ScanJet 4000');
    // The driver lists it beside the configured addresses, named by the announcement.
    const driver = new EsclDriver({ addresses: [emu.url], discover: { timeoutMs: 2000 } });
    const devices = await driver.listDevices();
    assert.ok(devices.some((d) => d.id === emu.url && d.online === true));
    assert.ok(devices.some((d) => d.id === ours.baseUrl && d.name.startsWith('Sohoa Emulated')));
  },
);

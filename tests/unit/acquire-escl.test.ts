// eSCL documents read and written without a device: capability documents in the shapes real
// devices publish (discrete and ranged resolutions, anisotropic entries, formats in
// DocumentFormatExt, duplex only as an AdfOption), status with job reasons, ScanSettings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deviceProblem,
  esclBaseUrl,
  nearestResolution,
} from '../../electron/core/acquire/esclDriver';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromAnnouncement } from '../../electron/core/acquire/esclDiscovery';
import { filePinStore } from '../../electron/core/acquire/esclHttps';
import {
  buildScanSettings,
  chooseDocumentFormat,
  inputCapsFor,
  parseCapabilities,
  parseScanSettings,
  parseStatus,
  toDeviceCapabilities,
} from '../../electron/core/acquire/esclXml';

// Shaped after a multifunction printer's document (HP-style): platen with a resolution range,
// an ADF that announces duplex only in AdfOptions, formats both in pwg: and scan: elements.
const CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"
  xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.5</pwg:Version>
  <pwg:MakeAndModel>HP Color LaserJet MFP M479fdw</pwg:MakeAndModel>
  <scan:UUID>1c852a4d-b800-1f08-abcd-3c2af4a1b2c3</scan:UUID>
  <scan:Platen><scan:PlatenInputCaps>
    <scan:MinWidth>8</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
    <scan:MinHeight>8</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats>
        <pwg:DocumentFormat>application/pdf</pwg:DocumentFormat>
        <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
        <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>
      </scan:DocumentFormats>
      <scan:SupportedResolutions>
        <scan:ResolutionRange>
          <scan:XResolution><scan:Min>75</scan:Min><scan:Max>600</scan:Max><scan:Step>1</scan:Step></scan:XResolution>
          <scan:YResolution><scan:Min>75</scan:Min><scan:Max>600</scan:Max><scan:Step>1</scan:Step></scan:YResolution>
        </scan:ResolutionRange>
      </scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles>
  </scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>
      <scan:MinWidth>8</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>8</scan:MinHeight><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution><scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>600</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:AdfSimplexInputCaps>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`;

test('capabilities: sources, duplex from AdfOptions, colour modes, resolutions, size', () => {
  const caps = parseCapabilities(CAPS);
  assert.equal(caps.makeAndModel, 'HP Color LaserJet MFP M479fdw');
  assert.equal(caps.platen?.formatExt, true);
  assert.deepEqual(caps.adfSimplex?.resolutions, [200], '300x600 is not square: not offered');
  const dc = toDeviceCapabilities(caps);
  assert.deepEqual(dc.sources, ['flatbed', 'feeder']);
  assert.equal(dc.duplex, true);
  assert.deepEqual(dc.colorModes, ['color', 'grey']);
  assert.deepEqual(dc.resolutions, [75, 100, 150, 200, 240, 300, 400, 600]);
  assert.equal(dc.maxWidthMm, 215.9);
  assert.equal(dc.maxHeightMm, 355.6);
  // Duplex without AdfDuplexInputCaps: the simplex caps govern.
  assert.equal(inputCapsFor(caps, { source: 'feeder', duplex: true }), caps.adfSimplex);
});

test('a document that is not eSCL is refused', () => {
  assert.throws(() => parseCapabilities('<html><body>login</body></html>'), /ScannerCapabilities/);
});

test('status: state, ADF state, this job’s reasons only', () => {
  const status = parseStatus(`<?xml version="1.0"?>
<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:State>Idle</pwg:State><scan:AdfState>ScannerAdfLoaded</scan:AdfState>
  <scan:Jobs>
    <scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/old</pwg:JobUri><pwg:JobState>Aborted</pwg:JobState>
      <pwg:JobStateReasons><pwg:JobStateReason>MediaJam</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>
    <scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/new</pwg:JobUri><pwg:JobState>Completed</pwg:JobState>
      <pwg:ImagesCompleted>4</pwg:ImagesCompleted>
      <pwg:JobStateReasons><pwg:JobStateReason>JobCompletedSuccessfully</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>
  </scan:Jobs>
</scan:ScannerStatus>`);
  assert.equal(status.state, 'Idle');
  assert.equal(status.jobs.length, 2);
  assert.equal(status.jobs[1]!.imagesCompleted, 4);
  const feeder = { source: 'feeder' as const };
  assert.equal(deviceProblem(status, feeder, 'http://h/eSCL/ScanJobs/new'), null);
  assert.equal(deviceProblem(status, feeder, 'http://h/eSCL/ScanJobs/old'), 'SCANNER_PAPER_JAM');
  assert.equal(
    deviceProblem({ ...status, adfState: 'ScannerAdfJam' }, feeder),
    'SCANNER_PAPER_JAM',
  );
  assert.equal(
    deviceProblem({ ...status, adfState: 'ScannerAdfDoorOpen' }, feeder),
    'SCANNER_COVER_OPEN',
  );
  // A jam in the feeder does not stop a flatbed scan.
  assert.equal(
    deviceProblem({ ...status, adfState: 'ScannerAdfJam' }, { source: 'flatbed' }),
    null,
  );
  assert.equal(deviceProblem({ ...status, state: 'Down' }, feeder), 'SCANNER_FAILED');
});

test('ScanSettings round trip: what we send is what a device reads', () => {
  const caps = parseCapabilities(CAPS);
  const input = caps.platen!;
  const fmt = chooseDocumentFormat(input, 'color');
  assert.equal(fmt, 'image/jpeg');
  const xml = buildScanSettings({
    settings: { source: 'flatbed', duplex: false, colorMode: 'grey', dpi: 300 },
    input,
    version: caps.version,
    documentFormat: fmt,
  });
  const back = parseScanSettings(xml);
  assert.deepEqual(back, {
    inputSource: 'Platen',
    colorMode: 'Grayscale8',
    xResolution: 300,
    yResolution: 300,
    duplex: false,
    documentFormat: 'image/jpeg',
    region: { width: 2480, height: 3508, xOffset: 0, yOffset: 0 },
  });
  assert.match(xml, /<pwg:Version>2\.5<\/pwg:Version>/);
  assert.doesNotMatch(xml, /Intent/, 'this device lists no intents: none is sent');
  const withIntent = buildScanSettings({
    settings: { source: 'flatbed', duplex: false, colorMode: 'color', dpi: 200 },
    input: { ...input, intents: ['Preview', 'Document'] },
    version: '2.63',
    documentFormat: 'image/jpeg',
  });
  assert.match(withIntent, /<scan:Intent>Document<\/scan:Intent>/);
  assert.doesNotMatch(xml, /Duplex/, 'a flatbed request says nothing of duplex');
});

test('addresses, as IT types them, become eSCL base URLs', () => {
  assert.equal(esclBaseUrl('192.168.1.20'), 'http://192.168.1.20/eSCL');
  assert.equal(esclBaseUrl('http://scanner.local:8080/'), 'http://scanner.local:8080/eSCL');
  assert.equal(esclBaseUrl('https://10.0.0.5/escl/'), 'https://10.0.0.5/escl');
  assert.throws(() => esclBaseUrl('ftp://10.0.0.5'));
});

test('the nearest offered resolution is the next finer one', () => {
  assert.equal(nearestResolution([150, 300, 600], 200), 300);
  assert.equal(nearestResolution([75, 100], 200), 100);
  assert.equal(nearestResolution([], 200), 200);
  assert.equal(nearestResolution([200, 300], 200), 200);
});

test('mDNS announcements become base URLs: IPv4 first, rs path, HTTPS for _uscans', () => {
  const base = {
    name: 'HP LaserJet MFP M428 [5C1E2A]',
    type: 'uscan',
    port: 8080,
    addresses: ['fe80::1', '2001:db8::7', '192.168.1.20'],
    txt: { RS: '/eSCL/', Ty: 'HP LaserJet MFP M428', UUID: 'abc' },
  };
  assert.deepEqual(fromAnnouncement(base, false), {
    baseUrl: 'http://192.168.1.20:8080/eSCL',
    name: 'HP LaserJet MFP M428',
    uuid: 'abc',
  });
  assert.equal(
    fromAnnouncement({ ...base, addresses: ['fe80::1', '2001:db8::7'], txt: {} }, true)?.baseUrl,
    'https://[2001:db8::7]:8080/eSCL',
  );
  assert.equal(fromAnnouncement({ ...base, addresses: [], referer: undefined }, false), null);
});

test('certificate pins survive a restart (a new store on the same file)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-pins-'));
  try {
    const file = path.join(dir, 'escl-pins.json');
    filePinStore(file).set('10.0.0.5:443', 'AA:BB');
    filePinStore(file).set('10.0.0.6:443', 'CC:DD');
    const again = filePinStore(file);
    assert.equal(again.get('10.0.0.5:443'), 'AA:BB');
    assert.equal(again.get('10.0.0.6:443'), 'CC:DD');
    assert.equal(again.get('10.0.0.7:443'), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

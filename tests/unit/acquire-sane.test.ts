// scanimage's output read without a scanner: the device list and `-A` option listings in the
// shapes real backends print (a Fujitsu feeder scanner over `net:`, sane-airscan, the test
// backend), and the command line built for each kind of scan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseDeviceList,
  parseOptions,
  saneError,
  scanPlan,
  sourceValue,
  toCapabilities,
} from '../../electron/core/acquire/saneOptions';

const FUJITSU = `
All options specific to device \`net:10.0.0.9:fujitsu:fi-7260:1208958':
  Standard:
    --source Flatbed|ADF Front|ADF Back|ADF Duplex [ADF Front]
        Selects the scan source (such as a document-feeder).
    --mode Lineart|Halftone|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 50..600dpi (in steps of 1) [600]
        Sets the resolution of the scanned image.
  Geometry:
    -l 0..215.872mm (in steps of 0.0211639) [0]
    -t 0..355.6mm (in steps of 0.0211639) [0]
    -x 0..215.872mm (in steps of 0.0211639) [215.872]
    -y 0..355.6mm (in steps of 0.0211639) [279.364]
    --page-width 0..224.846mm (in steps of 0.0211639) [215.872]
`;

const AIRSCAN = `
All options specific to device \`airscan:e0:Office MFP':
  Standard:
    --resolution 75|100|150|200|300|600dpi [300]
        Sets the resolution of the scanned image.
    --mode Color|Gray [Color]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --source Flatbed|ADF|ADF Duplex [Flatbed]
        Selects the scan source (such as a document-feeder).
  Geometry:
    -l 0..215.9mm [0]
    -t 0..297.011mm [0]
    -x 0..215.9mm [215.9]
    -y 0..297.011mm [297.011]
  Enhancement:
    --three-pass[=(yes|no)] [inactive]
`;

test('device list: tab-separated fields, names with spaces kept', () => {
  const devices = parseDeviceList(
    'airscan:e0:Office MFP\teSCL\tOffice MFP\tip=10.0.0.7\ntest:0\tNoname\tfrontend-tester\tvirtual device\n\n',
  );
  assert.deepEqual(
    devices.map((d) => [d.id, d.name]),
    [
      ['airscan:e0:Office MFP', 'eSCL Office MFP'],
      ['test:0', 'Noname frontend-tester'],
    ],
  );
  assert.deepEqual(parseDeviceList(''), []);
});

test('options of a feeder scanner: ranges, lists, duplex, geometry', () => {
  const options = parseOptions(FUJITSU);
  assert.deepEqual(options.get('resolution'), { kind: 'range', min: 50, max: 600 });
  const caps = toCapabilities(options);
  assert.deepEqual(caps.sources, ['flatbed', 'feeder']);
  assert.equal(caps.duplex, true);
  assert.deepEqual(caps.colorModes, ['color', 'grey', 'bw']);
  assert.equal(caps.maxWidthMm, 215.872);
  assert.equal(caps.maxHeightMm, 355.6);
  assert.equal(sourceValue(options, { source: 'feeder', duplex: false }), 'ADF Front');
  assert.equal(sourceValue(options, { source: 'feeder', duplex: true }), 'ADF Duplex');
  assert.equal(sourceValue(options, { source: 'flatbed', duplex: false }), 'Flatbed');
});

test('options listed as discrete values (sane-airscan); inactive options ignored', () => {
  const options = parseOptions(AIRSCAN);
  assert.deepEqual(options.get('resolution'), {
    kind: 'list',
    values: ['75', '100', '150', '200', '300', '600'],
  });
  assert.equal(options.has('three-pass'), false);
  const plan = scanPlan(
    'airscan:e0:Office MFP',
    options,
    { source: 'feeder', duplex: true, colorMode: 'grey', dpi: 250 },
    '/tmp/x',
  );
  assert.deepEqual(plan?.args, [
    '-d',
    'airscan:e0:Office MFP',
    '--source',
    'ADF Duplex',
    '--mode',
    'Gray',
    '--resolution',
    '300',
    '--format=jpeg',
    '--batch=/tmp/x/page-%03d.jpg',
    '--batch-print',
  ]);
  // Bilevel is not offered by this device: no plan rather than a wrong scan.
  assert.equal(
    scanPlan('d', options, { source: 'flatbed', duplex: false, colorMode: 'bw', dpi: 200 }, '/t'),
    null,
  );
});

test('a flatbed scan is a batch of one; a range clamps the resolution', () => {
  const plan = scanPlan(
    'net:fi',
    parseOptions(FUJITSU),
    { source: 'flatbed', duplex: false, colorMode: 'bw', dpi: 1200 },
    '/t',
  );
  assert.ok(plan);
  assert.equal(plan.dpi, 600);
  assert.equal(plan.ext, 'png');
  assert.ok(plan.args.includes('--batch-count=1'));
  assert.ok(plan.args.includes('Lineart'));
});

test('scanimage messages become typed errors', () => {
  assert.equal(saneError('scanimage: sane_read: Document feeder jammed'), 'SCANNER_PAPER_JAM');
  assert.equal(
    saneError('scanimage: sane_start: Document feeder out of documents'),
    'SCANNER_FEEDER_EMPTY',
  );
  assert.equal(saneError('scanimage: open of device x failed: Device busy'), 'SCANNER_BUSY');
  assert.equal(
    saneError('scanimage: open of device nope:0 failed: Invalid argument'),
    'SCANNER_NOT_FOUND',
  );
  assert.equal(
    saneError('scanimage: setting of option --mode failed (Invalid argument)'),
    'SCANNER_SETTINGS_UNSUPPORTED',
  );
  assert.equal(saneError('Scanning page 1'), null);
});

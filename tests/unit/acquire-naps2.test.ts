// The NAPS2 console adapter's pure parts: where the console is looked for, the command line
// for each kind of scan, and reading device lists, progress and NAPS2's own error messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  naps2Candidates,
  naps2Error,
  parseDeviceList,
  scanArgs,
  scannedPage,
  splitDeviceId,
} from '../../electron/core/acquire/naps2Console';

test('the console is looked for where the Windows installer puts it, SOHOA_NAPS2 first', () => {
  assert.deepEqual(
    naps2Candidates({
      SOHOA_NAPS2: 'D:\\Tools\\NAPS2.Console.exe',
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    }),
    [
      'D:\\Tools\\NAPS2.Console.exe',
      'C:\\Program Files\\NAPS2\\NAPS2.Console.exe',
      'C:\\Program Files (x86)\\NAPS2\\NAPS2.Console.exe',
    ],
  );
});

test('device lists: one name a line (CRLF on Windows), driver kept in the id', () => {
  const devices = parseDeviceList('Canon DR-C225\r\nWIA-HP LaserJet MFP M428\r\n\r\n', 'wia');
  assert.deepEqual(
    devices.map((d) => d.id),
    ['wia:Canon DR-C225', 'wia:WIA-HP LaserJet MFP M428'],
  );
  assert.equal(devices[0]!.kind, 'naps2');
  assert.deepEqual(splitDeviceId('twain:Fujitsu fi-7160 #2'), {
    driver: 'twain',
    name: 'Fujitsu fi-7160 #2',
  });
  assert.equal(splitDeviceId('escl-nope'), null);
  // "No scanning device was found." is a message, not a device.
  assert.deepEqual(parseDeviceList('No scanning device was found.\r\n', 'twain'), []);
});

test('scan command: no profile, every setting explicit, one numbered file per page', () => {
  const args = scanArgs(
    'twain:Fujitsu fi-7160',
    { source: 'feeder', duplex: true, colorMode: 'color', dpi: 200 },
    'C:\\Users\\clerk\\AppData\\Local\\Temp\\sohoa-naps2-x',
  );
  assert.deepEqual(args, [
    '--noprofile',
    '--driver',
    'twain',
    '--device',
    'Fujitsu fi-7160',
    '--source',
    'duplex',
    '--dpi',
    '200',
    '--bitdepth',
    'color',
    '--pagesize',
    'a4',
    '--jpegquality',
    '85',
    '-o',
    'C:\\Users\\clerk\\AppData\\Local\\Temp\\sohoa-naps2-x\\page-$(nnnn).jpg',
    '--force',
    '-v',
  ]);
  const flat = scanArgs(
    'wia:HP',
    { source: 'flatbed', duplex: false, colorMode: 'bw', dpi: 300 },
    '/tmp/o',
  );
  assert.deepEqual(flat.slice(5, 11), ['--source', 'glass', '--dpi', '300', '--bitdepth', 'bw']);
  assert.equal(flat.at(-3), '/tmp/o/page-$(nnnn).png');
  assert.throws(() =>
    scanArgs('nope', { source: 'flatbed', duplex: false, colorMode: 'bw', dpi: 1 }, '/t'),
  );
});

test('verbose output: pages counted, NAPS2 messages mapped to our error codes', () => {
  assert.equal(scannedPage('Scanned page 3.'), 3);
  assert.equal(scannedPage('Beginning scan...'), null);
  assert.equal(naps2Error('No pages are in the feeder.'), 'SCANNER_FEEDER_EMPTY');
  assert.equal(naps2Error('The scanner has a paper jam.'), 'SCANNER_PAPER_JAM');
  assert.equal(naps2Error('The selected scanner is busy.'), 'SCANNER_BUSY');
  assert.equal(naps2Error('The selected scanner is offline.'), 'SCANNER_UNREACHABLE');
  assert.equal(naps2Error('The selected scanner could not be found.'), 'SCANNER_NOT_FOUND');
  assert.equal(
    naps2Error('The selected scanner does not support using duplex. If your scanner …'),
    'SCANNER_SETTINGS_UNSUPPORTED',
  );
  assert.equal(naps2Error('Scanned page 1.'), null);
});

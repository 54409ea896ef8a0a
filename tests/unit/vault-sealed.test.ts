// The sealed file format: round trips whole and streamed (at record boundaries too), and every
// way of tampering with a sealed file (cut, reordered, flipped, another key) fails to open.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { DataKey } from '../../electron/core/vault/dataKey';
import {
  HEADER_BYTES,
  RECORD_BYTES,
  TAG_BYTES,
  openBuffer,
  sealBuffer,
} from '../../electron/core/vault/sealedFormat';
import { OpeningStream, SealingStream } from '../../electron/core/vault/sealedStreams';

const key = DataKey.generate();
const keyFor = () => key;

async function streamThrough(
  input: Buffer,
  make: () => NodeJS.ReadWriteStream,
  pieces = 7777,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += pieces) parts.push(input.subarray(i, i + pieces));
  return buffer(Readable.from(parts).pipe(make()));
}

test('whole and streamed sealing agree with each other at every awkward size', async () => {
  for (const size of [0, 1, RECORD_BYTES - 1, RECORD_BYTES, RECORD_BYTES + 1, 3 * RECORD_BYTES]) {
    const plain = randomBytes(size);
    const whole = sealBuffer(key, plain);
    const records = Math.max(1, Math.ceil(size / RECORD_BYTES));
    assert.equal(whole.length, HEADER_BYTES + size + records * TAG_BYTES, `size ${size}`);
    assert.ok(openBuffer(whole, keyFor).equals(plain), `whole ${size}`);
    const streamed = await streamThrough(plain, () => new SealingStream(key));
    assert.equal(streamed.length, whole.length);
    assert.ok(openBuffer(streamed, keyFor).equals(plain), `streamed seal ${size}`);
    const opened = await streamThrough(whole, () => new OpeningStream(keyFor), 5000);
    assert.ok(opened.equals(plain), `streamed open ${size}`);
  }
});

test('the same plain bytes seal differently each time and show nothing of themselves', () => {
  const plain = Buffer.from('Nguyễn Thị Mai 001203004567 '.repeat(100));
  const a = sealBuffer(key, plain);
  const b = sealBuffer(key, plain);
  assert.ok(!a.equals(b));
  assert.ok(!a.includes(Buffer.from('001203004567')));
  assert.ok(!a.includes(Buffer.from('Mai')));
});

test('a cut, a reorder, a flipped byte or another key never opens', async () => {
  const plain = randomBytes(3 * RECORD_BYTES + 100);
  const sealed = sealBuffer(key, plain);
  const step = RECORD_BYTES + TAG_BYTES;
  const attempts: [string, Buffer, DataKey][] = [
    ['cut after a record', sealed.subarray(0, HEADER_BYTES + 2 * step), key],
    ['cut inside a record', sealed.subarray(0, sealed.length - 50), key],
    ['last record dropped', sealed.subarray(0, HEADER_BYTES + 3 * step), key],
    [
      'records swapped',
      Buffer.concat([
        sealed.subarray(0, HEADER_BYTES),
        sealed.subarray(HEADER_BYTES + step, HEADER_BYTES + 2 * step),
        sealed.subarray(HEADER_BYTES, HEADER_BYTES + step),
        sealed.subarray(HEADER_BYTES + 2 * step),
      ]),
      key,
    ],
    ['a byte flipped', flip(sealed, HEADER_BYTES + step + 10), key],
    ['salt changed', flip(sealed, 30), key],
    ['another key', sealed, DataKey.generate()],
  ];
  for (const [what, bytes, k] of attempts) {
    assert.throws(() => openBuffer(bytes, () => k), /./, what);
    await assert.rejects(
      streamThrough(bytes, () => new OpeningStream(() => k)),
      /./,
      what,
    );
  }
});

test('a record of one file does not open inside another file', () => {
  const a = sealBuffer(key, randomBytes(100));
  const b = sealBuffer(key, randomBytes(100));
  const mixed = Buffer.concat([a.subarray(0, HEADER_BYTES), b.subarray(HEADER_BYTES)]);
  assert.throws(() => openBuffer(mixed, keyFor));
});

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] = (c[at] ?? 0) ^ 1;
  return c;
}

// The PIN retry policy (electron/core/host/pinLogin.ts) against a simulated token with a real
// retry counter: a wrong PIN asks again with what the token says, the final try is announced
// (and never spent by a fixed PIN nobody watches), a locked token is never tried, a cancel or too
// many wrong PINs end with a typed error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PinRequest } from '../../shared/contracts/host';
import { SohoaError } from '../../shared/errors';
import {
  environmentPinPrompt,
  loginWithPin,
  type PinLoginTarget,
} from '../../electron/core/host/pinLogin';

/** A token that locks after `tries` wrong PINs in a row (a good one resets the counter). */
function token(pin: string, tries: number) {
  let left = tries;
  const logins: string[] = [];
  const target: PinLoginTarget = {
    tokenLabel: 'VNPT-CA 0042',
    pinState: () => ({ finalTry: left === 1, locked: left === 0 }),
    login(candidate) {
      if (left === 0) return 'locked';
      logins.push(candidate);
      if (candidate === pin) {
        left = tries;
        return 'ok';
      }
      left--;
      return 'incorrect';
    },
  };
  return { target, logins, left: () => left };
}

/** A clerk who types these answers in turn (null = presses Cancel), recording each ask. */
function clerk(answers: (string | null)[]) {
  const asks: PinRequest[] = [];
  return {
    asks,
    askPin: (request: PinRequest) => {
      asks.push(request);
      return Promise.resolve(answers.shift() ?? null);
    },
  };
}

const failsWith = (code: string) => (e: unknown) => {
  assert.ok(e instanceof SohoaError, String(e));
  assert.equal(e.code, code);
  return true;
};

test('the right PIN: asked once, logged in', async () => {
  const t = token('123456', 5);
  const c = clerk(['123456']);
  await loginWithPin(t.target, { askPin: c.askPin });
  assert.deepEqual(c.asks, [{ tokenLabel: 'VNPT-CA 0042', attempt: 1 }]);
  assert.deepEqual(t.logins, ['123456']);
});

test('a wrong PIN then the right one: asked twice, the second time saying why', async () => {
  const t = token('123456', 5);
  const c = clerk(['111111', '123456']);
  await loginWithPin(t.target, { askPin: c.askPin });
  assert.equal(c.asks.length, 2);
  assert.equal(c.asks[1]?.attempt, 2);
  assert.equal(c.asks[1]?.lastError?.code, 'TOKEN_PIN_INCORRECT');
  assert.match(c.asks[1]?.lastError?.message.vi ?? '', /không đúng/);
});

test('the final try is announced before it is spent; cancelling there keeps it', async () => {
  const t = token('123456', 3);
  const c = clerk(['000000', '999999', null]);
  await assert.rejects(
    loginWithPin(t.target, { askPin: c.askPin }),
    failsWith('TOKEN_PIN_CANCELLED'),
  );
  assert.equal(c.asks[2]?.lastError?.code, 'TOKEN_PIN_FINAL_TRY');
  assert.match(c.asks[2]?.lastError?.message.vi ?? '', /PIN sai, còn 1 lần thử/);
  assert.equal(t.logins.length, 2, 'the third ask was cancelled: no login');
  assert.equal(t.left(), 1, 'the last try is still there');

  // Next signing: the very first ask already warns.
  const next = clerk(['123456']);
  await loginWithPin(t.target, { askPin: next.askPin });
  assert.equal(next.asks[0]?.lastError?.code, 'TOKEN_PIN_FINAL_TRY');
});

test('a cancel at the first ask tries nothing', async () => {
  const t = token('123456', 5);
  await assert.rejects(
    loginWithPin(t.target, { askPin: clerk([null]).askPin }),
    failsWith('TOKEN_PIN_CANCELLED'),
  );
  assert.deepEqual(t.logins, []);
});

test('at most maxAttempts wrong PINs per signing, then a typed error', async () => {
  const t = token('123456', 10);
  const c = clerk(['1', '2', '3', '4', '5']);
  await assert.rejects(
    loginWithPin(t.target, { askPin: c.askPin, maxAttempts: 3 }),
    failsWith('TOKEN_PIN_INCORRECT'),
  );
  assert.equal(t.logins.length, 3);
  assert.equal(c.asks.length, 3);
});

test('a locked token is never tried nor asked; locking on the way ends it', async () => {
  const locked = token('123456', 0);
  const c = clerk(['123456']);
  await assert.rejects(
    loginWithPin(locked.target, { askPin: c.askPin }),
    failsWith('TOKEN_PIN_LOCKED'),
  );
  assert.equal(c.asks.length, 0);

  const t = token('123456', 2);
  await assert.rejects(
    loginWithPin(t.target, { askPin: clerk(['0', '0', '0']).askPin }),
    failsWith('TOKEN_PIN_LOCKED'),
  );
  assert.equal(t.logins.length, 2);
});

test('a fixed PIN (SOHOA_PIN) is tried once, never on the final try; none at all is its own error', async () => {
  const t = token('123456', 3);
  await assert.rejects(loginWithPin(t.target, { pin: '000000' }), failsWith('TOKEN_PIN_INCORRECT'));
  assert.equal(t.logins.length, 1);
  await assert.rejects(loginWithPin(t.target, { pin: '000000' }), failsWith('TOKEN_PIN_FINAL_TRY'));
  assert.equal(t.logins.length, 2, 'the second run stopped at the final try');
  await assert.rejects(loginWithPin(t.target, { pin: '123456' }), failsWith('TOKEN_PIN_FINAL_TRY'));
  assert.equal(t.left(), 1);
  await assert.rejects(loginWithPin(token('1', 5).target, {}), failsWith('TOKEN_PIN_UNAVAILABLE'));
});

test('without a PIN window (web host): SOHOA_PIN is sent once, never on the final try', async () => {
  const right = token('123456', 3);
  await loginWithPin(right.target, { askPin: environmentPinPrompt({ SOHOA_PIN: '123456' }) });
  assert.deepEqual(right.logins, ['123456']);

  const t = token('123456', 3);
  const wrong = { askPin: environmentPinPrompt({ SOHOA_PIN: '000000' }) };
  await assert.rejects(loginWithPin(t.target, wrong), failsWith('TOKEN_PIN_INCORRECT'));
  assert.equal(t.logins.length, 1, 'not sent a second time');
  await assert.rejects(loginWithPin(t.target, wrong), failsWith('TOKEN_PIN_FINAL_TRY'));
  assert.equal(t.logins.length, 2);
  await assert.rejects(loginWithPin(t.target, wrong), failsWith('TOKEN_PIN_FINAL_TRY'));
  assert.equal(t.logins.length, 2, 'the final try is left to a person');

  const none = token('123456', 3);
  await assert.rejects(
    loginWithPin(none.target, { askPin: environmentPinPrompt({}) }),
    failsWith('TOKEN_PIN_UNAVAILABLE'),
  );
  assert.deepEqual(none.logins, []);
});

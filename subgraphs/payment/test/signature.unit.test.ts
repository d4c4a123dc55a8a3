import { describe, expect, it } from 'vitest';
import { checkCallbackSignature, signCallback } from '../src/provider/signature';

const SECRET = 'momo-webhook-secret-for-tests';
const OTHER_SECRET = 'another-webhook-secret-entirely';
const BODY = '{"referenceId":"ref-1","status":"SUCCESSFUL"}';
const NOW = Date.parse('2026-06-01T08:00:00Z');
const at = (secondsFromNow: number) => String(NOW / 1000 + secondsFromNow);

describe('MoMo callback signature', () => {
  it('accepts a body signed with the secret at the moment it arrives', () => {
    expect(checkCallbackSignature(SECRET, at(0), signCallback(SECRET, at(0), BODY), BODY, NOW)).toBeNull();
  });

  it('refuses a body changed after it was signed', () => {
    const signature = signCallback(SECRET, at(0), BODY);
    expect(checkCallbackSignature(SECRET, at(0), signature, BODY.replace('SUCCESSFUL', 'FAILED'), NOW)).toBe(
      'bad signature',
    );
  });

  it('refuses a body signed with another secret', () => {
    expect(checkCallbackSignature(SECRET, at(0), signCallback(OTHER_SECRET, at(0), BODY), BODY, NOW)).toBe(
      'bad signature',
    );
  });

  it('refuses an old signed body sent again with a fresh timestamp', () => {
    const signedLongAgo = signCallback(SECRET, at(-3600), BODY);
    expect(checkCallbackSignature(SECRET, at(0), signedLongAgo, BODY, NOW)).toBe('bad signature');
  });

  it('accepts a timestamp up to five minutes off either way and refuses one a second further', () => {
    const check = (offset: number) =>
      checkCallbackSignature(SECRET, at(offset), signCallback(SECRET, at(offset), BODY), BODY, NOW);
    expect([check(-300), check(300), check(-301), check(301)]).toEqual([
      null,
      null,
      'timestamp outside tolerance',
      'timestamp outside tolerance',
    ]);
  });

  it('refuses a missing or malformed timestamp or signature before computing anything', () => {
    const signature = signCallback(SECRET, at(0), BODY);
    expect([
      checkCallbackSignature(SECRET, null, signature, BODY, NOW),
      checkCallbackSignature(SECRET, '1.5e9', signature, BODY, NOW),
      checkCallbackSignature(SECRET, at(0), null, BODY, NOW),
      checkCallbackSignature(SECRET, at(0), signature.slice(2), BODY, NOW),
    ]).toEqual([
      'missing or malformed timestamp',
      'missing or malformed timestamp',
      'missing or malformed signature',
      'missing or malformed signature',
    ]);
  });
});
